//! Matching a library entry against what the reader typed in the search field.
//!
//! A first, simple matcher: every term must appear, case-insensitively, in the title, authors,
//! tags, categories, excerpt or body text. It is substring-based, so Chinese queries work
//! without word boundaries. The full-text index of a later release replaces it behind the same
//! call.

use crate::catalog::Summary;

/// Whether every whitespace-separated term of `query` occurs in `summary` or in `text` (the
/// article's body text, already lowercased with [`searchable`]; empty when not known).
pub fn matches(summary: &Summary, text: &str, query: &str) -> bool {
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if terms.is_empty() {
        return true;
    }
    let mut haystack = summary.title.to_lowercase();
    for part in summary
        .authors
        .iter()
        .chain(&summary.tags)
        .chain(summary.categories.iter().flatten())
        .chain(std::iter::once(&summary.excerpt))
    {
        haystack.push('\n');
        haystack.push_str(&part.to_lowercase());
    }
    terms
        .iter()
        .all(|term| haystack.contains(term.as_str()) || text.contains(term.as_str()))
}

/// An article's body text as [`matches`] takes it, prepared once rather than on every search.
pub fn searchable(text: &str) -> String {
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(title: &str, tags: &[&str]) -> Summary {
        Summary {
            id: "x".into(),
            path: "x.md".into(),
            title: title.into(),
            date: None,
            authors: vec![],
            categories: vec![vec!["金融".into(), "新浪财经".into()]],
            tags: tags.iter().map(|t| t.to_string()).collect(),
            cover: None,
            excerpt: "Some text".into(),
            lang: None,
            reading_minutes: 1,
        }
    }

    #[test]
    fn all_terms_must_match_anywhere() {
        let s = summary("人民日报：夯实脱贫群众就业增收基本盘", &["Rust"]);
        assert!(matches(&s, "", ""));
        assert!(matches(&s, "", "脱贫"));
        assert!(matches(&s, "", "rust 财经"));
        assert!(matches(&s, "", "SOME text"));
        assert!(!matches(&s, "", "rust python"));
    }

    #[test]
    fn the_body_text_counts_when_known() {
        let s = summary("Title", &[]);
        let text = searchable("Deep in the BODY: 正文里的词");
        assert!(!matches(&s, "", "body"));
        assert!(matches(&s, &text, "body 正文"));
        // Each term may match a different place.
        assert!(matches(&s, &text, "title body"));
        assert!(!matches(&s, &text, "body missing"));
    }
}
