//! What the reader has read: how far into each article they got, and which they finished. Kept
//! in `localStorage` (small, per article), so it survives reloads.

use std::collections::HashSet;

use crate::browser::page::local_storage as storage;

const AT_PREFIX: &str = "lectern.at.";
const READ_PREFIX: &str = "lectern.read.";

/// How far into the article `id` the reader got, as a fraction of it.
pub fn position(id: &str) -> Option<f64> {
    let kept = storage()?.get_item(&format!("{AT_PREFIX}{id}")).ok()??;
    // The browser's number reading and writing, not Rust's: they cost the page kilobytes.
    let fraction = js_sys::Number::parse_float(&kept);
    (!fraction.is_nan()).then_some(fraction)
}

/// Remembers how far into `id` the reader is.
pub fn keep_position(id: &str, fraction: f64) {
    let written = js_sys::Number::from(fraction)
        .to_fixed(4)
        .ok()
        .and_then(|s| s.as_string());
    if let (Some(storage), Some(written)) = (storage(), written) {
        let _ = storage.set_item(&format!("{AT_PREFIX}{id}"), &written);
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
