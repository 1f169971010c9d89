//! Writing a library too large to index in memory: the writer's terms, once they hold more
//! than a budget, go to a *run* file in dictionary order and the writer starts afresh; at the
//! end the runs are merged term by term into the index's files. Runs hold consecutive articles,
//! so a term's postings from one run follow the previous run's: merging them is appending,
//! with the first article number re-based on the last one before it (see
//! [`Postings::append`]). The files come out byte for byte as the in-memory writer's.
//!
//! A run, term after term: the term's length and bytes, its number of articles, its last
//! article, the lengths of its article numbers, score bytes, position lengths and positions
//! (LEB128 varints), then those four as they are.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use super::emit::Emitter;
use super::varint::{self, put};
use super::write::{Postings, Writer};
use super::Meta;
use crate::search::index::Document;

/// A [`Writer`] that keeps about `budget` bytes of postings in memory at most (plus the
/// largest term's while merging, and the allocator's slack), spilling the rest into runs in a
/// folder of its own, removed when it is done.
pub struct SpillingWriter {
    writer: Writer,
    dir: PathBuf,
    budget: usize,
    runs: Vec<PathBuf>,
    /// The first failure to write a run, told by [`SpillingWriter::finish_into`].
    failed: Option<io::Error>,
}

impl SpillingWriter {
    /// A writer spilling into `dir` (created if need be; the runs in it are removed when the
    /// writer is dropped, and the folder if it is then empty).
    pub fn new(dir: &Path, budget: usize) -> SpillingWriter {
        SpillingWriter {
            writer: Writer::new(),
            dir: dir.to_owned(),
            budget,
            runs: Vec::new(),
            failed: None,
        }
    }

    /// A writer deciding common words on its first `articles` articles: tests of small
    /// libraries.
    #[cfg(test)]
    pub(super) fn sampling(dir: &Path, budget: usize, articles: u32) -> SpillingWriter {
        let mut writer = SpillingWriter::new(dir, budget);
        writer.writer = Writer::sampling(articles);
        writer
    }

    /// Adds the next article; a run is written when the terms outgrow the budget.
    pub fn add(&mut self, document: &Document) {
        self.writer.add(document);
        if self.writer.held() > self.budget && self.failed.is_none() {
            if let Err(error) = self.spill() {
                self.failed = Some(error);
            }
        }
    }

    /// How many runs went to disk so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Merges the runs and what is still in memory into the index's files, each handed to
    /// `sink` (name, bytes) as soon as it is complete; what the catalog says of them.
    pub fn finish_into(
        mut self,
        sink: impl FnMut(String, Vec<u8>) -> io::Result<()>,
    ) -> io::Result<Meta> {
        if let Some(error) = self.failed.take() {
            return Err(error);
        }
        if self.runs.is_empty() {
            let writer = std::mem::take(&mut self.writer);
            return writer.finish_into(sink);
        }
        self.spill()?;
        let mut runs = self
            .runs
            .iter()
            .map(|path| Run::open(path))
            .collect::<io::Result<Vec<Run>>>()?;
        let mut emitter = Emitter::new(sink, self.writer.documents());
        while let Some(key) = runs
            .iter()
            .filter_map(|run| run.head.as_ref().map(|(key, _)| key))
            .min()
            .cloned()
        {
            // Runs are in article order: each one's postings follow the previous one's.
            let mut merged = Postings::default();
            for run in &mut runs {
                if run.head.as_ref().is_some_and(|(k, _)| *k == key) {
                    if let Some((_, postings)) = run.advance()? {
                        merged.append(postings);
                    }
                }
            }
            let common = self.writer.is_common(&key);
            emitter.term(&key, &merged, common)?;
        }
        emitter.finish()
    }

    /// Writes the terms held into a run, in dictionary order, and forgets them.
    fn spill(&mut self) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.dir.join(format!(
            "run-{}-{:04}.bin",
            std::process::id(),
            self.runs.len()
        ));
        let mut out = BufWriter::new(File::create(&path)?);
        self.runs.push(path);
        for (key, term) in self.writer.take_sorted() {
            let parts = term.parts();
            let mut head = Vec::new();
            put(&mut head, key.len() as u64);
            head.extend_from_slice(key.as_bytes());
            put(&mut head, u64::from(term.count));
            put(&mut head, u64::from(term.last));
            for part in parts {
                put(&mut head, part.len() as u64);
            }
            out.write_all(&head)?;
            for part in parts {
                out.write_all(part)?;
            }
        }
        out.flush()
    }
}

impl Drop for SpillingWriter {
    fn drop(&mut self) {
        // Best effort: a run left behind is a temporary file, not a wrong index.
        for run in &self.runs {
            let _ = std::fs::remove_file(run);
        }
        let _ = std::fs::remove_dir(&self.dir);
    }
}

/// A run being read back, one term ahead.
struct Run {
    file: BufReader<File>,
    head: Option<(Box<str>, Postings)>,
}

impl Run {
    fn open(path: &Path) -> io::Result<Run> {
        let mut run = Run {
            file: BufReader::with_capacity(1 << 16, File::open(path)?),
            head: None,
        };
        run.head = run.read()?;
        Ok(run)
    }

    /// The term read last; the next is read in its place.
    fn advance(&mut self) -> io::Result<Option<(Box<str>, Postings)>> {
        let next = self.read()?;
        Ok(std::mem::replace(&mut self.head, next))
    }

    fn read(&mut self) -> io::Result<Option<(Box<str>, Postings)>> {
        let Some(key_len) = next_varint(&mut self.file)? else {
            return Ok(None);
        };
        let key_len = usize::try_from(key_len).map_err(|_| truncated())?;
        let key = String::from_utf8(self.bytes(key_len)?)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let count = self.number()?;
        let last = self.number()?;
        let mut lengths = [0; 4];
        for length in &mut lengths {
            *length = self.size()?;
        }
        let [docs, scores, positions_len, positions] = lengths.map(|len| self.bytes(len));
        let postings =
            Postings::from_parts(count, last, [docs?, scores?, positions_len?, positions?]);
        Ok(Some((key.into_boxed_str(), postings)))
    }

    fn bytes(&mut self, len: usize) -> io::Result<Vec<u8>> {
        let mut bytes = vec![0; len];
        self.file.read_exact(&mut bytes)?;
        Ok(bytes)
    }

    fn size(&mut self) -> io::Result<usize> {
        let value = next_varint(&mut self.file)?.ok_or_else(truncated)?;
        usize::try_from(value).map_err(|_| truncated())
    }

    fn number(&mut self) -> io::Result<u32> {
        let value = next_varint(&mut self.file)?.ok_or_else(truncated)?;
        u32::try_from(value).map_err(|_| truncated())
    }
}

/// The next varint of a run; `None` at its end.
fn next_varint(file: &mut impl BufRead) -> io::Result<Option<u64>> {
    if file.fill_buf()?.is_empty() {
        return Ok(None);
    }
    let mut failed = None;
    let value = varint::decode(|| {
        let mut byte = [0_u8];
        match file.read_exact(&mut byte) {
            Ok(()) => Some(byte[0]),
            Err(error) => {
                failed = Some(error);
                None
            }
        }
    });
    match (value, failed) {
        (Some(value), _) => Ok(Some(value)),
        (None, Some(error)) if error.kind() != io::ErrorKind::UnexpectedEof => Err(error),
        (None, _) => Err(truncated()),
    }
}

fn truncated() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "a spilled run of the index is cut short",
    )
}
