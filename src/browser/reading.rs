//! What the reader has read: how far into each article they got, and which they finished. Kept
//! in `localStorage` (small, per article), so it survives reloads.

use std::collections::HashSet;

use crate::browser::page::local_storage as storage;

const AT_PREFIX: &str = "lectern.at.";
const READ_PREFIX: &str = "lectern.read.";

/// How far into the article `id` the reader got, as a fraction of it.
pub fn position(id: &str) -> Option<f64> {
    storage()?
        .get_item(&format!("{AT_PREFIX}{id}"))
        .ok()
        .flatten()?
        .parse()
        .ok()
}

/// Remembers how far into `id` the reader is.
pub fn keep_position(id: &str, fraction: f64) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&format!("{AT_PREFIX}{id}"), &format!("{fraction:.4}"));
    }
}

/// Marks `id` as read.
pub fn mark_read(id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&format!("{READ_PREFIX}{id}"), "1");
    }
}

/// Every article marked read.
pub fn read_ids() -> HashSet<String> {
    let Some(storage) = storage() else {
        return HashSet::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|key| key.strip_prefix(READ_PREFIX).map(str::to_owned))
        .collect()
}
