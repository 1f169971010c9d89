//! The app's state and the only place it changes: [`State`], [`Action`] and the reducer.
//!
//! `reduce` is pure. Fetching, file reading and parsing happen in callbacks and effects, which
//! dispatch their results here as actions.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use articles::catalog::{newest_first, Catalog};
use articles::facets::{Counts, FacetTable};
use articles::fidelity::Fidelity;
use articles::search::{DocId, Found, SearchIndex};
use articles::{links, Article, Summary};
use yew::Reducible;

use crate::i18n::Lang;
use crate::reader_file::ReaderFile;
use crate::route::Route;
use crate::shared::Shared;
use crate::view::{TitleOrder, View};
use merge::merge;

mod catalog;
mod connections;
mod entry;
mod hosted_search;
mod listing;
mod merge;
mod notice;
mod restore;
mod settings;

pub use catalog::{CatalogProgress, IdLookup, Unlisted};
pub use connections::{catalog_id, ArticleConnections, ConnectionShard, HostedConnections};
pub use entry::{BodyText, Entry, Origin, Removal};
pub use hosted_search::{HostedAnswer, HostedSearch};
pub use listing::{index_slices, DROPPED, HOSTED, SEARCHED_BYTES};
pub use notice::Notice;
pub use settings::{Images, Layout, ListPlace, RemoteImages, Theme};

/// Something that arrives later.
#[derive(Clone, Debug, PartialEq)]
pub enum Loadable<T> {
    Loading,
    Ready(T),
    Failed(Problem),
}

/// Why something could not be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No article has the id in the address.
    NotFound,
    /// A fetch or a parse failed, with the browser's or server's words.
    Failed(String),
}

/// Everything the interface shows.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub lang: Lang,
    /// The colour theme on screen: the reader's choice, else the system's.
    pub theme: Theme,
    /// How the library lays out its articles.
    pub layout: Layout,
    /// Whether other sites' pictures load.
    pub images: Images,
    /// The browser keeps nothing for this page, and the reader was told.
    pub no_storage: bool,
    /// Where the reader left the library's list, kept while an article is open.
    pub list_place: Option<ListPlace>,
    pub route: Route,
    /// The library's search, filters and order (also in the address while the library shows).
    pub view: View,
    /// Views the reader chose (a facet, an order) so far: each is a step in the history.
    pub view_steps: usize,
    /// Facet counts for the current view.
    pub counts: Shared<Counts>,
    /// How titles are ordered: the browser's collation (pinyin for Chinese) in the app.
    pub titles: TitleOrder,
    /// The articles the reader has finished.
    pub read: Shared<HashSet<String>>,
    /// How far the hosted catalog has come.
    pub catalog: CatalogProgress,
    /// The hosted catalog's search index and its answer to the search.
    pub hosted_search: HostedSearch,
    /// The hosted catalog's backlinks and related articles, as far as they were fetched.
    pub hosted_connections: HostedConnections,
    /// Hosted and dropped articles, newest first.
    pub entries: Shared<Vec<Entry>>,
    /// Positions in `entries` of the articles the search lets through, best first.
    pub shown: Shared<Vec<usize>>,
    /// Every entry, indexed for search. Changed in place (through the cell) as entries come
    /// and go, never copied: with the facet table, the part of the state too large to clone per
    /// action.
    pub index: Shared<RefCell<SearchIndex>>,
    /// Every document's facet values, numbered, so a keystroke counts the facets in arrays:
    /// changed in place with the index, under its documents.
    facets: Shared<RefCell<FacetTable>>,
    /// For each document of the index, its entry's position in `entries`: rebuilt when the
    /// entries change, so a keystroke only looks positions up.
    positions: Shared<Vec<Option<usize>>>,
    /// The article being read, by id.
    pub reading: Option<(String, Loadable<Shared<Article>>)>,
    /// A message about the last thing that happened to the reader's files.
    pub notice: Option<Notice>,
    /// What was just removed, kept for a few seconds so the removal can be undone.
    pub removed: Removal,
    /// Kept files the reader removed while storage was still reading them back (see
    /// `restore.rs`): what storage brings of them goes to the removal, not the list.
    dismissed: Rc<HashSet<String>>,
    /// Bytes this site uses in the browser's storage, when known.
    pub storage_used: Option<f64>,
    /// Files done and in all while an import runs.
    pub importing: Option<(usize, usize)>,
    /// What the parts of a large drop added so far did, told when its last part arrives.
    arriving: Tally,
    /// Hosted articles already fetched and parsed, by id: opening one again costs nothing.
    pub fetched: Rc<BTreeMap<String, Shared<Article>>>,
}

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

impl State {
    pub fn new(lang: Lang, route: Route) -> State {
        State::with_view(lang, route, View::default())
    }

    /// A state opened on `route` with the library's `view` (both from the address).
    pub fn with_view(lang: Lang, route: Route, view: View) -> State {
        let mut state = State {
            lang,
            theme: Theme::Light,
            layout: Layout::default(),
            images: Images::default(),
            no_storage: false,
            list_place: None,
            route: Route::Library,
            view: View::default(),
            view_steps: 0,
            counts: Shared::default(),
            titles: TitleOrder::default(),
            read: Shared::default(),
            catalog: CatalogProgress::default(),
            hosted_search: HostedSearch::default(),
            hosted_connections: HostedConnections::default(),
            entries: Shared::default(),
            shown: Shared::default(),
            index: Shared::default(),
            facets: Shared::default(),
            positions: Shared::default(),
            reading: None,
            notice: None,
            removed: Removal::default(),
            dismissed: Rc::default(),
            storage_used: None,
            importing: None,
            arriving: Tally::default(),
            fetched: Rc::default(),
        };
        state.view = view;
        state.navigate(route);
        state
    }

    /// Starts with the articles the reader finished before.
    pub fn with_read(mut self, read: HashSet<String>) -> State {
        self.read = Shared::new(read);
        self
    }

    /// Starts with the theme, layout and pictures rule the reader chose before (or the
    /// system's theme).
    pub fn with_settings(mut self, (theme, layout, images): (Theme, Layout, Images)) -> State {
        self.theme = theme;
        self.layout = layout;
        self.images = images;
        self
    }

    /// Orders titles with `titles`.
    pub fn with_titles(mut self, titles: TitleOrder) -> State {
        self.titles = titles;
        self
    }

    /// The entry with `id`.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.summary.id == id)
    }

    /// The ids of the articles the reader brought in.
    pub fn dropped_ids(&self) -> Vec<String> {
        self.entries
            .iter()
            .filter(|e| e.origin.is_readers())
            .map(|e| e.summary.id.clone())
            .collect()
    }

    /// How many articles the reader brought in.
    pub fn dropped_count(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.origin.is_readers())
            .count()
    }

    /// The articles before and after `id` in the list as it is ordered and filtered now.
    pub fn neighbours(&self, id: &str) -> (Option<&Entry>, Option<&Entry>) {
        let Some(at) = self
            .shown
            .iter()
            .position(|&p| self.entries[p].summary.id == id)
        else {
            return (None, None);
        };
        let entry = |position: Option<usize>| {
            position
                .and_then(|p| self.shown.get(p))
                .map(|&p| &self.entries[p])
        };
        (entry(at.checked_sub(1)), entry(Some(at + 1)))
    }

    /// The entries matching the search, in list order.
    pub fn visible(&self) -> Vec<&Entry> {
        self.shown.iter().map(|&at| &self.entries[at]).collect()
    }

    /// The hosted article that needs fetching: its id and catalog path.
    pub fn pending_fetch(&self) -> Option<(String, String)> {
        match &self.reading {
            Some((id, Loadable::Loading)) => self
                .entry(id)
                .filter(|e| e.article.is_none() && e.origin == Origin::Hosted)
                .map(|e| (id.clone(), e.summary.path.clone())),
            _ => None,
        }
    }

    fn navigate(&mut self, route: Route) {
        // A link by name becomes the article's own route once the article is known; the app
        // then writes that route into the address.
        let route = match route {
            Route::Find { name } => match self.find(&name) {
                Some(id) => Route::Read { id },
                None => Route::Find { name },
            },
            other => other,
        };
        let key = catalog::link_key(&route).unwrap_or_default();
        self.reading = match &route {
            Route::Library => None,
            Route::Read { id } => Some((id.clone(), self.availability(id, &key))),
            Route::Find { name } => Some((name.clone(), self.availability(name, &key))),
        };
        self.route = route;
    }

    /// The id of the article a link names: by file name (the id's last segment), then by
    /// title, ignoring case.
    fn find(&self, name: &str) -> Option<String> {
        let by = |matches: &dyn Fn(&Entry) -> bool| {
            self.entries
                .iter()
                .find(|e| matches(e))
                .map(|e| e.summary.id.clone())
        };
        by(&|e| links::names_by_file(name, &e.summary.id))
            .or_else(|| by(&|e| links::names_by_title(name, &e.summary.title)))
    }

    /// What can be said about an article right now (`id` as a link names it, `key` its key in
    /// the catalog's files of ids): in memory, to be fetched, or missing.
    fn availability(&self, id: &str, key: &str) -> Loadable<Shared<Article>> {
        match self.entry(id) {
            Some(Entry {
                article: Some(article),
                ..
            }) => Loadable::Ready(article.clone()),
            Some(_) => self.fetched.get(id).map_or(Loadable::Loading, |article| {
                Loadable::Ready(article.clone())
            }),
            // A shard not fetched yet may list it (they are fetched one by one while it is not).
            None if self.catalog.more_to_come(key) => Loadable::Loading,
            None => Loadable::Failed(Problem::NotFound),
        }
    }

    /// Re-checks the open article after the library changed.
    fn refresh_reading(&mut self) {
        if let Some((_, Loadable::Loading | Loadable::Failed(Problem::NotFound))) = &self.reading {
            self.navigate(self.route.clone());
        }
    }

    /// Adds entries, an entry with the same id replacing the old one; returns how many were
    /// new, how many replaced an older version, and how many were already there unchanged.
    fn add_entries(&mut self, added: Vec<Entry>) -> Tally {
        let mut tally = Tally::default();
        // The last of several arrivals with one id wins.
        let added: HashMap<String, Entry> = added
            .into_iter()
            .map(|entry| (entry.summary.id.clone(), entry))
            .collect();
        let mut fresh = Vec::new();
        let mut replacing = Vec::new();
        for (id, entry) in added {
            match self.position(&id) {
                None => fresh.push(entry),
                Some(at)
                    if self.entries[at].origin.file().is_some()
                        && self.entries[at].origin == entry.origin =>
                {
                    tally.unchanged += 1
                }
                Some(at) => replacing.push((at, entry)),
            }
        }
        tally.added = fresh.len();
        tally.replaced = replacing.len();
        if !replacing.is_empty() {
            self.replace_entries(replacing, fresh);
        } else if !fresh.is_empty() {
            self.merge_entries(fresh);
        }
        tally
    }

    /// Where the entry with `id` is in `entries`.
    fn position(&self, id: &str) -> Option<usize> {
        let doc = self.index.borrow().doc(id)?;
        self.positions.get(doc as usize).copied().flatten()
    }

    /// Merges new entries into the list: a large library is neither sorted nor counted again
    /// for a shard or a part of a drop, so no arrival costs a long task.
    fn merge_entries(&mut self, mut fresh: Vec<Entry>) {
        // Ids are unique here and break ties, so an unstable sort is exact (and smaller: each
        // stable sort the page links is kilobytes of code).
        fresh.sort_unstable_by(|a, b| newest_first(&a.summary, &b.summary));
        let docs: Vec<DocId> = fresh.iter().map(|e| self.index_entry(e)).collect();
        let merged = merge(&self.entries, fresh, |a, b| {
            newest_first(&a.summary, &b.summary)
        });
        let mut positions: Vec<Option<usize>> = self
            .positions
            .iter()
            .map(|at| at.map(|at| merged.moved[at]))
            .collect();
        positions.resize(self.index.borrow().documents(), None);
        for (&doc, &at) in docs.iter().zip(&merged.placed) {
            positions[doc as usize] = Some(at);
        }
        self.entries = Shared::new(merged.items);
        self.positions = Shared::new(positions);
        self.refresh_shown_after_adding(&merged.moved, &merged.placed);
    }

    /// Puts new versions of entries in place of the old ones (their dates may have changed, so
    /// the list is sorted again), with some new entries.
    fn replace_entries(&mut self, replacing: Vec<(usize, Entry)>, fresh: Vec<Entry>) {
        let mut entries: Vec<Entry> = (*self.entries).clone();
        for (at, entry) in replacing {
            self.index_entry(&entry);
            entries[at] = entry;
        }
        for entry in &fresh {
            self.index_entry(entry);
        }
        entries.extend(fresh);
        entries.sort_unstable_by(|a, b| newest_first(&a.summary, &b.summary));
        self.entries = Shared::new(entries);
        self.refresh_positions();
        self.refresh_shown();
    }

    /// The hosted search index to search and the query, while its answer is missing.
    pub fn hosted_search_wanted(&self) -> Option<(Rc<articles::search::hosted::Meta>, String)> {
        self.hosted_search.wanted(&self.view.query)
    }

    /// Whether the list waits for the hosted index's answer (it shows what titles, labels and
    /// excerpts match until then).
    pub fn hosted_search_pending(&self) -> bool {
        self.hosted_search.answer(&self.view.query) == HostedAnswer::Pending
    }

    /// Why the hosted index could not answer the search, if it could not.
    pub fn hosted_search_failure(&self) -> Option<String> {
        match self.hosted_search.answer(&self.view.query) {
            HostedAnswer::Failed(reason) => Some(reason.to_owned()),
            _ => None,
        }
    }

    /// A new view; a new search may fetch shards for its matches.
    fn set_view(&mut self, view: View) {
        if view.query != self.view.query {
            self.catalog.new_view(!view.query.trim().is_empty());
        }
        self.view = view;
        self.refresh_shown();
    }

    fn remove(&mut self, ids: &[String], files: Option<Vec<Rc<ReaderFile>>>) {
        let (removed, kept): (Vec<Entry>, Vec<Entry>) = self
            .entries
            .iter()
            .cloned()
            .partition(|e| e.origin.is_readers() && ids.contains(&e.summary.id));
        if removed.is_empty() {
            return;
        }
        self.notice = Some(Notice::Removed {
            titles: removed.iter().map(|e| e.summary.title.clone()).collect(),
        });
        for entry in &removed {
            self.index.borrow_mut().remove(&entry.summary.id);
        }
        self.dismiss_restoring(&removed);
        self.removed = Removal {
            files: files.unwrap_or_else(|| {
                removed
                    .iter()
                    .filter_map(|e| e.origin.file().cloned())
                    .collect()
            }),
            entries: removed,
        };
        self.entries = Shared::new(kept);
        self.refresh_positions();
        self.refresh_shown();
        if matches!(&self.route, Route::Read { id } if ids.contains(id)) {
            self.navigate(Route::Library);
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::CatalogLoaded(Ok(catalog)) => {
                next.catalog.loaded(&catalog);
                next.hosted_connections
                    .set_shards(catalog.connections, catalog.build_dir());
                next.hosted_search.set_meta(catalog.search_index);
                next.add_hosted(0, catalog.articles, None);
            }
            Action::FetchingShard(shard) => next.catalog.fetching_shard(shard),
            Action::ShardLoaded {
                shard,
                offset,
                summaries,
                more,
            } => {
                let first = next.catalog.first_number(shard, offset);
                next.add_hosted(first, summaries, (!more).then_some(shard));
            }
            Action::ShardFailed { shard, reason } => {
                next.catalog.failed(Some(shard), reason);
                next.refresh_reading();
            }
            Action::ListMore => next.catalog.ask_more(),
            Action::LookingUp(key) => next.catalog.looking_up(key),
            Action::LookedUp { key, result } => {
                next.catalog.looked_up(key, result);
                next.refresh_reading();
            }
            // An answer to a query the reader has typed past is not kept.
            Action::HostedFound { query, result } => {
                if query != next.view.query {
                    return self;
                }
                next.hosted_search.answered(query, result);
                next.refresh_shown();
            }
            Action::CatalogLoaded(Err(message)) => {
                next.catalog.failed(None, message);
                next.refresh_reading();
            }
            Action::FetchingConnections(shard) => next.fetching_connections(shard),
            Action::ConnectionsLoaded { shard, result } => {
                next.hosted_connections.loaded(shard, result);
            }
            Action::Navigate(route) => {
                if route == next.route {
                    return self;
                }
                next.navigate(route);
            }
            Action::Search(query) => {
                let view = View {
                    query,
                    ..next.view.clone()
                };
                next.set_view(view);
            }
            Action::SetView(view) => {
                if view == next.view {
                    return self;
                }
                next.set_view(view);
            }
            Action::ChooseView(view) => {
                if view == next.view {
                    return self;
                }
                next.view_steps += 1;
                next.set_view(view);
            }
            Action::ArticleLoaded { id, result } => match &next.reading {
                Some((open, Loadable::Loading)) if *open == id => {
                    if let Ok(article) = &result {
                        Rc::make_mut(&mut next.fetched).insert(id.clone(), article.clone());
                    }
                    next.reading = Some((
                        id,
                        result
                            .map_or_else(|e| Loadable::Failed(Problem::Failed(e)), Loadable::Ready),
                    ));
                }
                // A late answer for an article the reader has already left.
                _ => return self,
            },
            Action::FilesArriving(entries) => {
                let text = listing::arriving_slice(&entries);
                let tally = next.add_entries(entries);
                next.index_some(text);
                next.arriving = next.arriving.plus(tally);
                next.refresh_reading();
            }
            Action::FilesAdded {
                entries,
                skipped,
                beside,
                fidelity,
            } => {
                let text = listing::arriving_slice(&entries);
                let tally = std::mem::take(&mut next.arriving).plus(next.add_entries(entries));
                next.index_some(text);
                next.notice = Some(Notice::FilesAdded {
                    added: tally.added,
                    replaced: tally.replaced,
                    unchanged: tally.unchanged,
                    skipped,
                    beside,
                    fidelity,
                });
                next.refresh_reading();
            }
            Action::FilesRestored(entries) => {
                next.restore_entries(entries);
                next.refresh_reading();
            }
            Action::RestoreFinished => {
                next.restore_finished();
                next.refresh_reading();
            }
            Action::IndexSome => {
                if next.unindexed() == 0 {
                    return self;
                }
                next.index_some(listing::INDEX_SLICE_BYTES);
            }
            Action::Remove { ids, files } => next.remove(&ids, files),
            Action::Undo => {
                let removed = std::mem::take(&mut next.removed);
                next.undismiss(&removed.entries);
                next.add_entries(removed.entries);
                next.notice = None;
            }
            Action::ForgetRemoved => {
                next.removed = Removal::default();
                if next.notice.as_ref().is_some_and(Notice::undo) {
                    next.notice = None;
                }
            }
            Action::StorageFailed(message) => {
                if !next.no_storage {
                    next.notice = Some(Notice::StorageFailed(message));
                }
            }
            Action::NoStorage(message) => {
                next.no_storage = true;
                next.notice = Some(Notice::NoStorage(message));
            }
            Action::StorageUsed(bytes) => next.storage_used = Some(bytes),
            Action::Notify(notice) => next.notice = Some(notice),
            Action::Importing(progress) => next.importing = progress,
            Action::SetLang(lang) => next.lang = lang,
            Action::SetTheme(theme) => next.theme = theme,
            Action::SetLayout(layout) => next.layout = layout,
            Action::SetRemoteImages(mode) => next.images.mode = mode,
            Action::AllowImagesFrom(host) => {
                Rc::make_mut(&mut next.images.allowed).insert(host);
            }
            Action::ListLeft(place) => next.list_place = Some(place),
            Action::Reread { id, article } => {
                let mut entries = (*next.entries).clone();
                if let Some(entry) = entries.iter_mut().find(|e| e.summary.id == id) {
                    if entry.article.is_some() {
                        entry.summary = Rc::new(Summary::of(&entry.summary.path, &article));
                        entry.article = Some(article.clone());
                    } else {
                        Rc::make_mut(&mut next.fetched).insert(id.clone(), article.clone());
                    }
                    next.index_entry(entry);
                }
                next.entries = Shared::new(entries);
                if matches!(&next.reading, Some((open, _)) if *open == id) {
                    next.reading = Some((id, Loadable::Ready(article)));
                }
                next.refresh_positions();
                next.refresh_shown();
            }
            Action::MarkRead(id) => {
                if next.read.contains(&id) {
                    return self;
                }
                let mut read = (*next.read).clone();
                read.insert(id);
                next.read = Shared::new(read);
                if next.view.unread {
                    next.refresh_shown();
                }
            }
        }
        Rc::new(next)
    }
}

/// What adding entries did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    added: usize,
    replaced: usize,
    unchanged: usize,
}

impl Tally {
    fn plus(self, other: Tally) -> Tally {
        Tally {
            added: self.added + other.added,
            replaced: self.replaced + other.replaced,
            unchanged: self.unchanged + other.unchanged,
        }
    }
}

#[cfg(test)]
mod tests;
