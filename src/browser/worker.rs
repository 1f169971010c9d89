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

mod answer;
mod pool;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};

use futures::channel::mpsc;
use gloo_timers::callback::Interval;
use js_sys::Uint8Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

pub use answer::{Answer, Reply, Stop};
pub use pool::{archiver, pool_size, publisher, running, running_at, stop, warm};

use crate::browser::store::StoredFile;
use crate::parse_job::wire::{self, JobFile};
use crate::parse_job::{self, FromWorker, Lengths, Task};
use pool::{settle, with_slot, Slot};

/// How long the worker may go without answering while it parses a file of `bytes`: a few
/// seconds, and more for a large file (the engine reads some 5 MB/s in the slowest browsers).
pub fn budget_millis(bytes: usize) -> f64 {
    5_000.0 + bytes as f64 / 2_500.0
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

/// A worker's handlers go with its connection. A worker stopped (an import cancelled, a crash)
/// may already have answers queued for the page: dispatched to closures dropped with the
/// connection, each threw "closure invoked recursively or after being dropped" into the page.
impl Drop for Connection {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
    }
}

impl Connection {
    /// Starts a worker from `script` for the pool's slot `index`, listening to it and watching
    /// it. Its listeners hold it weakly: the slot owns it, so stopping frees it.
    pub(super) fn start(index: usize, script: &str) -> Option<Rc<Connection>> {
        let worker = Worker::new(script).ok()?;
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

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{error:?}"))
}
