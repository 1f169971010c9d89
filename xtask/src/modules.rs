//! `cargo xtask modules`: the WebAssembly modules the parsing worker loads only when a file
//! needs them — the encoding detector (`crates/detect`), TeX math (`crates/math`) and TOML
//! front matter (`crates/toml`) — built
//! for the browser and shrunk by wasm-opt, written where Trunk stages its build
//! (`TRUNK_STAGING_DIR`; Trunk runs this after each build, see `Trunk.toml`), or into `dist/`
//! when run by hand. Each is a plain WebAssembly module with no imports, which wasm-bindgen has
//! no part in, so Trunk cannot build them as it builds the app and its worker.

use std::path::PathBuf;

use crate::run::{command, root, status, Result};
use crate::tools;

/// A module: its package, and its file in the build, as the worker fetches it
/// (src/browser/in_worker/modules.rs).
pub struct Module {
    pub package: &'static str,
    pub file: &'static str,
}

/// The encoding detector, for a file neither UTF-8 nor marked by a byte-order mark.
pub const DETECTOR: Module = Module {
    package: "lectern-detect",
    file: "lectern-detect.wasm",
};

/// TeX math, for an article with a formula.
pub const MATH: Module = Module {
    package: "lectern-math",
    file: "lectern-math.wasm",
};

/// TOML front matter, for a file with a `+++` block.
pub const TOML: Module = Module {
    package: "lectern-toml",
    file: "lectern-toml.wasm",
};

/// Every module, as the build writes them.
pub const ALL: [Module; 3] = [DETECTOR, MATH, TOML];

pub fn build() -> Result {
    let target = tools::target_dir();
    status(
        command("cargo")
            .args(["build", "--release", "--target", "wasm32-unknown-unknown"])
            .args(ALL.iter().flat_map(|module| ["--package", module.package]))
            .env("CARGO_TARGET_DIR", &target),
    )?;
    let out =
        std::env::var_os("TRUNK_STAGING_DIR").map_or_else(|| root().join("dist"), PathBuf::from);
    for module in ALL {
        let built = target
            .join("wasm32-unknown-unknown/release")
            .join(module.package.replace('-', "_") + ".wasm");
        status(
            command("wasm-opt")
                .args(["-Oz", "--strip-debug", "--strip-producers"])
                .arg(&built)
                .arg("-o")
                .arg(out.join(module.file)),
        )?;
    }
    Ok(())
}
