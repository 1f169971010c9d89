//! `cargo xtask bench hosted`: the hosted search index at scale and beside Pagefind. Natively,
//! each library is indexed (timed) and measured on disk; then `tests/bench/hosted.mjs` searches
//! it in Chromium as a reader would (cold, warm, on a 9 Mbps link), counting the bytes each
//! query fetches. The repository's corpora are searched by both Lectern and Pagefind with the
//! same phrases, drawn from deep in their articles, and checked against a plain substring scan;
//! generated libraries of 10 000 and 100 000 articles are searched by Lectern (the 10 000 by
//! Pagefind too), each query's count checked against the in-memory index (which the engine's
//! tests hold to the scan).
//! A million articles are measured natively (`scale`): the index's build time, peak memory and
//! size, and for each query the rounds, files and bytes a browser would fetch.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use articles::catalog::{Summary, SHARD_SIZE};
use articles::search::hosted::{self, Outcome};
use articles::search::{Query, SearchIndex};
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::{json, Value};

use crate::library_writer::LibraryWriter;
use crate::report::{self, row, Section};
use crate::run::{on_every_core, root, Result};
use crate::{generate, index, tools};

/// The corpora searched by both engines, under `crates/articles/tests/corpora`.
const CORPORA: &[&str] = &["hexo-site", "jekyll-posts"];

/// Generated libraries searched by Lectern.
const GENERATED: &[usize] = &[10_000, 100_000];

/// The generated libraries Pagefind searches too: its build of 100 000 pages would take longer
/// than the rest of the benchmark together.
const PAGEFIND_UP_TO: usize = 10_000;

/// Queries drawn from each generated library.
const GENERATED_QUERIES: usize = 12;

/// The library measured natively.
const SCALE: usize = 1_000_000;

/// Bytes of postings its index writer holds before spilling a run to disk.
const SCALE_BUDGET: usize = 512 << 20;

/// The throttled link the browser figures use: 9 Mbps, 40 ms.
const LINK_BITS_PER_SECOND: f64 = 9e6;
const LINK_RTT_MS: f64 = 40.0;

/// Indexes every library and writes the cases `hosted.mjs` searches; returns their file.
pub fn cases(dist: &Path) -> Result<PathBuf> {
    let work = tools::target_dir().join("bench/hosted");
    let mut cases = Vec::new();
    for corpus in CORPORA {
        let library = dist.join(format!("bench-hosted-{corpus}"));
        copy_dir(
            &root().join("crates/articles/tests/corpora").join(corpus),
            &library,
        )?;
        let started = Instant::now();
        let count = index::write(&library, index::Options::default())?;
        cases.push(case(
            corpus,
            &library,
            Some(&library),
            started,
            count,
            None,
        )?);
    }
    for &size in GENERATED {
        let library = dist.join(format!("bench-hosted-{size}"));
        let articles = generate::catalog(size)?;
        let queries = draw_queries(&articles);
        // The same articles as files, for Pagefind to render and index.
        let markdown = work.join(format!("generated-{size}"));
        if size <= PAGEFIND_UP_TO {
            generate::write_articles(&markdown, size)?;
        }
        let started = Instant::now();
        index::write_split(&library, articles, articles::catalog::SHARD_SIZE)?;
        let name = format!("{size} generated");
        let markdown = (size <= PAGEFIND_UP_TO).then_some(markdown.as_path());
        cases.push(case(
            &name,
            &library,
            markdown,
            started,
            size,
            Some(queries),
        )?);
    }
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let file = work.join("cases.json");
    let json = serde_json::to_string_pretty(&cases).map_err(|e| e.to_string())?;
    std::fs::write(&file, json).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(file)
}

/// A million generated articles as a hosted library: its catalog (shards of 1 000 summaries)
/// and search index written natively, streaming, memory bounded; then each query run natively
/// against the files (what it fetches, round by round) and, in `scale_case`, by the app in
/// Chromium. The articles are generated and parsed a shard at a time, on every core.
pub fn scale() -> Result<PathBuf> {
    let article = generate::parser()?;
    let work = scale_dir();
    if work.exists() {
        std::fs::remove_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    }
    let started = Instant::now();
    let mut writer = LibraryWriter::new(&work, SHARD_SIZE, SCALE_BUDGET)?;
    let mut samples = Vec::new();
    for (number, chunk) in generate::newest_first_order(SCALE)
        .chunks(SHARD_SIZE)
        .enumerate()
    {
        for (at, (summary, text)) in on_every_core(chunk, &|&n| article(n))?
            .into_iter()
            .enumerate()
        {
            if (number * SHARD_SIZE + at) % (SCALE / 40) == 7 {
                samples.push(text.clone());
            }
            writer.add(summary, &text)?;
        }
    }
    let written = writer.finish()?;
    let build_s = started.elapsed().as_secs_f64();
    let peak = peak_memory_mb();
    let (meta, bytes, files) = (&written.meta, written.index_bytes, written.index_files);
    let built = work.join(&written.build);
    let mut rows = Vec::new();
    let mut queries = Vec::new();
    for query in scale_queries(&samples) {
        let (row, found, files) = fetched_by(meta, &built, &query)?;
        rows.push(row);
        queries.push(json!({ "q": query, "expected": found, "files": files }));
    }
    report::write_section(
        "scale",
        &Section {
            title: format!("Hosted search at {SCALE} articles (native)"),
            about: format!(
                "{SCALE} generated articles (`cargo xtask generate`'s, parsed, in list order) written as a hosted library by the debug xtask, streaming: catalog shards of {SHARD_SIZE} summaries ({:.0} MB in all, {} files) and the search index by `hosted::SpillingWriter`, its files written to disk as they are complete. Built in {build_s:.0} s, peak memory {peak} MB with a budget of {} MB of postings in memory ({} runs spilled to disk and merged); the index is {:.0} MB on disk ({:.2} MB per 1 000 articles) in {files} files. Each query run natively against the files, round by round as the app does: the files and bytes it fetches (gzip -9, as a host compressing them sends), and the time on a 9 Mbps / 40 ms link *modelled* as one round trip per round plus the bytes at 9 Mbps (the browser's figures are in the next section). Queries are drawn from the articles' text.",
                written.catalog_bytes as f64 / 1e6,
                SCALE / SHARD_SIZE,
                SCALE_BUDGET >> 20,
                written.runs,
                bytes as f64 / 1e6,
                bytes as f64 / 1e6 / (SCALE as f64 / 1000.0),
            ),
            rows,
        },
    )?;
    let case = json!([{
        "name": format!("{SCALE} generated"),
        "library": work,
        "markdown": null,
        "index_ms": (build_s * 1000.0) as u64,
        "index_bytes": bytes,
        "index_files": files,
        "documents": SCALE,
        "queries": queries,
        "pagefind": false,
    }]);
    let file = work.join("cases.json");
    let json = serde_json::to_string_pretty(&case).map_err(|e| e.to_string())?;
    std::fs::write(&file, json).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(file)
}

/// The queries file of the million-article library the last [`scale`] wrote, for the browser's
/// half alone; an error if there is none, or its index is of another version than this code
/// reads.
pub fn scale_written() -> Result<PathBuf> {
    let work = scale_dir();
    let (cases, catalog) = (work.join("cases.json"), work.join("index.json"));
    let missing = || {
        format!(
            "no million-article library in {}: run `cargo xtask bench scale`",
            work.display()
        )
    };
    let text = std::fs::read(&catalog).map_err(|_| missing())?;
    let catalog: articles::catalog::Catalog =
        serde_json::from_slice(&text).map_err(|e| format!("{}: {e}", catalog.display()))?;
    let version = catalog.search_index.map(|meta| meta.version);
    if version != Some(hosted::VERSION) {
        return Err(format!(
            "the library in {} has a search index of version {version:?}, and this code reads {}: \
             run `cargo xtask bench scale`",
            work.display(),
            hosted::VERSION
        ));
    }
    cases.exists().then_some(cases).ok_or_else(missing)
}

/// Where [`scale`] writes its library.
fn scale_dir() -> PathBuf {
    tools::target_dir().join("bench/scale")
}

/// The queries of the scale measurement, three of each kind: two words anywhere, a quoted pair,
/// runs of two and four Chinese characters, and a word with the next one's first one, two or
/// three letters (a query as it is typed, its last word a short prefix of thousands of words),
/// each from the middle on of the next sampled article that has one (an English article has no
/// Chinese run, a Chinese one no pair of words).
fn scale_queries(samples: &[String]) -> Vec<String> {
    let mut queries = Vec::new();
    let mut next = samples.iter().cycle().take(samples.len() * 4);
    for n in 0..15 {
        let query = next.by_ref().find_map(|text| {
            // From the middle on, at a character (then a word) boundary.
            let middle = (text.len() / 2..text.len())
                .find(|&at| text.is_char_boundary(at))
                .unwrap_or(text.len());
            let rest = &text[middle..];
            let rest = &rest[rest.find(' ').unwrap_or(0)..];
            match n % 5 {
                0 => word_pair(rest),
                1 => word_pair(rest).map(|pair| format!("\"{pair}\"")),
                2 => chinese_run(rest, 2),
                3 => chinese_run(rest, 4),
                // Pairs' words are ASCII letters: a byte is a letter.
                _ => word_pair(rest).map(|pair| {
                    let typed = pair.find(' ').map_or(pair.len(), |space| space + 2 + n / 5);
                    pair[..typed.min(pair.len())].to_owned()
                }),
            }
        });
        queries.extend(query);
    }
    queries
}

/// What a query fetches from the index in `dir`, round by round, how many articles it finds,
/// and the files it fetched.
fn fetched_by(
    meta: &hosted::Meta,
    dir: &Path,
    input: &str,
) -> Result<(serde_json::Map<String, Value>, usize, Vec<String>)> {
    let query = Query::parse(input);
    let mut fetched: HashMap<String, Vec<u8>> = HashMap::new();
    let (mut rounds, mut gzipped, mut model_ms, mut compute) = (0, 0, 0.0, 0.0);
    let found = loop {
        let started = Instant::now();
        let outcome = hosted::search(meta, &query, &fetched).map_err(|e| e.0)?;
        compute += started.elapsed().as_secs_f64() * 1000.0;
        match outcome {
            None => break 0,
            Some(Outcome::Found(found)) => break found.len(),
            Some(Outcome::Need(names)) => {
                rounds += 1;
                let mut round = 0;
                for name in names {
                    let path = dir.join(&name);
                    let bytes =
                        std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                    round += gzip_len(&bytes)?;
                    fetched.insert(name, bytes);
                }
                gzipped += round;
                model_ms += LINK_RTT_MS + round as f64 * 8.0 / LINK_BITS_PER_SECOND * 1000.0;
            }
        }
    };
    let row = row([
        ("query", json!(input)),
        ("articles found", json!(found)),
        ("rounds", json!(rounds)),
        ("files", json!(fetched.len())),
        (
            "KB fetched (gzip)",
            json!(format!("{:.0}", gzipped as f64 / 1000.0)),
        ),
        (
            "9 Mbps, modelled (ms)",
            json!(format!("{:.0}", model_ms + compute)),
        ),
        ("search work, native (ms)", json!(format!("{compute:.1}"))),
    ]);
    Ok((row, found, fetched.into_keys().collect()))
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    Ok(encoder.finish().map_err(|e| e.to_string())?.len())
}

/// This process's peak resident memory, in MB (Linux), or 0 where it cannot be read.
fn peak_memory_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// One library as `hosted.mjs` reads it: where it is, how long its index took, its size.
fn case(
    name: &str,
    library: &Path,
    markdown: Option<&Path>,
    started: Instant,
    documents: usize,
    queries: Option<Vec<Value>>,
) -> Result<Value> {
    let index_ms = started.elapsed().as_millis();
    let (bytes, files) = size_of(&index::build_dir(library)?.join("search"))?;
    Ok(json!({
        "name": name,
        "library": library,
        "markdown": markdown,
        "index_ms": index_ms,
        "index_bytes": bytes,
        "index_files": files,
        "documents": documents,
        "queries": queries,
        "pagefind": markdown.is_some(),
    }))
}

/// Queries from a generated library's own text, each with the number of articles it finds:
/// runs of two to six Chinese characters and quoted pairs of words from deep in random articles,
/// and pairs of words from two articles (two terms, anywhere).
fn draw_queries(articles: &[(Summary, String)]) -> Vec<Value> {
    let mut index = SearchIndex::new();
    for (summary, text) in articles {
        index.add(&summary.document(&summary.labels(), text));
    }
    let mut random = generate::Random::new(0x5EED);
    let mut below = |n: usize| random.below(n);
    let mut queries = Vec::new();
    while queries.len() < GENERATED_QUERIES {
        let text = &articles[below(articles.len())].1;
        let chars: Vec<char> = text.chars().collect();
        let from = chars.len() / 2 + below(chars.len() / 2 + 1);
        let rest: String = chars.iter().skip(from).collect();
        // From the next word on: the piece starts anywhere, maybe inside a word.
        let rest = rest.split_once(' ').map_or("", |(_, after)| after);
        let query = match queries.len() % 3 {
            0 => chinese_run(rest, 2 + below(5)),
            1 => word_pair(rest).map(|pair| format!("\"{pair}\"")),
            _ => {
                let other = &articles[below(articles.len())].1;
                let first = word_pair(rest).and_then(|p| p.split(' ').next().map(str::to_owned));
                let second = word_pair(other).and_then(|p| p.split(' ').nth(1).map(str::to_owned));
                first.zip(second).map(|(a, b)| format!("{a} {b}"))
            }
        };
        if let Some(query) = query {
            let expected = index.search(&Query::parse(&query)).map_or(0, |f| f.len());
            queries.push(json!({ "q": query, "expected": expected }));
        }
    }
    queries
}

/// The first run of `len` Chinese characters in `text`.
fn chinese_run(text: &str, len: usize) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(len)
        .find(|w| w.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c)))
        .map(|w| w.iter().collect())
}

/// The first two Latin words of `text` with one space between them.
fn word_pair(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split(' ').collect();
    words.windows(2).find_map(|w| {
        let latin = |s: &str| s.len() > 2 && s.chars().all(|c| c.is_ascii_alphabetic());
        (latin(w[0]) && latin(w[1])).then(|| format!("{} {}", w[0], w[1]).to_lowercase())
    })
}

/// Bytes and files under `dir`.
fn size_of(dir: &Path) -> Result<(u64, usize)> {
    let mut total = (0, 0);
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let meta = entry.metadata().map_err(|e| e.to_string())?;
        total.0 += meta.len();
        total.1 += 1;
    }
    Ok(total)
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    if to.exists() {
        std::fs::remove_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}
