//! Where a query's terms are in a text, in the text's own byte offsets: for `<mark>` in cards
//! and in the reader.

use std::ops::Range;

use memchr::memmem;

use super::fold::{canonical_with_offsets, is_cjk_letter};
use super::query::{Query, TermKind};

/// The byte ranges of `text` that the query's terms (not its exclusions) match, in order,
/// without overlaps.
pub fn hits(text: &str, query: &Query) -> Vec<Range<usize>> {
    if query.terms.iter().all(|t| t.excluded) {
        return Vec::new();
    }
    let (folded, offsets) = canonical_with_offsets(text);
    let bytes = folded.as_bytes();
    let mut found: Vec<Range<usize>> = Vec::new();
    for term in query.terms.iter().filter(|t| !t.excluded) {
        let finder = memmem::Finder::new(term.text.as_bytes());
        for start in places(&finder, bytes) {
            let end = start + term.text.len();
            let word_start = !folded[..start]
                .chars()
                .next_back()
                .is_some_and(is_word_char);
            let word_end = !folded[end..].chars().next().is_some_and(is_word_char);
            let counts = match term.kind {
                TermKind::Prefix => word_start,
                TermKind::Word => word_start && word_end,
                TermKind::Phrase => bounded(&term.text, word_start, word_end),
                TermKind::Exact => bounded(&term.text, word_start, true),
            };
            if counts {
                found.push(original(&offsets, start, end));
            }
        }
    }
    // Equal keys are equal ranges: unstable is exact.
    found.sort_unstable_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in found {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// A piece of a snippet: text, and whether it is a hit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub hit: bool,
}

/// A short passage of `text` around its first hit (about `chars` characters), cut into pieces;
/// `None` when nothing in `text` matches.
pub fn snippet(text: &str, query: &Query, chars: usize) -> Option<Vec<Piece>> {
    let hits = hits(text, query);
    let first = hits.first()?;
    // Start a little before the first hit, at a character boundary.
    let lead = chars / 4;
    let start = text[..first.start]
        .char_indices()
        .rev()
        .nth(lead.saturating_sub(1))
        .map_or(0, |(at, _)| at);
    let end = text[start..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| start + at);
    let mut pieces = Vec::new();
    if start > 0 {
        pieces.push(plain("…"));
    }
    pieces.extend(cut(text, &hits, start..end));
    if end < text.len() {
        pieces.push(plain("…"));
    }
    Some(pieces)
}

/// The whole of `text` cut into pieces, its hits marked (a title).
pub fn marked(text: &str, query: &Query) -> Vec<Piece> {
    cut(text, &hits(text, query), 0..text.len())
}

/// The part `range` of `text` as plain pieces and hits.
fn cut(text: &str, hits: &[Range<usize>], range: Range<usize>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut at = range.start;
    for hit in hits.iter().filter(|h| h.start < range.end) {
        let hit_start = hit.start.max(at);
        let hit_end = hit.end.min(range.end);
        if hit_start > at {
            pieces.push(plain(&text[at..hit_start]));
        }
        if hit_end > hit_start {
            pieces.push(Piece {
                text: text[hit_start..hit_end].to_owned(),
                hit: true,
            });
        }
        at = hit_end.max(at);
    }
    if at < range.end {
        pieces.push(plain(&text[at..range.end]));
    }
    pieces
}

fn plain(text: &str) -> Piece {
    Piece {
        text: text.to_owned(),
        hit: false,
    }
}

/// Whether a Latin word or number character (words of a phrase must match whole).
pub fn is_word_char(c: char) -> bool {
    // CJK letters are ruled out first: a range check, cheaper than the Unicode tables.
    c.is_ascii_alphanumeric() || (!c.is_ascii() && !is_cjk_letter(c) && c.is_alphanumeric())
}

/// Whether a match of `phrase` is whole at its edges: where the phrase begins (ends) with a
/// word character, the text must not continue the word there.
pub fn bounded(phrase: &str, word_start: bool, word_end: bool) -> bool {
    let starts_word = phrase.chars().next().is_some_and(is_word_char);
    let ends_word = phrase.chars().next_back().is_some_and(is_word_char);
    (!starts_word || word_start) && (!ends_word || word_end)
}

/// Every place of `finder`'s needle in `haystack`, overlapping ones too: a match may overlap
/// a place that does not count (`"one two one"` in "someone two one two one", whose first
/// place starts inside a word), and [`memmem::find_iter`] goes on only past each place's end.
pub(crate) fn places<'a>(
    finder: &'a memmem::Finder<'a>,
    haystack: &'a [u8],
) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + finder.find(haystack.get(from..)?)?;
        from = at + 1;
        Some(at)
    })
}

/// The original byte range of the folded range `start..end`.
fn original(offsets: &[(usize, usize)], start: usize, end: usize) -> Range<usize> {
    // The character whose folding contains `start`, and the first one starting at or after `end`.
    let from = offsets
        .partition_point(|&(folded, _)| folded <= start)
        .saturating_sub(1);
    let to = offsets.partition_point(|&(folded, _)| folded < end);
    let original_start = offsets.get(from).map_or(0, |&(_, o)| o);
    let original_end = offsets.get(to).map_or(original_start, |&(_, o)| o);
    original_start..original_end.max(original_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_are_found_in_the_original_text() {
        let text = "Café culture: CAFÉS and 咖啡馆, not a cafeteria-free zone";
        let query = Query::parse("café 咖啡");
        let marked: Vec<&str> = hits(text, &query).into_iter().map(|r| &text[r]).collect();
        assert_eq!(marked, ["Café", "CAFÉ", "咖啡", "cafe"]);
    }

    #[test]
    fn whole_words_phrases_and_exclusions() {
        let text = "rust and rusty, Hello World";
        assert_eq!(
            hits(text, &Query::parse(r#""rust" -rusty "hello world""#))
                .into_iter()
                .map(|r| &text[r])
                .collect::<Vec<_>>(),
            ["rust", "Hello World"]
        );
        assert!(hits(text, &Query::parse("-rust")).is_empty());
        let lighting = "lighting engines, a light engine";
        assert_eq!(
            hits(lighting, &Query::parse(r#""light engine""#))
                .into_iter()
                .map(|r| &lighting[r])
                .collect::<Vec<_>>(),
            ["light engine"]
        );
    }

    #[test]
    fn a_hit_overlapping_a_place_inside_a_word_is_marked() {
        let text = "someone two one two one";
        for query in [r#""one two one""#, "one.two.one"] {
            let hits = hits(text, &Query::parse(query));
            let marked: Vec<&str> = hits.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(marked, ["one two one"], "{query}");
            assert_eq!(hits[0].start, 12, "the last place, not inside someone");
        }
    }

    #[test]
    fn a_whole_title_is_marked() {
        let pieces = marked("Rust 与 rust", &Query::parse("rust"));
        let shown: Vec<(&str, bool)> = pieces.iter().map(|p| (p.text.as_str(), p.hit)).collect();
        assert_eq!(shown, [("Rust", true), (" 与 ", false), ("rust", true)]);
    }

    #[test]
    fn a_snippet_is_cut_around_the_first_hit() {
        let text = format!("{} 关键词 {}", "前".repeat(100), "后".repeat(100));
        let pieces = snippet(&text, &Query::parse("关键"), 40).unwrap_or_default();
        let hit: Vec<&Piece> = pieces.iter().filter(|p| p.hit).collect();
        assert_eq!(hit.len(), 1);
        assert_eq!(hit[0].text, "关键");
        assert_eq!(pieces.first().map(|p| p.text.as_str()), Some("…"));
        assert_eq!(pieces.last().map(|p| p.text.as_str()), Some("…"));
        let shown: usize = pieces.iter().map(|p| p.text.chars().count()).sum();
        assert!(shown <= 42, "{shown}");
        assert_eq!(snippet("nothing here", &Query::parse("关键"), 40), None);
    }
}
