//! Reading tag syntax: names, arguments, end tags, and where code starts and ends.

use std::collections::HashMap;

pub fn looks_like_url(word: &str) -> bool {
    word.starts_with("http://") || word.starts_with("https://") || word.starts_with('/')
}

pub fn is_image(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}

/// `lang:rust` (Hexo codeblock) or a bare first word (Jekyll highlight, Hugo highlight).
pub fn code_language(args: &str) -> Option<String> {
    let words = arguments(args);
    let lang = words
        .iter()
        .find_map(|w| w.strip_prefix("lang:"))
        .or_else(|| {
            words
                .first()
                .map(String::as_str)
                .filter(|w| !w.contains([':', '/', '.']))
        })?;
    let lang: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '_' | '#'))
        .collect();
    (!lang.is_empty()).then_some(lang)
}

/// The tag name and the rest of its text.
pub fn split_name(inner: &str) -> (&str, &str) {
    let inner = inner.trim();
    match inner.find(char::is_whitespace) {
        Some(at) => (&inner[..at], inner[at..].trim()),
        None => (inner, ""),
    }
}

/// Arguments split on whitespace, with `"…"` and `'…'` kept together (quotes removed).
pub fn arguments(args: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    for c in args.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') if word.is_empty() => quote = Some(c),
            (None, c) if c.is_whitespace() || c == ',' => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            (None, c) => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The value of `key="value"` (or `key=value`) in a shortcode's arguments.
pub fn named_argument(args: &str, key: &str) -> Option<String> {
    let mut search = args;
    while let Some(at) = search.find(key) {
        let before_ok = search[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let after = &search[at + key.len()..];
        if before_ok {
            if let Some(value) = after.trim_start().strip_prefix('=') {
                let value = value.trim_start();
                return Some(match value.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        value[1..].split(q).next().unwrap_or_default().to_owned()
                    }
                    _ => value
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                });
            }
        }
        search = after;
    }
    None
}

/// Finds `{% end_tag %}` (with the given delimiters); returns the content before it and the
/// bytes up to the end of the end tag.
///
/// Linear in `body`: every opener is checked against the first closer after it, which is found
/// once and reused by every opener before it (a line of `{%` followed by one far `%}` once
/// read the line for each `{%`), and [`is_tag_named`] reads no further than the name.
pub fn find_end_tag<'a>(
    body: &'a str,
    open: &str,
    close: &str,
    end_tag: &str,
) -> Option<(&'a str, usize)> {
    let mut from = 0;
    let mut next_close: Option<usize> = None;
    while let Some(at) = body[from..].find(open) {
        let start = from + at;
        let inner_start = start + open.len();
        let close_at = match next_close {
            Some(close_at) if close_at >= inner_start => close_at,
            _ => {
                let close_at = inner_start + body[inner_start..].find(close)?;
                next_close = Some(close_at);
                close_at
            }
        };
        if is_tag_named(&body[inner_start..close_at], end_tag) {
            return Some((&body[..start], close_at + close.len()));
        }
        from = inner_start;
    }
    None
}

/// Whether the text between a tag's delimiters is `name` once trimmed of whitespace and of
/// Liquid's whitespace-control dashes (`{%- endraw -%}`), as
/// `inner.trim().trim_matches('-').trim() == name` would say for a name that neither starts nor
/// ends with a space or a dash, but reading only the padding before the name and, when the name
/// matches, the padding after it.
fn is_tag_named(inner: &str, name: &str) -> bool {
    unpadded(inner)
        .strip_prefix(name)
        .is_some_and(|after| unpadded(after).is_empty())
}

/// `text` without its leading whitespace, then dashes, then whitespace.
fn unpadded(text: &str) -> &str {
    text.trim_start().trim_start_matches('-').trim_start()
}

/// Length of a fenced code block starting at `rest` (to the closing fence or the end), or
/// `None` when `rest` does not start with a fence.
pub fn fenced_code_len(rest: &str) -> Option<usize> {
    let indent = rest.len() - rest.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let line = &rest[indent..];
    let fence_char = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let fence_len = line.len() - line.trim_start_matches(fence_char).len();
    if fence_len < 3 {
        return None;
    }
    let first_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if fence_char == '`' && rest[indent + fence_len..first_end].contains('`') {
        return None;
    }
    let mut pos = first_end;
    while pos < rest.len() {
        let line_end = rest[pos..].find('\n').map_or(rest.len(), |i| pos + i + 1);
        let candidate = rest[pos..line_end].trim();
        if candidate.len() >= fence_len && candidate.chars().all(|c| c == fence_char) {
            return Some(line_end);
        }
        pos = line_end;
    }
    Some(rest.len())
}

/// The backtick runs of one line, listed once, so that the code spans on it find their closing
/// runs without reading the rest of the line each: a line of runs of growing length
/// (`` ` `` `` `` `` ``` ``…), none closed, made that quadratic.
#[derive(Debug, Default)]
pub struct CodeSpans {
    /// The listed stretch of the source: every run that starts in `from..line_end`.
    from: usize,
    line_end: usize,
    /// Where the runs start, by their length, in order.
    runs: HashMap<usize, Vec<usize>>,
}

impl CodeSpans {
    /// Length of an inline code span at byte `at` of `source` (a run of backticks, its content
    /// and the next run as long on the same line), or of the backtick run alone when it is not
    /// closed. `at` starts a run (the byte before it is not a backtick).
    pub fn span_len(&mut self, source: &str, at: usize) -> usize {
        let rest = source.get(at..).unwrap_or_default();
        let run = rest.len() - rest.trim_start_matches('`').len();
        if !(self.from..self.line_end).contains(&at) {
            self.list_line(source, at);
        }
        let closing = self.runs.get(&run).and_then(|starts| {
            let after = starts.partition_point(|&start| start <= at);
            starts.get(after)
        });
        closing.map_or(run, |&start| start + run - at)
    }

    /// Lists the runs from `at` to the end of its line.
    fn list_line(&mut self, source: &str, at: usize) {
        let bytes = source.as_bytes();
        let tail = bytes.get(at..).unwrap_or_default();
        self.from = at;
        self.line_end = at + memchr::memchr(b'\n', tail).unwrap_or(tail.len());
        self.runs.clear();
        let line = bytes.get(..self.line_end).unwrap_or_default();
        let mut pos = at;
        // Each iteration moves past one run (at least one byte).
        while let Some(found) = memchr::memchr(b'`', line.get(pos..).unwrap_or_default()) {
            let start = pos + found;
            let len = line[start..].iter().take_while(|&&b| b == b'`').count();
            self.runs.entry(len).or_default().push(start);
            pos = start + len;
        }
    }
}

pub fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for ch in text.chars() {
        current = if ch == c { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// Where a delimiter next occurs in a source read from start to end, remembered between
/// searches. The expander looks for a closer (`%}`, `}}`…) at every `{%` or `{{`, and a run of
/// them once read the same text again for each; one search now answers every later one until
/// its match is passed, so each byte is read about once per delimiter.
#[derive(Debug, Default)]
pub struct NextMatch {
    /// Where the last search started, and what it found (`None`: nothing after that).
    last: Option<(usize, Option<usize>)>,
}

impl NextMatch {
    /// The first occurrence of `needle` in `source` at or after byte `from`.
    pub fn find(&mut self, source: &str, needle: &str, from: usize) -> Option<usize> {
        match self.last {
            // Nothing between the last start and its match, so that match is the next one.
            Some((start, found)) if start <= from && found.is_none_or(|at| from <= at) => found,
            _ => {
                let found = source.get(from..)?.find(needle).map(|at| from + at);
                self.last = Some((from, found));
                found
            }
        }
    }
}

/// The largest char boundary of `text` not after `limit`.
pub fn floor_boundary(text: &str, limit: usize) -> usize {
    let mut at = limit.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sequences::sequences;

    /// `find_end_tag` as it was before it was made linear, the meaning it must keep.
    fn find_end_tag_by_trimming<'a>(
        body: &'a str,
        open: &str,
        close: &str,
        end_tag: &str,
    ) -> Option<(&'a str, usize)> {
        let mut from = 0;
        while let Some(at) = body[from..].find(open) {
            let start = from + at;
            let inner_start = start + open.len();
            let close_at = body[inner_start..].find(close)?;
            let inner = body[inner_start..inner_start + close_at]
                .trim()
                .trim_matches('-')
                .trim();
            if inner == end_tag {
                return Some((&body[..start], inner_start + close_at + close.len()));
            }
            from = inner_start;
        }
        None
    }

    #[test]
    fn end_tags_are_found_as_before() {
        let tokens = ["{%", "%}", " ", "-", "endraw", "x", "\n"];
        for body in sequences(&tokens, 6) {
            assert_eq!(
                find_end_tag(&body, "{%", "%}", "endraw"),
                find_end_tag_by_trimming(&body, "{%", "%}", "endraw"),
                "{body:?}"
            );
        }
        let tokens = ["{{<", ">}}", "{{", " ", "/raw", ">", "}"];
        for body in sequences(&tokens, 5) {
            assert_eq!(
                find_end_tag(&body, "{{<", ">}}", "/raw"),
                find_end_tag_by_trimming(&body, "{{<", ">}}", "/raw"),
                "{body:?}"
            );
        }
    }

    /// The code span length as it was before the runs were listed once per line.
    fn code_span_len_by_scanning(rest: &str) -> usize {
        let run = rest.len() - rest.trim_start_matches('`').len();
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let mut pos = run;
        while pos < line_end {
            let Some(at) = rest[pos..line_end].find('`') else {
                break;
            };
            let start = pos + at;
            let len = rest[start..].len() - rest[start..].trim_start_matches('`').len();
            if len == run {
                return start + len;
            }
            pos = start + len;
        }
        run
    }

    #[test]
    fn code_spans_end_as_before() {
        for source in sequences(&["`", "``", "x", "\n"], 7) {
            // Walk the source as the expander does: code spans, then one byte at a time.
            let mut spans = CodeSpans::default();
            let mut at = 0;
            while at < source.len() {
                let starts_run =
                    source.as_bytes()[at] == b'`' && (at == 0 || source.as_bytes()[at - 1] != b'`');
                if !starts_run {
                    at += 1;
                    continue;
                }
                let len = spans.span_len(&source, at);
                assert_eq!(
                    len,
                    code_span_len_by_scanning(&source[at..]),
                    "{source:?} at {at}"
                );
                at += len;
            }
        }
    }

    #[test]
    fn the_next_match_is_the_first_after_the_position() {
        for source in sequences(&["%}", "%", "}", "x"], 6) {
            let mut next = NextMatch::default();
            for from in (0..=source.len()).filter(|at| source.is_char_boundary(*at)) {
                let expected = source[from..].find("%}").map(|at| from + at);
                assert_eq!(
                    next.find(&source, "%}", from),
                    expected,
                    "{source:?} {from}"
                );
            }
        }
    }
}
