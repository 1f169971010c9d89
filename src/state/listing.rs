//! What the library lists: the search index kept in step with the entries, and the list
//! recomputed (search, then facets, then order) when the entries or the view change.

use articles::facets::{self, Facts};
use articles::search::{Document, Query};

use super::{Entry, State};
use crate::shared::Shared;
use crate::view::Sort;

impl State {
    /// Recomputes what the library lists, after the entries or the view changed: the search's
    /// matches, narrowed by the facets (whose counts are taken on the way), in the view's order.
    pub(super) fn refresh_shown(&mut self) {
        let query = Query::parse(&self.view.query);
        let found = self.index.borrow().search(&query);
        let candidates: Vec<(usize, u32)> = match found {
            None => (0..self.entries.len()).map(|at| (at, 0)).collect(),
            Some(found) => found
                .iter()
                .filter_map(|f| Some(((*self.positions.get(f.doc as usize)?)?, f.score)))
                .collect(),
        };
        let (accepted, counts) = facets::count(
            candidates.iter().map(|&(at, _)| facts(&self.entries[at])),
            &self.view.filters,
        );
        let unread_only = self.view.unread;
        let mut shown: Vec<(usize, u32)> = candidates
            .into_iter()
            .zip(accepted)
            .filter_map(|(candidate, accepted)| accepted.then_some(candidate))
            .filter(|&(at, _)| !unread_only || !self.read.contains(&self.entries[at].summary.id))
            .collect();
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
    pub(super) fn order(&self, shown: &mut [(usize, u32)]) {
        let dated = |at: usize| self.entries[at].summary.date.is_some();
        match self.view.order() {
            Sort::Auto | Sort::Newest => shown.sort_by_key(|&(at, _)| at),
            Sort::Relevance => shown.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0))),
            // Undated articles stay last, never vanish.
            Sort::Oldest => shown.sort_by(|a, b| {
                dated(b.0).cmp(&dated(a.0)).then_with(|| match dated(a.0) {
                    true => b.0.cmp(&a.0),
                    false => a.0.cmp(&b.0),
                })
            }),
            Sort::Title => shown.sort_by(|a, b| {
                let title = |at: usize| self.entries[at].summary.title.as_str();
                self.titles
                    .compare(title(a.0), title(b.0))
                    .then(a.0.cmp(&b.0))
            }),
        }
    }

    /// Puts an entry in the search index, with the body text when it is known.
    pub(super) fn index_entry(&self, entry: &Entry, body: Option<&str>) {
        let summary = &entry.summary;
        let categories: Vec<String> = summary.categories.iter().map(|p| p.join("/")).collect();
        let labels = summary
            .authors
            .iter()
            .chain(&summary.tags)
            .chain(&categories)
            .map(String::as_str)
            .collect();
        self.index.borrow_mut().add(&Document {
            id: &summary.id,
            title: &summary.title,
            labels,
            summary: &summary.excerpt,
            body: searched(
                body.or(entry.article.as_ref().map(|a| a.text.as_str()))
                    .unwrap_or(""),
            ),
        });
    }
}

/// Bytes of an article's text that search looks through: all of any ordinary article; a huge
/// one (a 20 MB dump) is searched in its first megabyte, so indexing it stays a short task.
const SEARCHED_BYTES: usize = 1 << 20;

/// The part of `text` search looks through.
fn searched(text: &str) -> &str {
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
        tags: &summary.tags,
        authors: &summary.authors,
        month: summary.date.as_ref().map(|d| (d.year, d.month)),
        lang: summary.lang.as_deref(),
        source: if entry.original.is_some() {
            DROPPED
        } else {
            HOSTED
        },
    }
}
