//! Jobs on `.zip` archives (`crate::archive`), as the archiver and the publisher answer them:
//! each archive of an unpack answered with its files, a pack with the one archive.

use js_sys::Array;

use super::{post, read_bytes, UNREADABLE};
use crate::archive;
use crate::parse_job::{FromWorker, Job};
use crate::reader_file::ReaderFile;

/// Unpacks the archives of a job, answering each with its files' paths and lengths, their
/// bytes one after another in the body.
pub fn unpack(job: &Job, files: &Array) {
    for index in 0..job.paths.len() {
        let unpacked = read_bytes(&files.get(index as u32))
            .ok_or_else(|| UNREADABLE.to_owned())
            .and_then(|bytes| archive::unpack(&bytes, ""));
        let mut body = Vec::new();
        let files = unpacked.map(|files| {
            files
                .into_iter()
                .map(|file| {
                    body.extend_from_slice(&file.bytes);
                    (file.path, file.bytes.len())
                })
                .collect()
        });
        let reply = FromWorker::Unpacked {
            job: job.id,
            index,
            files,
        };
        post(&reply, Some(&body));
    }
}

/// Packs the files of a job into one archive, after `finish` has made of them what is to be
/// packed.
pub fn pack(
    job: &Job,
    files: &Array,
    finish: impl FnOnce(Vec<ReaderFile>) -> Result<Vec<ReaderFile>, String>,
) {
    let packed = job
        .paths
        .iter()
        .enumerate()
        .map(|(index, path)| {
            let bytes =
                read_bytes(&files.get(index as u32)).ok_or_else(|| UNREADABLE.to_owned())?;
            Ok(ReaderFile {
                path: path.clone(),
                bytes,
            })
        })
        .collect::<Result<Vec<_>, String>>()
        .and_then(finish)
        .and_then(|files| archive::pack(&files));
    let (result, body) = match packed {
        Ok(archive) => (Ok(()), archive),
        Err(reason) => (Err(reason), Vec::new()),
    };
    let reply = FromWorker::Packed {
        job: job.id,
        result,
    };
    post(&reply, Some(&body));
}
