//! The pool of workers for this visit: which program each slot runs and where it starts from,
//! each slot's worker started once (by the first job that needs it, or ahead of time when the
//! page is idle) and shared by every job after, and stopped all at once when an import is
//! cancelled.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;

use super::{Connection, Stop};
use crate::browser::page;

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

/// The state of one worker of the pool for this visit.
pub(super) enum Slot {
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
pub(super) fn with_slot<R>(index: usize, change: impl FnOnce(&mut Slot) -> R) -> R {
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
/// Then the first warms up ([`Task::WarmUp`](crate::parse_job::Task::WarmUp)), once all are ready (warming up, it would slow
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
            *slot = match Connection::start(index, &Program::at(index).script()) {
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

/// Ends the start of slot `index`: the ready worker, or `None` when workers cannot run here.
pub(super) fn settle(index: usize, worker: Option<Rc<Connection>>) {
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
