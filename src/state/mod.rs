//! The app's state: [`State`], what it holds and what it answers; its [`Action`]s
//! (`action.rs`) and the reducer (`reduce.rs`), the only place it changes.
//!
//! `reduce` is pure. Fetching, file reading and parsing happen in callbacks and effects, which
//! dispatch their results here as actions.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use articles::catalog::newest_first;
use articles::facets::{Counts, FacetTable};
use articles::search::{DocId, SearchIndex};
use articles::{links, Article};

use crate::i18n::Lang;
use crate::reader_file::ReaderFile;
use crate::route::Route;
use crate::shared::Shared;
use crate::view::{TitleOrder, View};
use merge::merge;

mod action;
mod catalog;
mod connections;
mod entry;
mod hosted_search;
mod listing;
mod merge;
mod notice;
mod reduce;
mod restore;
mod settings;

pub use action::Action;
pub use catalog::{CatalogProgress, IdLookup, Unlisted};
pub use connections::{catalog_id, ArticleConnections, ConnectionShard, HostedConnections};
pub use entry::{BodyText, Entry, Origin, Removal};
pub use hosted_search::{HostedAnswer, HostedSearch};
pub use listing::{ahead_slice, index_slices, DROPPED, HOSTED, SEARCHED_BYTES};
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
