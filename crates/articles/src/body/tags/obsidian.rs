//! Obsidian's syntax: `[[wikilinks]]`, `![[embeds]]` and `> [!note]` callouts.

use super::syntax::is_image;
use crate::body::escape::{attr, text as escape_text};
use crate::links::article_link_by_name;

/// `[[target#heading|alias]]` and `![[embed.png|300]]`.
pub fn wikilink(rest: &str, embed: bool) -> Option<(String, usize)> {
    let start = if embed { 3 } else { 2 };
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let end = rest[start..line_end].find("]]")? + start;
    let inner = &rest[start..end];
    if inner.is_empty() || inner.contains('[') {
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

/// `> [!type] Title` (Obsidian) becomes a GitHub alert, which the Markdown parser knows, with
/// the title in bold. Returns the bytes consumed.
pub fn callout(rest: &str) -> Option<(String, usize)> {
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
