//! `cargo xtask bench`: the engine's throughput over the bundled corpora (native, release), and
//! how long the release build takes to import 1 000 and 10 000 dropped files in Chromium.

use crate::run::{command, status, Result};
use crate::{build, tools};

/// What the import benchmark drops: 1 000 files, 10 000 files, one 20 MB article.
const IMPORT_CASES: &[&str] = &["1000", "10000", "big"];

pub fn run() -> Result {
    engine()?;
    tools::ensure_test_tools()?;
    let dist = build::dist(None)?;
    status(
        command("node")
            .arg("tests/bench/import.mjs")
            .arg(&dist)
            .args(IMPORT_CASES),
    )
}

fn engine() -> Result {
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
