//! `cargo xtask detector`: the encoding detector (`crates/detect`) built for the browser and
//! shrunk by wasm-opt, written where Trunk stages its build (`TRUNK_STAGING_DIR`; Trunk runs
//! this after each build, see `Trunk.toml`), or into `dist/` when run by hand. It is a plain
//! WebAssembly module with no imports, which wasm-bindgen has no part in, so Trunk cannot build
//! it as it builds the app and its worker.

use std::path::PathBuf;

use crate::run::{command, root, status, Result};
use crate::tools;

/// The module's name in the build, as the parsing worker fetches it
/// (src/bin/lectern-worker/legacy.rs).
pub const FILE: &str = "lectern-detect.wasm";

pub fn build() -> Result {
    let target = tools::target_dir();
    status(
        command("cargo")
            .args(["build", "--release", "--package", "lectern-detect"])
            .args(["--target", "wasm32-unknown-unknown"])
            .env("CARGO_TARGET_DIR", &target),
    )?;
    let built = target.join("wasm32-unknown-unknown/release/lectern_detect.wasm");
    let out = std::env::var_os("TRUNK_STAGING_DIR")
        .map_or_else(|| root().join("dist"), PathBuf::from)
        .join(FILE);
    status(
        command("wasm-opt")
            .args(["-Oz", "--strip-debug", "--strip-producers"])
            .arg(&built)
            .arg("-o")
            .arg(&out),
    )
}
