//! A real blog for the end-to-end tests to search as a hosted build
//! (`tests/e2e/hosted-corpus.spec.mjs`): Hexo's documentation in ten languages, copied and
//! indexed as `cargo xtask index` indexes a folder, and phrases from deep in its articles'
//! bodies, each with the articles the engine's in-memory search finds for it, which the app
//! must list exactly.

use std::path::{Path, PathBuf};

use articles::catalog::{Catalog, Shard, Summary};
use articles::search::fold::is_cjk_letter;
use articles::search::{Query, SearchIndex};
use articles::{parse, Location, ParseOptions};

use crate::run::{root, Result};
use crate::{build, index};

/// The corpus, in the repository.
const CORPUS: &str = "crates/articles/tests/corpora/hexo-site";

/// Where deep in a body begins: past what titles, excerpts and the first 2 000 characters
/// (what catalogs once held for search) could find.
const DEEP: usize = 3_000;

/// The phrases: articles whose ids start so, and how many of which kind from them. Mostly
/// Chinese and Japanese runs of letters, which have no spaces to find words by.
const PHRASES: &[(&str, Kind, usize)] = &[
    ("zh-cn/", Kind::Letters, 4),
    ("zh-tw/", Kind::Letters, 3),
    ("ja/", Kind::Letters, 3),
    ("docs/", Kind::Words, 3),
];

/// Articles a phrase may find at most: the list shows them all on its first page.
const MOST_FOUND: usize = 20;

#[derive(Clone, Copy)]
enum Kind {
    /// A run of 4 to 6 CJK letters.
    Letters,
    /// 2 or 3 English words.
    Words,
}

/// Copies and indexes the corpus into `<target>/e2e-corpus`, and writes its phrases and the ids
/// of the articles each finds to `<target>/e2e-corpus-phrases.json`; returns both paths.
pub fn prepare(target: &Path) -> Result<(PathBuf, PathBuf)> {
    let corpus = target.join("e2e-corpus");
    if corpus.exists() {
        std::fs::remove_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    }
    build::copy_dir(&root().join(CORPUS), &corpus)
        .map_err(|e| format!("{}: {e}", corpus.display()))?;
    index::write(&corpus, index::Options::default())?;
    let phrases = phrases(&corpus)?;
    let path = target.join("e2e-corpus-phrases.json");
    let json = serde_json::to_vec_pretty(&phrases).map_err(|e| e.to_string())?;
    std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((corpus, path))
}

/// The phrases of the library indexed in `dir`, each with the ids of the articles it finds.
fn phrases(dir: &Path) -> Result<serde_json::Value> {
    let library = Library::read(dir)?;
    let mut phrases: Vec<serde_json::Value> = Vec::new();
    for &(prefix, kind, count) in PHRASES {
        // Long articles, each body from its deep part on.
        let deep: Vec<&str> = library
            .summaries
            .iter()
            .zip(&library.bodies)
            .filter(|(summary, _)| summary.id.starts_with(prefix))
            .filter_map(|(_, body)| body.char_indices().nth(DEEP).map(|(at, _)| &body[at..]))
            .collect();
        for n in 0..count {
            // Articles spread over the list (the next ones if one has no phrase to give), each
            // from a place further into its deep part.
            let first = n * deep.len() / count;
            let chosen = (0..deep.len())
                .map(|k| deep[(first + k) % deep.len()])
                .flat_map(|body| pieces(further_in(body, n + 1, count + 1), kind, n))
                .map(|phrase| {
                    let ids = library.search(&phrase);
                    serde_json::json!({ "phrase": phrase, "ids": ids })
                })
                .find(|phrase| {
                    let found = phrase["ids"].as_array().map_or(0, Vec::len);
                    (1..=MOST_FOUND).contains(&found) && !phrases.contains(phrase)
                })
                .ok_or_else(|| format!("no phrase to search for in {prefix}"))?;
            phrases.push(chosen);
        }
    }
    Ok(serde_json::Value::Array(phrases))
}

/// `text` from `part` parts of `parts` on.
fn further_in(text: &str, part: usize, parts: usize) -> &str {
    let mut at = text.len() * part / parts;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    &text[at..]
}

/// The phrases of a kind in `text`, in order: runs of 4 to 6 CJK letters, or 2 or 3 English
/// words of three letters or more (which find fewer articles than "a" or "to"), on one line.
fn pieces(text: &str, kind: Kind, n: usize) -> Box<dyn Iterator<Item = String> + '_> {
    match kind {
        Kind::Letters => {
            let len = 4 + n % 3;
            Box::new(
                text.split(|c| !is_cjk_letter(c))
                    .filter(move |run| run.chars().count() >= len)
                    .map(move |run| run.chars().take(len).collect()),
            )
        }
        Kind::Words => {
            let len = 2 + n % 2;
            // From the next line on: the first may start inside a word.
            let lines = text.split_once('\n').map_or("", |(_, rest)| rest).lines();
            Box::new(lines.flat_map(move |line| {
                let words: Vec<&str> = line.split_whitespace().collect();
                words
                    .windows(len)
                    .filter(|words| {
                        words
                            .iter()
                            .all(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
                    })
                    .map(|words| words.join(" "))
                    .collect::<Vec<_>>()
            }))
        }
    }
}

/// A hosted library read back from its catalog, with the engine's in-memory index of it.
struct Library {
    /// In catalog order, the index's.
    summaries: Vec<Summary>,
    bodies: Vec<String>,
    index: SearchIndex,
}

impl Library {
    fn read(dir: &Path) -> Result<Library> {
        let read = |path: &str| {
            let path = dir.join(path);
            std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
        };
        let catalog: Catalog =
            serde_json::from_slice(&read("index.json")?).map_err(|e| e.to_string())?;
        let mut summaries = catalog.articles;
        for shard in &catalog.shards {
            let shard: Shard = serde_json::from_slice(&read(shard)?).map_err(|e| e.to_string())?;
            summaries.extend(shard.articles);
        }
        let (mut bodies, mut index) = (Vec::new(), SearchIndex::new());
        for summary in &summaries {
            // Parsed as the catalog writer parsed it, for the text the catalog does not hold.
            let options = ParseOptions {
                location: Location::of(Some(""), "", &summary.path),
                ..ParseOptions::default()
            };
            let article = parse(&summary.path, &read(&summary.path)?, &options);
            index.add(&summary.document(&summary.labels(), &article.text));
            bodies.push(article.text);
        }
        Ok(Library {
            summaries,
            bodies,
            index,
        })
    }

    /// The ids of the articles `phrase` finds, in catalog order.
    fn search(&self, phrase: &str) -> Vec<&str> {
        let found = self.index.search(&Query::parse(phrase)).unwrap_or_default();
        found
            .iter()
            .filter_map(|found| self.summaries.get(found.doc as usize))
            .map(|summary| summary.id.as_str())
            .collect()
    }
}
