//! A drop's articles indexed for search as the parsing workers hand them over, a slice a task
//! in the gaps between their answers: the page would otherwise only wait for the workers, then
//! index the whole drop once it is listed (for 500 articles like the reference one, a fifth of
//! the time from the drop to searchable). Each slice is as much text as the page indexes in
//! `SLICE_MILLIS`, at the pace it has shown so far (`Pace`).

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
    pace: Cell<Pace>,
}

/// How long a slice of indexing should take: the workers' answers, input and paint come
/// between slices, and a task over 50 ms is one a reader can feel.
const SLICE_MILLIS: f64 = 20.0;
/// A slice's text, at least and at most: below the least, the tasks' own cost would show; the
/// most is three times what this 2-core machine's page indexes in [`SLICE_MILLIS`] once warm
/// (160 KB), room for a faster machine's slices to grow.
const SLICE_BYTES: (f64, f64) = (8.0 * 1024.0, 480.0 * 1024.0);

/// How fast the page indexes, learned slice by slice. Not a constant: early in a drop the page
/// indexes several times slower than later (its WebAssembly runs as first, quickly compiled
/// until it has run a while; the parsing workers hold the cores), and slices of a fixed 160 KB,
/// some 20 ms once warm, were tasks of 35–93 ms at a drop's start (DevTools traces of 1 000
/// generated files dropped).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Pace {
    bytes_per_milli: f64,
}

impl Pace {
    /// A cautious first guess, a fifth of the warm pace: the first slices run on cold code.
    const FIRST: Pace = Pace {
        bytes_per_milli: 1_600.0,
    };

    /// The bytes of text to index in the next slice.
    fn budget(self) -> usize {
        let (least, most) = SLICE_BYTES;
        // In range, so the cast cannot truncate.
        (self.bytes_per_milli * SLICE_MILLIS).clamp(least, most) as usize
    }

    /// The pace after a slice of `bytes` took `millis`: down at once to a slower one, up only
    /// a quarter of the way to a faster one. The page shares two cores with the parsing
    /// workers, and a slice the system held up takes several times as long as the one before:
    /// sized by the average of the two, the next ran past 50 ms. A slice too quick for the
    /// clock (1 ms steps) counts as 1 ms.
    fn after(self, bytes: usize, millis: f64) -> Pace {
        let measured = bytes as f64 / millis.max(1.0);
        let now = self.bytes_per_milli;
        Pace {
            bytes_per_milli: if measured < now {
                measured
            } else {
                now + (measured - now) / 4.0
            },
        }
    }
}

impl IndexAhead {
    pub fn new(dispatcher: Dispatch) -> Rc<IndexAhead> {
        Rc::new(IndexAhead {
            dispatcher,
            arrived: RefCell::default(),
            running: Cell::new(false),
            pace: Cell::new(Pace::FIRST),
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
            let pace = self.pace.get();
            let (slice, bytes) = ahead_slice(&mut self.arrived.borrow_mut(), pace.budget());
            if slice.is_empty() {
                break;
            }
            // The reducer indexes the slice before `dispatch` returns.
            let started = js_sys::Date::now();
            self.dispatcher.dispatch(Action::IndexAhead(slice));
            self.pace
                .set(pace.after(bytes, js_sys::Date::now() - started));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slice_is_the_text_indexed_in_its_time_within_bounds() {
        assert_eq!(
            Pace::FIRST.budget(),
            32_000,
            "a fifth of the warm pace's 160 KB"
        );
        let slow = Pace {
            bytes_per_milli: 10.0,
        };
        assert_eq!(slow.budget(), 8 * 1024, "never below the least");
        let fast = Pace {
            bytes_per_milli: 1e6,
        };
        assert_eq!(fast.budget(), 480 * 1024, "never above the most");
    }

    #[test]
    fn the_pace_slows_at_once_and_quickens_slowly() {
        let quicker = Pace::FIRST.after(64_000, 10.0);
        assert_eq!(quicker.bytes_per_milli, 1_600.0 + (6_400.0 - 1_600.0) / 4.0);
        let held_up = quicker.after(32_000, 80.0);
        assert_eq!(held_up.bytes_per_milli, 400.0, "the slower pace, at once");
        let instant = Pace::FIRST.after(2_600, 0.0);
        assert_eq!(
            instant.bytes_per_milli,
            1_600.0 + 1_000.0 / 4.0,
            "0 ms counts as 1"
        );
    }
}
