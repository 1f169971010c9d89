//! Building the bundle: the catalog of the sample library, then Trunk. `serve`, `dist` and
//! `test` all go through [`prepare`], so what is served is what is tested.

use std::path::PathBuf;

use crate::run::{command, root, status, Result};
use crate::{index, tools};

/// Installs the build tools and regenerates the sample library's catalog.
fn prepare() -> Result {
    tools::ensure_build_tools()?;
    let count = index::write(&root().join("static/articles"), Default::default())?;
    eprintln!("catalog: {count} sample articles");
    Ok(())
}

/// A release build in `dist/`.
pub fn dist() -> Result<PathBuf> {
    prepare()?;
    status(
        command("trunk")
            .args(["build", "--release"])
            .env("CARGO_TARGET_DIR", tools::target_dir()),
    )?;
    Ok(root().join("dist"))
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
