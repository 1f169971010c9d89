//! The index's Latin words (and numbers): a sorted dictionary, so a typed prefix is a range,
//! and the same words by hash, for indexing, which looks up every word it reads.

use std::collections::BTreeMap;

use foldhash::HashMap;

use super::postings::{lead, Postings};
use super::TermId;

/// The Latin words (and numbers) of the index.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// Sorted: a typed prefix is a range.
    sorted: BTreeMap<Box<str>, TermId>,
    /// The same words by hash, as indexing looks up every word it reads (a walk down the sorted
    /// map is slower). Words of up to 16 bytes, nearly all, are keyed by their bytes as one
    /// number, hashed and compared at once (no word has a zero byte, so zero-padding is safe).
    short: HashMap<u128, TermId>,
    long: HashMap<Box<str>, TermId>,
}

impl Words {
    /// The words that start with `prefix`.
    pub(super) fn starting<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = TermId> + 'a {
        let range = self.sorted.range::<str, _>((
            std::ops::Bound::Included(prefix),
            std::ops::Bound::Unbounded,
        ));
        range
            .take_while(move |(word, _)| word.starts_with(prefix))
            .map(|(_, &term)| term)
    }

    pub(super) fn get(&self, word: &str) -> Option<TermId> {
        match packed(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
        .copied()
    }

    /// The term of `word`, numbered now if it is new.
    pub(super) fn get_or_add(&mut self, word: &str, postings: &mut Postings) -> TermId {
        if let Some(term) = self.get(word) {
            return term;
        }
        let term = postings.new_term(lead(word));
        match packed(word) {
            Some(key) => self.short.insert(key, term),
            None => self.long.insert(word.into(), term),
        };
        self.sorted.insert(word.into(), term);
        term
    }
}

/// A word of up to 16 bytes as a number.
fn packed(word: &str) -> Option<u128> {
    let mut bytes = [0; 16];
    bytes
        .get_mut(..word.len())?
        .copy_from_slice(word.as_bytes());
    Some(u128::from_le_bytes(bytes))
}
