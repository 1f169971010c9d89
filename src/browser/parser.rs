//! Parsing off the page: files go to Lectern's parsing worker (`lectern-worker`, a second wasm
//! program built by Trunk), and each parsed article comes back as soon as it is ready.
//!
//! One worker serves the whole visit and is started on first use. Where workers cannot run (a
//! page opened from disk, a host without the worker's files), files are parsed on the page instead, in
//! slices that leave it responsive. If the worker dies mid-job, the files it had not answered
//! are listed as unreadable rather than lost, and the next job starts a new worker.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use articles::Article;
use futures::channel::{mpsc, oneshot};
use futures::StreamExt;
use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

use crate::browser::store::StoredFile;
use crate::parse_job::{BodyDecoder, Context, Parsed};

/// The worker's entry script, beside the page (`static/worker-loader.js`). Trunk does not hash
/// a worker's file names, so the page adds its own build to the address, which the loader
/// passes on: a worker cached from an older build is never paired with a newer page.
const WORKER_SCRIPT: &str = "./worker-loader.js";

/// Longest stretch of parsing on the page before it gets to breathe, in milliseconds.
const SLICE_MILLIS: f64 = 25.0;

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
        None => parse_on_page(context, files, each).await,
    }
}

/// Most files and bytes handed to the worker in one message: posting ten thousand files at
/// once would copy them all in one long task of the page.
const MESSAGE_FILES: usize = 500;
const MESSAGE_BYTES: usize = 4 << 20;

/// Parses in the worker: the files go over in several messages, the page breathing between
/// them, and the answers are taken in order.
async fn parse_in_worker(
    worker: &ParseWorker,
    context: &Context,
    files: Vec<Rc<StoredFile>>,
    mut each: impl FnMut(usize, Article) -> bool,
) {
    let mut jobs = Vec::new();
    let mut files = files.into_iter().peekable();
    let mut first = 0;
    while files.peek().is_some() {
        if first > 0 {
            TimeoutFuture::new(0).await;
        }
        let mut batch = Vec::new();
        let mut bytes = 0;
        while let Some(file) = files.next_if(|file| {
            batch.is_empty()
                || (batch.len() < MESSAGE_FILES && bytes + file.bytes.len() <= MESSAGE_BYTES)
        }) {
            bytes += file.bytes.len();
            batch.push(file);
        }
        let count = batch.len();
        let replies = worker.submit(context, &batch);
        jobs.push((first, batch, replies));
        first += count;
    }
    for (first, batch, mut replies) in jobs {
        let mut next = 0;
        while next < batch.len() {
            let article = match replies.next().await {
                Some(Reply::Parsed(index, answer)) => {
                    next = index + 1;
                    answer
                        .take()
                        .await
                        .and_then(Parsed::article)
                        .unwrap_or_else(|reason| Article::unreadable(&batch[index].path, &reason))
                }
                stopped => {
                    let reason = match stopped {
                        Some(Reply::Stopped(reason)) => reason,
                        _ => "the parsing worker stopped".to_owned(),
                    };
                    // The worker died: what it had not answered is listed, not lost.
                    for (index, file) in batch.iter().enumerate().skip(next) {
                        if !each(first + index, Article::unreadable(&file.path, &reason)) {
                            return;
                        }
                    }
                    next = batch.len();
                    continue;
                }
            };
            if !each(first + next - 1, article) {
                return;
            }
        }
    }
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
        worker.died("reading was stopped".to_owned());
    }
}

/// The fallback: parsing on the page, a slice at a time.
async fn parse_on_page(
    context: &Context,
    files: Vec<Rc<StoredFile>>,
    mut each: impl FnMut(usize, Article) -> bool,
) {
    let parse = context.parser();
    let mut slice_started = js_sys::Date::now();
    for (index, file) in files.iter().enumerate() {
        if js_sys::Date::now() - slice_started > SLICE_MILLIS {
            TimeoutFuture::new(0).await;
            slice_started = js_sys::Date::now();
        }
        if !each(index, parse(&file.path, &file.bytes)) {
            return;
        }
    }
}

/// What the worker says about a job.
enum Reply {
    Parsed(usize, Answer),
    Stopped(String),
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
    jobs: RefCell<HashMap<u32, mpsc::UnboundedSender<Reply>>>,
    next_job: Cell<u32>,
    /// Set when it died: later messages would go unanswered.
    dead: Cell<bool>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(Event)>,
}

impl ParseWorker {
    fn submit(
        &self,
        context: &Context,
        files: &[Rc<StoredFile>],
    ) -> mpsc::UnboundedReceiver<Reply> {
        let job = self.next_job.get();
        self.next_job.set(job.wrapping_add(1));
        let (sender, receiver) = mpsc::unbounded();
        if self.dead.get() {
            let _ = sender.unbounded_send(Reply::Stopped("the parsing worker stopped".to_owned()));
            return receiver;
        }
        let paths = Array::new();
        let arrays = Array::new();
        let transfer = Array::new();
        for file in files {
            paths.push(&file.path.as_str().into());
            // A large file goes as its blob, which the worker reads itself: no copy here.
            match file.blob() {
                Some(blob) => arrays.push(blob),
                None => {
                    let array = Uint8Array::from(file.bytes.as_slice());
                    transfer.push(&array.buffer());
                    arrays.push(&array)
                }
            };
        }
        let message = Array::of4(
            &job.into(),
            &serde_json::to_string(context).unwrap_or_default().into(),
            &paths,
            &arrays,
        );
        match self.worker.post_message_with_transfer(&message, &transfer) {
            Ok(()) => {
                self.jobs.borrow_mut().insert(job, sender);
            }
            Err(error) => {
                let _ = sender.unbounded_send(Reply::Stopped(describe(&error)));
            }
        }
        receiver
    }

    /// Routes one answer of the worker to the job it belongs to.
    fn answer(&self, data: &JsValue) {
        let reply = Array::from(data);
        let Some(job) = reply.get(0).as_f64().map(|id| id as u32) else {
            return;
        };
        let number = |at| reply.get(at).as_f64().unwrap_or(0.0) as usize;
        let answer = Answer {
            meta: reply.get(2).as_string().unwrap_or_default(),
            html_length: number(3),
            body: reply
                .get(4)
                .dyn_into()
                .unwrap_or_else(|_| Uint8Array::new_with_length(0)),
        };
        if let Some(sender) = self.jobs.borrow().get(&job) {
            // A job whose reader stopped listening is no longer wanted.
            let _ = sender.unbounded_send(Reply::Parsed(number(1), answer));
        }
    }

    /// The worker died: every job still running is told.
    fn died(&self, reason: String) {
        self.dead.set(true);
        for (_, sender) in self.jobs.borrow_mut().drain() {
            let _ = sender.unbounded_send(Reply::Stopped(reason.clone()));
        }
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
    /// Workers cannot run here; parse on the page.
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
                let data = event.data();
                if data.as_string().as_deref() == Some("ready") {
                    settle(me.upgrade());
                } else if let Some(me) = me.upgrade() {
                    me.answer(&data);
                }
            })
        };
        let on_error = {
            let me = me.clone();
            Closure::<dyn Fn(Event)>::new(move |event: Event| {
                let Some(me) = me.upgrade() else { return };
                me.worker.terminate();
                // A script that failed to load sends a plain event; a crash an `ErrorEvent`.
                me.died(event.dyn_ref::<ErrorEvent>().map_or_else(
                    || "the parsing worker could not start".to_owned(),
                    ErrorEvent::message,
                ));
                let was_ready = SLOT.with(|slot| matches!(&*slot.borrow(), Slot::Ready(_)));
                if was_ready {
                    // It ran, then died (a bug on some file): the next job starts a fresh one.
                    // The worker is dropped after this listener returns, not while it runs.
                    let old =
                        SLOT.with(|slot| std::mem::replace(&mut *slot.borrow_mut(), Slot::Empty));
                    wasm_bindgen_futures::spawn_local(async move { drop(old) });
                } else {
                    // It never started (its files are missing on this host): parse on the page.
                    settle(None);
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        ParseWorker {
            worker,
            jobs: RefCell::default(),
            next_job: Cell::new(0),
            dead: Cell::new(false),
            _on_message: on_message,
            _on_error: on_error,
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
