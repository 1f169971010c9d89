//! `cargo xtask index <dir>`: the catalog writer. Parses every article under a folder with the
//! same engine the app runs and writes `<dir>/index.json` and, beside it, the shards and the
//! search index it names (`<dir>/index/<build>/`; `index/` is rewritten whole each time, so only
//! the newest build is kept).

use std::path::{Path, PathBuf};

use articles::catalog::{
    by_folder, library_catalog_in_shards, newest_first, split, Summary, SHARD_DIR, SHARD_SIZE,
};
use articles::fidelity::Fidelity;
use articles::front_matter::CategoryMode;
use articles::{parse, Article, Location, ParseOptions};

use crate::library_writer::LibraryWriter;
use crate::run::{on_every_core, Result};

/// Libraries of more articles than this are written streaming, memory bounded
/// ([`write_streaming`]); smaller ones whole, with their connections.
const STREAMING_OVER: usize = 50_000;

/// Bytes of postings held in memory while a large library's search index is written.
const POSTINGS_BUDGET: usize = 512 << 20;

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
    if paths.len() > STREAMING_OVER {
        return write_streaming(dir, paths, options);
    }
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

/// Writes the catalog of a library too large to hold in memory (a million articles is some 5 GB
/// of text): each article is parsed once for its place in the list (keeping only what orders
/// it), then again in list order, a shard at a time on every core, into a [`LibraryWriter`]
/// (shards written as they fill, postings spilled to disk past [`POSTINGS_BUDGET`]). The same
/// catalog and index as [`write`]'s whole path, without connections (backlinks and related
/// articles need every text in memory).
fn write_streaming(dir: &Path, mut paths: Vec<PathBuf>, options: Options) -> Result<usize> {
    let mut urls: Vec<String> = paths.iter().map(|path| relative_url(dir, path)).collect();
    let mut order: Vec<usize> = (0..paths.len()).collect();
    order.sort_by(|&a, &b| by_folder(&urls[a], &urls[b]));
    paths = order.iter().map(|&n| paths[n].clone()).collect();
    urls = order.iter().map(|&n| urls[n].clone()).collect();
    let read = |n: &usize| -> Result<(Summary, Article)> {
        let path = &paths[*n];
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let url = &urls[*n];
        let options = ParseOptions {
            location: Location::of(Some(""), "", url),
            categories: options.categories,
            ..ParseOptions::default()
        };
        let article = parse(url, &bytes, &options);
        Ok((Summary::of(url, &article), article))
    };
    // First pass: the notes, in folder order, and what orders each article.
    let mut fidelity = Fidelity::default();
    let mut keys = Vec::with_capacity(paths.len());
    let numbers: Vec<usize> = (0..paths.len()).collect();
    for part in numbers.chunks(SHARD_SIZE) {
        for (n, parsed) in part.iter().zip(on_every_core(part, &read)?) {
            let (summary, article) = parsed?;
            for diagnostic in &article.diagnostics {
                eprintln!("{}: {}", urls[*n], diagnostic.message);
            }
            fidelity.add(&article);
            let key = Summary {
                excerpt: String::new(),
                authors: Vec::new(),
                categories: Vec::new(),
                tags: Vec::new(),
                ..summary
            };
            keys.push((key, *n));
        }
    }
    eprintln!("{}: {fidelity}", dir.display());
    keys.sort_by(|(a, _), (b, _)| newest_first(a, b));
    let listed: Vec<usize> = keys.into_iter().map(|(_, n)| n).collect();
    // Second pass: in list order, into the writer.
    let mut writer = LibraryWriter::new(dir, options.shard_size, POSTINGS_BUDGET)?;
    for part in listed.chunks(options.shard_size.max(1)) {
        for parsed in on_every_core(part, &read)? {
            let (summary, article) = parsed?;
            writer.add(summary, &article.text)?;
        }
    }
    let written = writer.finish()?;
    eprintln!(
        "{}: more than {STREAMING_OVER} articles: written streaming, without backlinks and related articles",
        dir.display()
    );
    Ok(written.count)
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

#[cfg(test)]
mod tests {
    use super::*;
    use articles::catalog::Shard;
    use articles::Catalog;

    /// The summaries a written catalog lists, in order, and its search index's files.
    fn written(library: &Path) -> (Vec<Summary>, Vec<(String, Vec<u8>)>) {
        let read = |path: &Path| std::fs::read(path).expect("written");
        let catalog: Catalog =
            serde_json::from_slice(&read(&library.join("index.json"))).expect("a catalog");
        let mut summaries = catalog.articles.clone();
        for shard in &catalog.shards {
            let shard: Shard =
                serde_json::from_slice(&read(&library.join(shard))).expect("a shard");
            summaries.extend(shard.articles);
        }
        let search = library.join(catalog.build_dir()).join("search");
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&search)
            .expect("a search index")
            .flatten()
            .map(|entry| {
                (
                    entry.file_name().to_string_lossy().into_owned(),
                    read(&entry.path()),
                )
            })
            .collect();
        files.sort();
        (summaries, files)
    }

    #[test]
    fn a_large_library_written_streaming_lists_and_indexes_as_the_whole_path_does() {
        let root = std::env::temp_dir().join(format!("lectern-index-{}", std::process::id()));
        let library = root.join("library");
        crate::generate::write_articles(&library, 35).expect("generated");
        let options = Options {
            shard_size: 10,
            ..Options::default()
        };
        write(&library, options).expect("written whole");
        let whole = written(&library);
        let mut paths = Vec::new();
        collect(&library, &mut paths).expect("the articles");
        write_streaming(&library, paths, options).expect("written streaming");
        let streamed = written(&library);
        assert_eq!(streamed.0.len(), 35);
        assert_eq!(streamed, whole);
        std::fs::remove_dir_all(&root).expect("cleaned up");
    }
}
