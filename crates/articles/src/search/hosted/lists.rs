//! Lists of articles as a search combines them: sought in order, summed, intersected.

use std::ops::Range;

use super::decode::Postings;
use super::{LABEL_HIT, OTHER_HITS, POSITIONS_BLOCK, TITLE_HIT};
use crate::search::index::{LABEL_WEIGHT, TITLE_WEIGHT};

/// An entry's articles and where their blocks of positions are in the positions stream.
pub(super) struct Located {
    pub(super) docs: Vec<u32>,
    pub(super) blocks: Vec<Range<usize>>,
    /// Where [`Located::seek`] goes on from.
    pub(super) next: usize,
}

impl Located {
    /// Where `doc`'s positions are, if it has the term: its block, and which of the block's
    /// articles it is. Articles are sought in order, each from
    /// where the last was, galloping: a common term's articles are hundreds of thousands, and
    /// a binary search of them all for each candidate missed the cache at every step.
    pub(super) fn seek(&mut self, doc: u32) -> Option<(Range<usize>, usize)> {
        let rest = self.docs.get(self.next..)?;
        let mut step = 1;
        while rest.get(step).is_some_and(|&d| d < doc) {
            step *= 2;
        }
        let window = rest.get(..(step + 1).min(rest.len()))?;
        self.next += window.partition_point(|&d| d < doc);
        let (block, nth) = (self.next / POSITIONS_BLOCK, self.next % POSITIONS_BLOCK);
        (self.docs.get(self.next) == Some(&doc))
            .then(|| Some((self.blocks.get(block)?.clone(), nth)))
            .flatten()
    }
}

/// A score byte as the in-memory index weighs hits.
pub(super) fn weight(score: u8) -> u32 {
    let mut weight = u32::from(score & OTHER_HITS);
    if score & TITLE_HIT != 0 {
        weight += TITLE_WEIGHT;
    }
    if score & LABEL_HIT != 0 {
        weight += LABEL_WEIGHT;
    }
    weight.max(1)
}

/// Articles in any of `lists`, in order, their weights summed: in a slot per article of the
/// library's `documents` if `dense`, else by sorting.
pub(super) fn summed(lists: &[Postings], documents: u32, dense: bool) -> Vec<(u32, u32)> {
    let weighted = |postings: &Postings| {
        postings
            .docs
            .iter()
            .zip(&postings.scores)
            .map(|(&doc, &score)| (doc, weight(score)))
            .collect::<Vec<_>>()
    };
    match lists {
        [] => Vec::new(),
        [one] => weighted(one),
        // A typed prefix's words over much of the library (a million articles' "your":
        // "your", "yours", "yourself"...): sorting them all took most of the search.
        _ if dense => {
            let mut sums = vec![0_u32; documents as usize];
            for (doc, score) in lists.iter().flat_map(weighted) {
                if let Some(sum) = sums.get_mut(doc as usize) {
                    *sum = sum.saturating_add(score);
                }
            }
            (0..).zip(sums).filter(|&(_, sum)| sum > 0).collect()
        }
        _ => {
            let mut all: Vec<(u32, u32)> = lists.iter().flat_map(weighted).collect();
            all.sort_unstable_by_key(|&(doc, _)| doc);
            all.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 = kept.1.saturating_add(later.1);
                }
                same
            });
            all
        }
    }
}

/// A union of postings at least this share of the library's articles is summed in a slot per
/// article (a weight is at least 1, so a slot above 0 is an article in it) rather than sorted.
pub(super) const DENSE_SHARE: usize = 16;

/// The articles of `candidates` (sorted by article) that are in `within` (sorted), in one pass.
pub(super) fn among(candidates: &[(u32, u32)], within: &[u32]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut other = within.iter().peekable();
    for &(doc, score) in candidates {
        while other.next_if(|&&d| d < doc).is_some() {}
        if other.peek() == Some(&&doc) {
            out.push((doc, score));
        }
    }
    out
}

/// The articles in both lists (sorted by article), their scores summed.
pub(super) fn intersect(a: &[(u32, u32)], b: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut other = b.iter().peekable();
    for &(doc, score) in a {
        while other.next_if(|&&(d, _)| d < doc).is_some() {}
        if let Some(&&(d, more)) = other.peek() {
            if d == doc {
                out.push((doc, score.saturating_add(more)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postings(docs: &[u32], scores: &[u8]) -> Postings {
        Postings {
            docs: docs.to_vec(),
            scores: scores.to_vec(),
        }
    }

    #[test]
    fn a_union_sums_the_same_in_slots_as_sorted() {
        let lists = [
            postings(&[0, 3, 7, 9], &[1, TITLE_HIT, 2, 63]),
            postings(&[3, 4, 9], &[LABEL_HIT | 1, 5, 63]),
            postings(&[1, 9], &[1, TITLE_HIT | LABEL_HIT]),
        ];
        let sorted = summed(&lists, 10, false);
        assert_eq!(summed(&lists, 10, true), sorted);
        let docs: Vec<u32> = sorted.iter().map(|&(doc, _)| doc).collect();
        assert_eq!(docs, [0, 1, 3, 4, 7, 9]);
        let nine = sorted.last().map(|&(_, score)| score);
        assert_eq!(nine, Some(63 + 63 + TITLE_WEIGHT + LABEL_WEIGHT));
    }

    #[test]
    fn articles_are_sought_in_order_from_the_last() {
        let docs: Vec<u32> = (0..1000).map(|n| n * 3).collect();
        let blocks = docs.len().div_ceil(POSITIONS_BLOCK);
        let mut located = Located {
            blocks: (0..blocks).map(|n| n * 10..n * 10 + 10).collect(),
            docs,
            next: 0,
        };
        let found: Vec<Option<(Range<usize>, usize)>> = [0, 2, 3, 1500, 1501, 2997, 2998, 5000]
            .iter()
            .map(|&doc| located.seek(doc))
            .collect();
        // Article 500 is the 20th of block 15 (of 32 each); article 999 the 7th of block 31.
        assert_eq!(
            found,
            [
                Some((0..10, 0)),
                None,
                Some((0..10, 1)),
                Some((150..160, 20)),
                None,
                Some((310..320, 7)),
                None,
                None
            ]
        );
    }
}
