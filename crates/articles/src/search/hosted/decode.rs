//! The index's files as the reader takes them apart: a dictionary shard's entries, an entry's
//! postings (delta-coded article numbers or, for a term in much of the library, a bitmap;
//! score bytes or a short prefix's flags), its lengths of positions, and positions.

use std::ops::Range;

use super::varint::Reader;
use super::{bitmap_len, dense, flags_len, LABEL_HIT, PREFIX_MARK, TITLE_HIT};

/// A term of the dictionary.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    pub(super) count: u32,
    /// Whether it is a common word: pairs of it and other common words are terms.
    pub(super) common: bool,
    /// Whether it is a short prefix's (its scores are flags, four a byte).
    pub(super) prefix: bool,
    pub(super) postings: Range<usize>,
    pub(super) lengths: Range<usize>,
    pub(super) positions: Range<usize>,
}

/// An entry's postings, decoded.
pub(super) struct Postings {
    pub(super) docs: Vec<u32>,
    pub(super) scores: Vec<u8>,
}

/// A dictionary shard's terms and entries.
pub(super) fn read_shard(bytes: &[u8]) -> Option<Vec<(String, Entry)>> {
    let mut reader = Reader::new(bytes);
    let mut postings = reader.size()?;
    let mut lengths = reader.size()?;
    let mut positions = reader.size()?;
    let mut terms = Vec::new();
    let mut key: Vec<u8> = Vec::new();
    while !reader.done() {
        let shared = reader.size()?;
        let rest = reader.size()?;
        key.truncate(shared);
        key.extend_from_slice(reader.bytes(rest)?);
        let counted = reader.next()?;
        let count = u32::try_from(counted >> 1).ok()?;
        let postings_len = reader.size()?;
        let lengths_len = reader.size()?;
        let positions_len = reader.size()?;
        let entry = Entry {
            count,
            common: counted & 1 == 1,
            prefix: key.ends_with(&[PREFIX_MARK as u8]),
            postings: postings..postings.checked_add(postings_len)?,
            lengths: lengths..lengths.checked_add(lengths_len)?,
            positions: positions..positions.checked_add(positions_len)?,
        };
        postings = entry.postings.end;
        lengths = entry.lengths.end;
        positions = entry.positions.end;
        terms.push((String::from_utf8(key.clone()).ok()?, entry));
    }
    Some(terms)
}

pub(super) fn decode_postings(bytes: &[u8], entry: &Entry, documents: u32) -> Option<Postings> {
    let count = entry.count as usize;
    let mut reader = Reader::new(bytes);
    let mut docs = Vec::with_capacity(count.min(bytes.len() * 8));
    if dense(entry.count, documents) {
        for (byte, &bits) in (0_u32..).zip(reader.bytes(bitmap_len(documents))?) {
            let mut bits = bits;
            while bits != 0 {
                docs.push(byte * 8 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
        if docs.len() != count {
            return None;
        }
    } else {
        let mut doc = 0_u32;
        for n in 0..count {
            let delta = reader.number()?;
            doc = if n == 0 {
                delta
            } else {
                doc.checked_add(delta)?
            };
            docs.push(doc);
        }
    }
    let scores = if entry.prefix {
        let flags = reader.bytes(flags_len(entry.count))?;
        (0..count)
            .map(|n| {
                let bits = flags.get(n / 4).map_or(0, |byte| byte >> (n % 4 * 2));
                let title = if bits & 1 != 0 { TITLE_HIT } else { 0 };
                let label = if bits & 2 != 0 { LABEL_HIT } else { 0 };
                title | label | 1
            })
            .collect()
    } else {
        reader.bytes(count)?.to_vec()
    };
    Some(Postings { docs, scores })
}

/// Each article's positions, as a range of the positions stream, from an entry's lengths.
pub(super) fn decode_lengths(bytes: &[u8], entry: &Entry) -> Option<Vec<Range<usize>>> {
    let count = entry.count as usize;
    let mut reader = Reader::new(bytes);
    let mut positions = Vec::with_capacity(count.min(bytes.len()));
    let mut at = entry.positions.start;
    for _ in 0..count {
        let len = reader.size()?;
        positions.push(at..at.checked_add(len)?);
        at += len;
    }
    Some(positions)
}

/// Delta-coded positions.
pub(super) fn deltas(bytes: &[u8]) -> Option<Vec<u32>> {
    let mut reader = Reader::new(bytes);
    let mut at = 0_u32;
    let mut positions = Vec::new();
    while !reader.done() {
        at = at.checked_add(reader.number()?)?;
        positions.push(at);
    }
    Some(positions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_articles_are_a_bitmap_and_a_prefix_scores_flags() {
        let entry = |count, prefix| Entry {
            count,
            common: false,
            prefix,
            postings: 0..0,
            lengths: 0..0,
            positions: 0..0,
        };
        // 3 of 20 articles (more than one in eight): 0, 2 and 19, bit by bit, low bit first;
        // then four flags a byte, low bits first.
        let bytes = [0b0000_0101, 0, 0b0000_1000, 0b0011_1000];
        let read = decode_postings(&bytes, &entry(3, true), 20).expect("readable");
        assert_eq!(read.docs, [0, 2, 19]);
        assert_eq!(read.scores, [1, LABEL_HIT | 1, TITLE_HIT | LABEL_HIT | 1]);
        // The same count of 40 articles: delta-coded numbers, score bytes.
        let bytes = [1, 2, 30, 5, 6, 7];
        let read = decode_postings(&bytes, &entry(3, false), 40).expect("readable");
        assert_eq!(read.docs, [1, 3, 33]);
        assert_eq!(read.scores, [5, 6, 7]);
        // A bitmap whose bits are not the count is not as written.
        assert!(decode_postings(&[0b111, 0, 0, 0], &entry(3, true), 20).is_some());
        assert!(decode_postings(&[0b1111, 0, 0, 0], &entry(3, true), 20).is_none());
    }
}
