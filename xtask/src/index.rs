//! `cargo xtask index <dir>`: the catalog writer. Parses every article under a folder with the
//! same engine the app runs and writes `<dir>/index.json` and, beside it, the shards and the
//! search index it names (`<dir>/index/<build>/`; `index/` is rewritten whole each time, so only
//! the newest build is kept).

use std::path::{Path, PathBuf};

use articles::catalog::{library_catalog_in_shards, split, Summary, SHARD_DIR, SHARD_SIZE};
use articles::front_matter::CategoryMode;

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

/// Writes the catalog of `dir` and returns how many articles it lists.
pub fn write(dir: &Path, options: Options) -> Result<usize> {
    let mut paths = Vec::new();
    collect(dir, &mut paths).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push((relative_url(dir, &path), bytes));
    }
    // The engine writes it, as the app's worker does for a site published from the browser.
    let catalog = library_catalog_in_shards(
        files
            .iter()
            .map(|(path, bytes)| (path.as_str(), bytes.as_slice())),
        options.categories,
        options.shard_size,
    );
    for (path, message) in &catalog.notes {
        eprintln!("{path}: {message}");
    }
    // What Lectern made of the folder, at a glance (the notes above say file by file).
    eprintln!("{}: {}", dir.display(), catalog.fidelity);
    write_files(dir, &catalog.files)?;
    Ok(catalog.count)
}

/// Writes a library's catalog and shards into `dir`, replacing any shards written before.
pub fn write_split(dir: &Path, articles: Vec<(Summary, String)>, shard_size: usize) -> Result {
    write_files(dir, &split(articles, shard_size).into_files(Vec::new()))
}

/// The folder of the build the catalog in `library` names (its shards, search index and
/// connections).
pub fn build_dir(library: &Path) -> Result<PathBuf> {
    let path = library.join("index.json");
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let catalog: articles::Catalog =
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(library.join(catalog.build_dir()))
}

/// Writes a catalog's files (paths relative to `dir`), replacing any shards written before.
fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result {
    let shard_dir = dir.join(SHARD_DIR);
    if shard_dir.exists() {
        std::fs::remove_dir_all(&shard_dir)
            .map_err(|e| format!("cannot clear {}: {e}", shard_dir.display()))?;
    }
    std::fs::create_dir_all(&shard_dir)
        .map_err(|e| format!("cannot create {}: {e}", shard_dir.display()))?;
    for (path, bytes) in files {
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
