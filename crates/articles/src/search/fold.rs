//! Folding text for search: the same form for the text and the query, so that `Café`, `cafe`
//! and `ｃａｆｅ` meet. Compatibility forms are unified (NFKC: full-width Latin and digits,
//! half-width katakana, ligatures), Latin, Greek and Cyrillic accents are dropped, letters are
//! lowercased. Chinese, Japanese and Korean characters are kept as they are.
//!
//! Search then reads the folded text as *tokens* — Latin words (letters and digits of any
//! alphabet but CJK) and single CJK letters — and everything else (spaces, punctuation, symbols)
//! as separation: [`canonical_into`] writes each run of separators as one space (one newline
//! where it holds a line break, as between blocks of an article's text, which no query term
//! spans), so `node.js`, `node js` and `node — js` meet too. The in-memory index searches this form, the
//! hosted index stores its tokens' positions, and both give the same matches.
//!
//! The Unicode normalizer runs at build time (`build.rs`), which writes the characters whose
//! folding differs from lowercasing into a table: its data stays out of every download.

use std::cell::RefCell;

use super::highlight::is_word_char;

include!("fold_rules.rs");
include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));

/// `text` folded.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        // Most text is runs of ASCII (lowercased in place) or of CJK letters (kept as they are):
        // each run is copied at once, so only the other characters go one by one.
        let run = if first.is_ascii() {
            rest.bytes().position(|b| !b.is_ascii())
        } else if is_cjk_letter(first) {
            Some(cjk_run(rest))
        } else {
            fold_char(first, &mut out);
            rest = &rest[first.len_utf8()..];
            continue;
        };
        let (verbatim, after) = rest.split_at(run.unwrap_or(rest.len()));
        let start = out.len();
        out.push_str(verbatim);
        out[start..].make_ascii_lowercase();
        rest = after;
    }
    out
}

/// How many bytes of CJK letters `text` starts with: such a run is copied as it is.
fn cjk_run(text: &str) -> usize {
    text.char_indices()
        .find(|&(_, c)| !is_cjk_letter(c))
        .map_or(text.len(), |(at, _)| at)
}

/// Whether `c` separates tokens: neither a word character nor a CJK letter.
pub fn is_separator(c: char) -> bool {
    !is_word_char(c) && !is_cjk_letter(c)
}

/// `text` in canonical form: folded, each run of separators one space (a newline if it holds
/// one), none at either end.
pub fn canonical(text: &str) -> String {
    let mut out = String::new();
    canonical_into(text, &mut out);
    out
}

/// `text` in canonical form, added to `out`: folded and parted in one pass (an article's
/// whole text goes through here as it is indexed, most of it runs of ASCII letters or of CJK
/// letters, each copied at once; only the other characters are folded one by one).
pub fn canonical_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    let mut canonical = Canonical {
        start: out.len(),
        out,
        gap: None,
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut folded = String::new();
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii_alphanumeric() {
            let end = bytes
                .get(at..)
                .and_then(|rest| rest.iter().position(|b| !b.is_ascii_alphanumeric()))
                .map_or(bytes.len(), |run| at + run);
            canonical.keep(text.get(at..end).unwrap_or_default());
            canonical.lowercase_last(end - at);
            at = end;
            continue;
        }
        if byte.is_ascii() {
            canonical.part(byte == b'\n');
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if is_cjk_letter(c) {
            let end = at + text.get(at..).map_or(0, cjk_run);
            canonical.keep(text.get(at..end).unwrap_or_default());
            at = end;
            continue;
        }
        if let Some((f, separates)) = FOLDS.with(|folds| folds.get(c)) {
            canonical.folded(f, separates);
        } else {
            folded.clear();
            fold_char(c, &mut folded);
            let mut chars = folded.chars();
            if let (Some(f), None) = (chars.next(), chars.next()) {
                FOLDS.with(|folds| folds.put(c, f, is_separator(f)));
            }
            for f in folded.chars() {
                canonical.folded(f, is_separator(f));
            }
        }
        at += c.len_utf8();
    }
}

thread_local! {
    static FOLDS: Folds = const { Folds(RefCell::new([('\0', '\0', false); FOLDS_KEPT])) };
}

/// Characters folded lately, each kept at a place of its own by its low bits.
const FOLDS_KEPT: usize = 256;

/// What folding made of the characters that are neither ASCII nor CJK letters lately read, when
/// it made one character: `(character, folded, whether that separates)`, `'\0'` for none yet.
/// Such a character takes two searches of the folding table and the Unicode tables of
/// lowercase and of letters, which for text in Cyrillic, Greek or accented Latin (or Chinese
/// punctuation) was a quarter of indexing it; a text uses few of them, over and over.
struct Folds(RefCell<[(char, char, bool); FOLDS_KEPT]>);

impl Folds {
    fn get(&self, c: char) -> Option<(char, bool)> {
        let kept = self.0.borrow().get(place(c)).copied();
        kept.filter(|&(from, _, _)| from == c)
            .map(|(_, to, separates)| (to, separates))
    }

    fn put(&self, c: char, folded: char, separates: bool) {
        if let Some(slot) = self.0.borrow_mut().get_mut(place(c)) {
            *slot = (c, folded, separates);
        }
    }
}

/// Where `c` is kept in [`Folds`].
fn place(c: char) -> usize {
    c as usize % FOLDS_KEPT
}

/// Text being written in canonical form.
struct Canonical<'a> {
    out: &'a mut String,
    /// Where it began in `out`: separators before its first token are dropped.
    start: usize,
    /// The separation owed before the next token: a space, or a newline if the run held one.
    gap: Option<char>,
}

impl Canonical<'_> {
    /// Writes kept characters (folded), after the separation owed.
    fn keep(&mut self, run: &str) {
        if let Some(space) = self.gap.take() {
            self.out.push(space);
        }
        self.out.push_str(run);
    }

    /// Writes a character folding made, or reads it as a separator.
    fn folded(&mut self, c: char, separates: bool) {
        if separates {
            self.part(c == '\n');
        } else {
            self.keep(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// Lowercases the last `bytes` written, ASCII letters and digits.
    fn lowercase_last(&mut self, bytes: usize) {
        let from = self.out.len().saturating_sub(bytes);
        if let Some(run) = self.out.get_mut(from..) {
            run.make_ascii_lowercase();
        }
    }

    /// Reads a separator (`line`: a line break).
    fn part(&mut self, line: bool) {
        if self.out.len() > self.start {
            self.gap = Some(if line || self.gap == Some('\n') {
                '\n'
            } else {
                ' '
            });
        }
    }
}

/// `text` in canonical form, with where its characters came from: for each character of `text`
/// that is kept, `(its byte offset in the canonical form, its own byte offset)`, a run of
/// separators leading back to its first character, and a last entry for the end.
pub fn canonical_with_offsets(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    let mut folded = String::new();
    // Where the pending run of separators began, and whether it holds a line break.
    let mut gap: Option<(usize, bool)> = None;
    for (at, c) in text.char_indices() {
        folded.clear();
        fold_char(c, &mut folded);
        let mut first = true;
        for f in folded.chars() {
            if is_separator(f) {
                if !out.is_empty() {
                    let (run, line) = gap.unwrap_or((at, false));
                    gap = Some((run, line || f == '\n'));
                }
                continue;
            }
            if let Some((run, line)) = gap.take() {
                offsets.push((out.len(), run));
                out.push(if line { '\n' } else { ' ' });
            }
            if first {
                offsets.push((out.len(), at));
                first = false;
            }
            out.push(f);
        }
    }
    offsets.push((out.len(), gap.map_or(text.len(), |(run, _)| run)));
    (out, offsets)
}

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_cjk_letter(c) {
        // Already in normal form; the common case of Chinese text skips the normalizer.
        out.push(c);
        return;
    }
    let code = c as u32;
    let run = RUNS.partition_point(|&(_, last, _)| last < code);
    if let Some(&(first, _, distance)) = RUNS.get(run) {
        if let Some(folded) = (first <= code)
            .then(|| char::from_u32(code.wrapping_add(distance)))
            .flatten()
        {
            out.push(folded);
            return;
        }
    }
    if let Ok(at) = MANY.binary_search_by_key(&code, |&(c, _, _)| c) {
        let (_, start, end) = MANY[at];
        if let Some(folded) = POOL.get(start as usize..end as usize) {
            out.push_str(folded);
            return;
        }
    }
    out.extend(c.to_lowercase());
}

#[cfg(test)]
mod tests {
    use super::*;
    use icu_normalizer::{ComposingNormalizer, DecomposingNormalizer};

    /// The build's table folds every character as the Unicode normalizer does.
    #[test]
    fn the_table_folds_as_the_normalizer() {
        let mut folded = String::new();
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            if is_cjk_letter(c) {
                continue;
            }
            let mut buffer = [0; 4];
            let decomposed =
                DecomposingNormalizer::new_nfkd().normalize(c.encode_utf8(&mut buffer));
            let bare: String = decomposed.chars().filter(|&c| !is_accent(c)).collect();
            let expected: String = ComposingNormalizer::new_nfc()
                .normalize(&bare)
                .chars()
                .flat_map(char::to_lowercase)
                .collect();
            folded.clear();
            fold_char(c, &mut folded);
            assert_eq!(folded, expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn case_accents_and_widths_fold_together() {
        assert_eq!(fold("Café CRÈME"), "cafe creme");
        assert_eq!(fold("ｃａｆｅ　１２３"), "cafe 123");
        assert_eq!(fold("ﬁne Straße Ωμέγα"), "fine straße ωμεγα");
        assert_eq!(fold("ｶﾀｶﾅ"), "カタカナ");
    }

    #[test]
    fn chinese_japanese_and_korean_stay_as_written() {
        assert_eq!(
            fold("新浪财经－國內 がぎ 한국어"),
            "新浪财经-國內 がぎ 한국어"
        );
    }

    #[test]
    fn separators_become_one_space() {
        assert_eq!(canonical("  Node.js — the C++ way!"), "node js the c way");
        assert_eq!(canonical("新浪财经－國內，がぎ"), "新浪财经 國內 がぎ");
        assert_eq!(canonical("rust中文 ..."), "rust中文");
        assert_eq!(canonical("¿¡!"), "");
        assert_eq!(
            canonical("index |\n| page, next"),
            "index\npage next",
            "a line break stays"
        );
        let mut fields = String::from("title\n");
        canonical_into(" ,Node.JS — 中文\n", &mut fields);
        assert_eq!(
            fields, "title\nnode js 中文",
            "added after other text, separators at its ends dropped"
        );
    }

    /// The form written a run at a time is the one written a character at a time: every
    /// string of up to four of these pieces (letters, separators, a line break, CJK letters
    /// and punctuation, an iteration mark that is a letter, characters that fold).
    #[test]
    fn runs_are_kept_as_characters_are() {
        const PIECES: [&str; 10] = ["a", "Z", " ", "\n", "。", "中", "々", "É", ", ", "ｂ"];
        let strings = crate::sequences::sequences(&PIECES, 4);
        for text in strings.iter().filter(|s| s.chars().count() <= 5) {
            assert_eq!(canonical(text), canonical_with_offsets(text).0, "{text:?}");
        }
    }

    /// Characters folded from memory ([`Folds`]) come out as when first folded, whatever else
    /// shared their place since.
    #[test]
    fn folds_from_memory_are_the_same() {
        let text: String = (0x80..0x3100)
            .chain(0xFF00..0xFFF0)
            .filter_map(char::from_u32)
            .flat_map(|c| ['a', c])
            .collect();
        let first = canonical(&text);
        assert_eq!(canonical(&text), first);
        assert_eq!(canonical_with_offsets(&text).0, first);
    }

    #[test]
    fn canonical_offsets_lead_back_to_the_original() {
        let text = "Éa, ｂ!";
        let (out, offsets) = canonical_with_offsets(text);
        assert_eq!(out, "ea b");
        // É, a, the space standing for ", ", ｂ; the end is where the trailing "!" begins.
        assert_eq!(offsets, [(0, 0), (1, 2), (2, 3), (3, 5), (4, 8)]);
    }
}
