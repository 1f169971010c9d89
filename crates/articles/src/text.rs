//! What is derived from the sanitized HTML: plain text for search and excerpts, the outline of
//! headings, word counts and reading time.
//!
//! It reads the sanitizer's own output, which is well-formed and free of scripts, styles and
//! comments, so a small scanner is enough and never sees hostile markup.

mod whitespace;
mod words;

use serde::{Deserialize, Serialize};

use words::Words;

/// One heading of the outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub level: u8,
    /// The element's `id` (already prefixed), empty when it has none.
    pub id: String,
    pub text: String,
}

/// Plain text and outline of sanitized HTML.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Whitespace-collapsed text, blocks separated by a newline.
    pub text: String,
    pub outline: Vec<Heading>,
}

/// Extracts text and headings from sanitized HTML.
pub fn extract(html: &str) -> Extracted {
    let mut text = Words::with_capacity(html.len());
    let mut outline = Vec::new();
    let mut heading: Option<(u8, String, usize)> = None;
    let mut rest = html;
    // memchr: most pieces of text and tags are short, where `str::find` costs more.
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        push_decoded(&mut text, &rest[..lt]);
        let Some(gt) = memchr::memchr(b'>', &rest.as_bytes()[lt..]) else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let closing = tag.starts_with('/');
        let unslashed = tag.trim_start_matches('/');
        let name_len = unslashed
            .bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(unslashed.len());
        // The sanitizer writes element names in lower case.
        let name = &unslashed[..name_len];
        if let Some(level) = heading_level(name) {
            if closing {
                if let Some((level, id, start)) = heading.take() {
                    let text = text.since(start);
                    outline.push(Heading { level, id, text });
                }
            } else {
                text.block();
                heading = Some((level, attribute(tag, "id").unwrap_or_default(), text.len()));
            }
        }
        if crate::html_elements::is_block(name) {
            text.block();
        }
    }
    push_decoded(&mut text, rest);
    Extracted {
        text: text.into_string(),
        outline,
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// The value of a double-quoted attribute in a tag's source (the serializer always quotes).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let len = tag[start..].find('"')?;
    let mut value = String::new();
    push_decoded(&mut value, &tag[start..start + len]);
    Some(value)
}

/// Where [`push_decoded`] writes: a `String`, or the collapsed text of [`extract`].
pub(crate) trait Sink {
    fn push_str(&mut self, text: &str);
    fn push(&mut self, c: char);
}

impl Sink for String {
    fn push_str(&mut self, text: &str) {
        String::push_str(self, text);
    }

    fn push(&mut self, c: char) {
        String::push(self, c);
    }
}

/// Appends `text` with HTML character references decoded.
pub(crate) fn push_decoded(out: &mut impl Sink, text: &str) {
    let mut rest = text;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // Byte search: `;` is ASCII, so the slice below stays on a character boundary.
        let Some(semi) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => entity.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Whether `c` is a Chinese, Japanese or Korean character (written without spaces between words).
// Inlined: it runs for every character of every article, and the release profile optimizes
// for size, which leaves even this small function a call.
#[inline(always)]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x3134F  // Extensions B–G
        | 0x3000..=0x303F    // CJK punctuation
        | 0xFF00..=0xFFEF    // Full-width forms
    )
}

/// Counts of what a reader reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Words of space-separated scripts.
    pub words: usize,
    /// CJK characters, which are read one by one.
    pub cjk_chars: usize,
    /// Estimated minutes to read, at 220 words and 400 CJK characters a minute; at least 1.
    pub reading_minutes: usize,
}

/// Counts words and CJK characters of plain text.
pub fn count(text: &str) -> Counts {
    let mut words = 0;
    let mut cjk_chars = 0;
    let mut in_word = false;
    let mut alphanumeric = Alphanumeric::new();
    for c in text.chars() {
        if is_cjk(c) {
            if alphanumeric.is(c) {
                cjk_chars += 1;
            }
            in_word = false;
        } else if alphanumeric.is(c) {
            if !in_word {
                words += 1;
            }
            in_word = true;
        } else if !matches!(c, '\'' | '’' | '-') {
            in_word = false;
        }
    }
    let minutes = (words as f64 / 220.0 + cjk_chars as f64 / 400.0).ceil() as usize;
    Counts {
        words,
        cjk_chars,
        reading_minutes: minutes.max(1),
    }
}

/// `char::is_alphanumeric`, which looks a character up in Unicode's tables unless it is ASCII,
/// made quick for text: the common ideographs (every one of U+4E00–U+9FFF is a letter; a test
/// checks it) are known, and the answers for other characters are remembered, one in each of
/// 256 slots, as text repeats its punctuation and letters.
struct Alphanumeric {
    slots: [(char, bool); 256],
}

impl Alphanumeric {
    fn new() -> Self {
        Alphanumeric {
            slots: [('\0', false); 256],
        }
    }

    #[inline(always)]
    fn is(&mut self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_alphanumeric();
        }
        if matches!(c as u32, 0x4E00..=0x9FFF) {
            return true;
        }
        let slot = &mut self.slots[c as usize % 256];
        if slot.0 != c {
            *slot = (c, c.is_alphanumeric());
        }
        slot.1
    }
}

/// About `limit` characters of `text`, cut at a character boundary, with `…` when cut.
pub fn excerpt(text: &str, limit: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(limit) {
        None => text.to_owned(),
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_outline() {
        let got =
            extract("<h2 id=\"a-x\">Fish &amp; chips</h2><p>a&lt;b&nbsp;c</p><p>d&用戶名</p>");
        assert_eq!(
            got.text, "Fish & chips\na<b c\nd&用戶名",
            "a block per line"
        );
        assert_eq!(
            got.outline,
            vec![Heading {
                level: 2,
                id: "a-x".into(),
                text: "Fish & chips".into()
            }]
        );
    }

    #[test]
    fn counts_cjk_and_words_separately() {
        let counts = count("中文文本 and English words。");
        assert_eq!((counts.words, counts.cjk_chars), (3, 4));
        assert_eq!(counts.reading_minutes, 1);
    }

    #[test]
    fn remembered_answers_are_char_is_alphanumeric() {
        let mut alphanumeric = Alphanumeric::new();
        // Twice, so that the second pass reads the slots.
        for c in (0..=u32::from(char::MAX))
            .chain(0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
        {
            assert_eq!(
                alphanumeric.is(c),
                c.is_alphanumeric(),
                "{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn common_ideographs_are_all_alphanumeric() {
        let ideographs = (0x4E00..=0x9FFF).filter_map(char::from_u32);
        assert!(ideographs.clone().all(char::is_alphanumeric));
        assert!(ideographs.clone().all(is_cjk));
    }

    #[test]
    fn excerpt_cuts_at_char_boundary() {
        assert_eq!(excerpt("人民日报夯实", 4), "人民日报…");
        assert_eq!(excerpt("short", 10), "short");
    }
}
