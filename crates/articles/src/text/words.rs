//! Plain text written with its whitespace collapsed as it comes: each run of whitespace
//! (Unicode's, as `char::is_whitespace` reads it) becomes one space, a break between blocks
//! (paragraphs, list items, table cells) one newline, so search can tell words side by side
//! from words in two blocks; none is left at either end. One pass, instead of writing the text
//! out and collapsing it again.

use super::whitespace::{may_start_whitespace, whitespace_len};
use super::Sink;

/// The words written so far, one space (or newline) between each two.
pub struct Words {
    text: String,
    /// What ended since the last word was written: the next one is a new word (in a new block).
    gap: Gap,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    Block,
}

impl Words {
    pub fn with_capacity(capacity: usize) -> Self {
        Words {
            text: String::with_capacity(capacity),
            gap: Gap::None,
        }
    }

    /// Ends the current word, as whitespace would.
    pub fn space(&mut self) {
        self.gap = self.gap.max(Gap::Space);
    }

    /// Ends the current block: the next word starts on a new line.
    pub fn block(&mut self) {
        self.gap = Gap::Block;
    }

    /// Where the text ends now: after a [`Words::space`], the start of the words to come.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// The words written since `start` (a [`Words::len`] taken after a [`Words::space`]).
    pub fn since(&self, start: usize) -> String {
        let after = self.text.get(start..).unwrap_or_default();
        after.strip_prefix([' ', '\n']).unwrap_or(after).to_owned()
    }

    pub fn into_string(self) -> String {
        self.text
    }

    /// Appends a piece of a word (`piece` holds no whitespace).
    fn push_piece(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            match self.gap {
                Gap::None => {}
                Gap::Space => self.text.push(' '),
                Gap::Block => self.text.push('\n'),
            }
        }
        self.gap = Gap::None;
        self.text.push_str(piece);
    }
}

impl Sink for Words {
    fn push_str(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut piece_start = 0;
        let mut at = 0;
        // Byte by byte, quickly past those that cannot start whitespace (CJK ideographs among
        // them). Whitespace starts at a char boundary and ends at one, so every piece is
        // sliced at char boundaries.
        while at < bytes.len() {
            if !may_start_whitespace(bytes[at]) {
                at += 1;
                continue;
            }
            let space = whitespace_len(bytes, at);
            if space == 0 {
                at += 1;
                continue;
            }
            self.push_piece(text.get(piece_start..at).unwrap_or_default());
            self.space();
            at += space;
            piece_start = at;
        }
        self.push_piece(text.get(piece_start..).unwrap_or_default());
    }

    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space();
        } else {
            self.push_piece(c.encode_utf8(&mut [0; 4]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collapsed(pieces: &[&str]) -> String {
        let mut words = Words::with_capacity(0);
        for piece in pieces {
            words.push_str(piece);
        }
        words.into_string()
    }

    #[test]
    fn runs_of_whitespace_become_one_space() {
        assert_eq!(
            collapsed(&[" a \t\u{3000}b\u{a0}\u{2028}中文\u{b}c  "]),
            "a b 中文 c"
        );
        assert_eq!(collapsed(&[" \n ", ""]), "");
        assert_eq!(collapsed(&["wo", "rd", " next"]), "word next");
    }

    #[test]
    fn words_since_a_space() {
        let mut words = Words::with_capacity(0);
        words.push_str("before");
        words.space();
        let start = words.len();
        words.push_str("  the ");
        words.push('\u{a0}');
        words.push('x');
        assert_eq!(words.since(start), "the x");
        assert_eq!(words.into_string(), "before the x");
    }
}
