//! What the reader typed, read as a query: terms that must all match, `"quoted phrases"` that
//! must appear as written, `-terms` that must not match. Terms are in canonical form
//! ([`canonical`]): punctuation in a term matches any punctuation or spacing.

use super::fold::{canonical, is_cjk_letter};

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// One part of a query, folded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub kind: TermKind,
    /// `-term`: articles matching it are left out.
    pub excluded: bool,
}

/// How a term matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermKind {
    /// One Latin word (or number), matched as the start of a word: results follow typing.
    Prefix,
    /// A quoted single word, matched as a whole word.
    Word,
    /// A quoted phrase: matched as written, its Latin words whole (`"light engine"` does not
    /// match "lighting engines").
    Phrase,
    /// Anything else unquoted (Chinese, words joined by punctuation): matched as written, from
    /// the start of a word (CJK letters need none); its last word may be the start of a longer.
    Exact,
}

impl Query {
    /// Reads `input`. Unbalanced quotes end at the end of the input.
    pub fn parse(input: &str) -> Query {
        let mut terms = Vec::new();
        let mut rest = input;
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            rest = &rest[start..];
            let excluded = rest.starts_with('-') && rest.len() > 1;
            let body = if excluded { &rest[1..] } else { rest };
            let (raw, quoted, consumed) = match body.strip_prefix('"') {
                Some(inner) => {
                    let end = inner.find('"').unwrap_or(inner.len());
                    let consumed = (end + 1).min(inner.len()) + 1;
                    (&inner[..end], true, consumed)
                }
                None => {
                    let end = body.find(char::is_whitespace).unwrap_or(body.len());
                    (&body[..end], false, end)
                }
            };
            rest = &body[consumed.min(body.len())..];
            // A query's lines are one line: line breaks part blocks of text, never a query's words.
            let text = canonical(raw).replace('\n', " ");
            if text.is_empty() {
                continue;
            }
            let kind = classify(&text, quoted);
            terms.push(Term {
                text,
                kind,
                excluded,
            });
        }
        Query { terms }
    }

    /// Whether the query asks for nothing (every article matches).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

fn classify(text: &str, quoted: bool) -> TermKind {
    let one_word = text
        .chars()
        .all(|c| c.is_alphanumeric() && !is_cjk_letter(c));
    match (one_word, quoted) {
        (true, false) => TermKind::Prefix,
        (true, true) => TermKind::Word,
        (false, true) => TermKind::Phrase,
        (false, false) => TermKind::Exact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str, kind: TermKind, excluded: bool) -> Term {
        Term {
            text: text.into(),
            kind,
            excluded,
        }
    }

    #[test]
    fn terms_phrases_and_exclusions() {
        let query =
            Query::parse(r#"  Rust "Hello , World" -draft 脱贫 -"old news" "exact" C++ - "#);
        assert_eq!(
            query.terms,
            [
                term("rust", TermKind::Prefix, false),
                term("hello world", TermKind::Phrase, false),
                term("draft", TermKind::Prefix, true),
                term("脱贫", TermKind::Exact, false),
                term("old news", TermKind::Phrase, true),
                term("exact", TermKind::Word, false),
                term("c", TermKind::Prefix, false),
            ],
            "a lone dash is nothing"
        );
    }

    #[test]
    fn an_open_quote_runs_to_the_end_and_blank_is_empty() {
        assert_eq!(
            Query::parse(r#""half open"#).terms,
            [term("half open", TermKind::Phrase, false)]
        );
        assert!(Query::parse("   ").is_empty());
        assert!(Query::parse(r#""""#).is_empty());
        assert_eq!(
            Query::parse("ＲＵＳＴ").terms,
            [term("rust", TermKind::Prefix, false)]
        );
    }
}
