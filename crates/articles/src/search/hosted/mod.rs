//! The hosted index: a library's search index written once (by `cargo xtask index`) into small
//! static files, of which a browser fetches only those a query needs. It holds the whole text
//! of every article (title, authors, tags, categories, summary, body) and no text itself, only
//! terms, and it answers exactly as the in-memory [`SearchIndex`](super::SearchIndex) does.
//!
//! Terms are Latin words, single CJK letters and touching CJK letter pairs ([`super::tokens`]).
//! For each term, its *postings*: the articles (by number, in catalog order) with it, a score
//! byte each, and where its *positions* are (a pair's are its first letter's). A query term of
//! several tokens (a phrase, a run of three CJK letters or more, `node.js`) is confirmed on
//! positions: of its words, of the pairs covering each run of CJK letters (far fewer than
//! their letters' positions: a common letter's fill megabytes), of its lone letters.
//!
//! Files, in the catalog's build folder (`index/<build>/`, named by [`Meta::dir`]; the format
//! is versioned by [`VERSION`], named in the catalog):
//!
//! - `search/terms-NNNN.bin` — the dictionary, in shards of [`TERMS_PER_SHARD`] terms in
//!   byte order; the catalog lists each shard's first term, so a term (or a typed prefix, a
//!   range) names its shards. A shard: the offsets in the three streams where its first term's
//!   data begins, then per term: bytes shared with the previous term, the rest of it, its number
//!   of articles times two plus one if it is a common word (below), the lengths of its data in
//!   each stream, and for a term in more than [`NUMBERS_APART`] articles whose numbers are
//!   varints, their length (all LEB128 varints): a phrase reads such a term's article numbers
//!   without its scores.
//! - `search/postings-NNNN.bin`, `search/skips-NNNN.bin` and `search/positions-NNNN.bin` —
//!   three streams, every term's data in dictionary order, cut into files of [`CHUNK`] bytes
//!   ([`fine_chunk`] for skips and positions), so a common term spans several files and rare
//!   ones share one. A term's postings: its
//!   article numbers (delta-coded varints; for a term in more than one in eight articles
//!   ([`dense`]), a bitmap of the library's articles instead, a bit each, low bit first) and
//!   a score byte per article (`0x80` a title hit, `0x40` a label hit, the low six bits the
//!   other hits, at most 63). Its positions: per article, their length in bytes, then the
//!   positions, delta-coded (all varints), in blocks of [`POSITIONS_BLOCK`] articles. Its
//!   skips: each block's length in bytes but the last's (none for a term of one block), so a
//!   candidate's positions are found by reading its block alone. Skips are a stream of their
//!   own because only a term of several tokens needs them: a query of single words, the
//!   commonest kind, fetches article numbers and scores alone. They replaced each article's
//!   length (version 5), which a million articles' "一個认配" read for 97 000 articles (48 KB
//!   gzipped) to find 7 candidates' positions.
//! - *Short prefixes*: each Latin word's first one, two and three letters ([`PREFIX_LETTERS`])
//!   are terms too, keyed by [`prefix_key`] (the prefix and [`PREFIX_MARK`], so they sort just
//!   after it), with postings (for all the words it begins, two bits per article, four
//!   articles a byte, low bits first: a title hit, then a label hit; as a score, those and one
//!   other hit) and no positions or skips. A word typed as the last of a query finds every word it begins, and
//!   a short one begins thousands: at a million articles `t` began words whose postings
//!   gzipped to 4.7 MB, `the` to 1 MB (`the`, `their`, `theme`, `there`…); each one's entry
//!   is the articles having any of them, a fraction of that. A one-letter prefix is in most
//!   articles: as a bitmap and packed flags, a million articles' `syntax n` fetched 21 files
//!   where varints and score bytes were 70 (Chromium delays each file of a round).
//! - *Pairs of common words*: a word in at least one in [`COMMON_SHARE`] of the library's first
//!   [`SAMPLE`] articles is *common* (flagged in its dictionary entry), and each two common
//!   words one separator apart are a term too, keyed by [`pair_key`] ([`PAIR_MARK`], the first
//!   word, a space, the second), with postings, skips and positions (the first word's). The
//!   mark sorts before every word, so pairs are a block of their own at the start of the
//!   dictionary and of each stream: kept beside their first words, they spread those words'
//!   data over more files (a million articles' "rather read" fetched 148 → 206 KB), and a
//!   typed prefix walked shards of them. A quoted phrase of common words is read on its
//!   pairs, not its words: at a million articles "chore features" fetched 1.1 MB of the two
//!   words' postings and positions to find 347 articles, where their pair's entry is those
//!   347. Two common words whose pair has no entry are never side
//!   by side. A library of fewer than [`SAMPLE`] articles has no common words (nor pairs):
//!   its words' postings are small.

mod decode;
mod emit;
mod lists;
mod pairs;
mod read;
mod spill;
mod varint;
mod write;

use serde::{Deserialize, Serialize};

pub use read::{search, Files, Outcome, Unreadable};
pub use spill::SpillingWriter;
pub use write::Writer;

/// The format's version: the catalog names it, and an app refuses one it does not know.
/// 6: positions in blocks found by skips, both in files of 4 or 8 KB.
pub const VERSION: u32 = 6;

/// Bytes per file of the postings stream.
pub const CHUNK: usize = 32 * 1024;

/// Bytes per file of the skips and positions streams, of which a search reads a little: a
/// common term's skips (a few KB), a few candidates' blocks of positions, each most often in a
/// file of its own. Files of [`CHUNK`] bytes (positions barely compress: some 27 KB gzipped)
/// were most of what a million articles' rarer phrases fetched ("部缓中被", 3 articles:
/// 334 KB); files of 8 KB were still a third of "一個认配"'s bytes (18 files, 125 KB gzipped,
/// for 7 candidates), and skips in files of [`CHUNK`] bytes 39 KB of them (2 files, for skips
/// of 6 KB). Files of 4 KB are twice as many, though: a library of [`LARGE_LIBRARY`] articles
/// or more has them (it is served from an object store, which does not count files); a
/// smaller one, whose terms are in fewer articles, has files of 8 KB, so 100 000 articles stay
/// some 20 000 files, as many as Cloudflare Pages takes.
pub fn fine_chunk(documents: u32) -> usize {
    if documents >= LARGE_LIBRARY {
        4 * 1024
    } else {
        8 * 1024
    }
}

/// Articles from which a library's skips and positions are in files of 4 KB ([`fine_chunk`]).
pub const LARGE_LIBRARY: u32 = 500_000;

/// Articles per block of a term's positions: a candidate's are read from its block, which its
/// term's skips place, so a block is a few hundred bytes of a common pair's positions, and
/// the skips of one in 97 000 articles some 6 KB.
pub const POSITIONS_BLOCK: usize = 32;

/// Terms per dictionary shard: some tens of kilobytes.
pub const TERMS_PER_SHARD: usize = 2048;

/// What the catalog says of its hosted index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub version: u32,
    /// Where its files are, relative to the catalog (the names below are relative to this).
    #[serde(default)]
    pub dir: String,
    /// Articles indexed, numbered in catalog order.
    pub documents: u32,
    /// The first term of each dictionary shard.
    pub terms: Vec<String>,
    /// How many files each stream has.
    pub postings: u32,
    #[serde(default)]
    pub skips: u32,
    pub positions: u32,
    /// Bytes per file of the postings stream.
    pub chunk: u32,
    /// Bytes per file of the skips and positions streams (none in a catalog of version 5 and
    /// before, which is then refused for its version, not for this).
    #[serde(default)]
    pub fine_chunk: u32,
}

impl Meta {
    /// Bytes per file of `stream`.
    fn chunk_of(&self, stream: Stream) -> usize {
        let chunk = match stream {
            Stream::Postings => self.chunk,
            Stream::Skips | Stream::Positions => self.fine_chunk,
        };
        chunk as usize
    }
}

/// The file of a dictionary shard.
pub fn terms_file(shard: usize) -> String {
    format!("search/terms-{shard:04}.bin")
}

/// Whether a file of the index is a dictionary shard: a search's first round fetches only
/// those, some tens of kilobytes.
pub fn is_dictionary(name: &str) -> bool {
    name.starts_with("search/terms-")
}

fn stream_file(stream: Stream, chunk: usize) -> String {
    let name = match stream {
        Stream::Postings => "postings",
        Stream::Skips => "skips",
        Stream::Positions => "positions",
    };
    format!("search/{name}-{chunk:04}.bin")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stream {
    Postings,
    Skips,
    Positions,
}

/// Prefixes of up to this many letters have entries of their own.
pub const PREFIX_LETTERS: usize = 3;

/// What follows a prefix in its entry's key: no word holds it, and it sorts before letters.
pub const PREFIX_MARK: char = '\u{1}';

/// The key of a short prefix's entry.
pub fn prefix_key(prefix: &str) -> String {
    format!("{prefix}{PREFIX_MARK}")
}

/// The articles on which common words are decided: the library's first.
pub const SAMPLE: u32 = 1000;

/// A word is common if at least one in this many of the [`SAMPLE`]'s articles has it.
pub const COMMON_SHARE: u32 = 100;

/// What begins a pair's key: no word holds it, and it sorts before every word.
pub const PAIR_MARK: char = '\u{2}';

/// The key of the pair of common words `first` and `second` (one separator apart).
pub fn pair_key(first: &str, second: &str) -> String {
    format!("{PAIR_MARK}{first} {second}")
}

/// A term in more articles than this has its article numbers' length in its dictionary entry
/// (a bitmap's is known): a term of several tokens reads them without their scores where
/// another of its tokens is rarer (whose scores rank its matches). A million articles'
/// "一個认配" read 97 000 articles' numbers and scores (152 KB gzipped) for "一個", to find
/// where 7 candidates' positions are.
pub const NUMBERS_APART: u32 = 1024;

/// Whether the dictionary entry of a term in `count` of `documents` articles says how many
/// bytes its article numbers are.
fn numbers_apart(count: u32, documents: u32) -> bool {
    count > NUMBERS_APART && !dense(count, documents)
}

/// Whether a term's articles are a bitmap of the library's `documents` (more than one in
/// eight has it: a bitmap is then smaller than their numbers' varints).
pub fn dense(count: u32, documents: u32) -> bool {
    u64::from(count) * 8 > u64::from(documents)
}

/// Bytes of a bitmap of `documents` articles.
fn bitmap_len(documents: u32) -> usize {
    (documents as usize).div_ceil(8)
}

/// Bytes of a prefix entry's flags for `count` articles (four a byte).
fn flags_len(count: u32) -> usize {
    (count as usize).div_ceil(4)
}

/// A score byte's flags and count.
const TITLE_HIT: u8 = 0x80;
const LABEL_HIT: u8 = 0x40;
const OTHER_HITS: u8 = 0x3f;

#[cfg(test)]
mod tests;
