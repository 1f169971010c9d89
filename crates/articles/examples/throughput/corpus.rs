//! The files benchmarked: every Markdown and HTML file under the folders named, read once.
//!
//! Files in a folder named `hostile` (the engine's hostile fixtures) are kept apart: they are
//! written to make an unbounded HTML parser quadratic, which the engine's limits prevent and
//! the baseline has none of (ammonia alone takes some 17 s on them), so comparing there would
//! measure the attack, not the engine.

use std::path::{Path, PathBuf};

/// One file's path and bytes.
pub type Input = (String, Vec<u8>);

/// The files read, in a stable order.
pub struct Corpus {
    /// Files both the engine and the baseline are timed on.
    pub compared: Vec<Input>,
    /// Hostile fixtures, timed for the engine alone.
    pub hostile: Vec<Input>,
}

pub fn read(dirs: &[String]) -> Corpus {
    let mut files = Vec::new();
    for dir in dirs {
        collect(Path::new(dir), &mut files);
    }
    files.sort();
    let (hostile, compared): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|path| path.components().any(|part| part.as_os_str() == "hostile"));
    Corpus {
        compared: load(&compared),
        hostile: load(&hostile),
    }
}

/// The total size of `inputs` in bytes.
pub fn bytes(inputs: &[Input]) -> usize {
    inputs.iter().map(|(_, data)| data.len()).sum()
}

fn load(paths: &[PathBuf]) -> Vec<Input> {
    paths
        .iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?)))
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "markdown" | "html")
        ) {
            files.push(path);
        }
    }
}
