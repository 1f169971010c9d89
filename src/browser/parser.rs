//! Parsing off the page: files go to Lectern's parsing worker (`lectern-worker`, a second wasm
//! program built by Trunk), and each parsed article comes back as soon as it is ready.
//!
//! One worker serves the whole visit and is started on first use. The page itself never
//! parses: it does not carry the engine's parser at all, which keeps its download small (see
//! BENCHMARKS.md). Where no worker can start, each file is listed as unreadable, saying why.
//!
//! A watchdog guards the worker: if it crashes (a trap), or answers nothing for longer than the
//! file it is on may take ([`budget_millis`]), the file it was parsing is listed as unreadable,
//! with a diagnostic naming it, and set aside (see [`quarantine`]); a new worker parses the rest.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};

use articles::Article;
use futures::channel::{mpsc, oneshot};
use futures::StreamExt;
use gloo_timers::callback::Interval;
use gloo_timers::future::TimeoutFuture;
use js_sys::Uint8Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

use crate::browser::quarantine;
use crate::browser::store::StoredFile;
use crate::parse_job::wire::{self, JobFile};
use crate::parse_job::{self, BodyDecoder, Context, FromWorker, Parsed};

/// The worker's entry script, beside the page (`static/worker-loader.js`). Trunk does not hash
/// a worker's file names, so the page adds its own build to the address, which the loader
/// passes on: a worker cached from an older build is never paired with a newer page.
const WORKER_SCRIPT: &str = "./worker-loader.js";

/// Parses `files`, calling `each` with every file's index and article as it arrives, in order.
/// Stops early, without waiting for the rest, when `each` returns `false`. The files are
/// shared, not copied: a large drop's bytes are also kept for the library and for storage.
pub async fn parse_all(
    context: &Context,
    files: Vec<Rc<StoredFile>>,
    each: impl FnMut(usize, Article) -> bool,
) {
    if files.is_empty() {
        return;
    }
    match running_worker().await {
        Some(worker) => parse_in_worker(&worker, context, files, each).await,
        None => unparsed(&files, each),
    }
}

/// Why files go unread where no worker starts.
const NO_WORKER: &str = "Lectern's parser could not start in this browser";

/// Lists `files` as unreadable: no worker could parse them.
fn unparsed(files: &[Rc<StoredFile>], mut each: impl FnMut(usize, Article) -> bool) {
    for (index, file) in files.iter().enumerate() {
        if !each(index, Article::unreadable(&file.path, NO_WORKER)) {
            return;
        }
    }
}

/// Most files and bytes handed to the worker in one message: posting ten thousand files at
/// once would copy them all in one long task of the page.
const MESSAGE_FILES: usize = 500;
const MESSAGE_BYTES: usize = 4 << 20;

/// Parses in the worker: the files go over in several messages, the page breathing between
/// them, and the answers are taken in order. A worker that crashes or stalls is replaced: the
/// file it stopped on is listed as unreadable and set aside, the rest are sent again.
async fn parse_in_worker(
    worker: &Rc<ParseWorker>,
    context: &Context,
    files: Vec<Rc<StoredFile>>,
    mut each: impl FnMut(usize, Article) -> bool,
) {
    let mut jobs = Vec::new();
    let mut first = 0;
    for (at, batch) in batches(files).into_iter().enumerate() {
        if at > 0 {
            TimeoutFuture::new(0).await;
        }
        let count = batch.len();
        let replies = worker.submit_from(context, &batch, 0);
        jobs.push((first, batch, replies));
        first += count;
    }
    for (first, batch, mut replies) in jobs {
        let mut next = 0;
        while next < batch.len() {
            let (index, article) = match replies.next().await {
                Some(Reply::Parsed(index, answer)) => {
                    let article = answer
                        .take()
                        .await
                        .and_then(Parsed::article)
                        .unwrap_or_else(|reason| Article::unreadable(&batch[index].path, &reason));
                    (index, article)
                }
                stopped => {
                    let stop = match stopped {
                        Some(Reply::Stopped(stop)) => stop,
                        _ => Stop::cancelled(),
                    };
                    if stop.cancelled {
                        for (index, file) in batch.iter().enumerate().skip(next) {
                            if !each(first + index, Article::unreadable(&file.path, &stop.reason)) {
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
                        quarantine::set_aside(&file.path, file.bytes.len(), &stop.reason);
                        if !each(first + next, Article::unreadable(&file.path, &stop.reason)) {
                            return;
                        }
                        next += 1;
                    }
                    if next == batch.len() {
                        continue;
                    }
                    // The rest goes to a new worker.
                    let rest = batch[next..].to_vec();
                    match running_worker().await {
                        Some(fresh) => replies = fresh.submit_from(context, &rest, next),
                        None => {
                            let offset = first + next;
                            let mut going = true;
                            unparsed(&rest, |index, article| {
                                going = each(offset + index, article);
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

/// Files in messages of at most [`MESSAGE_FILES`] files or [`MESSAGE_BYTES`] bytes (at least one
/// file each).
fn batches(files: Vec<Rc<StoredFile>>) -> Vec<Vec<Rc<StoredFile>>> {
    let mut batches = Vec::new();
    let mut files = files.into_iter().peekable();
    while files.peek().is_some() {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while let Some(file) = files.next_if(|file| {
            batch.is_empty()
                || (batch.len() < MESSAGE_FILES && bytes + file.bytes.len() <= MESSAGE_BYTES)
        }) {
            bytes += file.bytes.len();
            batch.push(file);
        }
        batches.push(batch);
    }
    batches
}

/// How long the worker may go without answering while it parses a file of `bytes`: a few
/// seconds, and more for a large file (the engine reads some 5 MB/s in the slowest browsers).
pub fn budget_millis(bytes: usize) -> f64 {
    5_000.0 + bytes as f64 / 2_500.0
}

/// Parses one file.
pub async fn parse_one(context: &Context, path: &str, bytes: Vec<u8>) -> Article {
    let mut parsed = None;
    let file = StoredFile::new(path.to_owned(), bytes);
    parse_all(context, vec![Rc::new(file)], |_, article| {
        parsed = Some(article);
        false
    })
    .await;
    // Only a worker stopped by a cancelled import leaves a file unanswered.
    parsed.unwrap_or_else(|| Article::unreadable(path, "reading was stopped"))
}

/// Stops the worker and what it is doing (an import the reader cancelled); the next job starts
/// a fresh one.
pub fn stop() {
    let slot = SLOT.with(|slot| std::mem::replace(&mut *slot.borrow_mut(), Slot::Empty));
    if let Slot::Ready(worker) | Slot::Starting(worker, _) = slot {
        worker.worker.terminate();
        // Its jobs end now rather than wait forever.
        worker.died(Stop::cancelled());
    }
}

/// What the worker says about a job.
enum Reply {
    Parsed(usize, Answer),
    Stopped(Stop),
}

/// Why a job's worker stopped before answering every file.
struct Stop {
    reason: String,
    /// The reader stopped it (an import cancelled): no file is to blame.
    cancelled: bool,
    /// The file (index in the job's batch) the worker was parsing when it crashed or stalled.
    culprit: Option<usize>,
}

impl Stop {
    fn cancelled() -> Stop {
        Stop {
            reason: "reading was stopped".to_owned(),
            cancelled: true,
            culprit: None,
        }
    }
}

/// One file's answer as it arrived: its body still in the buffer the worker handed over.
struct Answer {
    meta: String,
    html_length: usize,
    body: Uint8Array,
}

/// Bytes copied from an answer's buffer into wasm memory (and checked) in one go.
const COPY_CHUNK: u32 = 4 << 20;

impl Answer {
    /// The parsed file; a large body is copied and checked a few megabytes at a time, between
    /// which the page gets to breathe.
    async fn take(self) -> Result<Parsed, String> {
        let length = self.body.length();
        let mut decoder = BodyDecoder::new(self.meta, self.html_length, length as usize);
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
                TimeoutFuture::new(0).await;
            }
        }
        decoder.finish()
    }
}

/// The worker of this visit, once it has said it is ready.
struct ParseWorker {
    worker: Worker,
    jobs: RefCell<BTreeMap<u32, Job>>,
    next_job: Cell<u32>,
    /// When the worker last answered (or was given work while idle), in milliseconds.
    last_heard: Cell<f64>,
    /// Set when it died: later messages would go unanswered.
    dead: Cell<bool>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(Event)>,
    /// Looks every second for a stall; dropped with the worker.
    watchdog: RefCell<Option<Interval>>,
}

/// A job the worker has not finished: where its answers go, and how far it has come.
struct Job {
    sender: mpsc::UnboundedSender<Reply>,
    /// The size of each file, for its time budget.
    sizes: Vec<usize>,
    /// Files answered so far; the worker parses them in order.
    answered: usize,
    /// Added to the worker's indices: a job sent again after a crash starts mid-batch.
    offset: usize,
}

/// How often the watchdog looks at the worker, in milliseconds.
const WATCHDOG_MILLIS: u32 = 1_000;

impl ParseWorker {
    /// Sends `files` (the batch's files from `offset` on) to the worker; answers are numbered
    /// from `offset`.
    fn submit_from(
        &self,
        context: &Context,
        files: &[Rc<StoredFile>],
        offset: usize,
    ) -> mpsc::UnboundedReceiver<Reply> {
        let job = self.next_job.get();
        self.next_job.set(job.wrapping_add(1));
        let (sender, receiver) = mpsc::unbounded();
        if self.dead.get() {
            let _ = sender.unbounded_send(Reply::Stopped(Stop {
                reason: "the parsing worker stopped".to_owned(),
                cancelled: false,
                culprit: None,
            }));
            return receiver;
        }
        let header = parse_job::Job {
            id: job,
            context: context.clone(),
            paths: files.iter().map(|file| file.path.clone()).collect(),
        };
        // A large file goes as its blob, which the worker reads itself: no copy here.
        let (message, transfer) = wire::job(
            &header,
            files.iter().map(|file| match file.blob() {
                Some(blob) => JobFile::Blob(blob),
                None => JobFile::Bytes(&file.bytes),
            }),
        );
        match self.worker.post_message_with_transfer(&message, &transfer) {
            Ok(()) => {
                let mut jobs = self.jobs.borrow_mut();
                if jobs.is_empty() {
                    // Idle until now: its time on this job starts now.
                    self.last_heard.set(js_sys::Date::now());
                }
                jobs.insert(
                    job,
                    Job {
                        sender,
                        sizes: files.iter().map(|f| f.bytes.len()).collect(),
                        answered: 0,
                        offset,
                    },
                );
            }
            Err(error) => {
                let _ = sender.unbounded_send(Reply::Stopped(Stop {
                    reason: describe(&error),
                    cancelled: false,
                    culprit: None,
                }));
            }
        }
        receiver
    }

    /// Routes one answer of the worker to the job it belongs to.
    fn answer(&self, job: u32, index: usize, answer: Answer) {
        self.last_heard.set(js_sys::Date::now());
        let mut jobs = self.jobs.borrow_mut();
        let Some(progress) = jobs.get_mut(&job) else {
            return;
        };
        progress.answered = index + 1;
        // A job whose reader stopped listening is no longer wanted.
        let _ = progress
            .sender
            .unbounded_send(Reply::Parsed(progress.offset + index, answer));
        if progress.answered >= progress.sizes.len() {
            jobs.remove(&job);
        }
    }

    /// The file the worker is parsing now: the first unanswered file of its oldest job (it
    /// takes jobs in order and files in order), as the job's id and the file's index in it.
    fn current_file(&self) -> Option<(u32, usize, usize)> {
        let jobs = self.jobs.borrow();
        let (&id, job) = jobs
            .iter()
            .find(|(_, job)| job.answered < job.sizes.len())?;
        Some((id, job.answered, job.sizes[job.answered]))
    }

    /// Called by the watchdog: a worker silent for longer than its file's budget has stalled.
    fn check(&self) -> bool {
        let Some((_, _, size)) = self.current_file() else {
            return false;
        };
        js_sys::Date::now() - self.last_heard.get() > budget_millis(size)
    }

    /// The worker died: every job still running is told, and the job whose file it was
    /// parsing learns which file that was.
    fn died(&self, stop: Stop) {
        self.dead.set(true);
        let current = if stop.cancelled {
            None
        } else {
            self.current_file()
        };
        for (id, job) in std::mem::take(&mut *self.jobs.borrow_mut()) {
            let culprit = current
                .filter(|(culprit_job, _, _)| *culprit_job == id)
                .map(|(_, index, _)| job.offset + index);
            let _ = job.sender.unbounded_send(Reply::Stopped(Stop {
                reason: stop.reason.clone(),
                cancelled: stop.cancelled,
                culprit,
            }));
        }
    }

    /// Ends this worker after a crash or a stall: the next job starts a fresh one.
    fn fail(&self, reason: String) {
        self.worker.terminate();
        // Not dropped here: this may run inside the watchdog's own callback.
        let watchdog = self.watchdog.borrow_mut().take();
        self.died(Stop {
            reason,
            cancelled: false,
            culprit: None,
        });
        // The worker is dropped after the listener that called this returns, not while it runs.
        let old = SLOT.with(|slot| {
            let mut slot = slot.borrow_mut();
            match &*slot {
                Slot::Ready(current) if std::ptr::eq(Rc::as_ptr(current), self) => {
                    std::mem::replace(&mut *slot, Slot::Empty)
                }
                _ => Slot::Empty,
            }
        });
        wasm_bindgen_futures::spawn_local(async move { drop((old, watchdog)) });
    }
}

/// The worker's state for this visit.
enum Slot {
    /// Not started yet, or stopped.
    Empty,
    /// Started; these wait for it to say it is ready.
    Starting(
        Rc<ParseWorker>,
        Vec<oneshot::Sender<Option<Rc<ParseWorker>>>>,
    ),
    Ready(Rc<ParseWorker>),
    /// Workers cannot run here.
    Unavailable,
}

thread_local! {
    static SLOT: RefCell<Slot> = const { RefCell::new(Slot::Empty) };
}

/// The ready worker, starting it if need be; `None` where workers cannot run.
async fn running_worker() -> Option<Rc<ParseWorker>> {
    let (sender, receiver) = oneshot::channel();
    SLOT.with(|slot| {
        let mut slot = slot.borrow_mut();
        match &mut *slot {
            Slot::Ready(worker) => drop(sender.send(Some(worker.clone()))),
            Slot::Unavailable => drop(sender.send(None)),
            Slot::Starting(_, waiting) => waiting.push(sender),
            Slot::Empty => {
                *slot = match start_worker() {
                    Some(worker) => Slot::Starting(worker, vec![sender]),
                    // A page opened from disk may not start workers at all.
                    None => {
                        drop(sender.send(None));
                        Slot::Unavailable
                    }
                }
            }
        }
    });
    receiver.await.ok().flatten()
}

/// Starts the worker. Its listeners hold it weakly: the slot owns it, so stopping frees it.
fn start_worker() -> Option<Rc<ParseWorker>> {
    let worker = Worker::new(&format!("{WORKER_SCRIPT}?v={}", this_build())).ok()?;
    let parse_worker = Rc::new_cyclic(|me: &Weak<ParseWorker>| {
        let on_message = {
            let me = me.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                match wire::read_reply(&event.data()) {
                    Some((FromWorker::Ready, _)) => settle(me.upgrade()),
                    Some((
                        FromWorker::Parsed {
                            job,
                            index,
                            meta,
                            html_length,
                        },
                        body,
                    )) => {
                        if let Some(me) = me.upgrade() {
                            let answer = Answer {
                                meta,
                                html_length,
                                body,
                            };
                            me.answer(job, index, answer);
                        }
                    }
                    // Nothing else is sent; anything else is not an answer.
                    None => {}
                }
            })
        };
        let on_error = {
            let me = me.clone();
            Closure::<dyn Fn(Event)>::new(move |event: Event| {
                let Some(me) = me.upgrade() else { return };
                let was_ready = SLOT.with(|slot| matches!(&*slot.borrow(), Slot::Ready(_)));
                if was_ready {
                    // It ran, then died on some file (a trap): that file is set aside.
                    let message = event
                        .dyn_ref::<ErrorEvent>()
                        .map(ErrorEvent::message)
                        .unwrap_or_default();
                    me.fail(format!(
                        "the parser crashed while reading it ({message}); it was set aside"
                    ));
                } else {
                    // It never started (its files are missing on this host).
                    me.worker.terminate();
                    me.died(Stop {
                        reason: "the parsing worker could not start".to_owned(),
                        cancelled: false,
                        culprit: None,
                    });
                    settle(None);
                }
            })
        };
        let watchdog = {
            let me = me.clone();
            Interval::new(WATCHDOG_MILLIS, move || {
                let Some(me) = me.upgrade() else { return };
                if me.check() {
                    me.fail(
                        "the parser ran too long on it and was stopped; it was set aside"
                            .to_owned(),
                    );
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        ParseWorker {
            worker,
            jobs: RefCell::default(),
            next_job: Cell::new(0),
            last_heard: Cell::new(js_sys::Date::now()),
            dead: Cell::new(false),
            _on_message: on_message,
            _on_error: on_error,
            watchdog: RefCell::new(Some(watchdog)),
        }
    });
    Some(parse_worker)
}

/// Ends the start: the ready worker, or `None` when workers cannot run here.
fn settle(worker: Option<Rc<ParseWorker>>) {
    let previous = SLOT.with(|slot| {
        let next = match &worker {
            Some(worker) => Slot::Ready(worker.clone()),
            None => Slot::Unavailable,
        };
        std::mem::replace(&mut *slot.borrow_mut(), next)
    });
    if let Slot::Starting(starting, waiting) = previous {
        for waiter in waiting {
            let _ = waiter.send(worker.clone());
        }
        // Dropped after the listener that called this returns.
        wasm_bindgen_futures::spawn_local(async move { drop(starting) });
    }
}

/// This build's name: the file name of the page's own script, which Trunk hashes per build
/// (`lectern-<hash>.js`, preloaded by `index.html`); empty where there is none.
fn this_build() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("link[rel=modulepreload]").ok().flatten())
        .and_then(|link| link.get_attribute("href"))
        .and_then(|href| {
            let name = href.rsplit('/').next()?.trim_end_matches(".js");
            Some(js_sys::encode_uri_component(name).into())
        })
        .unwrap_or_default()
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{error:?}"))
}
