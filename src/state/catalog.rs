//! How far the hosted catalog has come, as one value: its listing (the catalog, then its
//! shards) and its articles' search text (asked for on the first search, once every article
//! it belongs to is listed).

use articles::catalog::Catalog;

use super::{Loadable, Problem};

#[derive(Clone, Debug, PartialEq)]
pub struct CatalogProgress {
    /// Every article listed (`Ready`), still arriving, or the catalog could not be read.
    pub listing: Loadable<()>,
    /// Metadata shards still to arrive.
    shards_left: usize,
    text: SearchText,
}

/// Where the catalog's search text is.
#[derive(Clone, Debug, PartialEq)]
enum SearchText {
    /// Not asked for yet: the shards that hold it.
    Waiting(Vec<String>),
    /// Asked for: this many shards still to arrive.
    Arriving(usize),
    /// All in, or there is none.
    Complete,
}

impl Default for CatalogProgress {
    fn default() -> Self {
        CatalogProgress {
            listing: Loadable::Loading,
            shards_left: 0,
            text: SearchText::Complete,
        }
    }
}

impl CatalogProgress {
    /// The catalog arrived: its shards and its search text are still to come.
    pub(super) fn loaded(&mut self, catalog: &Catalog) {
        self.shards_left = catalog.shards.len();
        self.text = if catalog.search.is_empty() {
            SearchText::Complete
        } else {
            SearchText::Waiting(catalog.search.clone())
        };
    }

    /// The last part of a shard arrived.
    pub(super) fn shard_done(&mut self) {
        self.shards_left = self.shards_left.saturating_sub(1);
    }

    /// Articles were listed: once no shard is left, the listing is complete.
    pub(super) fn listed(&mut self) {
        if self.shards_left == 0 {
            self.listing = Loadable::Ready(());
        }
    }

    pub(super) fn failed(&mut self, message: String) {
        self.listing = Loadable::Failed(Problem::Failed(message));
    }

    /// The search shards to fetch now, if they are waiting and every article is listed (text
    /// for an article not yet listed would have nowhere to go).
    pub fn text_wanted(&self) -> Option<Vec<String>> {
        match &self.text {
            SearchText::Waiting(shards) if self.listing == Loadable::Ready(()) => {
                Some(shards.clone())
            }
            _ => None,
        }
    }

    /// The search shards were asked for.
    pub(super) fn text_requested(&mut self) {
        if let SearchText::Waiting(shards) = &self.text {
            self.text = SearchText::Arriving(shards.len());
        }
    }

    /// A search shard arrived whole.
    pub(super) fn text_shard_done(&mut self) {
        if let SearchText::Arriving(left) = self.text {
            self.text = match left.saturating_sub(1) {
                0 => SearchText::Complete,
                left => SearchText::Arriving(left),
            };
        }
    }

    /// Whether hosted articles' text is still to come (a search sees only their titles and
    /// summaries until then).
    pub fn text_pending(&self) -> bool {
        self.text != SearchText::Complete
    }
}
