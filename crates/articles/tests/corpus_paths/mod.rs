//! The bundled corpora's article files (Hexo's documentation site in ten languages and Jekyll's
//! release posts), shared by the tests that read them all.

use std::path::{Path, PathBuf};

/// Every Markdown file under `tests/corpora`, sorted.
#[allow(dead_code)] // Not every test or example that includes this module reads them all.
pub fn all() -> Vec<PathBuf> {
    under(&["tests/corpora"])
}

/// Every Markdown file under these folders of the crate, sorted.
pub fn under(folders: &[&str]) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for folder in folders {
        walk(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join(folder),
            &mut paths,
        );
    }
    paths.sort();
    paths
}

/// Every Markdown file under `folder` of the crate: its path relative to `folder`
/// (`/`-separated, as a library names it) and its bytes.
#[allow(dead_code)] // Only the tests that build a library from a corpus read it.
pub fn library(folder: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    under(&[folder])
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&root).expect("inside the corpus");
            let relative = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = std::fs::read(&path).expect("readable");
            (relative, bytes)
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("corpus folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "markdown")
        ) {
            out.push(path);
        }
    }
}
