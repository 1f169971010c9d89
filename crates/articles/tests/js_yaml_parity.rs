//! Lectern reads front matter at least as well as js-yaml, the YAML parser of gray-matter (and so
//! of Hexo, Astro and most Node site generators): for every file of the bundled corpora and of
//! the stress set of real-world quirks (`fixtures/front-matter-quirks`), each of title, date,
//! authors, tags and categories that js-yaml reads, Lectern reads too, with the same value.
//! Where js-yaml reads nothing (it refused the block, or the field is absent) Lectern may read
//! more: that is the point of its leniency.
//!
//! `tests/js_yaml_fields.mjs` runs js-yaml (pinned through package-lock.json: gray-matter's
//! dependency) on the same files. Node and `node_modules` are required: the project's test
//! command installs them first, so their absence fails this test rather than skipping it.
//!
//! NORMALISATION, the same on both sides (the script applies it to js-yaml's values):
//! - title: text trimmed; a number or boolean as its text; an empty title is no title; a title
//!   js-yaml turns into a Date (`title: 2020-01-01`) is not compared.
//! - date: the first of `date`, `published`, `pubDate`, `created` (Lectern's order) compared as
//!   an instant in whole seconds (Lectern keeps no fraction). A date without a zone is read as
//!   UTC on both sides: js-yaml does so for its timestamps, Lectern orders floating dates so,
//!   and the script runs with TZ=UTC so Date.parse does too for the strings js-yaml leaves as
//!   text. A number is not a date to js-yaml, so it is not compared.
//! - authors, tags, categories: lists of trimmed, non-empty strings, consecutive repeats
//!   dropped; nested lists (category paths) flattened; an author object gives its `name`; a
//!   string of tags is split on commas, or on white space without a comma (as Lectern reads
//!   it); a string of categories or authors is one item.
//! - The block is split as gray-matter splits it; a file gray-matter sees no block in is not
//!   compared.
//! - Bytes that are not UTF-8: Node reads every file as UTF-8, so js-yaml sees U+FFFD where
//!   Lectern decodes the byte (a Windows-1252 `’`); a U+FFFD of js-yaml's text matches any one
//!   character of Lectern's.

mod corpus_paths;

use std::path::{Path, PathBuf};
use std::process::Command;

use articles::{parse, ParseOptions};
use serde_json::Value as Json;

/// The fields compared, as the script prints them.
#[derive(Debug, PartialEq)]
struct Fields {
    title: Option<String>,
    /// Seconds since the epoch.
    date: Option<i64>,
    authors: Vec<String>,
    tags: Vec<String>,
    categories: Vec<String>,
}

fn quirks() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/front-matter-quirks");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the stress set")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "md")
                && path.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    paths.sort();
    paths
}

/// What js-yaml reads from each of `paths` (`None` where gray-matter sees no front matter).
fn js_yaml(paths: &[PathBuf]) -> Json {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let node = std::env::var("NODE").unwrap_or_else(|_| "node".into());
    let output = Command::new(&node)
        .arg(manifest.join("tests/js_yaml_fields.mjs"))
        .args(paths)
        .env("TZ", "UTC")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "this test needs Node.js (`{node}`: {e}) and js-yaml in node_modules: install \
                 Node and run `npm ci` at the repository root (`cargo xtask test` does)"
            )
        });
    assert!(
        output.status.success(),
        "tests/js_yaml_fields.mjs failed (is js-yaml installed? run `npm ci` at the repository \
         root):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

fn strings(value: &Json) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn from_js(value: &Json) -> Fields {
    Fields {
        title: value["title"].as_str().map(str::to_owned),
        date: value["date"]
            .as_f64()
            .map(|ms| (ms / 1000.0).floor() as i64),
        authors: strings(&value["authors"]),
        tags: strings(&value["tags"]),
        categories: strings(&value["categories"]),
    }
}

fn cleaned(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = items
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    out.dedup();
    out
}

fn from_lectern(path: &Path) -> Fields {
    let bytes = std::fs::read(path).expect("readable");
    let meta = parse(
        &path.display().to_string(),
        &bytes,
        &ParseOptions::default(),
    )
    .meta;
    Fields {
        title: meta
            .title
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        date: meta.date.map(|d| d.sort_key()),
        authors: cleaned(meta.authors),
        tags: cleaned(meta.tags),
        categories: cleaned(meta.categories.into_iter().flatten()),
    }
}

/// Whether js-yaml's text equals Lectern's, a U+FFFD (a byte Node could not decode) matching
/// any one character.
fn text_matches(js: &str, lectern: &str) -> bool {
    js.chars().count() == lectern.chars().count()
        && js
            .chars()
            .zip(lectern.chars())
            .all(|(a, b)| a == b || a == char::REPLACEMENT_CHARACTER)
}

/// The fields js-yaml read that Lectern misses or reads differently, one line each.
fn differences(path: &Path, js: &Fields, lectern: &Fields) -> Vec<String> {
    let mut out = Vec::new();
    let name = path.display();
    let same_text = match (&js.title, &lectern.title) {
        (Some(a), Some(b)) => text_matches(a, b),
        (a, b) => a == b,
    };
    if js.title.is_some() && !same_text {
        out.push(format!(
            "{name}: title {:?} (js-yaml) vs {:?}",
            js.title, lectern.title
        ));
    }
    if js.date.is_some() && js.date != lectern.date {
        out.push(format!(
            "{name}: date {:?} (js-yaml) vs {:?}",
            js.date, lectern.date
        ));
    }
    for (field, a, b) in [
        ("authors", &js.authors, &lectern.authors),
        ("tags", &js.tags, &lectern.tags),
        ("categories", &js.categories, &lectern.categories),
    ] {
        let same = a.len() == b.len() && a.iter().zip(b).all(|(a, b)| text_matches(a, b));
        if !a.is_empty() && !same {
            out.push(format!("{name}: {field} {a:?} (js-yaml) vs {b:?}"));
        }
    }
    out
}

/// Compares every file of `paths`; returns (blocks js-yaml read, files with a block, files
/// whose title and date Lectern read, the differences).
fn compare(paths: &[PathBuf]) -> (usize, usize, usize, Vec<String>) {
    let read = js_yaml(paths);
    let files = &read["files"];
    let (mut js_ok, mut with_block, mut lectern_titled) = (0, 0, 0);
    let mut problems = Vec::new();
    for path in paths {
        let key = path.display().to_string();
        let lectern = from_lectern(path);
        let Some(js) = files.get(&key).filter(|v| !v.is_null()) else {
            continue;
        };
        with_block += 1;
        lectern_titled += usize::from(lectern.title.is_some() && lectern.date.is_some());
        if js["ok"].as_bool() != Some(true) {
            continue;
        }
        js_ok += 1;
        problems.extend(differences(path, &from_js(js), &lectern));
    }
    eprintln!(
        "js-yaml {}: {js_ok} of {with_block} blocks read; Lectern read a title and a date \
         in {lectern_titled}",
        read["js_yaml"]
    );
    (js_ok, with_block, lectern_titled, problems)
}

#[test]
fn corpora_read_at_least_what_js_yaml_reads() {
    let paths = corpus_paths::all();
    let (js_ok, with_block, _, problems) = compare(&paths);
    assert!(with_block > 500, "the corpora have front matter");
    assert!(js_ok > 0, "js-yaml read nothing: is the script broken?");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn quirks_read_at_least_what_js_yaml_reads() {
    let paths = quirks();
    assert!(
        paths.len() >= 150,
        "the stress set is missing: {}",
        paths.len()
    );
    let (_, with_block, lectern_read, problems) = compare(&paths);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every quirk file has a visible title and date: Lectern reads both in each.
    assert_eq!(lectern_read, with_block, "a title or date was lost");
}
