//! `cargo xtask index <dir>`: the catalog writer. Parses every article under a folder with the
//! same engine the app runs and writes `<dir>/index.json`.

use std::path::{Path, PathBuf};

use articles::catalog::{newest_first, Catalog, Summary, SCHEMA_VERSION};
use articles::front_matter::CategoryMode;
use articles::{parse, Location, ParseOptions};

use crate::run::Result;

/// Writes the catalog of `dir` and returns how many articles it lists. `categories` says how
/// YAML category lists are read (Hexo paths by default, or separate categories as Jekyll does).
pub fn write(dir: &Path, categories: CategoryMode) -> Result<usize> {
    let mut files = Vec::new();
    collect(dir, &mut files).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    files.sort();
    let mut articles = Vec::with_capacity(files.len());
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
        articles.push(Summary::of(&relative, &article));
    }
    articles.sort_by(newest_first);
    let count = articles.len();
    let catalog = Catalog {
        schema: SCHEMA_VERSION,
        articles,
    };
    let json = serde_json::to_string(&catalog).map_err(|e| e.to_string())?;
    let out = dir.join("index.json");
    std::fs::write(&out, json).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(count)
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
