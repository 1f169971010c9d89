//! Parsing off the page: files go to Lectern's worker (`worker.rs`), and each parsed article
//! comes back as soon as it is ready. The page itself never parses. Where no worker can start,
//! each file is listed as unreadable, saying why (and is parsed at a later visit).
//!
//! A file the worker crashed or stalled on is listed as unreadable, with a diagnostic naming
//! it, and set aside (see [`quarantine`]); a new worker parses the rest.

use std::rc::Rc;

use articles::Article;
use futures::StreamExt;

use crate::browser::quarantine;
use crate::browser::store::StoredFile;
use crate::browser::worker::{self, Reply, Stop};
use crate::parse_job::{Context, Parsed, Task};
use crate::parts::{next_task, Slices};

/// An article as it came from the worker, with its metadata as the worker wrote it (JSON):
/// what storage keeps, so the page never writes it out again (a 21 MB article's 45 000
/// headings are 3.4 MB of it, a 50 ms task). No metadata for an article the page made (a file
/// no worker read).
pub struct Arrived {
    pub article: Article,
    pub meta: Option<String>,
}

impl Arrived {
    /// The worker's answer about the file at `path`.
    fn answered(answer: Result<Parsed, String>, path: &str) -> Arrived {
        match answer.and_then(Parsed::article) {
            Ok((article, meta)) => Arrived {
                article,
                meta: Some(meta),
            },
            Err(reason) => Arrived::unread(path, &reason),
        }
    }

    fn unread(path: &str, reason: &str) -> Arrived {
        Arrived {
            article: Article::unreadable(path, reason),
            meta: None,
        }
    }
}

/// Parses `files`, calling `each` with every file's index and article as it arrives, in order.
/// Stops early, without waiting for the rest, when `each` returns `false`. The files are
/// shared, not copied: a large drop's bytes are also kept for the library and for storage.
pub async fn parse_all(
    context: &Context,
    files: Vec<Rc<StoredFile>>,
    each: impl FnMut(usize, Arrived) -> bool,
) {
    if files.is_empty() {
        return;
    }
    match worker::running().await {
        Some(_) => parse_in_workers(context, files, each).await,
        None => unparsed(&files, each),
    }
}

/// Why files go unread where no worker starts.
pub const NO_WORKER: &str = "Lectern's parser could not start in this browser";

/// Lists `files` as unreadable: no worker could parse them.
fn unparsed(files: &[Rc<StoredFile>], mut each: impl FnMut(usize, Arrived) -> bool) {
    for (index, file) in files.iter().enumerate() {
        if !each(index, Arrived::unread(&file.path, NO_WORKER)) {
            return;
        }
    }
}

/// Most files and bytes handed to a worker in one message: posting ten thousand files at once
/// would copy them all in one long task of the page, and smaller batches spread over the pool.
const MESSAGE_FILES: usize = 200;
const MESSAGE_BYTES: usize = 2 << 20;

/// Messages each worker of the pool gets of a smaller drop, at least: dealt in turn, a drop in
/// a few messages a worker keeps every worker busy to about the same end (500 files in messages
/// of 200 left one worker 300 of them, the other 200).
const MESSAGES_PER_WORKER: usize = 4;

/// Parses in the workers: the files go over in several messages, each to the next worker of the
/// pool, the page breathing between them, and the answers are taken in order. A worker that
/// crashes or stalls is replaced: the file it stopped on is listed as unreadable and set aside,
/// the rest are sent again.
async fn parse_in_workers(
    context: &Context,
    files: Vec<Rc<StoredFile>>,
    mut each: impl FnMut(usize, Arrived) -> bool,
) {
    let mut jobs = Vec::new();
    let mut first = 0;
    for (at, batch) in batches(files, worker::pool_size()).into_iter().enumerate() {
        if at > 0 {
            next_task().await;
        }
        let count = batch.len();
        let replies = match worker::running_at(at).await {
            Some(worker) => worker.submit(Task::Parse(context.clone()), &batch, 0),
            None => stopped_before_start(),
        };
        jobs.push((at, first, batch, replies));
        first += count;
    }
    // Answers that came while the page was busy are there without a wait: taken one after
    // another, a burst of them made one long task.
    let mut slices = Slices::start();
    for (at, first, batch, mut replies) in jobs {
        let mut next = 0;
        while next < batch.len() {
            if slices.due() {
                slices.breathe().await;
            }
            let (index, article) = match replies.next().await {
                Some(Reply::Answered(index, answer)) => {
                    let path = &batch[index].path;
                    (index, Arrived::answered(answer.parsed().await, path))
                }
                stopped => {
                    let stop = match stopped {
                        Some(Reply::Stopped(stop)) => stop,
                        _ => Stop::cancelled(),
                    };
                    if stop.cancelled {
                        for (index, file) in batch.iter().enumerate().skip(next) {
                            if !each(first + index, Arrived::unread(&file.path, &stop.reason)) {
                                return;
                            }
                        }
                        next = batch.len();
                        continue;
                    }
                    if stop.culprit == Some(next) {
                        // The file the worker stopped on: listed, never lost, and not parsed
                        // again at the next start.
                        let file = &batch[next];
                        let reason = format!("{}; it was set aside", stop.reason);
                        quarantine::set_aside(&file.path, file.bytes.len(), &reason);
                        if !each(first + next, Arrived::unread(&file.path, &reason)) {
                            return;
                        }
                        next += 1;
                    }
                    if next == batch.len() {
                        continue;
                    }
                    // The rest goes to a new worker, which answers each file as it is done:
                    // should it stop again, the page learns on which file (the first worker
                    // may have held answers back, see `Task::Parse`).
                    let rest = batch[next..].to_vec();
                    match worker::running_at(at).await {
                        Some(fresh) => {
                            let task = Task::ParseEach(context.clone());
                            replies = fresh.submit(task, &rest, next)
                        }
                        None => {
                            let offset = first + next;
                            let mut going = true;
                            unparsed(&rest, |index, arrived| {
                                going = each(offset + index, arrived);
                                going
                            });
                            if !going {
                                return;
                            }
                            next = batch.len();
                        }
                    }
                    continue;
                }
            };
            next = index + 1;
            if !each(first + index, article) {
                return;
            }
        }
    }
}

/// The replies of a batch no worker could take: it stopped before it started.
fn stopped_before_start() -> futures::channel::mpsc::UnboundedReceiver<Reply> {
    let (sender, receiver) = futures::channel::mpsc::unbounded();
    let _ = sender.unbounded_send(Reply::Stopped(Stop {
        reason: NO_WORKER.to_owned(),
        cancelled: false,
        culprit: None,
    }));
    receiver
}

/// Files in messages of at most [`MESSAGE_FILES`] files or [`MESSAGE_BYTES`] bytes (at least one
/// file each), and smaller for a smaller drop, so each of the pool's `workers` gets
/// [`MESSAGES_PER_WORKER`] of about the same bytes.
fn batches(files: Vec<Rc<StoredFile>>, workers: usize) -> Vec<Vec<Rc<StoredFile>>> {
    let messages = workers.max(1) * MESSAGES_PER_WORKER;
    let total: usize = files.iter().map(|file| file.bytes.len()).sum();
    let most_files = files.len().div_ceil(messages).clamp(1, MESSAGE_FILES);
    let most_bytes = total.div_ceil(messages).clamp(1, MESSAGE_BYTES);
    let mut batches = Vec::new();
    let mut files = files.into_iter().peekable();
    while files.peek().is_some() {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while let Some(file) = files.next_if(|file| {
            batch.is_empty() || (batch.len() < most_files && bytes + file.bytes.len() <= most_bytes)
        }) {
            bytes += file.bytes.len();
            batch.push(file);
        }
        batches.push(batch);
    }
    batches
}

/// Parses one file.
pub async fn parse_one(context: &Context, path: &str, bytes: Vec<u8>) -> Article {
    let mut parsed = None;
    let file = StoredFile::new(path.to_owned(), bytes);
    parse_all(context, vec![Rc::new(file)], |_, arrived| {
        parsed = Some(arrived.article);
        false
    })
    .await;
    // Only a worker stopped by a cancelled import leaves a file unanswered.
    parsed.unwrap_or_else(|| Article::unreadable(path, "reading was stopped"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(sizes: &[usize]) -> Vec<Rc<StoredFile>> {
        sizes
            .iter()
            .enumerate()
            .map(|(n, &size)| Rc::new(StoredFile::new(format!("{n}.md"), vec![b'a'; size])))
            .collect()
    }

    /// Files each worker gets, the batches dealt in turn.
    fn per_worker(batches: &[Vec<Rc<StoredFile>>], workers: usize) -> Vec<usize> {
        let mut counts = vec![0; workers];
        for (at, batch) in batches.iter().enumerate() {
            counts[at % workers] += batch.len();
        }
        counts
    }

    #[test]
    fn a_smaller_drop_is_dealt_evenly_over_the_workers() {
        let batches = batches(files(&[3_800; 500]), 2);
        assert_eq!(batches.iter().map(Vec::len).sum::<usize>(), 500);
        assert_eq!(per_worker(&batches, 2), [252, 248]);
        let batches = super::batches(files(&[3_800; 10]), 4);
        assert_eq!(batches.len(), 10);
    }

    #[test]
    fn a_large_drop_keeps_to_the_message_limits() {
        let batches = batches(files(&[100; 10_000]), 2);
        assert_eq!(batches.len(), 50);
        assert!(batches.iter().all(|batch| batch.len() == MESSAGE_FILES));
        let batches = super::batches(files(&[1 << 20; 40]), 2);
        assert!(batches.iter().all(|batch| batch.len() == 2));
    }

    #[test]
    fn a_file_larger_than_a_message_goes_alone() {
        let batches = batches(files(&[10, 5 << 20, 10, 10, 10, 10, 10, 10]), 1);
        let sizes: Vec<usize> = batches.iter().map(Vec::len).collect();
        assert_eq!(sizes, [1, 1, 2, 2, 2]);
    }
}
