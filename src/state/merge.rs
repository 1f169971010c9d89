//! Merging a few sorted arrivals into a long sorted list, so a shard of a thousand articles
//! joining a hundred thousand costs a thousand binary searches and one pass, not a new sort.

use std::cmp::Ordering;

/// A merged list, and where each item of the old list went in it.
pub struct Merged<T> {
    pub items: Vec<T>,
    /// For each position in the old list, its position in `items`.
    pub moved: Vec<usize>,
    /// For each arrival (in its sorted order), its position in `items`.
    pub placed: Vec<usize>,
}

/// Merges `arrivals` (sorted by `compare`) into `old` (sorted by `compare`); an arrival equal
/// to an old item goes after it. Only `arrivals.len() × log(old.len())` comparisons, as
/// comparing may be costly (titles are compared by the browser's collator).
pub fn merge<T: Clone>(
    old: &[T],
    arrivals: Vec<T>,
    compare: impl Fn(&T, &T) -> Ordering,
) -> Merged<T> {
    // Where each arrival goes among the old items: never before the previous arrival's place.
    let mut cuts = Vec::with_capacity(arrivals.len());
    let mut from = 0;
    for arrival in &arrivals {
        from += old[from..].partition_point(|item| compare(item, arrival) != Ordering::Greater);
        cuts.push(from);
    }
    let mut items = Vec::with_capacity(old.len() + arrivals.len());
    let mut moved = Vec::with_capacity(old.len());
    let mut placed = Vec::with_capacity(arrivals.len());
    let mut taken = 0;
    for (arrival, cut) in arrivals.into_iter().zip(cuts) {
        for item in &old[taken..cut] {
            moved.push(items.len());
            items.push(item.clone());
        }
        taken = cut;
        placed.push(items.len());
        items.push(arrival);
    }
    for item in &old[taken..] {
        moved.push(items.len());
        items.push(item.clone());
    }
    Merged {
        items,
        moved,
        placed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no crate.
    fn numbers(seed: &mut u64, count: usize) -> Vec<u32> {
        (0..count)
            .map(|_| {
                *seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (*seed >> 33) as u32 % 50
            })
            .collect()
    }

    #[test]
    fn merging_equals_sorting_everything() {
        let mut seed = 7;
        for round in 0..300 {
            let mut old: Vec<(u32, usize)> = numbers(&mut seed, round % 40)
                .into_iter()
                .enumerate()
                .map(|(at, n)| (n, at))
                .collect();
            old.sort();
            let mut arrivals: Vec<(u32, usize)> = numbers(&mut seed, round % 13)
                .into_iter()
                .enumerate()
                .map(|(at, n)| (n, 1000 + at))
                .collect();
            arrivals.sort();
            let by_number = |a: &(u32, usize), b: &(u32, usize)| a.0.cmp(&b.0);
            let merged = merge(&old, arrivals.clone(), by_number);

            let mut expected = [old.clone(), arrivals.clone()].concat();
            // Stable: equal numbers keep old items first, then arrivals in their order.
            expected.sort_by(by_number);
            assert_eq!(merged.items, expected);
            for (at, item) in old.iter().enumerate() {
                assert_eq!(merged.items[merged.moved[at]], *item);
            }
            for (at, item) in arrivals.iter().enumerate() {
                assert_eq!(merged.items[merged.placed[at]], *item);
            }
        }
    }
}
