//! The reader's kept files coming back at the start, in two steps: first listed from the
//! summaries stored beside them (`Origin::Stored`: thousands of cards at once, without reading
//! a single file), then given their files and articles as storage reads them, in place.
//!
//! Until its article is in, a listed entry is not opened (the reader shows it loading) and
//! its text is not indexed: indexing waits at the first such entry rather than index it empty.
//! It can be removed only with all the reader's files ("remove all"); what storage brings of
//! it afterwards completes the removal, so an undo puts back a whole entry, and is never
//! listed again.

use std::rc::Rc;

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
            if self.dismissed.contains(&entry.summary.id) {
                self.complete_removed(entry);
                continue;
            }
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
                .partition(|e| e.origin.is_stored());
            for entry in &missing {
                self.index.borrow_mut().remove(&entry.summary.id);
            }
            self.entries = Shared::new(kept);
            self.refresh_positions();
            self.refresh_shown();
        }
        // Nothing more comes: a removed entry still waiting would come back from an undo
        // without its article.
        self.removed.entries.retain(|e| !e.origin.is_stored());
        self.dismissed = Rc::default();
        self.index_some(listing::INDEX_SLICE_BYTES);
    }

    /// Notes the removed entries that storage has not brought yet.
    pub(super) fn dismiss_restoring(&mut self, removed: &[Entry]) {
        for entry in removed.iter().filter(|e| e.origin.is_stored()) {
            Rc::make_mut(&mut self.dismissed).insert(entry.summary.id.clone());
        }
    }

    /// An undo put these entries back: the ones still waiting are completed in the list again.
    pub(super) fn undismiss(&mut self, entries: &[Entry]) {
        for entry in entries.iter().filter(|e| e.origin.is_stored()) {
            Rc::make_mut(&mut self.dismissed).remove(&entry.summary.id);
        }
    }

    /// Storage brought a removed entry's file: it takes the place of the waiting one in the
    /// removal (gone with it, once the undo is no longer offered).
    fn complete_removed(&mut self, entry: Entry) {
        let waiting = self
            .removed
            .entries
            .iter_mut()
            .find(|e| e.summary.id == entry.summary.id && e.origin.is_stored());
        if let Some(waiting) = waiting {
            *waiting = entry;
        }
    }

    /// How many entries listed from a stored summary still wait for their file.
    pub fn restoring(&self) -> usize {
        self.entries.iter().filter(|e| e.origin.is_stored()).count()
    }
}
