//! Obsidian's syntax: `[[wikilinks]]`, `![[embeds]]` and `> [!note]` callouts.

use super::syntax::is_image;
use crate::body::escape::{attr, text as escape_text};
use crate::links::article_link_by_name;

/// `[[target#heading|alias]]` and `![[embed.png|300]]`.
pub fn wikilink(rest: &str, embed: bool) -> Option<(String, usize)> {
    let start = if embed { 3 } else { 2 };
    let end = start + closing_brackets(rest.get(start..)?)?;
    let inner = &rest[start..end];
    if inner.is_empty() {
        return None;
    }
    let (target, alias) = match inner.split_once('|') {
        Some((t, a)) => (t.trim(), Some(a.trim())),
        None => (inner.trim(), None),
    };
    let page = target.split('#').next().unwrap_or(target);
    let html = if embed && is_image(page) {
        let width = alias.filter(|a| a.chars().all(|c| c.is_ascii_digit()));
        let alt = alias.filter(|_| width.is_none()).unwrap_or(page);
        let mut img = format!("<img src=\"{}\" alt=\"{}\"", attr(page), attr(alt));
        if let Some(width) = width {
            img.push_str(&format!(" width=\"{width}\""));
        }
        img.push('>');
        img
    } else {
        article_link_by_name(page, alias.unwrap_or(target))
    };
    Some((html, end + 2))
}

/// Where the `]]` closing a wiki link starts in `after`, the text after its `[[`: the first `]]`
/// on the line, unless a `[` or the line's end comes first (a link holds neither).
///
/// Stopping at the first `[` keeps the expander linear: it tries every `[[`, and searching the
/// rest of the line from each made a long line of `[` quadratic (64 kB: 0.84 s; 256 kB: 30 s).
/// Now a try reads only up to the next `[`, where the next try starts, so a line is read once.
fn closing_brackets(after: &str) -> Option<usize> {
    let bytes = after.as_bytes();
    let mut from = 0;
    // Each iteration moves `from` past the `]` it found, or returns.
    loop {
        let at = from + memchr::memchr3(b'[', b']', b'\n', bytes.get(from..)?)?;
        match (bytes[at], bytes.get(at + 1)) {
            (b']', Some(b']')) => return Some(at),
            (b']', _) => from = at + 1,
            _ => return None,
        }
    }
}

/// `> [!type] Title` (Obsidian) becomes a GitHub alert, which the Markdown parser knows, with
/// the title in bold. Returns the bytes consumed.
pub fn callout(rest: &str) -> Option<(String, usize)> {
    // Nearly every line starts with neither: no need to find its end.
    if !rest.starts_with([' ', '>']) {
        return None;
    }
    let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let line = &rest[..line_end];
    let quote_len = line.len() - line.trim_start_matches([' ', '>']).len();
    let prefix = &line[..quote_len];
    if !prefix.contains('>') {
        return None;
    }
    let marker = line[quote_len..].strip_prefix("[!")?;
    let close = marker.find(']')?;
    let kind = &marker[..close];
    if kind.is_empty() || !kind.chars().all(|c| c.is_alphanumeric() || c == '-') {
        return None;
    }
    let title = marker[close + 1..].trim_start_matches(['+', '-']).trim();
    let alert = match kind.to_ascii_lowercase().as_str() {
        "tip" | "hint" | "success" | "check" | "done" => "TIP",
        "important" => "IMPORTANT",
        "warning" | "caution" | "attention" => "WARNING",
        "danger" | "error" | "bug" | "failure" | "fail" | "missing" => "CAUTION",
        _ => "NOTE",
    };
    let mut out = format!("{prefix}[!{alert}]\n");
    if !title.is_empty() {
        out.push_str(&format!("{prefix}**{}**\n", escape_text(title)));
    }
    Some((out, line_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `wikilink` as it was before it stopped at the first `[`: the meaning it must keep.
    fn wikilink_by_line(rest: &str, embed: bool) -> Option<(String, usize)> {
        let start = if embed { 3 } else { 2 };
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let end = rest[start..line_end].find("]]")? + start;
        let inner = &rest[start..end];
        if inner.is_empty() || inner.contains('[') {
            return None;
        }
        wikilink(rest, embed)
    }

    #[test]
    fn links_end_where_they_did() {
        for text in crate::sequences::sequences(&["[", "]", "]]", "a", "|", "\n", "#"], 6) {
            for (prefix, embed) in [("[[", false), ("![[", true)] {
                let rest = format!("{prefix}{text}");
                assert_eq!(
                    wikilink(&rest, embed),
                    wikilink_by_line(&rest, embed),
                    "{rest:?}"
                );
            }
        }
    }
}
