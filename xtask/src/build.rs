//! Building the bundle: the catalog of the sample library, then Trunk. `serve`, `dist` and
//! `test` all go through [`prepare`], so what is served is what is tested.

use std::path::{Path, PathBuf};

use crate::run::{command, root, status, Result};
use crate::{csp, css, first_paint, index, single_file, tools};

/// Installs the build tools and regenerates the sample library's catalog.
fn prepare() -> Result {
    tools::ensure_build_tools()?;
    let count = index::write(&root().join("static/articles"), index::Options::default())?;
    eprintln!("catalog: {count} sample articles");
    Ok(())
}

/// A release build in `dist/`; with `library`, that folder of articles replaces the sample
/// library (copied to `dist/articles/` and indexed there).
pub fn dist(library: Option<&Path>) -> Result<PathBuf> {
    prepare()?;
    status(
        command("trunk")
            .args(["build", "--release"])
            .env("CARGO_TARGET_DIR", tools::target_dir()),
    )?;
    let dist = root().join("dist");
    css::shrink(&dist)?;
    first_paint::shrink(&dist)?;
    single_file::write(&dist)?;
    csp::protect(&dist)?;
    if let Some(library) = library {
        let articles = dist.join("articles");
        std::fs::remove_dir_all(&articles).map_err(|e| format!("{}: {e}", articles.display()))?;
        copy_dir(library, &articles).map_err(|e| format!("copying {}: {e}", library.display()))?;
        let count = index::write(&articles, index::Options::default())?;
        eprintln!("library: {count} articles from {}", library.display());
    }
    list_site_files(&dist)?;
    Ok(dist)
}

/// The build's list of its own files (`lectern-site.json`, itself included): what a site
/// published from the browser copies beside its library (`src/site.rs`), so that it is this
/// build, file for file.
fn list_site_files(dist: &Path) -> Result {
    let mut names = vec![SITE_FILES.to_owned()];
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() && name != SITE_FILES {
            names.push(name);
        }
    }
    names.sort();
    let json = serde_json::to_string(&names).map_err(|e| e.to_string())?;
    let path = dist.join(SITE_FILES);
    std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))
}

/// The name of that list (`src/site.rs` reads it).
pub const SITE_FILES: &str = "lectern-site.json";

/// Copies a folder, with everything in it.
pub fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Builds and serves Lectern on loopback, rebuilding when sources change.
pub fn serve(port: u16) -> Result {
    prepare()?;
    println!("Lectern: http://127.0.0.1:{port}/");
    status(
        command("trunk")
            .args(["serve", "--release", "--address", "127.0.0.1", "--port"])
            .arg(port.to_string())
            .env("CARGO_TARGET_DIR", tools::target_dir()),
    )
}
