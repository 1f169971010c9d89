//! Writes the search folding table (`$OUT_DIR/fold_table.rs`, read by `src/search/fold.rs`).
//!
//! Folding is NFKC with Latin, Greek and Cyrillic accents dropped, then lowercase. Doing that
//! with a Unicode normalizer at run time shipped its data (about 100 KB) in every download;
//! folding works a character at a time, so the normalizer runs here, once per character, and
//! only the characters whose folding differs from plain lowercasing are kept: about 5 600,
//! mostly in runs at a fixed distance (full-width Latin, mathematical letters).

use std::fmt::Write as _;
use std::path::PathBuf;

use icu_normalizer::{ComposingNormalizer, DecomposingNormalizer};

include!("src/search/fold_rules.rs");

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/search/fold_rules.rs");
    // Runs of characters folding to one character each at the same distance: (first, last,
    // distance), the distance as a wrapping u32.
    let mut runs: Vec<(u32, u32, u32)> = Vec::new();
    // Characters folding to several: (character, start and end in the pool).
    let mut many: Vec<(u32, usize, usize)> = Vec::new();
    let mut pool = String::new();
    for code in 0x80..=0x10FFFF {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        if is_cjk_letter(c) {
            continue;
        }
        let folded = normalizer_fold(c);
        if folded.chars().eq(c.to_lowercase()) {
            continue;
        }
        let mut chars = folded.chars();
        match (chars.next(), chars.next()) {
            (Some(one), None) => {
                let distance = (one as u32).wrapping_sub(code);
                match runs.last_mut() {
                    Some(run) if run.1 + 1 == code && run.2 == distance => run.1 = code,
                    _ => runs.push((code, code, distance)),
                }
            }
            _ => {
                let start = pool.len();
                pool.push_str(&folded);
                many.push((code, start, pool.len()));
            }
        }
    }
    let mut table = String::new();
    let _ = writeln!(table, "static RUNS: [(u32, u32, u32); {}] = [", runs.len());
    for (first, last, distance) in &runs {
        let _ = writeln!(table, "({first:#x}, {last:#x}, {distance:#x}),");
    }
    let _ = writeln!(table, "];");
    let _ = writeln!(table, "static MANY: [(u32, u16, u16); {}] = [", many.len());
    for (code, start, end) in &many {
        let _ = writeln!(table, "({code:#x}, {start}, {end}),");
    }
    let _ = writeln!(table, "];");
    let _ = writeln!(table, "static POOL: &str = {pool:?};");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("fold_table.rs"), table).expect("OUT_DIR is writable");
}

/// `c` folded by the Unicode normalizer: NFKD, accents dropped, NFC, lowercase.
fn normalizer_fold(c: char) -> String {
    let mut buffer = [0; 4];
    let decomposed = DecomposingNormalizer::new_nfkd().normalize(c.encode_utf8(&mut buffer));
    let bare: String = decomposed.chars().filter(|&c| !is_accent(c)).collect();
    let composed = ComposingNormalizer::new_nfc().normalize(&bare);
    composed.chars().flat_map(char::to_lowercase).collect()
}
