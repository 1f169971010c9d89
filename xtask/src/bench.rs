//! `cargo xtask bench [part]...`: Lectern measured beside what people would use instead, each
//! figure written into BENCHMARKS.md (see `report.rs`). The parts, in the order they run:
//!
//! - `size`: the release build's download (gzip -9 and brotli), page and worker;
//! - `engine`: the engine's native throughput beside pulldown-cmark + ammonia alone;
//! - `search`: a keystroke's work over 1 000, 10 000 and 100 000 generated articles beside
//!   MiniSearch (`crates/search-bench` in Chromium);
//! - `start`: the first card on loopback and on throttled links, the start's longest task, a
//!   reload with 10 000 stored articles, memory after importing them;
//! - `import`: 1 000 and 10 000 dropped files and one 20 MB article;
//! - `ingest`: the same files through Lectern and through a JavaScript pipeline (gray-matter,
//!   marked, DOMPurify, MiniSearch) in the same browser;
//! - `catalog`: a 100 000-article hosted catalog: its size, how fast it lists and searches;
//! - `hosted`: the hosted search index of the corpora beside Pagefind's, and of 10 000 and
//!   100 000 generated articles: build time, size, bytes and time per query (`hosted_bench.rs`);
//! - `scale`: a million articles as a hosted library (catalog and index), written natively
//!   (build time, memory, size, what each query fetches), then searched by the app in Chromium;
//! - `scale-browser`: run only when named, `scale`'s second half alone, on the library the
//!   last `scale` wrote (writing it takes 12 minutes here; a change to the app need not);
//! - `report`: measures nothing; BENCHMARKS.md is written again from the figures on disk (after
//!   a part failed midway, say). Every run ends with it.

use std::path::Path;

use serde_json::{json, Value};

use crate::report::{self, row, Section};
use crate::run::{command, status, Result};
use crate::{build, bundle, generate, hosted_bench, index, tools};

/// The benchmark's parts, in the order they run (and appear in BENCHMARKS.md).
#[rustfmt::skip]
const PARTS: &[&str] = &[
    "size", "engine", "search", "start", "import", "ingest", "catalog", "hosted", "scale",
    "scale-browser", "report",
];

/// Parts that run only when named: `scale` runs the browser's half too, and `report` ends
/// every run.
const NAMED_ONLY: &[&str] = &["scale-browser", "report"];

/// The report's sections, in order: one per part, and the catalog's size before its timing.
const SECTIONS: &[&str] = &[
    "size",
    "engine",
    "search",
    "start",
    "import",
    "ingest",
    "catalog-size",
    "catalog",
    "hosted",
    "scale",
    "scale-browser",
];

/// Brotli's quality for the catalog's size (see `bundle::of_quality`).
const CATALOG_BROTLI: i32 = 5;

/// Articles in the catalog benchmark.
const CATALOG_SIZE: usize = 100_000;

/// Articles in the search benchmark.
const SEARCH_SIZES: &[&str] = &["1000", "10000", "100000"];

/// What the import benchmark drops: 1 000 files, 10 000 files, one 20 MB article.
const IMPORT_CASES: &[&str] = &["1000", "10000", "big"];

/// Runs of each timed browser figure: enough for a median and a p95.
const RUNS: &str = "5";

/// The parts to measure, in order: those named, or all but those run only when named.
fn chosen(parts: &[String]) -> Vec<&'static str> {
    PARTS
        .iter()
        .copied()
        .filter(|part| {
            parts.iter().any(|p| p == part) || (parts.is_empty() && !NAMED_ONLY.contains(part))
        })
        .filter(|part| *part != "report")
        .collect()
}

/// Runs the `parts` named (all when none is), then writes BENCHMARKS.md.
pub fn run(parts: &[String]) -> Result {
    if let Some(unknown) = parts.iter().find(|p| !PARTS.contains(&p.as_str())) {
        return Err(format!(
            "no benchmark part {unknown:?}; parts: {}",
            PARTS.join(", ")
        ));
    }
    let chosen = chosen(parts);
    let sections_of = |part: &str| -> Vec<&&str> {
        SECTIONS
            .iter()
            .filter(|section| section.starts_with(part))
            .collect()
    };
    report::clear(chosen.iter().flat_map(|part| sections_of(part)))?;
    let run = (!chosen.is_empty()).then(report::stamp);
    tools::ensure_test_tools()?;
    // Parts that measure the release build share one.
    let mut dist = None;
    for part in &chosen {
        let mut built = || -> Result<std::path::PathBuf> {
            if let Some(dist) = &dist {
                return Ok(std::path::PathBuf::clone(dist));
            }
            let fresh = build::dist(None)?;
            dist = Some(fresh.clone());
            Ok(fresh)
        };
        match *part {
            "engine" => engine()?,
            "search" => search()?,
            "size" => size(&built()?)?,
            "start" => status(
                node("start", "tests/bench/start.mjs")
                    .arg(built()?)
                    .arg(RUNS),
            )?,
            "import" => status(
                node("import", "tests/bench/import.mjs")
                    .arg(built()?)
                    .args(IMPORT_CASES),
            )?,
            "ingest" => ingest(&built()?)?,
            "catalog" => catalog(&built()?)?,
            "hosted" => {
                let dist = built()?;
                let cases = hosted_bench::cases(&dist)?;
                status(
                    node("hosted", "tests/bench/hosted.mjs")
                        .arg(&dist)
                        .arg(cases),
                )?
            }
            "scale" | "scale-browser" => {
                let dist = built()?;
                let cases = if *part == "scale" {
                    hosted_bench::scale()?
                } else {
                    hosted_bench::scale_written()?
                };
                status(
                    node("scale-browser", "tests/bench/hosted.mjs")
                        .arg(&dist)
                        .arg(cases)
                        .arg("scale"),
                )?
            }
            _ => {}
        }
        if let Some(run) = &run {
            report::mark(sections_of(part), run)?;
        }
    }
    report::write(SECTIONS, run.as_deref())
}

/// A benchmark script run by node, told where to write its section.
fn node(part: &str, script: &str) -> std::process::Command {
    let mut node = command("node");
    node.arg(script)
        .env("LECTERN_BENCH_JSON", report::path(part))
        .env("CHROMIUM", tools::find("chromium").unwrap_or_default());
    node
}

/// The release build's download, as `bundle.rs` measures it for the budget test.
fn size(dist: &Path) -> Result {
    let sizes = bundle::measure(dist)?;
    let kb = |bytes: usize| json!(format!("{:.0}", bytes as f64 / 1000.0));
    let line = |part: &str, size: bundle::Size, goal: &str| {
        row([
            ("download", json!(part)),
            ("raw (KB)", kb(size.raw)),
            ("gzip -9 (KB)", kb(size.gzip)),
            ("brotli (KB)", kb(size.brotli)),
            ("budget, gzip (KB)", json!(goal)),
        ])
    };
    let budget = |bytes: usize, goal: usize| format!("{:.0} (goal {goal})", bytes as f64 / 1000.0);
    report::write_section(
        "size",
        &Section {
            title: "Download".into(),
            about: "The release build's files as static hosts serve them. The first paint's part is all the browser fetches before a hosted library paints (`index.html`, the style sheet, its icon and `first-paint.js`, which draws the newest cards from the catalog); the app's script and wasm download beside it, and the page is the two: all it takes before the library is live and before a reader's own files show. The worker's part is fetched once the library is listed and the page is idle (or by the first article parsed before then), and warms up on four sample articles it carries. What is fetched only when the reader does what it is for is measured and not counted in the whole: the worker's modules, fetched by it when a file needs one (the encoding detector, chardetng's tables, for a file that is neither UTF-8 nor marked by a byte-order mark; TeX math, pulldown-latex, for an article with a formula; TOML, the `toml` crate, for a file with Hugo's or Zola's `+++` front matter), and the two other worker programs (the archiver, the `zip` crate and a deflate in Rust, for a `.zip` archive dropped or exported; the publisher, the engine with the catalog and search index writers, to publish a site). The single file, for opening from disk, carries all but the publisher (its WebAssembly gzipped inside it, so it compresses little further). `cargo xtask test` fails above the budget: today's size with a little room, lowered with every cut. What bounds the page: it is the whole app, and no one part of it is large. Of its 911 KB of WebAssembly code before wasm-opt (a build keeping names), the app's own components, effects and state are 29 %, Yew 20 % (its hooks and rendering instantiated for each of the app's components), the engine's search index, hosted-index reader and article types 9 %, serde_json 7 %, Rust's collections, slices and reference counting most of the rest, in some 3 550 functions, none over 35 KB (the app's top-level render): only less of the app on the way to the list (the reader, settings, publishing, connected reading, fetched later as programs of their own) would shrink it much. What bounds the whole: 500 KB in all would leave the worker some 75 KB, and it carries the whole parsing engine (front matter in YAML and JSON, CommonMark, an HTML5 parser and sanitizer, UTF-16, highlighting…): some 1.2 MB of WebAssembly, about half of it read-only tables before wasm-opt (among them two tables of HTML's 2 231 named character references, pulldown-cmark's and html5ever's; html5ever's was a perfect-hash map of every name and every prefix of one, 9 854 entries, until Lectern patched it (vendor/web_atoms) to the names alone, sorted and searched by bisection: the worker 463 → 395 KB gzipped, an import's time the same, A/B in one run 1.00 on the Hexo corpus and 1.02 on the Jekyll one). The detector, TeX math, TOML (32 KB gzipped), Unicode IDNA (ICU4X's tables, 46 KB gzipped, which the sanitizer's URL parser no longer needs: the engine writes internationalised hosts in ASCII itself), `.zip` archives and Publish's writers (133 KB gzipped together) have left it. Only dropping features, or loading more of them only when a file needs them as the detector and math are, would bring it near. The largest left, the HTML sanitizer (ammonia on html5ever, for the raw HTML the engine's own scan of Markdown does not read), was measured as a module of its own: the worker 463 → 276 KB, but the module 259 KB (html5ever's table of named character references was some 90 KB of it before the patch above, and a module carries its own copy of Rust's standard library and of the URL parser), and a real library nearly always has an article that needs it (24 of the Hexo corpus's 466 files, 9 of the Jekyll corpus's 102, 2 of the sample library's 12): its reader would download 72 KB more in all, so the sanitizer stays in the worker.".into(),
            rows: vec![
                line("first paint: page and style, before a hosted library paints", sizes.first_paint, &budget(bundle::FIRST_PAINT_BUDGET, 200)),
                line("the app's script and wasm, beside it", sizes.app, ""),
                line("page, until the library is live (and a reader's own files show)", sizes.page(), &format!("{:.0}", bundle::PAGE_BUDGET as f64 / 1000.0)),
                line("worker, once the library is listed", sizes.worker, ""),
                line("service worker and manifest, after load", sizes.rest, ""),
                line("encoding detector, only for a file not in UTF-8", sizes.detector, ""),
                line("TeX math, only for an article with a formula", sizes.math, ""),
                line("TOML, only for a file with TOML front matter", sizes.toml, ""),
                line("archiver, only for a `.zip` archive in or out", sizes.archiver, ""),
                line("publisher, only to publish a site", sizes.publisher, ""),
                line("in all", sizes.total(), &budget(bundle::TOTAL_BUDGET, 500)),
                line("single file `lectern.html` (page, worker and archiver, opened from disk)", sizes.single_file, ""),
            ],
        },
    )
}

/// The engine's throughput beside pulldown-cmark + ammonia alone, natively, in release.
fn engine() -> Result {
    let out = command("cargo")
        .args(["run", "--release", "--quiet", "--package", "articles"])
        .args(["--example", "throughput", "--", "--json"])
        .args([
            "crates/articles/tests/corpora",
            "crates/articles/tests/fixtures",
        ])
        .env("CARGO_TARGET_DIR", tools::target_dir())
        .output()
        .map_err(|e| format!("could not run the throughput example: {e}"))?;
    if !out.status.success() {
        return Err("the throughput example failed".into());
    }
    let figures: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("the throughput example's output: {e}"))?;
    let rate = |side: &Value| {
        json!(format!(
            "{} articles/s, {} MB/s",
            side["articles_per_s"], side["mb_per_s"]
        ))
    };
    println!("engine: {figures}");
    report::write_section(
        "engine",
        &Section {
            title: "Engine, natively".into(),
            about: format!(
                "`articles::parse` (front matter, Markdown, sanitizing, text, outline) beside pulldown-cmark + ammonia alone on the same {} files ({:.1} MB: the repo's corpora and fixtures), best of {} rounds, in turn (crates/articles/examples/throughput). The engine gives the same HTML as the pair would sanitize (its own passes aside: heading anchors, links to other articles…), but checks Markdown without raw HTML, most of these files, in one scan of pulldown-cmark's output rather than through html5ever and ammonia (crates/articles/src/sanitize/markdown.rs, held to ammonia's output by its tests). The hostile fixtures are timed for the engine alone.",
                figures["articles"],
                figures["bytes"].as_f64().unwrap_or_default() / 1e6,
                figures["rounds"],
            ),
            rows: vec![
                row([
                    ("files", json!("corpora and fixtures")),
                    ("engine", rate(&figures["engine"])),
                    ("pulldown-cmark + ammonia", rate(&figures["baseline"])),
                    ("engine time / theirs", json!(format!("{}×", figures["ratio"]))),
                    ("goal", json!("≤ 2×")),
                ]),
                row([
                    ("files", json!("hostile fixtures")),
                    ("engine", rate(&figures["hostile"]["engine"])),
                    ("pulldown-cmark + ammonia", json!("")),
                    ("engine time / theirs", json!("")),
                    ("goal", json!("")),
                ]),
            ],
        },
    )
}

/// Lectern's search (its wasm build, `crates/search-bench`) beside MiniSearch, in Chromium.
fn search() -> Result {
    tools::ensure_build_tools()?;
    status(
        command("cargo")
            .args(["build", "--release", "--target", "wasm32-unknown-unknown"])
            .args(["--package", "search-bench"])
            .env("CARGO_TARGET_DIR", tools::target_dir()),
    )?;
    let target = tools::target_dir();
    let package = target.join("search-bench-pkg");
    status(
        command("wasm-bindgen")
            .args(["--target", "web", "--out-dir"])
            .arg(&package)
            .arg(target.join("wasm32-unknown-unknown/release/search_bench.wasm")),
    )?;
    status(
        node("search", "tests/bench/search.mjs")
            .arg(&package)
            .args(SEARCH_SIZES),
    )
}

/// Lectern's ingest beside the JavaScript pipeline, bundled here by esbuild into one script.
fn ingest(dist: &Path) -> Result {
    let bundle = tools::target_dir().join("bench/js-pipeline.js");
    status(
        command("npx")
            .args(["esbuild", "tests/bench/js-pipeline/pipeline.js"])
            .args(["--bundle", "--minify"])
            .arg(format!("--outfile={}", bundle.display())),
    )?;
    status(
        node("ingest", "tests/bench/ingest.mjs")
            .arg(dist)
            .arg(&bundle)
            .arg(RUNS),
    )
}

/// A generated 100 000-article catalog beside the build: its size, then how it opens.
fn catalog(dist: &Path) -> Result {
    let library = dist.join("bench-library");
    index::write_split(
        &library,
        generate::catalog(CATALOG_SIZE)?,
        articles::catalog::SHARD_SIZE,
    )?;
    catalog_size(&library)?;
    status(
        node("catalog", "tests/bench/catalog.mjs")
            .arg(dist)
            .arg("bench-library/index.json")
            .arg(CATALOG_SIZE.to_string()),
    )
}

/// The catalog's size per 1 000 articles: what is fetched to list them, and what the first
/// search adds.
fn catalog_size(library: &Path) -> Result {
    let mut listing = bundle::of_quality(&library.join("index.json"), CATALOG_BROTLI)?;
    let mut search = bundle::Size::default();
    let dir = crate::index::build_dir(library)?;
    for (folder, total) in [
        (dir.clone(), &mut listing),
        (dir.join("search"), &mut search),
    ] {
        let files = std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for file in files {
            let path = file.map_err(|e| e.to_string())?.path();
            if path.is_file() {
                *total += bundle::of_quality(&path, CATALOG_BROTLI)?;
            }
        }
    }
    let per_thousand = |bytes: usize| json!(format!("{:.0}", bytes as f64 / CATALOG_SIZE as f64));
    let line = |what: &str, size: bundle::Size| {
        row([
            ("part", json!(what)),
            ("raw (KB)", per_thousand(size.raw)),
            ("gzip -9 (KB)", per_thousand(size.gzip)),
            ("brotli -5 (KB)", per_thousand(size.brotli)),
        ])
    };
    report::write_section(
        "catalog-size",
        &Section {
            title: "Hosted catalog: download per 1 000 articles".into(),
            about: format!("A generated catalog of {CATALOG_SIZE} articles (`cargo xtask generate`: vocabulary and lengths drawn from the corpora)."),
            rows: vec![
                line("listing (index.json and its shards)", listing),
                line("search index (on disk: a query fetches a few of its files)", search),
            ],
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_half_of_scale_runs_only_when_named() {
        let all = chosen(&[]);
        assert!(all.contains(&"scale") && !all.contains(&"scale-browser"));
        assert!(!all.contains(&"report"));
        assert_eq!(chosen(&["scale-browser".to_owned()]), ["scale-browser"]);
        assert_eq!(chosen(&["report".to_owned()]), Vec::<&str>::new());
    }
}
