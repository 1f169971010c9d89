//! BENCHMARKS.md, put together from the sections the benchmarks write (one JSON file each in
//! `<target>/bench/`: a title, what was measured, and a table of rows), under a heading that
//! names the machine, the browser and the commit measured.
//!
//! A section is `{ "title": …, "about": …, "rows": [{ column: value, … }, …] }`; every row
//! has the same columns, in order. The browser benchmarks write theirs through
//! `tests/bench/harness.mjs` (`writeSection`), the native ones here.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::run::{output, root, Result};
use crate::tools;

/// One section of the report.
#[derive(Debug, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub about: String,
    pub rows: Vec<Map<String, Value>>,
}

/// Where each part's section is written.
pub fn path(part: &str) -> PathBuf {
    tools::target_dir()
        .join("bench")
        .join(format!("{part}.json"))
}

/// Starts a run: the earlier figures of the sections about to be measured go.
pub fn clear<'a>(sections: impl IntoIterator<Item = &'a &'a str>) -> Result {
    let dir = tools::target_dir().join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for section in sections {
        // Absent when it was never measured.
        let _ = std::fs::remove_file(path(section));
    }
    Ok(())
}

pub fn write_section(part: &str, section: &Section) -> Result {
    let text = serde_json::to_string_pretty(section).map_err(|e| e.to_string())?;
    std::fs::write(path(part), text).map_err(|e| format!("{}: {e}", path(part).display()))
}

/// Writes BENCHMARKS.md from the sections of `parts` that were written, in that order.
pub fn write(parts: &[&str]) -> Result {
    let mut report = String::from(
        "# Benchmarks\n\nWritten by `cargo xtask bench` (do not edit by hand). The machine is shared and noisy: \
         read ratios measured in the same run, more than absolute times. Goals are the performance \
         issue's; figures are reported, never asserted (sizes are held by a test: `cargo xtask size`).\n\n",
    );
    let _ = writeln!(report, "{}\n", machine());
    for part in parts {
        let Ok(text) = std::fs::read_to_string(path(part)) else {
            continue;
        };
        let section: Section =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path(part).display()))?;
        render(&mut report, &section);
    }
    let out = root().join("BENCHMARKS.md");
    std::fs::write(&out, report).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("benchmarks written to {}", out.display());
    Ok(())
}

fn render(report: &mut String, section: &Section) {
    let _ = writeln!(report, "## {}\n\n{}\n", section.title, section.about);
    let Some(first) = section.rows.first() else {
        return;
    };
    let columns: Vec<&String> = first.keys().collect();
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    report.push_str(&line(columns.iter().map(|c| c.to_string()).collect()));
    report.push_str(&line(columns.iter().map(|_| "---".to_owned()).collect()));
    for row in &section.rows {
        report.push_str(&line(
            columns
                .iter()
                .map(|c| match row.get(c.as_str()) {
                    Some(Value::String(text)) => text.replace('|', "\\|"),
                    Some(Value::Null) | None => String::new(),
                    Some(other) => other.to_string(),
                })
                .collect(),
        ));
    }
    report.push('\n');
}

/// The machine, browser and commit measured.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            let kb: f64 = info
                .lines()
                .next()?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some(format!("{:.0} GiB", kb / 1024.0 / 1024.0))
        })
        .unwrap_or_default();
    let browser = tools::find("chromium")
        .ok()
        .and_then(|path| output(&path.to_string_lossy(), &["--version"]))
        .map(|v| v.trim().to_owned())
        .unwrap_or_else(|| "Chromium (version unknown)".to_owned());
    let commit = output("git", &["rev-parse", "--short", "HEAD"]).unwrap_or_default();
    let date = output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default();
    format!(
        "Measured {} at commit {} on {cpu} ({cores} cores, {memory}), {browser} headless, rustc {}.",
        date.trim(),
        commit.trim(),
        output("rustc", &["--version"])
            .map(|v| v.trim().trim_start_matches("rustc ").to_owned())
            .unwrap_or_default(),
    )
}

/// A row from `(column, value)` pairs, in order.
pub fn row<const N: usize>(cells: [(&str, Value); N]) -> Map<String, Value> {
    cells
        .into_iter()
        .map(|(column, value)| (column.to_owned(), value))
        .collect()
}
