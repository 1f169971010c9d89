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
            let Some(at) = self.position(&entry.summary.id) else {
                fresh.push(entry);
                continue;
            };
            let listed = &self.entries[at];
            match &listed.origin {
                // Listed from its summary: this is its file and article, in the same place
                // (as summaries are written with the article, they are the same but for
                // another build's).
                Origin::Stored(_) if listed.summary == entry.summary => {
                    text += listing::text_bytes(&entry);
                    entries.get_or_insert_with(|| (*self.entries).clone())[at] = entry;
                }
                // Dropped again since the start: the newer file stays.
                Origin::Reader(_) if entry.origin.file().is_some() => {}
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
        // Almost always none: the list is only copied when some are.
        if self.restoring() > 0 {
            let (missing, kept): (Vec<Entry>, Vec<Entry>) = self
                .entries
                .iter()
                .cloned()
                .partition(|e| matches!(e.origin, Origin::Stored(_)));
            for entry in &missing {
                self.index.borrow_mut().remove(&entry.summary.id);
            }
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
