//! Parse + render + sanitize throughput over folders of articles: MB/s and articles/s.
//!
//! Run by `cargo xtask bench` (release build). Each file is parsed several times and the best
//! round is reported, so a busy machine disturbs the figure less.

use std::path::{Path, PathBuf};
use std::time::Instant;

use articles::{parse, ParseOptions};

const ROUNDS: usize = 5;

fn main() {
    let mut files = Vec::new();
    for dir in std::env::args().skip(1) {
        collect(Path::new(&dir), &mut files);
    }
    let inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?)))
        .collect();
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    let options = ParseOptions::default();
    let mut best = f64::MAX;
    for _ in 0..ROUNDS {
        let started = Instant::now();
        for (name, data) in &inputs {
            std::hint::black_box(parse(name, data, &options));
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "engine: {} articles, {:.2} MB in {:.1} ms (best of {ROUNDS}): {:.1} MB/s, {:.0} articles/s",
        inputs.len(),
        bytes as f64 / 1e6,
        best * 1e3,
        bytes as f64 / 1e6 / best,
        inputs.len() as f64 / best
    );
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "markdown" | "html")
        ) {
            files.push(path);
        }
    }
}
