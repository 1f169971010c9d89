//! The independent answer search is held to: a plain scan of each article's text in canonical
//! form (folded, each run of separators one space; fields joined by newlines, which no query
//! term contains), as `articles::search` documents it.

use articles::search::fold::{canonical, is_cjk_letter};

/// An article's fields in canonical form, one per line.
pub fn searchable(fields: &[&str]) -> String {
    fields
        .iter()
        .map(|f| canonical(f))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk_letter(c)
}

/// Whether `text` (from [`searchable`]) has the term `term` (canonical) at the start of a word
/// (when it starts with one), and, if `whole`, ending at the end of one (when it ends with one).
pub fn contains(text: &str, term: &str, whole: bool) -> bool {
    let starts_word = term.chars().next().is_some_and(is_word);
    let ends_word = term.chars().next_back().is_some_and(is_word);
    // Every place, overlapping ones too: a place that does not count (inside a word) may
    // overlap one that does (`archives a` in "archives archives a").
    let mut from = 0;
    while let Some(found) = text[from..].find(term) {
        let at = from + found;
        let before = text[..at].chars().next_back().is_some_and(is_word);
        let after = text[at + term.len()..].chars().next().is_some_and(is_word);
        let cut_word = starts_word && before;
        let runs_on = whole && ends_word && after;
        if !cut_word && !runs_on {
            return true;
        }
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// A small deterministic random number generator (xorshift), so failures reproduce.
pub struct Random(pub u64);

impl Random {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}
