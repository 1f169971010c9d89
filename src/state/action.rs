//! Everything that can happen to the state: the actions the reducer ([`super::reduce`]) takes,
//! dispatched by callbacks and effects with what they found.

use std::rc::Rc;

use articles::catalog::Catalog;
use articles::fidelity::Fidelity;
use articles::search::Found;
use articles::{Article, Summary};

use super::{ConnectionShard, Entry, Layout, ListPlace, Notice, RemoteImages, Theme};
use crate::i18n::Lang;
use crate::reader_file::ReaderFile;
use crate::route::Route;
use crate::shared::Shared;
use crate::view::View;

/// Everything that can happen to the state.
#[derive(Debug)]
pub enum Action {
    /// The hosted catalog (its shards follow, as they are wanted), or why it could not be read.
    CatalogLoaded(Result<Catalog, String>),
    /// A shard of the catalog is being fetched.
    FetchingShard(usize),
    /// Part of a shard of the catalog, from `offset` in it; with `more` when the rest of the
    /// shard follows.
    ShardLoaded {
        shard: usize,
        offset: usize,
        summaries: Vec<Summary>,
        more: bool,
    },
    /// A shard of the catalog could not be read: why.
    ShardFailed {
        shard: usize,
        reason: String,
    },
    /// The catalog's file of ids is being read for the article a link names (by its key in
    /// them, `IdLookup::key`).
    LookingUp(String),
    /// Which shard the catalog's file of ids says holds the article a link names (by its key;
    /// `None`: no shard), or why it could not be read.
    LookedUp {
        key: String,
        result: Result<Option<usize>, String>,
    },
    /// The reader asked for more of a large hosted library's list (older articles, or more of
    /// what a search found among them).
    ListMore,
    /// A shard of the hosted catalog's connections is being fetched.
    FetchingConnections(usize),
    /// A shard of the hosted catalog's connections, or why it could not be read.
    ConnectionsLoaded {
        shard: usize,
        result: Result<ConnectionShard, String>,
    },
    /// The hosted search index's answer to a query (by catalog numbers), or why it has none.
    HostedFound {
        query: String,
        result: Result<Vec<Found>, String>,
    },
    Navigate(Route),
    /// The reader typed in the search field.
    Search(String),
    /// The address changed the library's view (a link followed, Back or Forward).
    SetView(View),
    /// The reader chose a view in the filter panel (a step Back can undo).
    ChooseView(View),
    ArticleLoaded {
        id: String,
        result: Result<Shared<Article>, String>,
    },
    /// Some of a large drop, already parsed: added without a word, the rest follows.
    FilesArriving(Vec<Entry>),
    /// Files the reader dropped or opened (the last of them for a large drop), already parsed,
    /// and the names of skipped files.
    FilesAdded {
        entries: Vec<Entry>,
        skipped: Vec<String>,
        /// The new names of files kept beside another of the same name.
        beside: Vec<String>,
        /// What Lectern made of a large drop.
        fidelity: Option<Fidelity>,
    },
    /// Files kept from an earlier visit, a part at a time: first listed from their stored
    /// summaries (`Origin::Stored`), then with their files and articles as storage reads them
    /// (see `restore`).
    FilesRestored(Vec<Entry>),
    /// Storage has read every kept file.
    RestoreFinished,
    /// A slice of the text of articles already listed goes into the search index (while any
    /// waits; see `State::index_some`). Stored articles and catalog shards wait for these,
    /// taken when the page is idle, so they are listed sooner; a drop's are indexed as its
    /// parts arrive, as much text as each brings, in the gaps while the page waits on the
    /// parsing workers (put off to idle time, 10 000 dropped files were searchable 5 s after
    /// they were listed).
    IndexSome,
    /// Articles of a drop being parsed, indexed for search before they are listed, in the
    /// gaps while the page waits on the parsing workers: listing them then reads nothing
    /// more (see `State::index_ahead`). Nothing shown changes.
    IndexAhead(Vec<Entry>),
    /// Articles indexed ahead that will not be listed as they were indexed: a cancelled
    /// drop's, or one whose later version (of the same id) was not indexed ahead in time.
    ForgetAhead(Vec<String>),
    /// The reader removes articles they brought in; `files` are what an undo stores again (for
    /// "remove all", every stored file, pictures included; by default the entries' files).
    Remove {
        ids: Vec<String>,
        files: Option<Vec<Rc<ReaderFile>>>,
    },
    /// The last removal is taken back.
    Undo,
    /// The time to undo is over.
    ForgetRemoved,
    /// Storing files failed; they stay usable in this tab.
    StorageFailed(String),
    /// The browser keeps nothing for this page (no storage at all: a page opened from disk in
    /// some browsers, a private window): said once, at the start; writes then fail silently.
    NoStorage(String),
    StorageUsed(f64),
    /// Something to tell the reader.
    Notify(Notice),
    /// How far an import has come; `None` when it is over.
    Importing(Option<(usize, usize)>),
    /// The reader switched the interface language.
    SetLang(Lang),
    /// The reader switched the colour theme.
    SetTheme(Theme),
    /// The reader switched the library's layout.
    SetLayout(Layout),
    /// The reader chose whether other sites' pictures load.
    SetRemoteImages(RemoteImages),
    /// The reader let pictures from this site load (under *ask*).
    AllowImagesFrom(String),
    /// The library's list left the page (an article opened) at this place.
    ListLeft(ListPlace),
    /// The reader finished an article.
    MarkRead(String),
    /// An article read again (in another encoding).
    Reread {
        id: String,
        article: Shared<Article>,
    },
}
