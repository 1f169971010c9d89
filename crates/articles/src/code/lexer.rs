//! Colouring one block of code: comments, strings, numbers, keywords and literals (and tags
//! or keys where the language has them) become `<span class="hl-…">`, everything else stays
//! plain text. The output is escaped HTML whatever the input.

use super::languages::Language;
use crate::body::escape;

/// The kinds of token that get a colour, and their class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Keyword,
    Literal,
    String,
    Comment,
    Number,
    /// A markup tag, or a key of a YAML mapping.
    Tag,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::Keyword => "hl-k",
            Kind::Literal => "hl-l",
            Kind::String => "hl-s",
            Kind::Comment => "hl-c",
            Kind::Number => "hl-n",
            Kind::Tag => "hl-t",
        }
    }
}

/// `code` as HTML with its tokens coloured.
pub fn highlight(code: &str, language: &Language) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    let mut at = 0;
    while at < code.len() {
        let rest = &code[at..];
        let (length, kind) = if language.markup {
            markup_token(rest)
        } else {
            token(code, at, language)
        };
        // Never stuck: every step takes at least one character.
        let length = length.max(rest.chars().next().map_or(1, char::len_utf8));
        let piece = &rest[..length.min(rest.len())];
        match kind {
            Some(kind) => {
                out.push_str("<span class=\"");
                out.push_str(kind.class());
                out.push_str("\">");
                escape::push_text(&mut out, piece);
                out.push_str("</span>");
            }
            None => escape::push_text(&mut out, piece),
        }
        at += piece.len();
    }
    out
}

/// The token at `at` in `code`: its length in bytes and its kind (`None`: plain).
fn token(code: &str, at: usize, language: &Language) -> (usize, Option<Kind>) {
    let rest = &code[at..];
    let Some(first) = rest.chars().next() else {
        return (0, None);
    };
    let at_word_start = code[..at]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    let comment_starts = language
        .line_comments
        .iter()
        .any(|marker| rest.starts_with(marker) && (*marker != "#" || at_word_start));
    if comment_starts {
        return (rest.find('\n').unwrap_or(rest.len()), Some(Kind::Comment));
    }
    if let Some((open, close)) = language.block_comment {
        if let Some(inside) = rest.strip_prefix(open) {
            let end = inside
                .find(close)
                .map_or(rest.len(), |end| open.len() + end + close.len());
            return (end, Some(Kind::Comment));
        }
    }
    if language.quotes.contains(&first) {
        return (string_length(rest, first), Some(Kind::String));
    }
    if first.is_ascii_digit() {
        let length = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
            .unwrap_or(rest.len());
        return (length, Some(Kind::Number));
    }
    if first.is_alphabetic() || matches!(first, '_' | '$' | '@' | '~') {
        let length = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
            .map_or(rest.len(), |(end, _)| end);
        let word = &rest[..length];
        let kind = if language.keys && is_key(code, at, length) {
            Some(Kind::Tag)
        } else if language.keywords.contains(&word) {
            Some(Kind::Keyword)
        } else if language.literals.contains(&word) {
            Some(Kind::Literal)
        } else {
            None
        };
        return (length, kind);
    }
    (first.len_utf8(), None)
}

/// A quoted string's length: to the closing quote (skipping escaped ones), or the end of the
/// line for a string left open; Python's and others' triple quotes run across lines.
fn string_length(rest: &str, quote: char) -> usize {
    let triple: String = [quote; 3].iter().collect();
    if let Some(inside) = rest.strip_prefix(&triple) {
        return inside
            .find(&triple)
            .map_or(rest.len(), |end| 2 * triple.len() + end);
    }
    let multiline = quote == '`';
    let mut escaped = false;
    for (at, c) in rest.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '\n' if !multiline => return at,
            c if c == quote => return at + c.len_utf8(),
            _ => {}
        }
    }
    rest.len()
}

/// Whether the word at `at` is a mapping key: first on its line (after indentation or a list
/// dash) and followed by a colon.
fn is_key(code: &str, at: usize, length: usize) -> bool {
    let line_start = code[..at].rfind('\n').map_or(0, |n| n + 1);
    let before = code[line_start..at].trim_start_matches([' ', '\t', '-']);
    let after =
        code[at + length..].trim_start_matches(|c: char| c.is_alphanumeric() || "_-. ".contains(c));
    before.is_empty() && after.starts_with(':')
}

/// The markup token at the start of `rest`: a comment, a tag (`<name` or `</name`, then its
/// attributes' values as strings), or plain text up to the next `<`.
fn markup_token(rest: &str) -> (usize, Option<Kind>) {
    if rest.starts_with("<!--") {
        let end = rest.find("-->").map_or(rest.len(), |end| end + 3);
        return (end, Some(Kind::Comment));
    }
    if let Some(name) = rest.strip_prefix("</").or_else(|| rest.strip_prefix('<')) {
        let length = name
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | ':' | '!' | '?')))
            .unwrap_or(name.len());
        if length > 0 {
            return (rest.len() - name.len() + length, Some(Kind::Tag));
        }
    }
    if let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        // A quoted attribute value (inside a tag, as markup text rarely quotes).
        return (string_length(rest, quote), Some(Kind::String));
    }
    let end = rest
        .find(['<', '"', '\''])
        .filter(|&end| end > 0)
        .unwrap_or(rest.len());
    (end, None)
}
