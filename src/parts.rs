//! Large arrivals (a drop, a catalog shard, a shard of search text) handed to the state a part
//! at a time, each part a task of its own, so the page never stops answering.

use gloo_timers::future::TimeoutFuture;

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
        TimeoutFuture::new(0).await;
        self.started = js_sys::Date::now();
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
        TimeoutFuture::new(0).await;
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
