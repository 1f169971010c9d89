//! Text in canonical form ([`super::fold::canonical`]) read as tokens with positions: what the
//! hosted index stores and what a query asks of it.
//!
//! A token is a Latin word or one CJK letter. A position is a token's number times two, plus one
//! when a separator comes before it (`node js`) rather than nothing (`中文`, `rust中`); fields
//! (title, each label, summary, body) and the blocks of a text (a newline in canonical form)
//! are a number apart, so no query term spans two. A term
//! matches where its tokens follow one another with the same separations as in the term
//! itself: exactly where its canonical text is found, as the in-memory index finds it.

use super::fold::is_cjk_letter;
use super::highlight::is_word_char;

/// One token of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    Word(&'a str),
    /// A CJK letter, as the text's slice of it.
    Letter(&'a str),
}

impl<'a> Token<'a> {
    pub fn text(self) -> &'a str {
        match self {
            Token::Word(text) | Token::Letter(text) => text,
        }
    }
}

/// Walks the tokens of several fields (each in canonical form) with their positions.
#[derive(Debug, Default)]
pub struct Positions {
    /// The next token's number.
    next: u32,
    /// Whether a separator comes before it.
    parted: bool,
}

/// Where, from the token at `first`, the term's token at `offset` (its position in the term,
/// the first being at 0) must be.
pub fn following(first: u32, offset: u32) -> Option<u32> {
    (first & !1).checked_add(offset)
}

/// Whether the token at `after` touches the one at `before` (follows it, nothing between).
pub fn touching(before: u32, after: u32) -> bool {
    following(before, 2) == Some(after)
}

impl Positions {
    /// Calls `each(position, token)` for every token of `field`, after those of earlier fields.
    pub fn field<'a>(&mut self, field: &'a str, mut each: impl FnMut(u32, Token<'a>)) {
        if self.next > 0 {
            self.next += 1;
            self.parted = true;
        }
        let bytes = field.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            if byte == b' ' || byte == b'\n' {
                if byte == b'\n' {
                    self.next += 1;
                }
                self.parted = true;
                at += 1;
                continue;
            }
            let Some(c) = field.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let end = if is_cjk_letter(c) {
                at + c.len_utf8()
            } else {
                word_end(field, at)
            };
            let text = field.get(at..end).unwrap_or_default();
            let token = if is_cjk_letter(c) {
                Token::Letter(text)
            } else {
                Token::Word(text)
            };
            each(self.next * 2 + u32::from(self.parted), token);
            self.next += 1;
            self.parted = false;
            // A character that is neither (canonical form has none) is stepped over.
            at = end.max(at + c.len_utf8());
        }
    }
}

/// The tokens of one canonical text, with positions from 0.
pub fn tokens(text: &str) -> Vec<(u32, Token<'_>)> {
    let mut tokens = Vec::new();
    Positions::default().field(text, |at, token| tokens.push((at, token)));
    tokens
}

/// Where the word starting at `start` ends.
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    for c in text.get(start..).unwrap_or_default().chars() {
        if !is_word_char(c) {
            break;
        }
        end += c.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_say_what_parts_tokens() {
        assert_eq!(
            tokens("node js 中文rust"),
            [
                (0, Token::Word("node")),
                (3, Token::Word("js")),
                (5, Token::Letter("中")),
                (6, Token::Letter("文")),
                (8, Token::Word("rust")),
            ]
        );
        let mut seen = Vec::new();
        let mut positions = Positions::default();
        positions.field("a b", |at, _| seen.push(at));
        positions.field("c", |at, _| seen.push(at));
        assert_eq!(seen, [0, 3, 7], "fields lie a number apart");
        assert!(touching(5, 6) && !touching(0, 3) && !touching(3, 5));
    }
}
