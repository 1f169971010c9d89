//! What the library lists: the search index kept in step with the entries, and the list
//! recomputed (search, then facets, then order) when the entries or the view change.

use std::cmp::Ordering;
use std::collections::VecDeque;

use articles::facets::Facts;
use articles::search::{by_relevance, in_list_order, listed_matches, DocId, Document, Query};

use super::merge::merge;
use super::{Entry, HostedAnswer, Origin, State};
use crate::shared::Shared;
use crate::view::Sort;

impl State {
    /// Recomputes what the library lists, after the entries or the view changed: the search's
    /// matches, narrowed by the facets (whose counts are taken on the way), in the view's order.
    /// This runs on every key typed, over up to every article of the library.
    pub(super) fn refresh_shown(&mut self) {
        let mut found = self.index.borrow().search(&Query::parse(&self.view.query));
        if let (Some(found), HostedAnswer::Found(hosted)) =
            (found.as_mut(), self.hosted_search.answer(&self.view.query))
        {
            // The hosted index saw the whole text of hosted articles, the in-memory one only
            // their titles, labels and excerpts: its answer stands for them.
            found.retain(|f| !self.is_hosted(f.doc));
            found.extend(hosted);
            found.sort_unstable_by_key(|f| f.doc);
        }
        let candidates = listed_matches(found, &self.positions, self.entries.len());
        let (accepted, counts) = self.facets.borrow().count(
            candidates.iter().map(|&(_, doc, _)| doc),
            &self.view.filters,
        );
        let kept = candidates
            .into_iter()
            .zip(accepted)
            .filter(|&((at, _, _), accepted)| accepted && self.listable(at))
            .map(|((at, _, score), _)| (at, score))
            .collect();
        let mut shown = in_list_order(kept, self.entries.len());
        self.order(&mut shown);
        self.shown = Shared::new(shown.into_iter().map(|(at, _)| at).collect());
        self.counts = Shared::new(counts);
    }

    /// Maps the index's documents to positions in `entries`, after either changed.
    pub(super) fn refresh_positions(&mut self) {
        let index = self.index.borrow();
        let mut positions = vec![None; index.documents()];
        for (at, entry) in self.entries.iter().enumerate() {
            if let Some(slot) = index
                .doc(&entry.summary.id)
                .and_then(|doc| positions.get_mut(doc as usize))
            {
                *slot = Some(at);
            }
        }
        drop(index);
        self.positions = Shared::new(positions);
    }

    /// Orders positions in `entries` (which are newest first, undated last) with their scores.
    /// Positions are unique, so unstable sorts are exact (and smaller code than stable ones).
    pub(super) fn order(&self, shown: &mut Vec<(usize, u32)>) {
        match self.view.order() {
            // As `compare` orders them: `by_relevance` keeps list order among equal scores, so
            // it is given the list in that order (one pass when it is, as after a search).
            Sort::Relevance => {
                shown.sort_unstable_by_key(|&(at, _)| at);
                by_relevance(shown);
            }
            // Newest first is list order: a sort of a sorted list is one pass.
            _ => shown.sort_unstable_by(|&a, &b| self.compare(a, b)),
        }
    }

    /// How two listed entries (positions in `entries`, with scores) compare in the view's order.
    fn compare(&self, (a, a_score): (usize, u32), (b, b_score): (usize, u32)) -> Ordering {
        let dated = |at: usize| self.entries[at].summary.date.is_some();
        match self.view.order() {
            Sort::Auto | Sort::Newest => a.cmp(&b),
            Sort::Relevance => b_score.cmp(&a_score).then(a.cmp(&b)),
            // Undated articles stay last, never vanish.
            Sort::Oldest => dated(b).cmp(&dated(a)).then_with(|| match dated(a) {
                true => b.cmp(&a),
                false => a.cmp(&b),
            }),
            Sort::Title => {
                let title = |at: usize| self.entries[at].summary.title.as_str();
                self.titles.compare(title(a), title(b)).then(a.cmp(&b))
            }
        }
    }

    /// Lists entries just merged in: old positions moved as `moved` says, the new ones are at
    /// `added`. Without a search, only the new entries are filtered, counted and placed;
    /// a search is run again over everything (its scores depend on the whole library).
    pub(super) fn refresh_shown_after_adding(&mut self, moved: &[usize], added: &[usize]) {
        if !self.view.query.trim().is_empty() {
            return self.refresh_shown();
        }
        let index = self.index.borrow();
        let arrived: Vec<(usize, DocId)> = added
            .iter()
            .filter_map(|&at| Some((at, index.doc(&self.entries[at].summary.id)?)))
            .collect();
        drop(index);
        let (accepted, counts) = self
            .facets
            .borrow()
            .count(arrived.iter().map(|&(_, doc)| doc), &self.view.filters);
        let mut arrivals: Vec<(usize, u32)> = arrived
            .into_iter()
            .zip(accepted)
            .filter(|&((at, _), accepted)| accepted && self.listable(at))
            .map(|((at, _), _)| (at, 0))
            .collect();
        self.order(&mut arrivals);
        let listed: Vec<(usize, u32)> = self.shown.iter().map(|&at| (moved[at], 0)).collect();
        let merged = merge(&listed, arrivals, |&a, &b| self.compare(a, b));
        self.shown = Shared::new(merged.items.into_iter().map(|(at, _)| at).collect());
        let mut all = (*self.counts).clone();
        all.absorb(counts);
        self.counts = Shared::new(all);
    }

    /// Whether a document of the index is a hosted article's.
    fn is_hosted(&self, doc: DocId) -> bool {
        let at = self.positions.get(doc as usize).copied().flatten();
        at.and_then(|at| self.entries.get(at))
            .is_some_and(|entry| entry.origin == Origin::Hosted)
    }

    /// Whether the "unread only" switch lets an entry through.
    fn listable(&self, at: usize) -> bool {
        !self.view.unread || !self.read.contains(&self.entries[at].summary.id)
    }

    /// Numbers an entry in the search index and puts its facet values in the facet table under
    /// the same document: from now on it is listed, filtered and counted. Its text (a hosted
    /// one's title, labels and excerpt: the hosted index has the rest) waits for
    /// [`State::index_some`], so thousands of stored articles are listed before every word of
    /// them is read.
    pub(super) fn index_entry(&self, entry: &Entry) -> DocId {
        let doc = self.index.borrow_mut().reserve(&entry.summary.id);
        self.facets.borrow_mut().set(doc, &facts(entry));
        doc
    }

    /// Indexes the text of the entries waiting for it, in the order they were numbered, about
    /// `budget` bytes of it (at least one entry); then a search is run again, as it may find
    /// more now.
    pub(super) fn index_some(&mut self, budget: usize) {
        let mut index = self.index.borrow_mut();
        let mut bytes = 0;
        while let Some(doc) = index.next_waiting() {
            if bytes > budget {
                break;
            }
            // An entry removed or replaced since has no position (or another document).
            let entry = self
                .positions
                .get(doc as usize)
                .copied()
                .flatten()
                .and_then(|at| self.entries.get(at))
                .filter(|entry| index.doc(&entry.summary.id) == Some(doc));
            let Some(entry) = entry else {
                index.fill_next(None);
                continue;
            };
            // Its article is still in storage: indexing waits for it (see `restore`).
            if entry.origin.is_stored() {
                break;
            }
            bytes += text_bytes(entry);
            with_document(entry, |document| index.fill_next(Some(document)));
        }
        drop(index);
        if !self.view.query.trim().is_empty() {
            self.refresh_shown();
        }
    }

    /// Indexes the text of entries not listed yet (see [`SearchIndex::index_ahead`]): a drop's
    /// articles as the parsing workers hand them over, so listing them later reads nothing.
    /// Nothing shown changes: the list shows only entries it has placed.
    ///
    /// [`SearchIndex::index_ahead`]: articles::search::SearchIndex::index_ahead
    pub(super) fn index_ahead(&self, entries: &[Entry]) {
        let mut index = self.index.borrow_mut();
        for entry in entries {
            with_document(entry, |document| index.index_ahead(document));
        }
    }

    /// Lets go of the text of entries indexed ahead and not listed (a cancelled drop's).
    pub(super) fn forget_ahead(&self, ids: &[String]) {
        self.index
            .borrow_mut()
            .forget_ahead(ids.iter().map(String::as_str));
    }

    /// How many entries wait for their text to be indexed (they are not found by a search
    /// until then).
    pub fn unindexed(&self) -> usize {
        self.index.borrow().waiting()
    }
}

/// Text indexed in one slice when the page is idle: some 20 ms of work on a slow machine's
/// browser (10 000 articles, 13.6 MB, indexed in 1.8 s), so the page answers between slices.
pub(super) const INDEX_SLICE_BYTES: usize = 160 * 1024;

/// Text indexed with a part of a drop as it is listed: all of it, up to a slice (the import
/// then indexes the rest a slice a task, see [`index_slices`]). Indexing a whole part of 200
/// articles like the reference one, some 750 KB of text, was a task of 100 ms.
pub(super) fn arriving_slice(entries: &[Entry]) -> usize {
    text_of(entries).min(INDEX_SLICE_BYTES)
}

/// The next of `arrived` to index ahead of their listing in one task: about `budget` bytes of
/// text (at least one article), and how many bytes they are.
pub fn ahead_slice(arrived: &mut VecDeque<Entry>, budget: usize) -> (Vec<Entry>, usize) {
    let mut bytes = 0;
    let mut slice = Vec::new();
    while bytes < budget.max(1) {
        let Some(entry) = arrived.pop_front() else {
            break;
        };
        bytes += text_bytes(&entry);
        slice.push(entry);
    }
    (slice, bytes)
}

/// An entry's text as search reads it, handed to `index`.
fn with_document<R>(entry: &Entry, index: impl FnOnce(&Document) -> R) -> R {
    let summary = &entry.summary;
    let labels = summary.labels();
    let body = entry.article.as_ref().map_or("", |a| searched(&a.text));
    index(&summary.document(&labels, body))
}

/// How many slices of indexing the text of `entries` takes, at most.
pub fn index_slices(entries: &[Entry]) -> usize {
    text_of(entries) / INDEX_SLICE_BYTES + 1
}

/// About how many bytes of text indexing `entries` reads.
fn text_of(entries: &[Entry]) -> usize {
    entries.iter().map(text_bytes).sum()
}

/// About how many bytes of text indexing an entry reads.
pub(super) fn text_bytes(entry: &Entry) -> usize {
    let body = entry
        .article
        .as_ref()
        .map_or(0, |a| searched(&a.text).len());
    body + entry.summary.excerpt.len() + 64
}

/// Bytes of an article's text that search looks through: all of any ordinary article (some
/// 80 000 words); a huge one (a 20 MB dump) is searched in its first half megabyte, so
/// indexing it stays a short task (a megabyte took some 60 ms in the browser). The reader's
/// view says so on such an article of the reader's own.
pub const SEARCHED_BYTES: usize = 1 << 19;

/// The part of `text` search looks through.
pub(super) fn searched(text: &str) -> &str {
    if text.len() <= SEARCHED_BYTES {
        return text;
    }
    let mut end = SEARCHED_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Where an article comes from, as the source facet names it.
pub const HOSTED: &str = "hosted";
pub const DROPPED: &str = "dropped";

/// What the facets see of an entry.
fn facts(entry: &Entry) -> Facts<'_> {
    let summary = &entry.summary;
    Facts {
        categories: &summary.categories,
        // A reader's file's path starts with `dropped/`: their files are one folder, "My files".
        path: &summary.path,
        tags: &summary.tags,
        authors: &summary.authors,
        month: summary.date.as_ref().map(|d| (d.year, d.month)),
        lang: summary.lang.as_deref(),
        source: if entry.origin.is_readers() {
            DROPPED
        } else {
            HOSTED
        },
    }
}
