//! Files set aside because they stopped the parser: a file that made the parsing worker crash,
//! or run past its time budget, is not read again at the next start until the reader asks
//! ("Try again" in "About this file"), so one bad file can never keep the app from starting.
//!
//! Kept in `localStorage` (small, read synchronously before the stored files are parsed), by
//! path and size: a changed version of the file is a new file and is read again.

use serde::{Deserialize, Serialize};

use crate::browser::page::local_storage as storage;

const KEY: &str = "lectern.set-aside";

/// At most this many files are remembered; older ones are forgotten (and simply read again).
const REMEMBERED: usize = 200;

/// One file set aside, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct SetAside {
    path: String,
    size: usize,
    reason: String,
}

fn load() -> Vec<SetAside> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn save(files: &[SetAside]) {
    let Some(storage) = storage() else { return };
    if files.is_empty() {
        let _ = storage.remove_item(KEY);
    } else if let Ok(json) = serde_json::to_string(files) {
        // Full storage only means the file is read again next time.
        let _ = storage.set_item(KEY, &json);
    }
}

/// Remembers that the file at `path` (of `size` bytes) stopped the parser, and why.
pub fn set_aside(path: &str, size: usize, reason: &str) {
    let mut files = load();
    files.retain(|f| f.path != path);
    files.push(SetAside {
        path: path.to_owned(),
        size,
        reason: reason.to_owned(),
    });
    let excess = files.len().saturating_sub(REMEMBERED);
    files.drain(..excess);
    save(&files);
}

/// Why the file at `path` of `size` bytes was set aside, if it was.
pub fn reason(path: &str, size: usize) -> Option<String> {
    load()
        .into_iter()
        .find(|f| f.path == path && f.size == size)
        .map(|f| f.reason)
}

/// The reader asks to read the file again.
pub fn release(path: &str) {
    let mut files = load();
    let before = files.len();
    files.retain(|f| f.path != path);
    if files.len() != before {
        save(&files);
    }
}
