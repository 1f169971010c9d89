//! BENCHMARKS.md, put together from the sections the benchmarks write (one JSON file each in
//! `<target>/bench/`: a title, what was measured, and a table of rows), under a heading that
//! names the machine, the browser and the commit of the run. Once its part has run, each
//! section is stamped with that run's line (`stamp`), so a section measured in an earlier run
//! says where it was measured instead of borrowing the heading's commit. A section with no
//! figures on this machine (a part not run since the build folder was made) is kept as the
//! last report had it, saying where it was measured: a partial run on a fresh machine must not
//! erase the rest.
//!
//! A section is `{ "title": …, "about": …, "rows": [{ column: value, … }, …], "measured": … }`;
//! every row has the same columns, in order. The browser benchmarks write theirs through
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

/// A section as read back: with the run that measured it, once stamped.
#[derive(Deserialize)]
struct Stamped {
    #[serde(flatten)]
    section: Section,
    measured: Option<String>,
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

/// Marks the sections of `parts` that were written as measured by the run `stamp` names
/// (`stamp()`'s line, taken when the run began).
pub fn mark<'a>(parts: impl IntoIterator<Item = &'a &'a str>, stamp: &str) -> Result {
    for part in parts {
        let Ok(text) = std::fs::read_to_string(path(part)) else {
            continue;
        };
        let mut section: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path(part).display()))?;
        if let Some(fields) = section.as_object_mut() {
            fields.insert("measured".to_owned(), Value::String(stamp.to_owned()));
        }
        let text = serde_json::to_string_pretty(&section).map_err(|e| e.to_string())?;
        std::fs::write(path(part), text).map_err(|e| format!("{}: {e}", path(part).display()))?;
    }
    Ok(())
}

/// Writes BENCHMARKS.md from the sections of `parts` that were written, in that order, and
/// the earlier report's for those that were not. `run` is the stamp of the run that measured
/// something now (none for `cargo xtask bench report` alone): the heading names it, and every
/// section measured by another run says which.
pub fn write(parts: &[&str], run: Option<&str>) -> Result {
    let out = root().join("BENCHMARKS.md");
    let earlier = std::fs::read_to_string(&out).unwrap_or_default();
    let mut sections = Vec::new();
    for part in parts {
        let section = match std::fs::read_to_string(path(part)) {
            Ok(text) => Some(
                serde_json::from_str::<Stamped>(&text)
                    .map_err(|e| format!("{}: {e}", path(part).display()))?,
            ),
            Err(_) => None,
        };
        sections.push((*part, section));
    }
    std::fs::write(&out, compose(&earlier, &sections, run))
        .map_err(|e| format!("{}: {e}", out.display()))?;
    println!("benchmarks written to {}", out.display());
    Ok(())
}

/// The report: each part's section as read from disk (if it was), else the `earlier` report's.
fn compose(earlier: &str, sections: &[(&str, Option<Stamped>)], run: Option<&str>) -> String {
    let mut report = String::from(
        "# Benchmarks\n\nWritten by `cargo xtask bench` (do not edit by hand). The machine is shared and noisy: \
         read ratios measured in the same run, more than absolute times. Goals are the performance \
         issue's; figures are reported, never asserted (sizes are held by a test: `cargo xtask size`).\n\n",
    );
    match run {
        Some(run) => {
            let _ = writeln!(report, "{run}\n");
        }
        None => report.push_str(
            "Put together from earlier runs' figures: each section says where it was measured.\n\n",
        ),
    }
    for (part, section) in sections {
        // A section written before sections were stamped is kept as the last report had it:
        // that report knew where it was measured, its JSON does not.
        let Some(Stamped {
            section,
            measured: Some(measured),
        }) = section
        else {
            report.push_str(&kept(earlier, part));
            continue;
        };
        let _ = writeln!(report, "{}", marker(part));
        let earlier_run = (run != Some(measured.as_str())).then_some(measured.as_str());
        render(&mut report, section, earlier_run);
    }
    report
}

/// The line before each section, naming its part, so a later report can find it.
fn marker(part: &str) -> String {
    format!("<!-- section: {part} -->")
}

/// Part `part`'s section of the `earlier` report, if it has one, saying where it was measured
/// (its own note if it was kept before, else the earlier report's heading).
fn kept(earlier: &str, part: &str) -> String {
    let marker = marker(part);
    let Some(start) = earlier.find(&marker) else {
        return String::new();
    };
    let text = &earlier[start..];
    let end = text[marker.len()..]
        .find("<!-- section: ")
        .map_or(text.len(), |at| at + marker.len());
    let text = &text[..end];
    if text.contains(EARLIER_NOTE) {
        return text.to_owned();
    }
    let measured = earlier
        .lines()
        .find(|line| line.starts_with("Measured "))
        .unwrap_or("Measured on another machine.");
    // After the heading: the marker's line, the heading's, and the blank line after it.
    let mut lines = text.splitn(4, '\n');
    let head: Vec<&str> = lines.by_ref().take(3).collect();
    format!(
        "{}\n_{EARLIER_NOTE} {measured}_\n\n{}",
        head.join("\n"),
        lines.next().unwrap_or_default()
    )
}

/// How a section kept from an earlier report begins.
const EARLIER_NOTE: &str = "Not measured in this run; from an earlier one.";

/// Renders `section`, saying it is from an earlier run when `earlier_run` names one.
fn render(report: &mut String, section: &Section, earlier_run: Option<&str>) {
    let _ = writeln!(report, "## {}\n", section.title);
    if let Some(measured) = earlier_run {
        let _ = writeln!(report, "_{EARLIER_NOTE} {measured}_\n");
    }
    let _ = writeln!(report, "{}\n", section.about);
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

/// The line naming a run: when, at which commit (and whether with uncommitted changes), on
/// which machine and browser, built by which compiler.
pub fn stamp() -> String {
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
    let mut commit = output("git", &["rev-parse", "--short", "HEAD"])
        .unwrap_or_default()
        .trim()
        .to_owned();
    // The report itself is rewritten by every run: not a change to what is measured.
    if output(
        "git",
        &[
            "status",
            "--porcelain",
            "--untracked-files=no",
            "--",
            ".",
            ":!BENCHMARKS.md",
        ],
    )
    .is_some_and(|changes| !changes.trim().is_empty())
    {
        commit.push_str(" with uncommitted changes");
    }
    let date = output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default();
    format!(
        "Measured {} at commit {commit} on {cpu} ({cores} cores, {memory}), {browser} headless, rustc {}.",
        date.trim(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn section(title: &str, measured: Option<&str>) -> Option<Stamped> {
        Some(Stamped {
            section: Section {
                title: title.to_owned(),
                about: format!("About {title}."),
                rows: vec![row([("figure", Value::from(1))])],
            },
            measured: measured.map(str::to_owned),
        })
    }

    #[test]
    fn a_section_from_an_earlier_run_says_where_it_was_measured() {
        let report = compose(
            "",
            &[
                (
                    "size",
                    section("Download", Some("Measured now at commit bbb.")),
                ),
                (
                    "start",
                    section("Start", Some("Measured then at commit aaa.")),
                ),
            ],
            Some("Measured now at commit bbb."),
        );
        let start = &report[report.find("## Start").expect("the start section")..];
        assert!(start.starts_with(&format!(
            "## Start\n\n_{EARLIER_NOTE} Measured then at commit aaa._\n\nAbout Start."
        )));
        let size = &report[report.find("## Download").expect("the size section")..];
        assert!(size.starts_with("## Download\n\nAbout Download."));
        assert_eq!(report.matches("commit bbb").count(), 1, "{report}");
    }

    #[test]
    fn a_section_not_on_disk_or_unstamped_is_kept_from_the_earlier_report() {
        let earlier = compose(
            "",
            &[(
                "size",
                section("Download", Some("Measured then at commit aaa.")),
            )],
            Some("Measured then at commit aaa."),
        );
        for unstamped in [None, section("Download", None)] {
            let report = compose(&earlier, &[("size", unstamped)], None);
            assert!(
                report.contains(&format!(
                    "## Download\n\n_{EARLIER_NOTE} Measured then at commit aaa._\n\nAbout Download."
                )),
                "{report}"
            );
            // Kept once more, it says so once.
            let again = compose(&report, &[("size", None)], None);
            assert_eq!(again.matches(EARLIER_NOTE).count(), 1, "{again}");
        }
    }
}
