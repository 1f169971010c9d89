//! `cargo xtask test`: every test tier, in order, stopping at the first failure, then a summary.

use std::time::Instant;

use crate::run::{command, root, status, Result};
use crate::{build, bundle, corpus_phrases, generate, index, tools};

/// Articles in the generated library the end-to-end tests open under a sub-path.
const E2E_LIBRARY_SIZE: usize = 300;
/// Shards of the generated library: small, so the end-to-end tests read a catalog in several.
const E2E_SHARD_SIZE: usize = 100;
/// A library of more shards than the app lists at the start (20), in shards of two articles,
/// so the end-to-end tests see older shards fetched as they are wanted.
const E2E_LARGE_SIZE: usize = 50;
const E2E_LARGE_SHARD_SIZE: usize = 2;
/// Each story's limit: a browser that stops answering fails its story in two minutes rather
/// than holding CI until its own limit (node's test runner waits forever unless told).
const STORY_TIMEOUT: &str = "--test-timeout=120000";

/// Runs formatting, lints, native tests, wasm tests in Chromium, the release build and the
/// end-to-end tests against that build.
pub fn all() -> Result {
    let started = Instant::now();
    tools::ensure_build_tools()?;
    tools::ensure_test_tools()?;
    let target = tools::target_dir();
    let steps: [(&str, &dyn Fn() -> Result); 11] = [
        ("fmt", &|| {
            status(command("cargo").args(["fmt", "--all", "--check"]))
        }),
        ("clippy", &|| {
            status(
                command("cargo")
                    .args([
                        "clippy",
                        "--workspace",
                        "--all-targets",
                        "--",
                        "-D",
                        "warnings",
                    ])
                    .env("CARGO_TARGET_DIR", &target),
            )?;
            status(
                command("cargo")
                    .args([
                        "clippy",
                        "-p",
                        "lectern",
                        // Their modules' exports are compiled for the browser only.
                        "-p",
                        "lectern-math",
                        "-p",
                        "lectern-toml",
                        "--all-targets",
                        "--target",
                        "wasm32-unknown-unknown",
                    ])
                    .args(["--", "-D", "warnings"])
                    .env("CARGO_TARGET_DIR", &target),
            )
        }),
        // The docs' links, so `cargo doc` stays usable (a renamed item breaks them silently).
        ("docs", &|| {
            status(
                command("cargo")
                    .args(["doc", "--no-deps", "-p", "articles", "-p", "lectern"])
                    .env("RUSTDOCFLAGS", "-D warnings")
                    .env("CARGO_TARGET_DIR", &target),
            )
        }),
        ("native tests", &|| {
            status(
                command("cargo")
                    .args(["test", "--workspace"])
                    .env("CARGO_TARGET_DIR", &target),
            )
        }),
        ("wasm tests (headless Chromium)", &|| {
            wasm_tests("CHROMEDRIVER", "chromedriver")
        }),
        ("wasm tests (headless Firefox)", &|| {
            wasm_tests("GECKODRIVER", "geckodriver")
        }),
        ("release build", &|| build::dist(None).map(|_| ())),
        ("download budget", &|| {
            bundle::check(&crate::run::root().join("dist"))
        }),
        ("end-to-end tests", &|| {
            // A generated library, served with the build under a sub-path (as GitHub Pages does).
            let library = target.join("e2e-library");
            generate::library(&library, E2E_LIBRARY_SIZE, E2E_SHARD_SIZE)?;
            let large = target.join("e2e-large");
            generate::library(&large, E2E_LARGE_SIZE, E2E_LARGE_SHARD_SIZE)?;
            // The folder a test publishes from the browser, as `dist --library` lays it out.
            let site = target.join("e2e-site");
            if site.exists() {
                std::fs::remove_dir_all(&site).map_err(|e| format!("{}: {e}", site.display()))?;
            }
            build::copy_dir(&root().join("tests/e2e/publish-library"), &site)
                .map_err(|e| format!("{}: {e}", site.display()))?;
            index::write(&site, index::Options::default())?;
            // A real blog (Hexo's documentation in ten languages) hosted beside it, and phrases
            // from deep in its articles with what the engine finds for each.
            let (corpus, phrases) = corpus_phrases::prepare(&target)?;
            status(
                command("npx")
                    .args([
                        "playwright",
                        "test",
                        "--config",
                        "tests/e2e/playwright.config.mjs",
                    ])
                    .env("LECTERN_E2E_LIBRARY", &library)
                    .env("LECTERN_E2E_LARGE", &large)
                    .env("LECTERN_E2E_SITE", &site)
                    .env("LECTERN_E2E_CORPUS", &corpus)
                    .env("LECTERN_E2E_CORPUS_PHRASES", &phrases)
                    .env("CHROMIUM", tools::find("chromium")?),
            )
        }),
        ("end-to-end stories (Firefox)", &|| {
            status(
                command("node")
                    .args(["--test", STORY_TIMEOUT, "tests/browsers/"])
                    .env("LECTERN_BROWSER", "firefox")
                    .env("FIREFOX", tools::find("firefox-esr")?)
                    .env("GECKODRIVER", tools::find("geckodriver")?),
            )
        }),
        ("end-to-end stories (WebKit)", &|| {
            status(
                command("node")
                    .args(["--test", STORY_TIMEOUT, "tests/browsers/"])
                    .env("LECTERN_BROWSER", "webkit")
                    .env("WEBKIT", tools::minibrowser()?)
                    .env("WEBKIT_DRIVER", tools::find("WebKitWebDriver")?),
            )
        }),
    ];
    let mut passed = Vec::new();
    for (name, step) in steps {
        let step_started = Instant::now();
        eprintln!("\n== {name}");
        step().map_err(|e| format!("{name} failed: {e}"))?;
        passed.push(format!("{name} ({}s)", step_started.elapsed().as_secs()));
    }
    println!(
        "\nall tests passed in {}s: {}",
        started.elapsed().as_secs(),
        passed.join(", ")
    );
    Ok(())
}

/// The components' wasm-bindgen tests in the browser whose WebDriver server `driver` is (the
/// runner picks the browser by which driver variable is set, so only `variable` is).
fn wasm_tests(variable: &str, driver: &str) -> Result {
    let target = tools::target_dir();
    status(
        command("cargo")
            .args([
                "test",
                "-p",
                "lectern",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("CHROMEDRIVER")
            .env_remove("GECKODRIVER")
            .env(variable, tools::find(driver)?)
            .env(
                "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                tools::webdriver_config(&target)?,
            )
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    )
}
