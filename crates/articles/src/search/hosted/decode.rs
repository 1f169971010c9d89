//! The index's files as the reader takes them apart: a dictionary shard's entries, an entry's
//! postings (delta-coded article numbers or, for a term in much of the library, a bitmap;
//! score bytes or a short prefix's flags), its skips (where its blocks of positions are), and
//! an article's positions in its block.

use std::ops::Range;

use super::varint::Reader;
use super::{
    bitmap_len, dense, flags_len, numbers_apart, LABEL_HIT, POSITIONS_BLOCK, PREFIX_MARK, TITLE_HIT,
};

/// A term of the dictionary.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    pub(super) count: u32,
    /// Whether it is a common word: pairs of it and other common words are terms.
    pub(super) common: bool,
    /// Whether it is a short prefix's (its scores are flags, four a byte).
    pub(super) prefix: bool,
    pub(super) postings: Range<usize>,
    /// The article numbers at the start of its postings, where they can be read alone (a
    /// long term's, see [`super::numbers_apart`]).
    pub(super) numbers: Option<Range<usize>>,
    pub(super) skips: Range<usize>,
    pub(super) positions: Range<usize>,
}

impl Entry {
    /// The range of the postings stream with its article numbers: their own, where known, or
    /// all its postings.
    pub(super) fn numbers(&self) -> Range<usize> {
        self.numbers
            .clone()
            .unwrap_or_else(|| self.postings.clone())
    }
}

/// An entry's postings, decoded.
pub(super) struct Postings {
    pub(super) docs: Vec<u32>,
    pub(super) scores: Vec<u8>,
}

/// A dictionary shard's terms and entries, of an index of `documents` articles.
pub(super) fn read_shard(bytes: &[u8], documents: u32) -> Option<Vec<(String, Entry)>> {
    let mut reader = Reader::new(bytes);
    let mut postings = reader.size()?;
    let mut skips = reader.size()?;
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
        let skips_len = reader.size()?;
        let positions_len = reader.size()?;
        let numbers_len = if numbers_apart(count, documents) {
            Some(reader.size()?)
        } else if dense(count, documents) {
            Some(bitmap_len(documents))
        } else {
            None
        };
        let numbers = match numbers_len {
            Some(len) if len <= postings_len => Some(postings..postings + len),
            Some(_) => return None,
            None => None,
        };
        let entry = Entry {
            count,
            common: counted & 1 == 1,
            prefix: key.ends_with(&[PREFIX_MARK as u8]),
            numbers,
            postings: postings..postings.checked_add(postings_len)?,
            skips: skips..skips.checked_add(skips_len)?,
            positions: positions..positions.checked_add(positions_len)?,
        };
        postings = entry.postings.end;
        skips = entry.skips.end;
        positions = entry.positions.end;
        terms.push((String::from_utf8(key.clone()).ok()?, entry));
    }
    Some(terms)
}

pub(super) fn decode_postings(bytes: &[u8], entry: &Entry, documents: u32) -> Option<Postings> {
    let count = entry.count as usize;
    let mut reader = Reader::new(bytes);
    let docs = read_numbers(&mut reader, entry, documents)?;
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

/// An entry's article numbers alone, from the start of its postings (see [`Entry::numbers`]).
pub(super) fn decode_numbers(bytes: &[u8], entry: &Entry, documents: u32) -> Option<Vec<u32>> {
    read_numbers(&mut Reader::new(bytes), entry, documents)
}

fn read_numbers(reader: &mut Reader, entry: &Entry, documents: u32) -> Option<Vec<u32>> {
    let count = entry.count as usize;
    let mut docs = Vec::with_capacity(count.min(reader.remaining() * 8));
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
    Some(docs)
}

/// Each block's positions, as a range of the positions stream, from an entry's skips.
pub(super) fn decode_skips(bytes: &[u8], entry: &Entry) -> Option<Vec<Range<usize>>> {
    let count = (entry.count as usize).div_ceil(POSITIONS_BLOCK);
    let mut reader = Reader::new(bytes);
    let mut blocks = Vec::with_capacity(count.min(bytes.len() + 1));
    let mut at = entry.positions.start;
    for _ in 1..count {
        let len = reader.size()?;
        blocks.push(at..at.checked_add(len)?);
        at += len;
    }
    if at > entry.positions.end || !reader.done() {
        return None;
    }
    blocks.push(at..entry.positions.end);
    Some(blocks)
}

/// The positions of a block's `nth` article (each article's are its length, then them).
pub(super) fn nth_positions(block: &[u8], nth: usize) -> Option<Vec<u32>> {
    let mut reader = Reader::new(block);
    for _ in 0..nth {
        let len = reader.size()?;
        reader.bytes(len)?;
    }
    let len = reader.size()?;
    deltas(reader.bytes(len)?)
}

/// Delta-coded positions.
fn deltas(bytes: &[u8]) -> Option<Vec<u32>> {
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
            numbers: None,
            skips: 0..0,
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

    #[test]
    fn an_articles_positions_are_found_in_its_block() {
        use super::super::emit::blocks;
        use super::super::varint::put;
        // 70 articles (three blocks of 32, the last of 6), article n at positions n and 2n + 1
        // (delta-coded: n, then n + 1), as the writer holds them: lengths apart.
        let (mut lengths, mut positions) = (Vec::new(), Vec::new());
        for n in 0..70_u64 {
            let before = positions.len();
            put(&mut positions, n);
            put(&mut positions, n + 1);
            put(&mut lengths, (positions.len() - before) as u64);
        }
        let (skips, blocked) = blocks(&lengths, &positions);
        let start = 1000;
        let entry = Entry {
            count: 70,
            common: false,
            prefix: false,
            postings: 0..0,
            numbers: None,
            skips: 0..skips.len(),
            positions: start..start + blocked.len(),
        };
        let found = decode_skips(&skips, &entry).expect("skips as written");
        assert_eq!(found.len(), 3);
        assert_eq!(found.first().map(|b| b.start), Some(start));
        assert_eq!(found.last().map(|b| b.end), Some(start + blocked.len()));
        for n in 0..70_u32 {
            let block = &found[n as usize / POSITIONS_BLOCK];
            let bytes = &blocked[block.start - start..block.end - start];
            let read = nth_positions(bytes, n as usize % POSITIONS_BLOCK);
            assert_eq!(read, Some(vec![n, 2 * n + 1]), "article {n}");
        }
        // Skips that run past the positions, or are left over, are not as written.
        let short = Entry {
            positions: start..start + 10,
            ..entry.clone()
        };
        assert!(decode_skips(&skips, &short).is_none());
        let one_block = Entry { count: 20, ..entry };
        assert!(decode_skips(&skips, &one_block).is_none());
        assert_eq!(decode_skips(&[], &one_block).map(|b| b.len()), Some(1));
    }
}
