//! `cargo xtask bench`: the engine's throughput over the bundled corpora (native, release); how
//! long the release build takes to import 1 000 and 10 000 dropped files and one 20 MB article
//! in Chromium; its ingest beside a JavaScript pipeline (gray-matter, marked, DOMPurify,
//! MiniSearch) on the corpora and generated libraries; how large a 100 000-article catalog is
//! and how fast it opens; and search (index build, a keystroke's latency) on 1 000, 10 000 and
//! 100 000 generated articles, beside MiniSearch up to 10 000.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::run::{command, status, Result};
use crate::{build, generate, index, tools};

/// Articles in the catalog benchmark.
const CATALOG_SIZE: usize = 100_000;

/// Articles in the search benchmark.
const SEARCH_SIZES: &[&str] = &["1000", "10000", "100000"];

/// What the import benchmark drops: 1 000 files, 10 000 files, one 20 MB article.
const IMPORT_CASES: &[&str] = &["1000", "10000", "big"];

/// Runs of each ingest case, per side: enough for a median and a p95.
const INGEST_RUNS: &str = "5";

/// The benchmark's parts, in the order they run.
const PARTS: &[&str] = &["engine", "search", "import", "ingest", "catalog"];

/// Runs the `parts` named (all when none is).
pub fn run(parts: &[String]) -> Result {
    let wanted = |part: &str| parts.is_empty() || parts.iter().any(|p| p == part);
    if let Some(unknown) = parts.iter().find(|p| !PARTS.contains(&p.as_str())) {
        return Err(format!(
            "no benchmark part {unknown:?}; parts: {}",
            PARTS.join(", ")
        ));
    }
    if wanted("engine") {
        engine()?;
    }
    tools::ensure_test_tools()?;
    if wanted("search") {
        search()?;
    }
    if !wanted("import") && !wanted("ingest") && !wanted("catalog") {
        return Ok(());
    }
    let dist = build::dist(None)?;
    if wanted("import") {
        status(
            command("node")
                .arg("tests/bench/import.mjs")
                .arg(&dist)
                .args(IMPORT_CASES),
        )?;
    }
    if wanted("ingest") {
        ingest(&dist)?;
    }
    if wanted("catalog") {
        let library = dist.join("bench-library");
        index::write_split(
            &library,
            generate::catalog(CATALOG_SIZE)?,
            index::SHARD_SIZE,
        )?;
        report_catalog_size(&library)?;
        status(
            command("node")
                .arg("tests/bench/catalog.mjs")
                .arg(&dist)
                .arg("bench-library/index.json")
                .arg(CATALOG_SIZE.to_string()),
        )?;
    }
    Ok(())
}

/// Prints the catalog's size, raw and gzipped, per 1 000 articles: what is fetched to list them,
/// and what the first search adds.
fn report_catalog_size(library: &Path) -> Result {
    let mut listing = size(&library.join("index.json"))?;
    let mut search = (0, 0);
    let shards = std::fs::read_dir(library.join(articles::catalog::SHARD_DIR))
        .map_err(|e| format!("{}: {e}", library.display()))?;
    for shard in shards {
        let path = shard.map_err(|e| e.to_string())?.path();
        let (raw, gzipped) = size(&path)?;
        let total = if path.to_string_lossy().contains("search-") {
            &mut search
        } else {
            &mut listing
        };
        total.0 += raw;
        total.1 += gzipped;
    }
    let per_thousand = |bytes: usize| bytes as f64 / (CATALOG_SIZE as f64 / 1000.0) / 1000.0;
    println!(
        "catalog: {CATALOG_SIZE} articles; per 1000 articles, listing {:.0} kB ({:.0} kB gzipped), search text {:.0} kB ({:.0} kB gzipped)",
        per_thousand(listing.0),
        per_thousand(listing.1),
        per_thousand(search.0),
        per_thousand(search.1),
    );
    Ok(())
}

/// A file's size, raw and gzipped (as a static host serves it).
fn size(path: &Path) -> Result<(usize, usize)> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(&bytes).map_err(|e| e.to_string())?;
    let gzipped = encoder.finish().map_err(|e| e.to_string())?;
    Ok((bytes.len(), gzipped.len()))
}

/// Lectern's ingest beside the JavaScript pipeline, bundled here by esbuild into one browser
/// script; the figures go to `bench/ingest.json` in the build folder, for BENCHMARKS.md.
fn ingest(dist: &Path) -> Result {
    let out = tools::target_dir().join("bench");
    let bundle = out.join("js-pipeline.js");
    status(
        command("npx")
            .args([
                "esbuild",
                "tests/bench/js-pipeline/pipeline.js",
                "--bundle",
                "--minify",
            ])
            .arg(format!("--outfile={}", bundle.display())),
    )?;
    let figures = out.join("ingest.json");
    status(
        command("node")
            .arg("tests/bench/ingest.mjs")
            .arg(dist)
            .arg(&bundle)
            .arg(&figures)
            .arg(INGEST_RUNS),
    )?;
    println!("ingest figures written to {}", figures.display());
    Ok(())
}

/// Lectern's search (its wasm build, `crates/search-bench`) beside MiniSearch, in Chromium.
fn search() -> Result {
    tools::ensure_build_tools()?;
    status(command("cargo").args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        "search-bench",
    ]))?;
    let target = tools::target_dir();
    let package = target.join("search-bench-pkg");
    status(
        command("wasm-bindgen")
            .args(["--target", "web", "--out-dir"])
            .arg(&package)
            .arg(target.join("wasm32-unknown-unknown/release/search_bench.wasm")),
    )?;
    status(
        command("node")
            .arg("tests/bench/search.mjs")
            .arg(&package)
            .args(SEARCH_SIZES),
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
