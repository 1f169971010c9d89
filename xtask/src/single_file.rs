//! `dist/lectern.html`: the whole app in one file that opens by double-click from disk, where a
//! page can fetch nothing — not its script, not its WebAssembly, not a worker's file.
//!
//! Made from Trunk's build in `dist/`: the style sheet and icon go inline; the app's script
//! (wasm-bindgen's ES module) becomes the page's one inline module, which instantiates the
//! WebAssembly from bytes (gzipped, base64, in a data block: `<script type=
//! "application/octet-stream">` is never run, and gzip makes the file ~40 % of the raw wasm);
//! the parsing worker's and the archiver's scripts and WebAssembly go into data blocks too, from
//! which the page starts each at a `blob:` URL (`single_file/boot.js`), and so do the modules
//! the parsing worker loads when a file needs them (the encoding detector, TeX math, TOML), which it
//! compiles from the bytes it is given. The publisher is left out: a copy opened from disk has
//! no build beside it to publish. The Content-Security-Policy is the hosted build's, with the inline script
//! and style allowed by their hashes.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::run::Result;
use crate::{csp, modules};

/// The single file's name, beside the hosted build.
pub const NAME: &str = "lectern.html";

/// Starts the app and its worker from what the page carries.
const BOOT: &str = include_str!("single_file/boot.js");

/// Writes `dist/lectern.html` from Trunk's unprotected build in `dist` (before
/// [`csp::protect`] adds the hosted page's policy).
pub fn write(dist: &Path) -> Result<PathBuf> {
    let read = |name: &str| {
        std::fs::read(dist.join(name)).map_err(|e| format!("{}: {e}", dist.join(name).display()))
    };
    let text =
        |name: &str| String::from_utf8(read(name)?).map_err(|_| format!("{name} is not UTF-8"));
    let names = Built::find(dist)?;
    let page = text("index.html")?;
    let style = text(&names.style)?;
    let icon = base64(&read(&names.icon)?);
    let app = text(&names.script)?;
    let app = app
        .trim_end()
        .strip_suffix("export { initSync, __wbg_init as default };")
        .ok_or("the app's script does not end as wasm-bindgen's ES module does")?;
    let module = format!("{app}\n{BOOT}");
    let worker = text(&format!("{PARSER}.js"))?;
    let archiver = text(&format!("{ARCHIVER}.js"))?;
    for (name, code) in [
        ("the app's script", &module),
        ("the worker's script", &worker),
        ("the archiver's script", &archiver),
    ] {
        // Inline, `</script` would end the element early and `<!--` changes how it is parsed.
        if code.contains("</script") || code.contains("<!--") {
            return Err(format!(
                "{name} cannot be inlined: it holds `</script` or `<!--`"
            ));
        }
    }

    let head_end = format!(
        "    <style>{style}</style>\n    <link rel=\"icon\" href=\"data:image/svg+xml;base64,{icon}\" />\n    \
         <meta name=\"lectern-build\" content=\"{build}\" />\n    \
         <script type=\"application/octet-stream\" id=\"lectern-wasm\">{wasm}</script>\n    \
         <script type=\"application/octet-stream\" id=\"lectern-worker-wasm\">{worker_wasm}</script>\n    \
         <script type=\"application/octet-stream\" id=\"lectern-detect-wasm\">{detect_wasm}</script>\n    \
         <script type=\"application/octet-stream\" id=\"lectern-math-wasm\">{math_wasm}</script>\n    \
         <script type=\"application/octet-stream\" id=\"lectern-toml-wasm\">{toml_wasm}</script>\n    \
         <script type=\"application/octet-stream\" id=\"lectern-archiver-wasm\">{archiver_wasm}</script>\n    \
         <script type=\"text/plain\" id=\"lectern-worker-js\">{worker}</script>\n    \
         <script type=\"text/plain\" id=\"lectern-archiver-js\">{archiver}</script>\n    \
         <script type=\"module\">{module}</script>\n  </head>",
        build = names.script.trim_end_matches(".js"),
        wasm = base64(&gzip(&read(&names.wasm)?)?),
        worker_wasm = base64(&gzip(&read(&format!("{PARSER}_bg.wasm"))?)?),
        detect_wasm = base64(&gzip(&read(modules::DETECTOR.file)?)?),
        math_wasm = base64(&gzip(&read(modules::MATH.file)?)?),
        toml_wasm = base64(&gzip(&read(modules::TOML.file)?)?),
        archiver_wasm = base64(&gzip(&read(&format!("{ARCHIVER}_bg.wasm"))?)?),
    );
    let page = without_hosted_parts(&page)?.replacen("</head>", &head_end, 1);
    let scripts: Vec<String> = csp::inline_scripts(&page).map(csp::hash).collect();
    let page = csp::with_meta(&page, &csp::policy(&scripts, &[csp::hash(&style)]))?;
    let path = dist.join(NAME);
    std::fs::write(&path, page).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The worker programs Trunk builds beside the app (`src/bin/`), whose files (`<name>.js`,
/// `<name>_bg.wasm`) are not the app's: the parser, the archiver and the publisher.
pub(crate) const PARSER: &str = "lectern-worker";
pub(crate) const ARCHIVER: &str = "lectern-archiver";
pub(crate) const PUBLISHER: &str = "lectern-publisher";
pub(crate) const WORKER_PROGRAMS: [&str; 3] = [PARSER, ARCHIVER, PUBLISHER];

/// The file names Trunk gave this build's parts.
pub(crate) struct Built {
    script: String,
    wasm: String,
    pub(crate) style: String,
    icon: String,
}

impl Built {
    pub(crate) fn find(dist: &Path) -> Result<Built> {
        let mut names: Vec<String> = std::fs::read_dir(dist)
            .map_err(|e| format!("{}: {e}", dist.display()))?
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| !WORKER_PROGRAMS.iter().any(|p| name.starts_with(p)))
            .collect();
        names.sort();
        let find = |prefix: &str, suffix: &str| {
            names
                .iter()
                .find(|name| name.starts_with(prefix) && name.ends_with(suffix))
                .cloned()
                .ok_or_else(|| format!("dist/ has no {prefix}*{suffix}: run Trunk first"))
        };
        let script = find("lectern-", ".js")?;
        Ok(Built {
            wasm: format!("{}_bg.wasm", script.trim_end_matches(".js")),
            script,
            style: find("lectern-", ".css")?,
            icon: find("icon-", ".svg")?,
        })
    }
}

/// Trunk's page without what only a hosted build can have: its bootstrap module (which fetches
/// the script and WebAssembly), the first paint's script (which reads the hosted catalog), the
/// links to the style sheet, icon and manifest, and preloads.
fn without_hosted_parts(page: &str) -> Result<String> {
    let mut page = page.to_owned();
    for (opening, what) in [
        ("<script type=\"module\">", "module script"),
        ("<script defer src=", "first paint's script"),
    ] {
        let start = page
            .find(opening)
            .ok_or_else(|| format!("the built index.html has no {what}"))?;
        let end = start
            + page[start..]
                .find("</script>")
                .ok_or_else(|| format!("the built index.html's {what} is not closed"))?
            + "</script>".len();
        page.replace_range(start..end, "");
    }
    while let Some(start) = page.find("<link ") {
        let end = start
            + page[start..]
                .find('>')
                .ok_or("the built index.html has an unclosed <link>")?
            + 1;
        page.replace_range(start..end, "");
    }
    // What the removals left: lines with only spaces.
    let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
    Ok(lines.join("\n") + "\n")
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder.finish().map_err(|e| e.to_string())
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hosted_parts_go_and_the_rest_stays() {
        let page = "<head>\n  <title>Lectern</title>\n  <script>theme()</script>\n  \
                    <script defer src=\"./first-paint.js\"></script>\n  \
                    <script type=\"module\">import init from './lectern-1.js';</script>\n  \
                    <link rel=\"stylesheet\" href=\"./lectern-1.css\"/>\n  <link rel=\"manifest\" href=\"m\" />\n</head>";
        let page = without_hosted_parts(page).expect("a Trunk page");
        assert_eq!(
            page,
            "<head>\n  <title>Lectern</title>\n  <script>theme()</script>\n</head>\n"
        );
    }
}
