//! Each article's word pairs, kept in a small Bloom filter: a quoted phrase of common words
//! ("mijen kritiv" in a generated library) has tens of thousands of candidate articles that
//! hold both words, and confirming each on its text was most of a keystroke at 100 000
//! articles. An article lacking one of the phrase's touching word pairs cannot contain it, and
//! the filter says so for most of them without reading their text. It never says a pair is
//! missing when it is there, so results stay exactly those of a substring scan.
//!
//! A pair is two words with exactly one space between them in the canonical text (see
//! [`super::super::fold`]): what a phrase's words are at any place it matches.

use super::TermId;
use crate::search::highlight::is_word_char;

/// Filter bits per pair written: with two bits set per pair, some 5–15 % of articles without
/// a pair pass for it (the bits are rounded up to a power of two), for about a tenth of the
/// memory their text takes.
const BITS_PER_PAIR: usize = 4;

/// An article's word pairs.
#[derive(Debug, Default)]
pub(super) struct WordPairs {
    bits: Box<[u64]>,
}

impl WordPairs {
    /// The filter of `pairs` (keys from [`pair`]; repeats are fine).
    pub(super) fn of(pairs: &[u64]) -> WordPairs {
        if pairs.is_empty() {
            return WordPairs::default();
        }
        let bits = (pairs.len() * BITS_PER_PAIR).next_power_of_two().max(64);
        let mut filter = WordPairs {
            bits: vec![0; bits / 64].into_boxed_slice(),
        };
        for &key in pairs {
            for bit in filter.places(key) {
                if let Some(word) = filter.bits.get_mut(bit / 64) {
                    *word |= 1 << (bit % 64);
                }
            }
        }
        filter
    }

    /// Whether the article may have every pair of `pairs` (it surely lacks one if not).
    pub(super) fn may_have_all(&self, pairs: &[u64]) -> bool {
        pairs.iter().all(|&key| {
            self.places(key).into_iter().all(|bit| {
                self.bits
                    .get(bit / 64)
                    .is_some_and(|w| w & 1 << (bit % 64) != 0)
            })
        })
    }

    /// The two bits of a pair.
    fn places(&self, key: u64) -> [usize; 2] {
        let mask = (self.bits.len() * 64).saturating_sub(1);
        // A multiply-xorshift mix: the two halves of the product are two independent places.
        let mixed = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mixed = mixed ^ (mixed >> 29);
        [mixed as usize & mask, (mixed >> 32) as usize & mask]
    }
}

/// Two words, in order, as one key.
pub(super) fn pair(first: TermId, second: TermId) -> u64 {
    u64::from(first) << 32 | u64::from(second)
}

/// The word pairs an article must hold to contain `text` (canonical) as a quoted `phrase` or
/// an unquoted term: each two of its words with one space between, when both are whole words
/// wherever it matches (an unquoted term's last word may be the start of a longer one, so it
/// makes no pair). `None` when a word is not in the index (then no article has it).
pub(super) fn pairs_in(
    text: &str,
    phrase: bool,
    term_of: impl Fn(&str) -> Option<TermId>,
) -> Option<Vec<u64>> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for piece in text.split(|c: char| !is_word_char(c)) {
        if !piece.is_empty() {
            words.push((at, at + piece.len()));
        }
        at += piece.len()
            + text[at + piece.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    if !phrase && text.ends_with(is_word_char) {
        words.pop();
    }
    let mut pairs = Vec::new();
    for window in words.windows(2) {
        let [(start, end), (next, next_end)] = [window[0], window[1]];
        if next == end + 1 && text.as_bytes().get(end) == Some(&b' ') {
            let first = term_of(&text[start..end])?;
            let second = term_of(&text[next..next_end])?;
            pairs.push(pair(first, second));
        }
    }
    Some(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_has_what_was_put_in_it() {
        let pairs: Vec<u64> = (0..500).map(|n| pair(n, n + 1)).collect();
        let filter = WordPairs::of(&pairs);
        assert!(pairs.iter().all(|&p| filter.may_have_all(&[p])));
        let strangers = (1_000..2_000)
            .filter(|&n| filter.may_have_all(&[pair(n, n)]))
            .count();
        assert!(
            strangers < 200,
            "{strangers} of 1 000 pairs never put in pass"
        );
        assert!(!WordPairs::default().may_have_all(&[pair(1, 2)]));
        assert!(
            WordPairs::default().may_have_all(&[]),
            "no pair asked, none missing"
        );
    }

    #[test]
    fn pairs_are_whole_words_one_space_apart() {
        let term = |w: &str| Some(w.len() as TermId);
        // "a" (1), "bb" (2), "ccc" (3): both pairs of a phrase.
        assert_eq!(
            pairs_in("a bb ccc", true, term),
            Some(vec![pair(1, 2), pair(2, 3)])
        );
        // Unquoted, the last word may go on: no pair with it.
        assert_eq!(pairs_in("a bb ccc", false, term), Some(vec![pair(1, 2)]));
        assert_eq!(
            pairs_in("a bb ccc ", false, term),
            Some(vec![pair(1, 2), pair(2, 3)])
        );
        // A line break or a CJK letter between words is no pair.
        assert_eq!(pairs_in("a\nbb 中ccc", true, term), Some(vec![]));
        assert_eq!(pairs_in("é ü", true, |_| Some(7)), Some(vec![pair(7, 7)]));
        assert_eq!(pairs_in("a zz", true, |w| (w == "a").then_some(1)), None);
    }
}
