//! `cargo xtask index <dir>`: the catalog writer. Parses every article under a folder with the
//! same engine the app runs and writes `<dir>/index.json` and, beside it, the shards and the
//! search index it names (`<dir>/index/`, rewritten whole each time).

use std::path::{Path, PathBuf};

use articles::catalog::{newest_first, split, Summary, SHARD_DIR};
use articles::fidelity::Fidelity;
use articles::front_matter::CategoryMode;
use articles::{parse, Location, ParseOptions};
use serde::Serialize;

use crate::run::Result;

/// How a catalog is written.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// How YAML category lists are read (Hexo paths by default, or separate categories as
    /// Jekyll does).
    pub categories: CategoryMode,
    /// Articles per shard.
    pub shard_size: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            categories: CategoryMode::default(),
            shard_size: SHARD_SIZE,
        }
    }
}

/// Articles per shard by default: a shard's metadata is about 100 kB gzipped at most, one quick
/// request, and a library up to this size is a single catalog file.
pub const SHARD_SIZE: usize = 1_000;

/// Writes the catalog of `dir` and returns how many articles it lists.
pub fn write(dir: &Path, options: Options) -> Result<usize> {
    let Options { categories, .. } = options;
    let mut files = Vec::new();
    collect(dir, &mut files).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    files.sort();
    let mut articles = Vec::with_capacity(files.len());
    let mut fidelity = Fidelity::default();
    for file in files {
        let relative = relative_url(dir, &file);
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        // Covers in the catalog are relative to the catalog itself.
        let options = ParseOptions {
            location: Location::of(Some(""), "", &relative),
            categories,
            ..ParseOptions::default()
        };
        let article = parse(&relative, &bytes, &options);
        for diagnostic in &article.diagnostics {
            eprintln!("{relative}: {}", diagnostic.message);
        }
        fidelity.add(&article);
        articles.push((Summary::of(&relative, &article), article.text));
    }
    // What Lectern made of the folder, at a glance (the notes above say file by file).
    eprintln!("{}: {fidelity}", dir.display());
    articles.sort_by(|(a, _), (b, _)| newest_first(a, b));
    let count = articles.len();
    write_split(dir, articles, options.shard_size)?;
    Ok(count)
}

/// Writes a library's catalog and shards into `dir`, replacing any shards written before.
pub fn write_split(dir: &Path, articles: Vec<(Summary, String)>, shard_size: usize) -> Result {
    let split = split(articles, shard_size);
    let shard_dir = dir.join(SHARD_DIR);
    if shard_dir.exists() {
        std::fs::remove_dir_all(&shard_dir)
            .map_err(|e| format!("cannot clear {}: {e}", shard_dir.display()))?;
    }
    std::fs::create_dir_all(&shard_dir)
        .map_err(|e| format!("cannot create {}: {e}", shard_dir.display()))?;
    write_json(&dir.join("index.json"), &split.catalog)?;
    for (path, shard) in &split.shards {
        write_json(&dir.join(path), shard)?;
    }
    for (path, bytes) in &split.search {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn write_json(path: &Path, value: &impl Serialize) -> Result {
    let json = serde_json::to_string(value).map_err(|e| e.to_string())?;
    std::fs::write(path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if is_article(&path) {
            files.push(path);
        }
    }
    Ok(())
}

fn is_article(path: &Path) -> bool {
    path.to_str()
        .is_some_and(articles::catalog::is_article_file)
}

fn relative_url(dir: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(dir).unwrap_or(file);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
