//! Cutting the index into its files as its terms come, in dictionary order: dictionary shards
//! of [`TERMS_PER_SHARD`] terms, and the postings, skips and positions streams in files of
//! [`CHUNK`] bytes ([`fine_chunk`] for skips and positions). Each file goes to a sink as soon as it
//! is full, so writing a million articles' index holds one shard and one chunk of each stream,
//! not the index's two gigabytes.

use std::borrow::Cow;

use super::varint::{put, Reader};
use super::write::Postings;
use super::{
    bitmap_len, dense, fine_chunk, flags_len, numbers_apart, stream_file, terms_file, Meta, Stream,
    CHUNK, LABEL_HIT, POSITIONS_BLOCK, PREFIX_MARK, TERMS_PER_SHARD, TITLE_HIT, VERSION,
};

/// The files being cut, and what the catalog will say of them.
pub(super) struct Emitter<S> {
    sink: S,
    meta: Meta,
    /// The dictionary shard being filled, its terms so far, and the previous term (its prefix
    /// is shared).
    shard: Vec<u8>,
    shard_terms: usize,
    previous: Box<str>,
    postings: Chunked,
    skips: Chunked,
    positions: Chunked,
}

/// One stream: the bytes not yet in a file, and how many went out before them.
struct Chunked {
    stream: Stream,
    /// Bytes per file.
    size: usize,
    pending: Vec<u8>,
    written: usize,
    files: u32,
}

impl<S, E> Emitter<S>
where
    S: FnMut(String, Vec<u8>) -> Result<(), E>,
{
    pub(super) fn new(sink: S, documents: u32) -> Emitter<S> {
        let meta = Meta {
            version: VERSION,
            documents,
            chunk: CHUNK as u32,
            fine_chunk: fine_chunk(documents) as u32,
            ..Meta::default()
        };
        // Each stream cut as the catalog will say it is.
        let stream = |stream| Chunked::new(stream, meta.chunk_of(stream));
        Emitter {
            sink,
            shard: Vec::new(),
            shard_terms: 0,
            previous: Box::from(""),
            postings: stream(Stream::Postings),
            skips: stream(Stream::Skips),
            positions: stream(Stream::Positions),
            meta,
        }
    }

    /// Adds the next term (terms come in byte order), its postings and whether it is a common
    /// word.
    pub(super) fn term(&mut self, key: &str, term: &Postings, common: bool) -> Result<(), E> {
        if self.shard_terms == 0 {
            // A shard begins where its first term's data does in each stream.
            put(&mut self.shard, self.postings.len() as u64);
            put(&mut self.shard, self.skips.len() as u64);
            put(&mut self.shard, self.positions.len() as u64);
            self.previous = Box::from("");
            self.meta.terms.push(key.to_owned());
        }
        let shared = shared_prefix(&self.previous, key);
        put(&mut self.shard, shared as u64);
        let rest = &key.as_bytes()[shared..];
        put(&mut self.shard, rest.len() as u64);
        self.shard.extend_from_slice(rest);
        put(
            &mut self.shard,
            u64::from(term.count) << 1 | u64::from(common),
        );
        let [docs, scores, lengths, positions] = term.parts();
        let docs = if dense(term.count, self.meta.documents) {
            Cow::Owned(bitmap(docs, self.meta.documents))
        } else {
            Cow::Borrowed(docs)
        };
        let scores = if key.ends_with(PREFIX_MARK) {
            Cow::Owned(flags(scores))
        } else {
            Cow::Borrowed(scores)
        };
        let (skips, positions) = blocks(lengths, positions);
        put(&mut self.shard, (docs.len() + scores.len()) as u64);
        put(&mut self.shard, skips.len() as u64);
        put(&mut self.shard, positions.len() as u64);
        if numbers_apart(term.count, self.meta.documents) {
            put(&mut self.shard, docs.len() as u64);
        }
        self.postings.extend(&docs, &mut self.sink)?;
        self.postings.extend(&scores, &mut self.sink)?;
        self.skips.extend(&skips, &mut self.sink)?;
        self.positions.extend(&positions, &mut self.sink)?;
        self.previous = Box::from(key);
        self.shard_terms += 1;
        if self.shard_terms == TERMS_PER_SHARD {
            self.close_shard()?;
        }
        Ok(())
    }

    /// Sends the last files; what the catalog says of them.
    pub(super) fn finish(mut self) -> Result<Meta, E> {
        if self.shard_terms > 0 {
            self.close_shard()?;
        }
        self.meta.postings = self.postings.finish(&mut self.sink)?;
        self.meta.skips = self.skips.finish(&mut self.sink)?;
        self.meta.positions = self.positions.finish(&mut self.sink)?;
        Ok(self.meta)
    }

    fn close_shard(&mut self) -> Result<(), E> {
        let number = self.meta.terms.len() - 1;
        (self.sink)(terms_file(number), std::mem::take(&mut self.shard))?;
        self.shard_terms = 0;
        Ok(())
    }
}

impl Chunked {
    fn new(stream: Stream, size: usize) -> Chunked {
        Chunked {
            stream,
            size,
            pending: Vec::new(),
            written: 0,
            files: 0,
        }
    }

    /// Bytes in the stream so far.
    fn len(&self) -> usize {
        self.written + self.pending.len()
    }

    fn extend<E>(
        &mut self,
        bytes: &[u8],
        sink: &mut impl FnMut(String, Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        // Filled a chunk at a time: splitting the rest off a long term's bytes after each chunk
        // would copy all that is left, again and again.
        let mut rest = bytes;
        while !rest.is_empty() {
            let (now, later) = rest.split_at((self.size - self.pending.len()).min(rest.len()));
            self.pending.extend_from_slice(now);
            rest = later;
            if self.pending.len() == self.size {
                let full = std::mem::replace(&mut self.pending, Vec::with_capacity(self.size));
                self.send(full, sink)?;
            }
        }
        Ok(())
    }

    /// Sends what is left; how many files the stream has.
    fn finish<E>(
        mut self,
        sink: &mut impl FnMut(String, Vec<u8>) -> Result<(), E>,
    ) -> Result<u32, E> {
        if !self.pending.is_empty() {
            let last = std::mem::take(&mut self.pending);
            self.send(last, sink)?;
        }
        Ok(self.files)
    }

    fn send<E>(
        &mut self,
        bytes: Vec<u8>,
        sink: &mut impl FnMut(String, Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.written += bytes.len();
        let name = stream_file(self.stream, self.files as usize);
        self.files += 1;
        sink(name, bytes)
    }
}

/// A term's skips and positions as the files have them, from its positions and each article's
/// length of them as the writer holds them: each article's length before its positions, and
/// every block's length but the last's in the skips (a term of one block has none).
pub(super) fn blocks(lengths: &[u8], positions: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let mut skips = Vec::new();
    let mut out = Vec::with_capacity(positions.len() + lengths.len());
    let mut rest = positions;
    let mut block_start = 0;
    let mut lengths = Reader::new(lengths);
    let mut in_block = 0;
    while let Some(len) = lengths.size() {
        if in_block == POSITIONS_BLOCK {
            put(&mut skips, (out.len() - block_start) as u64);
            block_start = out.len();
            in_block = 0;
        }
        let (these, later) = rest.split_at(len.min(rest.len()));
        put(&mut out, these.len() as u64);
        out.extend_from_slice(these);
        rest = later;
        in_block += 1;
    }
    (skips, out)
}

/// Delta-coded article numbers as a bitmap of the library's `documents`.
fn bitmap(docs: &[u8], documents: u32) -> Vec<u8> {
    let mut bits = vec![0_u8; bitmap_len(documents)];
    let mut numbers = Reader::new(docs);
    let mut doc = 0_usize;
    let mut first = true;
    while let Some(delta) = numbers.size() {
        doc = if first { delta } else { doc + delta };
        first = false;
        if let Some(byte) = bits.get_mut(doc / 8) {
            *byte |= 1 << (doc % 8);
        }
    }
    bits
}

/// A prefix entry's score bytes as two bits each (a title hit, a label hit), four a byte.
fn flags(scores: &[u8]) -> Vec<u8> {
    let mut packed = vec![0_u8; flags_len(scores.len() as u32)];
    for (n, &score) in scores.iter().enumerate() {
        let bits = u8::from(score & TITLE_HIT != 0) | u8::from(score & LABEL_HIT != 0) << 1;
        if let Some(byte) = packed.get_mut(n / 4) {
            *byte |= bits << (n % 4 * 2);
        }
    }
    packed
}

fn shared_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}
