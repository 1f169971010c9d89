//! `cargo xtask bench`: the engine's throughput over the bundled corpora, in release mode.

use crate::run::{command, status, Result};

pub fn run() -> Result {
    status(command("cargo").args([
        "run",
        "--release",
        "--package",
        "articles",
        "--example",
        "throughput",
        "--",
        "crates/articles/tests/corpora",
        "crates/articles/tests/fixtures",
    ]))
}
