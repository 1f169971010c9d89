//! How far the hosted catalog has come, as one value: its listing (the catalog, then its
//! shards).

use articles::catalog::Catalog;

use super::{Loadable, Problem};

#[derive(Clone, Debug, PartialEq)]
pub struct CatalogProgress {
    /// Every article listed (`Ready`), still arriving, or the catalog could not be read.
    pub listing: Loadable<()>,
    /// Metadata shards still to arrive.
    shards_left: usize,
}

impl Default for CatalogProgress {
    fn default() -> Self {
        CatalogProgress {
            listing: Loadable::Loading,
            shards_left: 0,
        }
    }
}

impl CatalogProgress {
    /// The catalog arrived: its shards are still to come.
    pub(super) fn loaded(&mut self, catalog: &Catalog) {
        self.shards_left = catalog.shards.len();
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
}
