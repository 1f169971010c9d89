//! Reading tag syntax: names, arguments, end tags, and where code starts and ends.

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
pub fn find_end_tag<'a>(
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

/// Length of an inline code span at `rest` (a run of backticks, its content and the matching
/// run on the same line), or of the backtick run alone when it is not closed.
pub fn code_span_len(rest: &str) -> usize {
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

pub fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for ch in text.chars() {
        current = if ch == c { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// The largest char boundary of `text` not after `limit`.
pub fn floor_boundary(text: &str, limit: usize) -> usize {
    let mut at = limit.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
