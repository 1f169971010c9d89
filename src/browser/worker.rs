//! The page's connection to Lectern's workers, wasm programs of their own built by Trunk, which
//! do all the work on the bytes of files: parsing (`lectern-worker`, for `parser.rs`), unpacking
//! and packing archives (`lectern-archiver`) and publishing a site (`lectern-publisher`), both
//! for `archives.rs`. The page does not carry that code at all, which keeps its download small
//! (see BENCHMARKS.md), and only parsing is downloaded by every reader (`Program`).
//!
//! A few parsing workers serve the whole visit (one per core, up to four: [`pool_size`]), each
//! started when the page is idle after the library is listed ([`warm`]) or by the first job
//! that needs one; parsing spreads its batches over them. The archiver and the publisher are
//! started by the first job that needs each ([`archiver`], [`publisher`]). A watchdog guards
//! each worker: if it
//! crashes (a trap), or answers nothing for longer than the file it is on may take
//! ([`budget_millis`]), every job it had stops, the one whose file it was on learning which
//! file that was; the next job starts a fresh worker.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};

use futures::channel::{mpsc, oneshot};
use gloo_timers::callback::Interval;
use js_sys::Uint8Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

use crate::browser::page;
use crate::browser::store::StoredFile;
use crate::parse_job::wire::{self, JobFile};
use crate::parse_job::{self, BodyDecoder, FromWorker, Lengths, Parsed, Task};
use crate::parts::next_task;
use crate::reader_file::ReaderFile;

/// The workers' entry script, beside the page (`static/worker-loader.js`). Trunk does not hash
/// a worker's file names, so the page adds its own build to the address, which the loader
/// passes on: a worker cached from an older build is never paired with a newer page.
const WORKER_SCRIPT: &str = "./worker-loader.js";

/// Which of Lectern's worker programs a worker runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Program {
    /// Parses articles: every reader's, started when the page is idle.
    Parser,
    /// Unpacks and packs `.zip` archives: fetched the first time one is dropped or exported.
    Archiver,
    /// Writes a library's catalog and packs the site: fetched only to publish one.
    Publisher,
}

impl Program {
    /// The program of the pool's slot `index`: the parsing workers first, then one slot each.
    fn at(index: usize) -> Program {
        match index {
            ARCHIVER => Program::Archiver,
            PUBLISHER => Program::Publisher,
            _ => Program::Parser,
        }
    }

    /// The address a worker of this program starts from: the `blob:` URL the single file made
    /// of the program it carries, or the loader beside the page, told in the fragment which
    /// program to load (the parser by default).
    fn script(self) -> String {
        let (carried, fragment) = match self {
            Program::Parser => ("lecternWorker", ""),
            Program::Archiver => ("lecternArchiver", "#lectern-archiver"),
            Program::Publisher => ("lecternPublisher", "#lectern-publisher"),
        };
        page::carried_worker(carried)
            .unwrap_or_else(|| format!("{WORKER_SCRIPT}?v={}{fragment}", page::this_build()))
    }
}

/// The slots of the archiver and the publisher, after the parsing workers'.
const ARCHIVER: usize = MAX_WORKERS;
const PUBLISHER: usize = MAX_WORKERS + 1;

/// How long the worker may go without answering while it parses a file of `bytes`: a few
/// seconds, and more for a large file (the engine reads some 5 MB/s in the slowest browsers).
pub fn budget_millis(bytes: usize) -> f64 {
    5_000.0 + bytes as f64 / 2_500.0
}

/// Stops the workers of an import and what they are doing (an import the reader cancelled):
/// the parsing workers and the archiver, not a publish under way; the next job starts fresh
/// ones.
pub fn stop() {
    let slots: Vec<Slot> = SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        (0..slots.len().min(PUBLISHER))
            .map(|index| std::mem::replace(&mut slots[index], Slot::Empty))
            .collect()
    });
    for slot in slots {
        if let Slot::Ready(worker) | Slot::Starting(worker, _) = slot {
            worker.worker.terminate();
            // Its jobs end now rather than wait forever.
            worker.died(Stop::cancelled());
        }
    }
}

/// Workers at most: one per core the browser reports, up to four (each holds its own copy of
/// the engine, some megabytes).
pub fn pool_size() -> usize {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    (cores as usize).clamp(1, MAX_WORKERS)
}

const MAX_WORKERS: usize = 4;

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
    header: FromWorker,
    body: Uint8Array,
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

    /// The bytes of files read ([`Connection::read`]), one after another, where the browser
    /// put them: the page copies out each file's own.
    pub fn read(self) -> Result<Uint8Array, String> {
        let FromWorker::Read { result, .. } = self.header else {
            return Err(UNEXPECTED.to_owned());
        };
        result.map(|()| self.body)
    }
}

/// The worker of this visit, once it has said it is ready.
pub struct Connection {
    worker: Worker,
    /// Its place in the pool.
    slot: usize,
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
    /// The size of each file answered on its own (one, the whole job's, for a pack), for its
    /// time budget.
    sizes: Vec<usize>,
    /// Files answered so far; the worker parses them in order.
    answered: usize,
    /// Added to the worker's indices: a job sent again after a crash starts mid-batch.
    offset: usize,
    /// Whether the worker answers each file as soon as it is done; else ([`Task::Parse`]) it
    /// may have parsed files past the first one answered.
    answers_each: bool,
}

impl Job {
    /// The file the worker was on when it stopped, if that is known: the first unanswered
    /// one, unless the worker holds answers back (then only if it is the job's last).
    fn stopped_on(&self) -> Option<usize> {
        let known = self.answers_each || self.answered + 1 == self.sizes.len();
        known.then_some(self.offset + self.answered)
    }
}

/// How often the watchdog looks at the worker, in milliseconds.
const WATCHDOG_MILLIS: u32 = 1_000;

impl Connection {
    /// Asks the worker to warm up: a job without files, answered by nothing, so nothing waits
    /// for it (and the watchdog does not time it).
    fn warm_up(&self) {
        let header = parse_job::Job {
            id: self.next_id(),
            task: Task::WarmUp,
            paths: Vec::new(),
        };
        let (message, transfer) = wire::job(&header, []);
        // A worker that cannot take it needs no warming.
        let _ = self.worker.post_message_with_transfer(&message, &transfer);
    }

    /// A number for a new job.
    fn next_id(&self) -> u32 {
        let job = self.next_job.get();
        self.next_job.set(job.wrapping_add(1));
        job
    }

    /// Sends `files` (the batch's files from `offset` on) to the worker to do `task`; answers
    /// are numbered from `offset`.
    pub fn submit(
        &self,
        task: Task,
        files: &[Rc<StoredFile>],
        offset: usize,
    ) -> mpsc::UnboundedReceiver<Reply> {
        let sizes = match task {
            // One answer for all the files: its budget is theirs together.
            Task::Pack | Task::Publish | Task::Read => {
                vec![files.iter().map(|f| f.bytes.len()).sum()]
            }
            Task::Parse(_) | Task::ParseEach(_) | Task::Unpack | Task::WarmUp => {
                files.iter().map(|f| f.bytes.len()).collect()
            }
        };
        let paths = files.iter().map(|file| file.path.clone()).collect();
        // A large file goes as its blob, which the worker reads itself: no copy here.
        let payload = files
            .iter()
            .map(|file| match file.blob() {
                Some(blob) => JobFile::Blob(blob),
                None => JobFile::Bytes(&file.bytes),
            })
            .collect();
        self.send(task, paths, payload, sizes, offset)
    }

    /// Asks the worker to read `files` as the browser gave them ([`Task::Read`]): one answer,
    /// whose body is their bytes one after another ([`Answer::read`]).
    pub fn read(&self, files: &[(String, web_sys::File)]) -> mpsc::UnboundedReceiver<Reply> {
        let size = files.iter().map(|(_, file)| file.size() as usize).sum();
        let paths = files.iter().map(|(path, _)| path.clone()).collect();
        let payload = files.iter().map(|(_, file)| JobFile::Blob(file)).collect();
        self.send(Task::Read, paths, payload, vec![size], 0)
    }

    /// Posts a job: `task` on the files at `paths`, which travel as `payload`; `sizes` are the
    /// sizes of what is answered on its own (for the watchdog's budgets).
    fn send(
        &self,
        task: Task,
        paths: Vec<String>,
        payload: Vec<JobFile>,
        sizes: Vec<usize>,
        offset: usize,
    ) -> mpsc::UnboundedReceiver<Reply> {
        let job = self.next_id();
        let (sender, receiver) = mpsc::unbounded();
        if self.dead.get() {
            let _ = sender.unbounded_send(Reply::Stopped(Stop {
                reason: "Lectern's worker stopped".to_owned(),
                cancelled: false,
                culprit: None,
            }));
            return receiver;
        }
        let answers_each = !matches!(task, Task::Parse(_));
        let header = parse_job::Job {
            id: job,
            task,
            paths,
        };
        let (message, transfer) = wire::job(&header, payload);
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
                        sizes,
                        answered: 0,
                        offset,
                        answers_each,
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

    /// Routes the articles of one answer each to its file, as an answer of its own whose body
    /// is its part of the buffer (a view, not a copy).
    fn answer_articles(&self, job: u32, first: usize, articles: Vec<Lengths>, body: &Uint8Array) {
        let mut start = 0_u32;
        for (index, lengths) in (first..).zip(articles) {
            let end = u32::try_from(lengths.total)
                .map_or(u32::MAX, |total| start.saturating_add(total))
                .min(body.length());
            let header = FromWorker::Parsed {
                job,
                first: index,
                articles: vec![lengths],
            };
            let body = body.subarray(start, end);
            self.answer(job, index, Answer { header, body });
            start = end;
        }
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
            .unbounded_send(Reply::Answered(progress.offset + index, answer));
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
                .and_then(|_| job.stopped_on());
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
        let old = with_slot(self.slot, |slot| match &*slot {
            Slot::Ready(current) if std::ptr::eq(Rc::as_ptr(current), self) => {
                std::mem::replace(slot, Slot::Empty)
            }
            _ => Slot::Empty,
        });
        wasm_bindgen_futures::spawn_local(async move { drop((old, watchdog)) });
    }
}

/// The state of one worker of the pool for this visit.
enum Slot {
    /// Not started yet, or stopped.
    Empty,
    /// Started; these wait for it to say it is ready.
    Starting(Rc<Connection>, Vec<oneshot::Sender<Option<Rc<Connection>>>>),
    Ready(Rc<Connection>),
    /// Workers cannot run here.
    Unavailable,
}

thread_local! {
    static SLOTS: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
}

/// Runs `change` on the slot at `index` (of the pool's size).
fn with_slot<R>(index: usize, change: impl FnOnce(&mut Slot) -> R) -> R {
    SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        if slots.len() <= index {
            slots.resize_with(index + 1, || Slot::Empty);
        }
        change(&mut slots[index])
    })
}

/// Starts the pool ahead of its first job, one worker after another: the program is the
/// page's larger download and each worker compiles it, which the reader's first drop or first
/// hosted article then does not wait for (the app calls this when the page is idle once the
/// library is listed). The whole pool, not only the first: a drop spreads its batches over
/// all of them, and a worker still compiling holds up the batches given to it.
///
/// Then the first warms up ([`Task::WarmUp`]), once all are ready (warming up, it would slow
/// the others' compiling). One is enough: Chromium keeps one copy of a program's optimised
/// code for every worker that compiled it, and a drop dealt to two workers was as fast with
/// the first warmed as with both, at half the work while the reader looks at the library.
pub async fn warm() {
    let mut first = None;
    for index in 0..pool_size() {
        let worker = running_at(index).await;
        first = first.or(worker);
    }
    if let Some(worker) = first {
        worker.warm_up();
    }
}

/// The first parsing worker, ready, starting it if need be; `None` where workers cannot run.
pub async fn running() -> Option<Rc<Connection>> {
    running_at(0).await
}

/// The archiver, ready, starting it if need be; `None` where it cannot run.
pub async fn archiver() -> Option<Rc<Connection>> {
    start_or_wait(ARCHIVER).await
}

/// The publisher, ready, starting it if need be; `None` where it cannot run.
pub async fn publisher() -> Option<Rc<Connection>> {
    start_or_wait(PUBLISHER).await
}

/// The parsing worker at `index` of the pool (wrapping around), ready, starting it if need be; the
/// first worker if this one cannot start; `None` where workers cannot run.
pub async fn running_at(index: usize) -> Option<Rc<Connection>> {
    let index = index % pool_size();
    match start_or_wait(index).await {
        None if index > 0 => start_or_wait(0).await,
        worker => worker,
    }
}

async fn start_or_wait(index: usize) -> Option<Rc<Connection>> {
    let (sender, receiver) = oneshot::channel();
    with_slot(index, |slot| match slot {
        Slot::Ready(worker) => drop(sender.send(Some(worker.clone()))),
        Slot::Unavailable => drop(sender.send(None)),
        Slot::Starting(_, waiting) => waiting.push(sender),
        Slot::Empty => {
            *slot = match start_worker(index) {
                Some(worker) => Slot::Starting(worker, vec![sender]),
                // A page opened from disk may not start workers at all.
                None => {
                    drop(sender.send(None));
                    Slot::Unavailable
                }
            }
        }
    });
    receiver.await.ok().flatten()
}

/// Starts the worker of slot `index` ([`Program::at`]). Its listeners hold it weakly: the slot owns it, so
/// stopping frees it.
fn start_worker(index: usize) -> Option<Rc<Connection>> {
    let worker = Worker::new(&Program::at(index).script()).ok()?;
    let connection = Rc::new_cyclic(|me: &Weak<Connection>| {
        let on_message = {
            let me = me.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                // Nothing else is sent; anything else is not an answer.
                let Some((header, body)) = wire::read_reply(&event.data()) else {
                    return;
                };
                match (header, me.upgrade()) {
                    (
                        FromWorker::Parsed {
                            job,
                            first,
                            articles,
                        },
                        Some(me),
                    ) => me.answer_articles(job, first, articles, &body),
                    (header, me) => match header.answers() {
                        None => settle(index, me),
                        Some((job, index)) => {
                            if let Some(me) = me {
                                me.answer(job, index, Answer { header, body });
                            }
                        }
                    },
                }
            })
        };
        let on_error = {
            let me = me.clone();
            Closure::<dyn Fn(Event)>::new(move |event: Event| {
                let Some(me) = me.upgrade() else { return };
                let was_ready = with_slot(index, |slot| matches!(slot, Slot::Ready(_)));
                if was_ready {
                    // It ran, then died on some file (a trap).
                    let message = event
                        .dyn_ref::<ErrorEvent>()
                        .map(ErrorEvent::message)
                        .unwrap_or_default();
                    me.fail(format!(
                        "Lectern's worker crashed while reading it ({message})"
                    ));
                } else {
                    // It never started (its files are missing on this host).
                    me.worker.terminate();
                    me.died(Stop {
                        reason: "Lectern's worker could not start".to_owned(),
                        cancelled: false,
                        culprit: None,
                    });
                    settle(index, None);
                }
            })
        };
        let watchdog = {
            let me = me.clone();
            Interval::new(WATCHDOG_MILLIS, move || {
                let Some(me) = me.upgrade() else { return };
                if me.check() {
                    me.fail("Lectern's worker ran too long on it and was stopped".to_owned());
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Connection {
            worker,
            slot: index,
            jobs: RefCell::default(),
            next_job: Cell::new(0),
            last_heard: Cell::new(js_sys::Date::now()),
            dead: Cell::new(false),
            _on_message: on_message,
            _on_error: on_error,
            watchdog: RefCell::new(Some(watchdog)),
        }
    });
    Some(connection)
}

/// Ends the start of slot `index`: the ready worker, or `None` when workers cannot run here.
fn settle(index: usize, worker: Option<Rc<Connection>>) {
    let next = match &worker {
        Some(worker) => Slot::Ready(worker.clone()),
        None => Slot::Unavailable,
    };
    let previous = with_slot(index, |slot| std::mem::replace(slot, next));
    if let Slot::Starting(starting, waiting) = previous {
        for waiter in waiting {
            let _ = waiter.send(worker.clone());
        }
        // Dropped after the listener that called this returns.
        wasm_bindgen_futures::spawn_local(async move { drop(starting) });
    }
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{error:?}"))
}
