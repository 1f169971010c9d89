//! What is derived from the sanitized HTML: plain text for search and excerpts, the outline of
//! headings, word counts and reading time.
//!
//! It reads the sanitizer's own output, which is well-formed and free of scripts, styles and
//! comments, so a small scanner is enough and never sees hostile markup.

mod whitespace;
mod words;

use serde::{Deserialize, Serialize};

use crate::links::{Link, Target};
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
    /// Links to other articles of the library, in order, with their sentences.
    pub links: Vec<Link>,
}

/// Extracts text and headings from sanitized HTML.
pub fn extract(html: &str) -> Extracted {
    let mut text = Words::with_capacity(html.len());
    let mut outline = Vec::new();
    let mut heading: Option<(u8, String, usize)> = None;
    // Links to other articles: each target and where its text starts and ends.
    let mut links: Vec<(Target, usize, usize)> = Vec::new();
    let mut link: Option<(Target, usize)> = None;
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
        let (closing, unslashed) = match tag.strip_prefix('/') {
            Some(name) => (true, name),
            None => (false, tag),
        };
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
        if name == "a" {
            // The sanitizer never nests links.
            if closing {
                if let Some((target, start)) = link.take() {
                    links.push((target, start, text.len()));
                }
            } else {
                link = attribute(tag, "href")
                    .and_then(|href| Target::of_href(&href))
                    .map(|target| (target, text.len()));
            }
        }
        if crate::html_elements::is_block(name) {
            text.block();
        }
    }
    push_decoded(&mut text, rest);
    let text = text.into_string();
    let links = links
        .into_iter()
        .map(|(target, start, end)| Link {
            context: sentence_around(&text, start, end),
            target,
        })
        .collect();
    Extracted {
        text,
        outline,
        links,
    }
}

/// Characters of a link's sentence shown on either side of the link at most.
const CONTEXT_CHARS: usize = 120;

/// The sentence of `text` around the bytes `start..end` (a link's text): from the end of the
/// sentence before to the end of its own, within its block, and at most [`CONTEXT_CHARS`] on
/// either side (cut at a space where one is near, marked with `…`).
fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let start = floor_char_boundary(text, start.min(text.len()));
    let end = floor_char_boundary(text, end.clamp(start, text.len()));
    let before = &text[..start];
    let from = before
        .char_indices()
        .rev()
        .find(|&(i, c)| c == '\n' || (ends_sentence(c) && followed_by_space(before, i, c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after = &text[end..];
    let to = after
        .char_indices()
        .find(|&(i, c)| c == '\n' || (ends_sentence(c) && followed_by_space(after, i, c)))
        .map_or(
            after.len(),
            |(i, c)| {
                if c == '\n' {
                    i
                } else {
                    i + c.len_utf8()
                }
            },
        );
    let lead = before[from..].trim_start();
    let tail = &after[..to];
    let mut context = String::new();
    let lead_chars = lead.chars().count();
    if lead_chars > CONTEXT_CHARS {
        let cut: String = lead.chars().skip(lead_chars - CONTEXT_CHARS).collect();
        context.push('…');
        context.push_str(cut.split_once(' ').map_or(&cut, |(_, rest)| rest));
    } else {
        context.push_str(lead);
    }
    context.push_str(&text[start..end]);
    if tail.chars().count() > CONTEXT_CHARS {
        let cut: String = tail.chars().take(CONTEXT_CHARS).collect();
        context.push_str(cut.rsplit_once(' ').map_or(&cut, |(kept, _)| kept));
        context.push('…');
    } else {
        context.push_str(tail);
    }
    context.trim().to_owned()
}

/// Whether `c` ends a sentence (in Latin scripts, only when a space or the end follows).
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？')
}

/// Whether the sentence end `c` at byte `i` of `text` is one: a full-width mark always is, a
/// Latin one when followed by a space or nothing (not `e.g.x`, `3.14`, `node.js`).
fn followed_by_space(text: &str, i: usize, c: char) -> bool {
    !c.is_ascii() || text[i + 1..].chars().next().is_none_or(char::is_whitespace)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
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
    fn links_to_articles_with_their_sentences() {
        let got = extract(concat!(
            "<p>First one. See <a href=\"#/read/notes/b%20c\">the note</a> for more. Last.</p>",
            "<p><a href=\"https://x.org\">out</a> and <a class=\"article-link\" ",
            "href=\"#/find/Hello\">Hello</a></p>",
            "<p>前一句。参见<a href=\"#/read/a\">这篇</a>的说明。后一句。</p>",
        ));
        let got: Vec<_> = got
            .links
            .iter()
            .map(|l| (l.target.clone(), l.context.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Target::Id("notes/b c".into()), "See the note for more."),
                (Target::Name("Hello".into()), "out and Hello"),
                (Target::Id("a".into()), "参见这篇的说明。"),
            ]
        );
    }

    #[test]
    fn a_long_sentence_is_cut_around_its_link() {
        let long = "word ".repeat(100);
        let html = format!("<p>{long}<a href=\"#/read/x\">here</a> {long}</p>");
        let link = &extract(&html).links[0];
        assert!(link.context.starts_with('…') && link.context.ends_with('…'));
        assert!(link.context.contains("word here word"));
        assert!(link.context.chars().count() <= 2 * CONTEXT_CHARS + 10);
        assert!(sentence_around("é", 1, 9).is_empty() || sentence_around("é", 1, 9) == "é");
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
