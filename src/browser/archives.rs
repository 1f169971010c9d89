//! `.zip` archives, unpacked when dropped or opened and packed on export or to publish a
//! site, by Lectern's worker
//! (`worker.rs`): inflating a large archive is a long task the page need not take, and the
//! page's download need not carry the code (`crate::archive` runs in the worker).

use std::rc::Rc;

use futures::StreamExt;

use crate::browser::store::StoredFile;
use crate::browser::worker::{self, Reply};
use crate::parse_job::Task;
use crate::reader_file::ReaderFile;

/// Why an archive goes unread where no worker starts.
const NO_WORKER: &str = "Lectern's worker could not start in this browser";

/// The files of each archive of `archives`, in order, or why it could not be read.
pub async fn unpack(archives: &[Rc<StoredFile>]) -> Vec<Result<Vec<ReaderFile>, String>> {
    let mut results = Vec::with_capacity(archives.len());
    let Some(worker) = worker::running().await else {
        results.resize_with(archives.len(), || Err(NO_WORKER.to_owned()));
        return results;
    };
    let mut replies = worker.submit(Task::Unpack, archives, 0);
    while results.len() < archives.len() {
        match replies.next().await {
            Some(Reply::Answered(_, answer)) => results.push(answer.unpacked()),
            stopped => {
                let reason = match stopped {
                    Some(Reply::Stopped(stop)) => stop.reason,
                    _ => NO_WORKER.to_owned(),
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
    let worker = worker::running().await.ok_or(NO_WORKER)?;
    match worker.submit(task, files, 0).next().await {
        Some(Reply::Answered(_, answer)) => answer.packed(),
        Some(Reply::Stopped(stop)) => Err(stop.reason),
        None => Err(NO_WORKER.to_owned()),
    }
}
