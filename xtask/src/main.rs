//! `cargo xtask`: the project's commands, so a fresh machine needs only Rust, Node and apt.
//!
//! - `serve` installs what is missing, builds, and serves Lectern with the sample library.
//! - `test` installs what tests need and runs every tier, stopping at the first failure.
//! - `dist [--library DIR]` writes the release build, catalog included, to `dist/`, with the
//!   sample library or the articles of DIR, and the app as one file, `dist/lectern.html`.
//! - `index <dir> [--separate-categories] [--shard-size N]` writes the catalog (`index.json`
//!   and its shards in `index/`) of a folder of articles; the flag reads YAML category lists as
//!   Jekyll does; shards hold 1 000 articles unless told.
//! - `generate <dir> <count> [--shard-size N]` writes a library of generated articles and its
//!   catalog.
//! - `modules` builds the modules the worker loads when a file needs them (the encoding
//!   detector, TeX math) into Trunk's build (Trunk runs it).
//! - `size` measures the release build in `dist/` (gzip and brotli) against its budget.
//! - `bench [part]...` measures Lectern beside the tools people would use instead and writes
//!   BENCHMARKS.md (see `bench.rs` for the parts).

mod bench;
mod build;
mod bundle;
mod corpus_phrases;
mod csp;
mod css;
mod first_paint;
mod generate;
mod hosted_bench;
mod index;
mod library_writer;
mod modules;
mod report;
mod run;
mod single_file;
mod test;
mod tools;

use std::process::ExitCode;

use articles::front_matter::CategoryMode;

const USAGE: &str = "usage: cargo xtask <serve [--port N] | test | dist [--library DIR] | index <dir> [--separate-categories] [--shard-size N] | generate <dir> <count> [--shard-size N] | modules | size | bench [size] [engine] [search] [start] [import] [ingest] [catalog] [hosted] [scale] [report]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => build::serve(port(&args)),
        Some("test") => test::all(),
        Some("dist") => build::dist(flag_value(&args, "--library").map(std::path::Path::new))
            .map(|dir| println!("release build written to {}", dir.display())),
        Some("index") => match args.get(1) {
            Some(dir) => index::write(std::path::Path::new(dir), index_options(&args))
                .map(|n| println!("indexed {n} articles")),
            None => Err(USAGE.into()),
        },
        Some("generate") => match (args.get(1), args.get(2).and_then(|n| n.parse().ok())) {
            (Some(dir), Some(count)) => generate::library(
                std::path::Path::new(dir),
                count,
                index_options(&args).shard_size,
            )
            .map(|n| println!("generated and indexed {n} articles")),
            _ => Err(USAGE.into()),
        },
        Some("modules") => modules::build(),
        Some("size") => bundle::check(&run::root().join("dist")),
        Some("bench") => bench::run(&args[1..]),
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// How `index` and `generate` write a catalog. Jekyll users read a YAML list of categories as
/// separate categories, not one path.
fn index_options(args: &[String]) -> index::Options {
    index::Options {
        categories: if args.iter().any(|a| a == "--separate-categories") {
            CategoryMode::Separate
        } else {
            CategoryMode::Hierarchy
        },
        shard_size: flag_value(args, "--shard-size")
            .and_then(|n| n.parse().ok())
            .unwrap_or(articles::catalog::SHARD_SIZE),
    }
}

/// The value after `flag` on the command line.
fn flag_value<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn port(args: &[String]) -> u16 {
    flag_value(args, "--port")
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080)
}
