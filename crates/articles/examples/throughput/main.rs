//! Parse + render + sanitize throughput over folders of articles: the engine beside
//! "pulldown-cmark + ammonia alone" (see [`baseline`]), on the same files in the same run.
//!
//! Run by `cargo xtask bench` (release build). Each file set is parsed several times and the
//! best round is reported, so a busy machine disturbs the figures less; the engine and the
//! baseline take turns, round by round, so a burst of other work hits both alike. It prints
//! one line per figure, or with `--json` one JSON object holding the same figures:
//!
//! ```text
//! files: 778 articles, 2.33 MB, best of 7 rounds
//! engine: 2110 articles/s, 6.32 MB/s
//! baseline: 3516 articles/s, 10.54 MB/s
//! ratio: 1.67
//! hostile: 15 articles, 1.23 MB, engine 179 articles/s, 14.64 MB/s
//! ```
//!
//! `ratio` is the engine's time over the baseline's on the same files; the hostile fixtures
//! are timed for the engine alone (see [`corpus`]).

mod baseline;
mod corpus;

use std::time::Instant;

use articles::{parse, ParseOptions};
use serde_json::{json, Value};

use corpus::Input;

const ROUNDS: usize = 7;

fn main() {
    let mut json = false;
    let mut dirs = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            _ => dirs.push(arg),
        }
    }
    let corpus = corpus::read(&dirs);
    let options = ParseOptions::default();
    let engine_on = |inputs: &[Input]| {
        for (name, data) in inputs {
            std::hint::black_box(parse(name, data, &options));
        }
    };
    let (mut engine, mut base, mut hostile) = (f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..ROUNDS {
        engine = engine.min(time(|| engine_on(&corpus.compared)));
        base = base.min(time(|| {
            for (_, data) in &corpus.compared {
                std::hint::black_box(baseline::render(data));
            }
        }));
        hostile = hostile.min(time(|| engine_on(&corpus.hostile)));
    }
    let ratio = engine / base;
    let compared = Rate::of(&corpus.compared);
    let attacks = Rate::of(&corpus.hostile);
    if json {
        let report = json!({
            "articles": compared.articles,
            "bytes": compared.bytes,
            "rounds": ROUNDS,
            "engine": compared.json(engine),
            "baseline": compared.json(base),
            "ratio": round(ratio, 2),
            "hostile": {
                "articles": attacks.articles,
                "bytes": attacks.bytes,
                "engine": attacks.json(hostile),
            },
        });
        println!("{report}");
        return;
    }
    println!(
        "files: {} articles, {:.2} MB, best of {ROUNDS} rounds",
        compared.articles,
        compared.bytes as f64 / 1e6
    );
    println!("engine: {}", compared.line(engine));
    println!("baseline: {}", compared.line(base));
    println!("ratio: {ratio:.2}");
    println!(
        "hostile: {} articles, {:.2} MB, engine {}",
        attacks.articles,
        attacks.bytes as f64 / 1e6,
        attacks.line(hostile)
    );
}

/// A file set's size, to turn a time into rates.
struct Rate {
    articles: usize,
    bytes: usize,
}

impl Rate {
    fn of(inputs: &[Input]) -> Rate {
        Rate {
            articles: inputs.len(),
            bytes: corpus::bytes(inputs),
        }
    }

    fn per_second(&self, seconds: f64) -> (f64, f64) {
        (
            self.articles as f64 / seconds,
            self.bytes as f64 / 1e6 / seconds,
        )
    }

    fn line(&self, seconds: f64) -> String {
        let (articles, mb) = self.per_second(seconds);
        format!("{articles:.0} articles/s, {mb:.2} MB/s")
    }

    fn json(&self, seconds: f64) -> Value {
        let (articles, mb) = self.per_second(seconds);
        json!({
            "articles_per_s": round(articles, 0),
            "mb_per_s": round(mb, 2),
            "ms": round(seconds * 1e3, 1),
        })
    }
}

fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// Seconds `work` takes.
fn time(work: impl FnOnce()) -> f64 {
    let started = Instant::now();
    work();
    started.elapsed().as_secs_f64()
}
