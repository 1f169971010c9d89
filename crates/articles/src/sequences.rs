//! Every short string made of a few pieces, for the tests that hold a faster scan to the
//! simpler one it replaced on all of them.

/// Every sequence of up to `len` of `pieces`, joined (the empty one first).
pub fn sequences(pieces: &[&str], len: u32) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..len {
        last = last
            .iter()
            .flat_map(|text| pieces.iter().map(move |piece| format!("{text}{piece}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}
