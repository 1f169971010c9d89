//! A drop's articles indexed for search as the parsing workers hand them over, a slice a task
//! in the gaps between their answers: the page would otherwise only wait for the workers, then
//! index the whole drop once it is listed (for 500 articles like the reference one, a fifth of
//! the time from the drop to searchable).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;

use super::Dispatch;
use crate::parts::next_task;
use crate::state::{ahead_slice, Action, Entry};

/// The articles of one import arrived and not yet indexed ahead.
pub struct IndexAhead {
    dispatcher: Dispatch,
    arrived: RefCell<VecDeque<Entry>>,
    /// Whether a task indexes the next slice (one at a time, so slices keep arrival order).
    running: Cell<bool>,
}

impl IndexAhead {
    pub fn new(dispatcher: Dispatch) -> Rc<IndexAhead> {
        Rc::new(IndexAhead {
            dispatcher,
            arrived: RefCell::default(),
            running: Cell::new(false),
        })
    }

    /// An article just parsed: indexed in a task soon, after the answer it came with.
    pub fn arrived(self: &Rc<Self>, entry: &Entry) {
        self.arrived.borrow_mut().push_back(entry.clone());
        if !self.running.replace(true) {
            spawn_local(self.clone().index_slices());
        }
    }

    /// Indexes what has arrived a slice a task, until nothing waits (nothing does once
    /// [`close`](Self::close)d).
    async fn index_slices(self: Rc<Self>) {
        loop {
            next_task().await;
            let slice = ahead_slice(&mut self.arrived.borrow_mut());
            if slice.is_empty() {
                break;
            }
            self.dispatcher.dispatch(Action::IndexAhead(slice));
        }
        self.running.set(false);
    }

    /// Parsing is over. Listed, the articles not indexed ahead are indexed then; an earlier
    /// article of the same id indexed ahead in their place is let go (the last one wins). Not
    /// listed (`cancelled`), every article of the import is let go.
    pub fn close(&self, arrived: &[Entry], cancelled: bool) {
        let left = std::mem::take(&mut *self.arrived.borrow_mut());
        let forgotten: Vec<String> = match cancelled {
            true => arrived.iter().map(|e| e.summary.id.clone()).collect(),
            false => left.into_iter().map(|e| e.summary.id.clone()).collect(),
        };
        if !forgotten.is_empty() {
            self.dispatcher.dispatch(Action::ForgetAhead(forgotten));
        }
    }
}
