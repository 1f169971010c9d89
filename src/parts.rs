//! Large arrivals (a drop, a catalog shard, a shard of search text) handed to the state a part
//! at a time, each part a task of its own, so the page never stops answering.

use futures::channel::oneshot;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdleDeadline, MessageChannel};

/// The longest stretch of work in one task before the page gets to breathe (answer a key,
/// paint): well under the 50 ms that makes a long task.
const SLICE_MILLIS: f64 = 30.0;

/// A long loop cut into tasks of at most `SLICE_MILLIS`: ask [`Slices::due`] between items,
/// and [`Slices::breathe`] when it says so.
pub struct Slices {
    started: f64,
}

impl Slices {
    /// The first slice, starting now.
    pub fn start() -> Slices {
        Slices {
            started: js_sys::Date::now(),
        }
    }

    /// Whether this task has run its time.
    pub fn due(&self) -> bool {
        js_sys::Date::now() - self.started > SLICE_MILLIS
    }

    /// Ends this task; the next slice starts when the page has had its turn.
    pub async fn breathe(&mut self) {
        next_task().await;
        self.started = js_sys::Date::now();
    }
}

/// Ends this task: the browser paints and answers input, then the work goes on in a task of its
/// own. By a message to a channel of its own, not `setTimeout(0)`: browsers hold back a timer
/// set five deep from timers by 4 ms, so a loop that breathed through timers idled at each
/// breath (200 of them: 906 ms by timers, 7 ms by messages, in Chromium 156; listing a
/// 20 000-article catalog, 100 parts, went from 6.0–6.9 s to 5.7 s).
pub async fn next_task() {
    let (done, message) = oneshot::channel::<()>();
    let wake = Closure::once_into_js(move || {
        let _ = done.send(());
    });
    let posted = MessageChannel::new().is_ok_and(|channel| {
        channel.port1().set_onmessage(Some(wake.unchecked_ref()));
        channel.port2().post_message(&JsValue::NULL).is_ok()
    });
    if posted {
        let _ = message.await;
    } else {
        TimeoutFuture::new(0).await;
    }
}

/// Waits until the browser has nothing more pressing to do (no task queued, the frame painted):
/// for work that can wait behind everything the reader sees, such as indexing articles already
/// listed, so it does not slow their listing (a reload of 10 000 stored articles listed them no
/// sooner when each part listed was followed by a slice of indexing). Where there is no
/// `requestIdleCallback` (Safari), one task.
pub async fn idle_time() -> Idle {
    let (done, idle) = oneshot::channel::<IdleDeadline>();
    let wake = Closure::once_into_js(move |deadline: IdleDeadline| {
        let _ = done.send(deadline);
    });
    let asked = web_sys::window()
        .is_some_and(|window| window.request_idle_callback(wake.unchecked_ref()).is_ok());
    if asked {
        Idle(idle.await.ok())
    } else {
        next_task().await;
        Idle(None)
    }
}

/// A time the page is idle, as the browser gave it: up to 50 ms with nothing to draw.
pub struct Idle(Option<IdleDeadline>);

impl Idle {
    /// Milliseconds left of it (none where the browser does not say: one task was waited for).
    /// The browser gives one idle time to the callbacks asked for before it began: work asked
    /// for again from one waits for the next, so a chain of short pieces of work, one an idle
    /// time, leaves the page idle most of the time (indexing a reload's 10 000 stored articles
    /// a slice of some 20 ms each time: the page busy a quarter of the time); it goes on
    /// while this says there is time.
    pub fn left(&self) -> f64 {
        self.0.as_ref().map_or(0.0, IdleDeadline::time_remaining)
    }
}

/// `items` in consecutive parts whose weights add up to at most `limit` (a heavier item makes a
/// part of its own). Always at least one part, empty when there are no items: the last part is
/// what tells the state an arrival is complete.
pub fn in_parts<T>(items: Vec<T>, limit: usize, weight: impl Fn(&T) -> usize) -> Vec<Vec<T>> {
    let mut parts = vec![Vec::new()];
    let mut filled = 0;
    for item in items {
        let heavy = weight(&item);
        let last = parts.len() - 1;
        if !parts[last].is_empty() && filled + heavy > limit {
            parts.push(Vec::new());
            filled = 0;
        }
        filled += heavy;
        let last = parts.len() - 1;
        parts[last].push(item);
    }
    parts
}

/// Gives each part to `take`, with whether more follow, each in a task of its own.
pub async fn one_task_each<T>(parts: Vec<Vec<T>>, mut take: impl FnMut(Vec<T>, bool)) {
    let count = parts.len();
    for (at, part) in parts.into_iter().enumerate() {
        next_task().await;
        take(part, at + 1 < count);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_keep_order_and_stay_within_the_limit() {
        let by_count = in_parts((0..7).collect(), 3, |_| 1);
        assert_eq!(by_count, [vec![0, 1, 2], vec![3, 4, 5], vec![6]]);
        let by_size = in_parts(vec![2, 2, 5, 1, 1, 1], 4, |&n| n);
        assert_eq!(by_size, [vec![2, 2], vec![5], vec![1, 1, 1]]);
        assert_eq!(in_parts(Vec::<u8>::new(), 3, |_| 1), [Vec::<u8>::new()]);
    }
}
