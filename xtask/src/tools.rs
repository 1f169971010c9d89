//! Installing what the build and the tests need, only when it is missing, from registries only.
//!
//! Trunk must never download anything (the machines reach only crates.io, npm and Debian), so
//! every tool it uses is installed here at the version `Trunk.toml` pins and found on `PATH`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::run::{command, output, root, status, Result};

const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The Debian packages the browser tests use.
const BROWSER_PACKAGES: &[&str] = &[
    "chromium",
    "chromium-driver",
    "firefox-esr",
    "fonts-noto-cjk",
    // WebKitWebDriver and the MiniBrowser it drives, and the X server it needs (it has no
    // headless mode), for the stories in WebKit.
    "webkit2gtk-driver",
    "xvfb",
];
/// Firefox's WebDriver server, from crates.io (Debian has none).
const GECKODRIVER_VERSION: &str = "0.37.1";

/// `PATH` with the project's npm tools (wasm-opt) and cargo's binaries first.
pub fn path_with_tools() -> OsString {
    let mut dirs = vec![root().join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME").or_else(|| {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo").into_os_string())
    }) {
        dirs.push(PathBuf::from(home).join("bin"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// Where cargo builds for trunk and the tests: outside the clone, so a fresh clone starts warm.
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".cache/lectern/target"),
        None => root().join("target"),
    }
}

/// The wasm32 target, trunk, wasm-bindgen-cli (at the lock file's version) and wasm-opt.
pub fn ensure_build_tools() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed.lines().any(|t| t.trim() == WASM_TARGET) {
        status(command("rustup").args(["target", "add", WASM_TARGET]))?;
    }
    if !version_is("trunk", &format!("trunk {TRUNK_VERSION}")) {
        status(command("cargo").args([
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
        ]))?;
    }
    let bindgen = wasm_bindgen_version()?;
    if !version_is("wasm-bindgen", &format!("wasm-bindgen {bindgen}")) {
        status(command("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &bindgen,
            "--force",
        ]))?;
    }
    ensure_npm_packages()
}

/// Chromium, ChromeDriver, Firefox, WebKitGTK's driver, Xvfb and CJK fonts from Debian,
/// geckodriver from crates.io, and the npm test dependencies.
pub fn ensure_test_tools() -> Result {
    if !version_is("geckodriver", &format!("geckodriver {GECKODRIVER_VERSION}")) {
        status(command("cargo").args([
            "install",
            "geckodriver",
            "--version",
            GECKODRIVER_VERSION,
            "--locked",
        ]))?;
    }
    let missing: Vec<&str> = BROWSER_PACKAGES
        .iter()
        .copied()
        .filter(|p| {
            output("dpkg-query", &["-W", "-f=${Status}", p])
                .is_none_or(|s| !s.contains("ok installed"))
        })
        .collect();
    if !missing.is_empty() {
        let is_root = output("id", &["-u"]).is_some_and(|id| id.trim() == "0");
        if !is_root {
            return Err(format!(
                "the browser tests need Debian packages; install them with: sudo apt-get install -y {}",
                missing.join(" ")
            ));
        }
        status(command("apt-get").arg("update"))?;
        status(
            command("apt-get")
                .args(["install", "-y", "--no-install-recommends"])
                .args(&missing)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    ensure_npm_packages()
}

/// The path of an installed program, found on `PATH` (Debian puts Chromium in `/usr/bin`).
pub fn find(program: &str) -> Result<PathBuf> {
    output("sh", &["-c", &format!("command -v {program}")])
        .map(|path| PathBuf::from(path.trim()))
        .filter(|path| path.is_absolute())
        .ok_or_else(|| format!("`{program}` is not installed"))
}

/// WebKitGTK's MiniBrowser, which WebKitWebDriver drives (Debian keeps it out of `PATH`).
pub fn minibrowser() -> Result<PathBuf> {
    let lib = Path::new("/usr/lib");
    let found = std::fs::read_dir(lib)
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|arch| {
            std::fs::read_dir(arch.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .filter(|dir| dir.file_name().to_string_lossy().starts_with("webkit2gtk-"))
        .map(|dir| dir.path().join("MiniBrowser"))
        .find(|path| path.is_file());
    found.ok_or_else(|| "WebKitGTK's MiniBrowser is not installed (webkit2gtk-driver)".into())
}

/// The capabilities `wasm-bindgen-test-runner` gives the browser's driver: this machine's
/// Chromium and Firefox, headless, Chromium with the flags a closed network needs. Written to
/// the build folder, not committed, since the browsers' paths are the machine's.
pub fn webdriver_config(target: &Path) -> Result<PathBuf> {
    let config = serde_json::json!({
        "goog:chromeOptions": {
            "binary": find("chromium")?,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        },
        "moz:firefoxOptions": {
            "binary": find("firefox-esr")?,
            "args": ["-headless"],
        }
    });
    let path = target.join("webdriver.json");
    std::fs::create_dir_all(target).map_err(|e| format!("{}: {e}", target.display()))?;
    std::fs::write(&path, config.to_string()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// `npm ci` from the committed lock file, when `node_modules` is missing or older than it.
fn ensure_npm_packages() -> Result {
    let lock = root().join("package-lock.json");
    let installed = root().join("node_modules/.package-lock.json");
    let modified = |p: &PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = matches!((modified(&lock), modified(&installed)), (Some(l), Some(i)) if i >= l);
    if fresh {
        return Ok(());
    }
    status(
        command("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

/// The `wasm-bindgen` version in `Cargo.lock`, which the CLI must match exactly.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn version_is(program: &str, expected: &str) -> bool {
    output(program, &["--version"]).is_some_and(|v| v.trim().starts_with(expected))
}
