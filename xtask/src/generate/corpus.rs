//! Reading the repository's corpora for the generator's model: the Markdown files under a
//! folder, a file's front matter fields, and its prose (paragraphs without code, markup or
//! front matter) as Latin words and runs of Han characters.

use std::path::{Path, PathBuf};

use super::OTHER_LANGUAGES;

/// The Markdown files under `dir`, added to `paths`; the translations not generated left out.
pub(super) fn collect(dir: &Path, paths: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.to_string_lossy().replace('\\', "/");
        if path.is_dir() {
            collect(&path, paths)?;
        } else if (name.ends_with(".md") || name.ends_with(".markdown"))
            && !OTHER_LANGUAGES.iter().any(|l| name.contains(l))
        {
            paths.push(path);
        }
    }
    Ok(())
}

/// Front matter (between `---` fences) and body.
pub(super) fn split_front_matter(source: &str) -> (&str, &str) {
    let trimmed = source.trim_start();
    trimmed
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .unwrap_or(("", source))
}

/// The value of a `key: value` front matter line, unquoted.
pub(super) fn value_of<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let value = line.strip_prefix(key)?.strip_prefix(':')?.trim();
    let value = value.trim_matches(|c| c == '\'' || c == '"');
    (!value.is_empty()).then_some(value)
}

pub(super) fn field<'a>(front: &'a str, key: &str) -> Option<&'a str> {
    front.lines().find_map(|l| value_of(l, key))
}

/// The categories of a front matter: `category: x`, `categories: [x, y]` or a list below.
pub(super) fn categories(front: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut lines = front.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(inline) = ["categories:", "category:"]
            .iter()
            .find_map(|k| line.strip_prefix(k))
        else {
            continue;
        };
        found.extend(
            inline
                .trim()
                .trim_matches(['[', ']'])
                .split(',')
                .map(str::to_owned),
        );
        while let Some(item) = lines.next_if(|l| l.trim_start().starts_with('-')) {
            found.push(item.trim_start().trim_start_matches('-').to_owned());
        }
    }
    found
        .into_iter()
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect()
}

/// A body without what is not prose: code, template tags, styles, comments, link targets and
/// bare addresses; its words would skew the vocabulary and its blocks the lengths.
pub(super) fn prose_of(body: &str) -> String {
    let mut text = body.to_owned();
    for (open, close) in [
        ("```", "```"),
        ("{%", "%}"),
        ("<style", "</style>"),
        ("<!--", "-->"),
        ("](", ")"),
    ] {
        text = remove_between(&text, open, close);
    }
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            line.split(' ')
                .filter(|w| !w.starts_with("http://") && !w.starts_with("https://"))
                .collect::<Vec<_>>()
                .join(" ")
                .trim_end()
                .to_owned()
        })
        .collect();
    lines.join("\n")
}

/// `text` without each stretch from `open` to the next `close`; for a link target, the
/// closing bracket stays.
pub(super) fn remove_between(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        if open == "](" {
            out.push(']');
        }
        match rest[start + open.len()..].find(close) {
            Some(end) => rest = &rest[start + open.len() + end + close.len()..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// Blocks of a body (between blank lines, or `<p>` elements), without their tags.
pub(super) fn blocks(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n")
        .flat_map(|b| b.split("</p>"))
        .map(|block| remove_between(block, "<", ">").trim().to_owned())
        .filter(|block| !block.is_empty())
}

/// Whether a block is a paragraph, not a heading, list, table, quote or template.
pub(super) fn is_paragraph(block: &str) -> bool {
    let numbered = block
        .split_once('.')
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    !numbered && !block.starts_with(['#', '-', '*', '|', '>', '{', '!'])
}

pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2a6df}')
}

pub(super) fn han_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c| !is_han(c)).filter(|r| !r.is_empty())
}

/// English words: ASCII letters, with an apostrophe inside (`don't`).
pub(super) fn latin_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
}
