//! The release build's `first-paint.js` without its comment lines and indentation: they tell
//! whoever edits `static/first-paint.js` why it draws what it draws, and were a third of its
//! gzipped bytes (1.2 KB, all before the library paints). A line is dropped only when all of
//! it is a comment, so nothing the script runs is touched (it has no multi-line strings).

use std::path::Path;

use crate::run::Result;

/// The script's name, in `dist` as in `static/`.
const NAME: &str = "first-paint.js";

/// Shrinks the script Trunk copied into `dist`.
pub fn shrink(dist: &Path) -> Result {
    let path = dist.join(NAME);
    let script = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(&path, stripped(&script)).map_err(|e| format!("{}: {e}", path.display()))
}

/// `script` without its comment lines, indentation or blank lines.
fn stripped(script: &str) -> String {
    script
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_lines_and_indentation_go_and_the_code_stays() {
        let script =
            "// Why.\n(function () {\n  // How.\n  var url = 'http://a/b'; // kept\n\n})();\n";
        assert_eq!(
            stripped(script),
            "(function () {\nvar url = 'http://a/b'; // kept\n})();\n"
        );
    }
}
