//! Throwaway: one line per file, its path and a hash of its parsed article as JSON.
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    let mut files = Vec::new();
    for dir in std::env::args().skip(1) {
        collect(Path::new(&dir), &mut files);
    }
    files.sort();
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let name = path.display().to_string();
        let article = articles::parse(&name, &bytes, &articles::ParseOptions::default());
        if std::env::var_os("DUMP").is_some() {
            println!("{}", article.html);
        }
        let mut json = serde_json::to_string(&article).unwrap_or_default();
        let located = articles::ParseOptions {
            location: articles::Location::of(Some("articles/"), "", &name),
            ..Default::default()
        };
        json.push_str(
            &serde_json::to_string(&articles::parse(&name, &bytes, &located)).unwrap_or_default(),
        );
        let mut h = std::collections::hash_map::DefaultHasher::new();
        json.hash(&mut h);
        println!("{name} {:016x} {}", h.finish(), json.len());
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
