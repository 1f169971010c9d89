//! What a worker answers: each file's answer as it arrived, taken apart by what the job asked
//! for (an article, an archive's files, a packed archive, the bytes of files read), and why a
//! job stopped short.

use js_sys::Uint8Array;

use crate::parse_job::{BodyDecoder, FromWorker, Parsed};
use crate::parts::next_task;
use crate::reader_file::ReaderFile;

/// What the worker says about a job.
pub enum Reply {
    /// The answer about the file at this index.
    Answered(usize, Answer),
    Stopped(Stop),
}

/// Why a job's worker stopped before answering every file.
pub struct Stop {
    pub reason: String,
    /// The reader stopped it (an import cancelled): no file is to blame.
    pub cancelled: bool,
    /// The file (index in the job's batch) the worker was on when it crashed or stalled.
    pub culprit: Option<usize>,
}

impl Stop {
    pub fn cancelled() -> Stop {
        Stop {
            reason: "reading was stopped".to_owned(),
            cancelled: true,
            culprit: None,
        }
    }
}

/// One answer as it arrived: its body still in the buffer the worker handed over.
pub struct Answer {
    pub(super) header: FromWorker,
    pub(super) body: Uint8Array,
}

/// What the worker said was not the answer the job asked for (it never happens between a page
/// and a worker of the same build).
const UNEXPECTED: &str = "the worker answered something else";

/// Bytes copied from an answer's buffer into wasm memory (and checked) in one go.
const COPY_CHUNK: u32 = 4 << 20;

impl Answer {
    /// The parsed file; a large body is copied and checked a few megabytes at a time, between
    /// which the page gets to breathe.
    pub async fn parsed(self) -> Result<Parsed, String> {
        let FromWorker::Parsed { articles, .. } = self.header else {
            return Err(UNEXPECTED.to_owned());
        };
        let [lengths] = articles[..] else {
            return Err(UNEXPECTED.to_owned());
        };
        let length = self.body.length();
        let mut decoder = BodyDecoder::new(lengths.meta, lengths.html, length as usize);
        let mut piece = Vec::new();
        let mut start = 0;
        while start < length {
            let end = length.min(start + COPY_CHUNK);
            piece.resize((end - start) as usize, 0);
            self.body.subarray(start, end).copy_to(&mut piece);
            decoder.push(&piece)?;
            start = end;
            // Also after the last piece of a large body: what the page does with the article
            // next (listing and indexing it) is another task.
            if length > COPY_CHUNK {
                next_task().await;
            }
        }
        decoder.finish()
    }

    /// The files of an unpacked archive.
    pub fn unpacked(self) -> Result<Vec<ReaderFile>, String> {
        let FromWorker::Unpacked { files, .. } = self.header else {
            return Err(UNEXPECTED.to_owned());
        };
        let mut start = 0;
        files?
            .into_iter()
            .map(|(path, length)| {
                let end = u32::try_from(start + length).map_err(|e| e.to_string())?;
                let bytes = self.body.subarray(start as u32, end).to_vec();
                start += length;
                Ok(ReaderFile { path, bytes })
            })
            .collect()
    }

    /// A packed archive's bytes.
    pub fn packed(self) -> Result<Vec<u8>, String> {
        let FromWorker::Packed { result, .. } = self.header else {
            return Err(UNEXPECTED.to_owned());
        };
        result.map(|()| self.body.to_vec())
    }

    /// The bytes of files read ([`Connection::read`](super::Connection::read)), one after another, where the browser
    /// put them: the page copies out each file's own.
    pub fn read(self) -> Result<Uint8Array, String> {
        let FromWorker::Read { result, .. } = self.header else {
            return Err(UNEXPECTED.to_owned());
        };
        result.map(|()| self.body)
    }
}
