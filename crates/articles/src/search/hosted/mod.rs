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
//!   each stream (all LEB128 varints).
//! - `search/postings-NNNN.bin`, `search/lengths-NNNN.bin` and `search/positions-NNNN.bin` —
//!   three streams, every term's data in dictionary order, cut into files of [`CHUNK`] bytes
//!   ([`POSITIONS_CHUNK`] for positions), so a common term spans several files and rare ones
//!   share one. A term's postings: its
//!   article numbers (delta-coded varints; for a term in more than one in eight articles
//!   ([`dense`]), a bitmap of the library's articles instead, a bit each, low bit first) and
//!   a score byte per article (`0x80` a title hit, `0x40` a label hit, the low six bits the
//!   other hits, at most 63). Its lengths: each
//!   article's length of positions in bytes (varints). Its positions: per article,
//!   delta-coded varints. Lengths are a stream of their own because only a term of several
//!   tokens needs them (to find its candidates' positions): a query of single words, the
//!   commonest kind, fetches article numbers and scores alone, a third fewer bytes.
//! - *Short prefixes*: each Latin word's first one, two and three letters ([`PREFIX_LETTERS`])
//!   are terms too, keyed by [`prefix_key`] (the prefix and [`PREFIX_MARK`], so they sort just
//!   after it), with postings (for all the words it begins, two bits per article, four
//!   articles a byte, low bits first: a title hit, then a label hit; as a score, those and one
//!   other hit) and no positions or lengths. A word typed as the last of a query finds every word it begins, and
//!   a short one begins thousands: at a million articles `t` began words whose postings
//!   gzipped to 4.7 MB, `the` to 1 MB (`the`, `their`, `theme`, `there`…); each one's entry
//!   is the articles having any of them, a fraction of that. A one-letter prefix is in most
//!   articles: as a bitmap and packed flags, a million articles' `syntax n` fetched 21 files
//!   where varints and score bytes were 70 (Chromium delays each file of a round).
//! - *Pairs of common words*: a word in at least one in [`COMMON_SHARE`] of the library's first
//!   [`SAMPLE`] articles is *common* (flagged in its dictionary entry), and each two common
//!   words one separator apart are a term too, keyed by [`pair_key`] ([`PAIR_MARK`], the first
//!   word, a space, the second), with postings, lengths and positions (the first word's). The
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
/// 5: positions in files of their own size ([`POSITIONS_CHUNK`]).
pub const VERSION: u32 = 5;

/// Bytes per file of the postings and lengths streams.
pub const CHUNK: usize = 32 * 1024;

/// Bytes per file of the positions stream: fewer, as a search reads a few candidates' positions
/// out of a common term's, each most often in a file of its own. Files of [`CHUNK`] bytes
/// (positions barely compress: some 27 KB gzipped) were most of what a million articles'
/// rarer phrases fetched ("部缓中被", 3 articles: 334 KB).
pub const POSITIONS_CHUNK: usize = 8 * 1024;

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
    pub lengths: u32,
    pub positions: u32,
    /// Bytes per file of the postings and lengths streams.
    pub chunk: u32,
    /// Bytes per file of the positions stream (none in a catalog of version 4 and before,
    /// which is then refused for its version, not for this).
    #[serde(default)]
    pub positions_chunk: u32,
}

impl Meta {
    /// Bytes per file of `stream`.
    fn chunk_of(&self, stream: Stream) -> usize {
        let chunk = match stream {
            Stream::Postings | Stream::Lengths => self.chunk,
            Stream::Positions => self.positions_chunk,
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
        Stream::Lengths => "lengths",
        Stream::Positions => "positions",
    };
    format!("search/{name}-{chunk:04}.bin")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stream {
    Postings,
    Lengths,
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
