//! The reader's kept files coming back at the start, in two steps: first listed from the
//! summaries stored beside them (`Origin::Stored`: thousands of cards at once, without reading
//! a single file), then given their files and articles as storage reads them, in place.
//!
//! Until its article is in, a listed entry is not opened (the reader shows it loading) and
//! its text is not indexed: indexing waits at the first such entry rather than index it empty.

use super::{listing, Entry, Origin, State};
use crate::shared::Shared;

impl State {
    /// Lists entries kept from an earlier visit: entries listed from their stored summaries,
    /// or (as storage reads them) entries with their files and articles, which take the place
    /// of the listed ones.
    pub(super) fn restore_entries(&mut self, restored: Vec<Entry>) {
        let mut text = 0;
        let mut fresh = Vec::new();
        let mut entries: Option<Vec<Entry>> = None;
        for entry in restored {
            let at = self.position(&entry.summary.id);
            let listed = at.map(|at| &self.entries[at]);
            match listed.map(|listed| &listed.origin) {
                // Listed from its summary: this is its file and article, in the same place
                // (as summaries are written with the article, they are the same but for
                // another build's).
                Some(Origin::Stored(_))
                    if listed.is_some_and(|listed| listed.summary == entry.summary) =>
                {
                    text += listing::text_bytes(&entry);
                    let all = entries.get_or_insert_with(|| (*self.entries).clone());
                    if let Some(at) = at {
                        all[at] = entry;
                    }
                }
                // Dropped again since the start: the newer file stays.
                Some(Origin::Reader(_)) if entry.origin.file().is_some() => {}
                _ => fresh.push(entry),
            }
        }
        if let Some(entries) = entries {
            self.entries = Shared::new(entries);
        }
        if !fresh.is_empty() {
            self.add_entries(fresh);
        }
        if text > 0 {
            // Indexing may have waited for these: one slice restarts it (the rest follows when
            // the page is idle; all a part brings, a thousand articles, was a 140 ms task).
            self.index_some(text.min(listing::INDEX_SLICE_BYTES));
        }
    }

    /// Storage has brought every kept file: an entry listed from a summary whose file never
    /// came (storage could not read it) is no longer listed.
    pub(super) fn restore_finished(&mut self) {
        let missing: Vec<String> = self
            .entries
            .iter()
            .filter(|e| matches!(e.origin, Origin::Stored(_)))
            .map(|e| e.summary.id.clone())
            .collect();
        if !missing.is_empty() {
            for id in &missing {
                self.index.borrow_mut().remove(id);
            }
            let kept: Vec<Entry> = self
                .entries
                .iter()
                .filter(|e| !matches!(e.origin, Origin::Stored(_)))
                .cloned()
                .collect();
            self.entries = Shared::new(kept);
            self.refresh_positions();
            self.refresh_shown();
        }
        self.index_some(listing::INDEX_SLICE_BYTES);
    }

    /// How many entries listed from a stored summary still wait for their file.
    pub fn restoring(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| matches!(e.origin, Origin::Stored(_)))
            .count()
    }
}
