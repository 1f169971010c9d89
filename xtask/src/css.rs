//! The release build's style sheet without its comments and indentation: they tell whoever
//! edits `static/lectern.css` why each rule is there, and were a fifth of its gzipped bytes
//! (1.3 KB of the page). Trunk's own minifier is not used: it minifies the page's HTML too,
//! dropping the optional tags (`<head>`) that the Content-Security-Policy and the single file
//! are written into.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::run::Result;
use crate::single_file::Built;

/// Shrinks the style sheet Trunk wrote into `dist`, and says so in the page's `integrity`.
pub fn shrink(dist: &Path) -> Result {
    let name = Built::find(dist)?.style;
    let path = dist.join(&name);
    let css = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let shrunk = stripped(&css);
    let page_path = dist.join("index.html");
    let page =
        std::fs::read_to_string(&page_path).map_err(|e| format!("{}: {e}", page_path.display()))?;
    let (before, after) = (integrity(&css), integrity(&shrunk));
    if !page.contains(&before) {
        return Err(format!(
            "index.html does not name {name} by its integrity {before}"
        ));
    }
    std::fs::write(&path, shrunk).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(&page_path, page.replace(&before, &after))
        .map_err(|e| format!("{}: {e}", page_path.display()))
}

/// `css` without comments, indentation or blank lines (no string in it holds `/*`).
fn stripped(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A subresource integrity value as Trunk writes it.
fn integrity(text: &str) -> String {
    let digest = Sha384::digest(text.as_bytes());
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_indentation_go_and_the_rules_stay() {
        let css = "/* Why. */\n:root {\n  --ink: #222; /* dark */\n}\n\n/* Two\n   lines. */\n\
                   .a::before { content: \"›\"; }\n";
        assert_eq!(
            stripped(css),
            ":root {\n--ink: #222;\n}\n.a::before { content: \"›\"; }\n"
        );
    }
}
