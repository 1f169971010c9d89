//! The hosted catalog: how far it has come, as one value (its listing: the catalog, then its
//! shards, shard by shard), and the state's side of it (hosted articles arriving, which shard
//! to fetch next, what the list leaves out).
//!
//! A library of up to [`START_SHARDS`] shards (20 000 articles at the default shard size) is
//! listed whole at the start, newest first. A larger one lists its newest [`START_SHARDS`]
//! shards; the others are fetched only when they are wanted (see `State::catalog_shard_wanted`):
//! for an article a link names, for the search index's matches among them, or when the reader
//! asks for older articles. A million articles' metadata is some 170 MB gzipped: nobody should
//! download it to read the newest.

use std::rc::Rc;

use articles::catalog::{id_file, Catalog, Summary};
use articles::links::{bare_name, name_key};
use articles::search::DocId;

use super::{catalog_id, Entry, HostedAnswer, Loadable, Origin, Problem, State};
use crate::route::Route;

/// Shards listed at the start, newest first.
pub(super) const START_SHARDS: usize = 20;

/// Shards fetched for the matches of a search among older articles before the reader asks for
/// more (each shard is some 170 KB gzipped).
pub(super) const SEARCH_SHARDS: usize = 4;

/// Matches of a search listed before it stops fetching shards by itself: a screenful of cards.
/// At a million articles a shard lists one or two matches of a typical query for some 170 KB
/// gzipped: worth it while the list is nearly empty, not to lengthen a list already there.
pub(super) const SEARCH_LISTED: usize = 20;

/// Shards fetched each time the reader asks for more of the list.
pub(super) const MORE_SHARDS: usize = 4;

#[derive(Clone, Debug, PartialEq)]
pub struct CatalogProgress {
    /// The articles listed at the start (`Ready`), still arriving, or the catalog could not be
    /// read.
    pub listing: Loadable<()>,
    /// Each shard of the catalog, by number: its path and how far it is.
    shards: Rc<Vec<(String, ShardState)>>,
    /// Articles in each shard but the last; 0 when the catalog does not say, and its shards are
    /// then all listed at the start, in order.
    shard_size: usize,
    /// Articles listed in the catalog itself, before its shards' (catalog numbers from 0).
    in_catalog: usize,
    /// The build's folder and how many files in it say which shard holds each id and name
    /// (none: a link to an article not listed walks the shards).
    dir: String,
    id_files: usize,
    /// The key of the article a link names (see [`link_key`]) and which shard its file of
    /// ids said holds it (`None`: no shard).
    looked_up: Option<(String, Loadable<Option<usize>>)>,
    /// Articles in the library, listed or not.
    count: usize,
    /// Hosted articles listed so far.
    listed: usize,
    /// Shards that may still be fetched for the current view without the reader asking.
    pub(super) budget: usize,
    /// The reader asked for more of this view's list.
    pub(super) asked: bool,
}

/// A look-up in the catalog's files of ids for the article a link names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdLookup {
    /// The file of ids to read, relative to the catalog.
    pub path: String,
    /// The article's key in it: its catalog id, or its name's (`links::name_key`).
    pub key: String,
}

/// The key under which the catalog's files of ids list the article `route` names: its catalog
/// id, or for a link by name, the name's (`links::name_key`, which no id can be).
pub(super) fn link_key(route: &Route) -> Option<String> {
    match route {
        Route::Read { id } => Some(catalog_id(id).to_owned()),
        Route::Find { name } => Some(name_key(bare_name(name))),
        Route::Library => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ShardState {
    Waiting,
    Fetching,
    Listed,
    Failed,
}

impl Default for CatalogProgress {
    fn default() -> Self {
        CatalogProgress {
            listing: Loadable::Loading,
            shards: Rc::default(),
            shard_size: 0,
            in_catalog: 0,
            dir: String::new(),
            id_files: 0,
            looked_up: None,
            count: 0,
            listed: 0,
            budget: 0,
            asked: false,
        }
    }
}

impl CatalogProgress {
    /// The catalog arrived: its shards are still to come.
    pub(super) fn loaded(&mut self, catalog: &Catalog) {
        self.shards = Rc::new(
            catalog
                .shards
                .iter()
                .map(|path| (path.clone(), ShardState::Waiting))
                .collect(),
        );
        self.shard_size = catalog.shard_size;
        self.in_catalog = catalog.articles.len();
        self.dir = catalog.build_dir().to_owned();
        self.id_files = catalog.id_files;
        self.count = catalog.count.max(catalog.articles.len());
    }

    /// Whether shards are fetched as they are wanted, past the start.
    fn lazy(&self) -> bool {
        self.shard_size > 0
    }

    /// The next shard of the start's listing, or the next older one when `older` (an article a
    /// link names is not listed yet, or the reader asked for more), while none is on its way.
    pub(super) fn next_in_order(&self, older: bool) -> Option<usize> {
        if self.fetching() {
            return None;
        }
        let next = self
            .shards
            .iter()
            .position(|(_, state)| *state == ShardState::Waiting)?;
        (next < START_SHARDS || !self.lazy() || older).then_some(next)
    }

    /// The shard holding catalog number `number`, when it is still to be fetched and none is on
    /// its way.
    pub(super) fn waiting_shard_of(&self, number: usize) -> Option<usize> {
        let shard = number
            .checked_sub(self.in_catalog)?
            .checked_div(self.shard_size)?;
        self.fetchable(shard)
    }

    /// `shard`, when it is still to be fetched and none is on its way.
    fn fetchable(&self, shard: usize) -> Option<usize> {
        let waiting = self.shards.get(shard)?.1 == ShardState::Waiting;
        (waiting && !self.fetching()).then_some(shard)
    }

    /// The file of ids holding `key` (see [`link_key`]), unless it was read already.
    fn id_file_for(&self, key: &str) -> Option<String> {
        let asked = self
            .looked_up
            .as_ref()
            .is_some_and(|(asked, _)| asked == key);
        (!asked).then(|| id_file(&self.dir, self.id_files, key))?
    }

    /// Whether the shard holding the article under `key` is to be found through the files of
    /// ids rather than by walking the shards (no such files, or reading them failed).
    fn looks_up(&self, key: &str) -> bool {
        self.id_files > 0
            && !matches!(&self.looked_up, Some((asked, Loadable::Failed(_))) if asked == key)
    }

    /// The shard the files of ids said holds the article under `key`, when it is still to be
    /// fetched.
    fn looked_up_shard(&self, key: &str) -> Option<usize> {
        match &self.looked_up {
            Some((asked, Loadable::Ready(Some(shard)))) if asked == key => self.fetchable(*shard),
            _ => None,
        }
    }

    /// The files of ids are being read for `key`.
    pub(super) fn looking_up(&mut self, key: String) {
        self.looked_up = Some((key, Loadable::Loading));
    }

    /// The files of ids answered for `key`: the shard holding it, none, or why they could not.
    pub(super) fn looked_up(&mut self, key: String, result: Result<Option<usize>, String>) {
        if self
            .looked_up
            .as_ref()
            .is_some_and(|(asked, _)| *asked == key)
        {
            let answer =
                result.map_or_else(|e| Loadable::Failed(Problem::Failed(e)), Loadable::Ready);
            self.looked_up = Some((key, answer));
        }
    }

    /// A shard's path.
    pub fn path(&self, shard: usize) -> Option<&str> {
        self.shards.get(shard).map(|(path, _)| path.as_str())
    }

    fn fetching(&self) -> bool {
        self.shards
            .iter()
            .any(|(_, state)| *state == ShardState::Fetching)
    }

    /// Whether a shard is on its way (the list may grow).
    pub fn busy(&self) -> bool {
        self.listing == Loadable::Loading || self.fetching()
    }

    /// Hosted articles not listed yet: in shards not fetched (or that could not be).
    pub fn unlisted(&self) -> usize {
        self.count.saturating_sub(self.listed)
    }

    /// Whether some shard may still list the article a link names (under `key`, see
    /// [`link_key`]): while the start is listed, then the shard its file of ids names (none: it
    /// is not in the library), or any shard not listed yet.
    pub(super) fn more_to_come(&self, key: &str) -> bool {
        if self.listing == Loadable::Loading {
            return true;
        }
        let unlisted =
            |state: ShardState| matches!(state, ShardState::Waiting | ShardState::Fetching);
        match &self.looked_up {
            Some((asked, Loadable::Ready(found))) if asked == key => found
                .and_then(|shard| self.shards.get(shard))
                .is_some_and(|(_, state)| unlisted(*state)),
            _ => self.shards.iter().any(|(_, state)| unlisted(*state)),
        }
    }

    /// Shard `shard` is being fetched.
    pub(super) fn fetching_shard(&mut self, shard: usize) {
        if shard >= START_SHARDS {
            self.budget = self.budget.saturating_sub(1);
        }
        self.set(shard, ShardState::Fetching);
    }

    /// The catalog number of the first of `summaries` arriving from `shard` at `offset`.
    pub(super) fn first_number(&self, shard: usize, offset: usize) -> usize {
        if self.lazy() {
            self.in_catalog + shard * self.shard_size + offset
        } else {
            // Shards of unknown size are listed in order: the next number is the count so far.
            self.listed
        }
    }

    /// Articles were listed (`done`: the last of shard `shard`); once the start's shards are
    /// listed, so is the library.
    pub(super) fn listed(&mut self, count: usize, done: Option<usize>) {
        self.listed += count;
        if let Some(shard) = done {
            self.set(shard, ShardState::Listed);
        }
        let start = if self.lazy() {
            START_SHARDS
        } else {
            usize::MAX
        };
        let started = self
            .shards
            .iter()
            .take(start)
            .all(|(_, state)| *state == ShardState::Listed);
        if started && self.listing == Loadable::Loading {
            self.listing = Loadable::Ready(());
        }
    }

    /// The catalog (or shard `shard` of it) could not be read.
    pub(super) fn failed(&mut self, shard: Option<usize>, message: String) {
        if let Some(shard) = shard {
            self.set(shard, ShardState::Failed);
        }
        self.listing = Loadable::Failed(Problem::Failed(message));
    }

    /// A new view: its search may fetch a few shards of matches by itself.
    pub(super) fn new_view(&mut self, searching: bool) {
        self.budget = if searching { SEARCH_SHARDS } else { 0 };
        self.asked = false;
    }

    /// The reader asked for more of the list.
    pub(super) fn ask_more(&mut self) {
        self.budget += MORE_SHARDS;
        self.asked = true;
    }

    fn set(&mut self, shard: usize, state: ShardState) {
        if let Some(slot) = Rc::make_mut(&mut self.shards).get_mut(shard) {
            slot.1 = state;
        }
    }
}

/// What the list leaves out of a large hosted library (whose older shards are fetched as they
/// are wanted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unlisted {
    None,
    /// Older articles, not listed yet.
    Older(usize),
    /// Articles the search found among older articles, not listed yet.
    Found(usize),
}

/// The catalog as the state lists it: hosted articles arriving, and which shard to fetch next.
impl State {
    /// Adds hosted articles, the first of them catalog number `first`; `done` is the shard
    /// whose last part they are.
    pub(super) fn add_hosted(
        &mut self,
        first: usize,
        summaries: Vec<Summary>,
        done: Option<usize>,
    ) {
        self.catalog.listed(summaries.len(), done);
        let ids: Vec<String> = summaries.iter().map(|s| s.id.clone()).collect();
        self.add_entries(
            summaries
                .into_iter()
                .map(|summary| Entry {
                    summary: Rc::new(summary),
                    article: None,
                    origin: Origin::Hosted,
                })
                .collect(),
        );
        let index = self.index.borrow();
        // One per catalog number, so the numbers after a missing one still line up.
        let docs: Vec<DocId> = ids
            .iter()
            .map(|id| index.doc(id).unwrap_or(DocId::MAX))
            .collect();
        drop(index);
        let numbers = first..first + docs.len();
        self.hosted_search.listed(first, docs);
        // Adding them ran the search again, before they had catalog numbers: once more only
        // when the index's answer has some of them (each part of a shard would otherwise
        // search the whole library twice).
        if self.hosted_search.found_among(&self.view.query, numbers) {
            self.refresh_shown();
        }
        self.refresh_reading();
    }

    /// The shard of the hosted catalog to fetch next, and its path, while one is wanted: the
    /// start's, in order; for an article a link names (by id or by name) that is not listed,
    /// the shard the catalog's file of ids names (or, without such files, the next older
    /// one); and, within the view's budget, the shard of the first match of the search
    /// not listed (or, without a search, the next older one).
    pub fn catalog_shard_wanted(&self) -> Option<(usize, String)> {
        let link = self.unresolved_link_key();
        // A link is looked up in the files of ids, when the catalog has them; else it walks
        // the shards.
        let looked_up = link.as_deref().filter(|key| self.catalog.looks_up(key));
        let walk = link.is_some() && looked_up.is_none();
        let shard = self
            .catalog
            .next_in_order(walk)
            .or_else(|| looked_up.and_then(|key| self.catalog.looked_up_shard(key)))
            .or_else(|| self.shard_for_view())?;
        Some((shard, self.catalog.path(shard)?.to_owned()))
    }

    /// The file of ids that says which shard holds the article a link names, and its key in
    /// it, once the start is listed without it.
    pub fn id_lookup_wanted(&self) -> Option<IdLookup> {
        let key = self.unresolved_link_key()?;
        if self.catalog.listing == Loadable::Loading || !self.catalog.looks_up(&key) {
            return None;
        }
        Some(IdLookup {
            path: self.catalog.id_file_for(&key)?,
            key,
        })
    }

    /// The key (see [`link_key`]) of the article a link names while no listed article
    /// answers it.
    fn unresolved_link_key(&self) -> Option<String> {
        let unresolved = matches!(
            &self.reading,
            Some((id, Loadable::Loading)) if self.entry(id).is_none()
        );
        unresolved.then(|| link_key(&self.route))?
    }

    /// A shard for the list the reader sees, within the view's budget (see `CatalogProgress`).
    fn shard_for_view(&self) -> Option<usize> {
        // Cheap tests first: this runs at every render, and the answer below is built anew.
        if self.catalog.budget == 0 || self.catalog.unlisted() == 0 {
            return None;
        }
        if self.view.query.trim().is_empty() {
            return self.catalog.next_in_order(true);
        }
        match self.hosted_search.answer(&self.view.query) {
            HostedAnswer::Found(listed) => {
                // Enough to read on: more only when the reader asks.
                if listed.len() >= SEARCH_LISTED && !self.catalog.asked {
                    return None;
                }
                self.hosted_search
                    .unlisted(&self.view.query)?
                    .find_map(|number| self.catalog.waiting_shard_of(number))
            }
            HostedAnswer::Pending => None,
            // Only titles are searched: older articles when the reader asks.
            _ => self
                .catalog
                .asked
                .then(|| self.catalog.next_in_order(true))?,
        }
    }

    /// What the list leaves out of a large hosted library, for now.
    pub fn unlisted(&self) -> Unlisted {
        if self.catalog.unlisted() == 0 {
            return Unlisted::None;
        }
        if let Some(found) = self.hosted_search.unlisted(&self.view.query) {
            return match found.count() {
                0 => Unlisted::None,
                n => Unlisted::Found(n),
            };
        }
        Unlisted::Older(self.catalog.unlisted())
    }
}
