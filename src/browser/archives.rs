//! `.zip` archives, unpacked when dropped or opened and packed on export by Lectern's archiver,
//! and a site packed to publish by its publisher (`worker.rs`): inflating a large archive is a
//! long task the page need not take, and no download but theirs carries the code
//! (`crate::archive` runs in them).

use std::rc::Rc;

use futures::StreamExt;

use crate::browser::store::StoredFile;
use crate::browser::worker::{self, Reply};
use crate::parse_job::Task;
use crate::reader_file::ReaderFile;

/// Why an archive goes unread or unmade where its worker does not start.
const NO_ARCHIVER: &str = "Lectern's archiver could not start in this browser";
const NO_PUBLISHER: &str = "Lectern's publisher could not start in this browser";

/// The files of each archive of `archives`, in order, or why it could not be read.
pub async fn unpack(archives: &[Rc<StoredFile>]) -> Vec<Result<Vec<ReaderFile>, String>> {
    let mut results = Vec::with_capacity(archives.len());
    if archives.is_empty() {
        // Most drops hold no archive: the archiver is not even fetched.
        return results;
    }
    let Some(worker) = worker::archiver().await else {
        results.resize_with(archives.len(), || Err(NO_ARCHIVER.to_owned()));
        return results;
    };
    let mut replies = worker.submit(Task::Unpack, archives, 0);
    while results.len() < archives.len() {
        match replies.next().await {
            Some(Reply::Answered(_, answer)) => results.push(answer.unpacked()),
            stopped => {
                let reason = match stopped {
                    Some(Reply::Stopped(stop)) => stop.reason,
                    _ => NO_ARCHIVER.to_owned(),
                };
                results.resize_with(archives.len(), || Err(reason.clone()));
            }
        }
    }
    results
}

/// An archive of `files`, each under its path (deterministic: the same files give the same
/// archive), or why it could not be made.
pub async fn pack(files: &[Rc<StoredFile>]) -> Result<Vec<u8>, String> {
    packed(Task::Pack, files).await
}

/// A static site's archive: the app's files and the reader's (under `SITE_LIBRARY`), with the
/// library's catalog the worker writes for them.
pub async fn publish(files: &[Rc<StoredFile>]) -> Result<Vec<u8>, String> {
    packed(Task::Publish, files).await
}

async fn packed(task: Task, files: &[Rc<StoredFile>]) -> Result<Vec<u8>, String> {
    let (worker, missing) = match task {
        Task::Publish => (worker::publisher().await, NO_PUBLISHER),
        _ => (worker::archiver().await, NO_ARCHIVER),
    };
    let worker = worker.ok_or(missing)?;
    match worker.submit(task, files, 0).next().await {
        Some(Reply::Answered(_, answer)) => answer.packed(),
        Some(Reply::Stopped(stop)) => Err(stop.reason),
        None => Err(missing.to_owned()),
    }
}
