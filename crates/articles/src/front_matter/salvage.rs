//! What a person can still read in a YAML block no parser accepts: the top-level fields Lectern
//! interprets (title, dates, authors, tags, categories, cover, summary, lang, draft…), read line
//! by line.
//!
//! A block refused whole used to cost the article its title and date (the file name stood in).
//! This reader takes each line that starts at column 0 with `key:` as a field and everything up
//! to the next such line as its value: a plain, quoted (closed or not, with stray quotes
//! inside), block (`|`, `>`) or flow (`[a, b]`) scalar, or a list of `- item` lines at any
//! depth. It never fails; what it cannot read, it leaves out. It is linear in the block and
//! reads at most [`MAX_BLOCK_BYTES`] of it.

use super::fields::is_meta_key;
use super::limits::MAX_BLOCK_BYTES;
use super::repair::{closing, comment_start, split_key};
use super::yaml;
use crate::value::Value;

/// The interpreted fields that can be read from `block`, in order; a repeated key keeps its
/// first place and its last value, as the YAML reader does.
pub fn salvage(block: &str) -> Vec<(String, Value)> {
    let block = &block[..floor_char_boundary(block, MAX_BLOCK_BYTES)];
    let lines: Vec<&str> = block.lines().collect();
    let mut fields: Vec<(String, Value)> = Vec::new();
    let mut at = 0;
    while let Some(line) = lines.get(at) {
        at += 1;
        let Some((key, value)) = top_level(line) else {
            continue;
        };
        let start = at;
        while lines.get(at).is_some_and(|l| top_level(l).is_none()) {
            at += 1;
        }
        if !is_meta_key(key) {
            continue;
        }
        let Some(value) = read_value(value.trim(), lines.get(start..at).unwrap_or_default()) else {
            continue;
        };
        match fields.iter_mut().find(|(k, _)| k == key) {
            Some((_, earlier)) => *earlier = value,
            None => fields.push((key.to_owned(), value)),
        }
    }
    fields
}

fn floor_char_boundary(text: &str, max: usize) -> usize {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// A line that starts a top-level field: `key:` at column 0, the key a plain name.
fn top_level(line: &str) -> Option<(&str, &str)> {
    let (key, value) = split_key(line)?;
    key.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .then_some((key, value))
}

/// The value that starts as `first` on the key's line and runs on over `more` lines.
fn read_value(first: &str, more: &[&str]) -> Option<Value> {
    let first = without_properties(first)?;
    match first.chars().next() {
        None => Some(nested(more)),
        Some('\'' | '"') => Some(Value::String(quoted(first, more))),
        Some('[') => Some(flow_list(first, more)),
        Some('|') => Some(Value::String(block_scalar(more, "\n"))),
        Some('>') => Some(Value::String(block_scalar(more, " "))),
        Some('{') => None,
        _ => Some(plain(first, more)),
    }
}

/// The value without an anchor (`&a`) or tag (`!!str`); `None` for an alias, whose value this
/// reader does not keep.
fn without_properties(mut value: &str) -> Option<&str> {
    loop {
        match value.chars().next() {
            Some('*') => return None,
            Some('&' | '!') => {
                value = value
                    .split_once([' ', '\t'])
                    .map_or("", |(_, rest)| rest.trim_start());
            }
            _ => return Some(value),
        }
    }
}

/// The lines under an empty `key:`: a list of `- item`s, a map of `name: value`s (an author
/// object), or a plain scalar continued on indented lines.
fn nested(more: &[&str]) -> Value {
    let lines: Vec<&str> = more
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let Some(first) = lines.first() else {
        return Value::Null;
    };
    if first.starts_with('-') {
        let items = lines
            .iter()
            .filter_map(|l| l.strip_prefix('-'))
            .map(|item| match split_key(item.trim()) {
                Some((key, value)) => Value::Map(vec![(key.to_owned(), scalar(value.trim()))]),
                None => scalar(item.trim()),
            })
            .collect();
        return Value::List(items);
    }
    if split_key(first).is_some() {
        return Value::Map(
            lines
                .iter()
                .filter_map(|l| split_key(l))
                .map(|(key, value)| (key.to_owned(), scalar(value.trim())))
                .collect(),
        );
    }
    plain("", more)
}

/// One scalar on one line: quoted or plain.
fn scalar(text: &str) -> Value {
    match text.chars().next() {
        Some('\'' | '"') => Value::String(quoted(text, &[])),
        _ => plain(text, &[]),
    }
}

/// A quoted scalar, closed by the last quote of its kind (a quote inside it, unescaped, is the
/// author's, `'B'z live'`) or by the end of its lines when never closed; lines folded as YAML
/// folds them.
fn quoted(first: &str, more: &[&str]) -> String {
    let mut chars = first.chars();
    let quote = chars.next().unwrap_or('"');
    let mut lines: Vec<&str> = std::iter::once(chars.as_str())
        .chain(more.iter().copied())
        .collect();
    // The value ends at its last closing quote: what follows (a comment) is dropped.
    if let Some((index, end)) = lines
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, l)| last_quote(l, quote).map(|end| (i, end)))
    {
        if let Some(line) = lines.get_mut(index) {
            *line = &line[..end];
        }
        lines.truncate(index + 1);
    }
    let text = fold(&lines);
    match quote {
        '\'' => text.replace("''", "'"),
        _ => unescape(&text),
    }
}

/// The byte index of the last quote in `line` that can close the scalar (in double quotes, one
/// not escaped by a backslash).
fn last_quote(line: &str, quote: char) -> Option<usize> {
    if quote == '\'' {
        return line.rfind(quote);
    }
    let mut last = None;
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        if c == quote && !escaped {
            last = Some(at);
        }
        escaped = c == '\\' && !escaped;
    }
    last
}

/// Lines joined as YAML folds a flow scalar: a line break is a space, a blank line a newline.
fn fold(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut breaks = 0;
    for line in lines.iter().map(|l| l.trim()) {
        if line.is_empty() {
            breaks += 1;
            continue;
        }
        if !out.is_empty() {
            if breaks > 0 {
                out.push_str(&"\n".repeat(breaks));
            } else {
                out.push(' ');
            }
        }
        breaks = 0;
        out.push_str(line);
    }
    out
}

/// The common escapes of a double-quoted scalar; an unknown one is kept as written.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars.clone().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(decoded) if hex.len() == 4 => {
                        out.push(decoded);
                        chars.nth(3);
                    }
                    _ => out.push_str("\\u"),
                }
            }
            Some(other @ ('"' | '\\' | '/' | '\'')) => out.push(other),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// `[a, 'b, c', "d"]`, possibly over several lines, possibly never closed.
fn flow_list(first: &str, more: &[&str]) -> Value {
    let joined = std::iter::once(first)
        .chain(more.iter().copied())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let inner = joined.strip_prefix('[').unwrap_or(&joined);
    let mut items = Vec::new();
    let mut rest = inner;
    loop {
        let rest_trimmed = rest.trim_start();
        let (item, after) = match rest_trimmed.chars().next() {
            Some(q @ ('\'' | '"')) => {
                let end = closing(&rest_trimmed[1..], q).map_or(rest_trimmed.len(), |e| e + 2);
                let (item, after) = rest_trimmed.split_at(end);
                (item, after.find([',', ']']).map_or("", |i| &after[i..]))
            }
            _ => {
                let end = rest_trimmed.find([',', ']']).unwrap_or(rest_trimmed.len());
                rest_trimmed.split_at(end)
            }
        };
        if !item.trim().is_empty() {
            items.push(scalar(item.trim()));
        }
        match after.chars().next() {
            Some(',') => rest = &after[1..],
            _ => break,
        }
    }
    Value::List(items)
}

/// The lines of a `|` or `>` block scalar, without their indentation, joined by `separator`.
fn block_scalar(more: &[&str], separator: &str) -> String {
    let lines: Vec<&str> = more.iter().map(|l| l.trim()).collect();
    let text = if separator == "\n" {
        lines.join("\n")
    } else {
        fold(&lines)
    };
    text.trim().to_owned()
}

/// A plain scalar: its line and indented continuation lines, folded, without a trailing
/// comment, read as YAML reads it (`true`, `42` and `~` are not text).
fn plain(first: &str, more: &[&str]) -> Value {
    let lines: Vec<&str> = std::iter::once(first)
        .chain(more.iter().copied())
        .take_while(|l| !l.trim_start().starts_with('#'))
        .map(|l| comment_start(l).map_or(l, |at| &l[..at]))
        .collect();
    let text = fold(&lines);
    if text.is_empty() {
        return Value::Null;
    }
    yaml::plain(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(block: &str, key: &str) -> Option<String> {
        salvage(block)
            .into_iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.as_text())
    }

    fn list(block: &str, key: &str) -> Vec<String> {
        match salvage(block).into_iter().find(|(k, _)| k == key) {
            Some((_, Value::List(items))) => items.iter().filter_map(Value::as_text).collect(),
            other => panic!("no list: {other:?}"),
        }
    }

    #[test]
    fn an_unclosed_quote_keeps_title_and_date() {
        let block = "title: 'Hello world\ndate: 2021-03-04\nauthor: Ana\n";
        assert_eq!(text(block, "title").as_deref(), Some("Hello world"));
        assert_eq!(text(block, "date").as_deref(), Some("2021-03-04"));
        assert_eq!(text(block, "author").as_deref(), Some("Ana"));
        let double = "title: \"Hello \\\"x\\\"\r\ndate: 2021-03-04\r\n";
        assert_eq!(text(double, "title").as_deref(), Some("Hello \"x\""));
        assert_eq!(text(double, "date").as_deref(), Some("2021-03-04"));
    }

    #[test]
    fn a_quote_inside_a_quoted_title() {
        let block = "title: 'B'z live' # the band\ndate: 2021-03-04\n";
        assert_eq!(text(block, "title").as_deref(), Some("B'z live"));
        assert_eq!(text(block, "date").as_deref(), Some("2021-03-04"));
    }

    #[test]
    fn a_value_over_paragraphs_at_column_zero() {
        let block = "description: 'One\ntwo\n\nthree'\ntitle: T\ndate: 2021-03-04\n";
        assert_eq!(
            text(block, "description").as_deref(),
            Some("One two\nthree")
        );
        assert_eq!(text(block, "title").as_deref(), Some("T"));
    }

    #[test]
    fn a_block_cut_by_a_stray_fence() {
        // The split ends the block at the `---` inside the value.
        let block = "title: T\ndate: 2021-03-04\ndescription: 'before the line\n";
        assert_eq!(text(block, "title").as_deref(), Some("T"));
        assert_eq!(
            text(block, "description").as_deref(),
            Some("before the line")
        );
    }

    #[test]
    fn colons_tabs_and_comments_in_plain_values() {
        let block = "title: Part 2: the end # note\ndate:\t2021-03-04\ndraft: true\n";
        assert_eq!(text(block, "title").as_deref(), Some("Part 2: the end"));
        assert_eq!(text(block, "date").as_deref(), Some("2021-03-04"));
        assert_eq!(
            salvage(block).into_iter().find(|(k, _)| k == "draft"),
            Some(("draft".into(), Value::Bool(true)))
        );
    }

    #[test]
    fn lists_at_any_depth_flow_lists_and_author_objects() {
        let block = "tags:\n   - one\n  - 'two'\n\t- three\ncategories: [a, 'b, c', \"d\"\nauthor:\n  - name: Ana\n  - Bo\n";
        assert_eq!(list(block, "tags"), ["one", "two", "three"]);
        assert_eq!(list(block, "categories"), ["a", "b, c", "d"]);
        match salvage(block).into_iter().find(|(k, _)| k == "author") {
            Some((_, Value::List(items))) => {
                assert_eq!(
                    items[0].get("name").and_then(Value::as_text).as_deref(),
                    Some("Ana")
                );
                assert_eq!(items[1].as_text().as_deref(), Some("Bo"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn block_scalars_repeats_and_unknown_keys() {
        let block =
            "summary: >-\n  folded\n  text\nnotes: |\n  kept\ntitle: a\ntitle: b\nx: *alias\n";
        assert_eq!(text(block, "summary").as_deref(), Some("folded text"));
        assert_eq!(text(block, "title").as_deref(), Some("b"));
        assert_eq!(text(block, "notes"), None);
        assert_eq!(salvage("title: *a\n"), Vec::new());
        assert_eq!(
            text("title: &t !!str Named\n", "title").as_deref(),
            Some("Named")
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for block in [
            "",
            ":",
            "title:",
            "title: '",
            "title: \"\\",
            "tags: [",
            "a\u{0}: é",
            "title: \"\\u12\"",
        ] {
            let _ = salvage(block);
        }
        let long = format!("title: {}\n", "é".repeat(MAX_BLOCK_BYTES));
        assert!(text(&long, "title").is_some_and(|t| t.len() <= MAX_BLOCK_BYTES));
    }
}
