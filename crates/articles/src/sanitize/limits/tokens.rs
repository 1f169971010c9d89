//! What html5ever's tokenizer reads at a place in the HTML, read the same way: a tag (its
//! name and the attributes the scan needs), where a comment, raw text or a script's text ends.
//! The scan follows the tokenizer exactly here, since what is markup decides what the tree
//! builder holds open.

use std::borrow::Cow;

/// A tag as the tokenizer reads it.
pub(super) struct Tag<'a> {
    /// Lower case (borrowed from the HTML when written so).
    pub(super) name: Cow<'a, str>,
    pub(super) end: bool,
    pub(super) self_closing: bool,
    /// Whether it has a `color`, `face` or `size` attribute (a `<font>` with one leaves SVG).
    pub(super) font_attribute: bool,
    /// Whether its `encoding` is HTML (an `annotation-xml` with it holds HTML).
    pub(super) html_encoding: bool,
    /// Where the tag ends (after its `>`).
    pub(super) next: usize,
}

/// The kinds of text whose markup is not read.
pub(super) enum RawText {
    /// `<plaintext>`: the rest of the input.
    Plain,
    /// `<script>`: up to its end tag, read the tokenizer's way.
    Script,
    /// Up to the element's end tag.
    Until,
}

/// Reads the tag at `at` (`<` then a letter, or `</` then a letter) as the tokenizer does:
/// its name, then attributes up to the `>` that is not inside a quoted value. `None` when the
/// input ends first.
pub(super) fn read_tag(html: &[u8], at: usize) -> Option<Tag<'_>> {
    let end = html.get(at + 1) == Some(&b'/');
    let mut pos = at + if end { 2 } else { 1 };
    let name_len = html[pos..]
        .iter()
        .position(|&b| is_space(b) || b == b'/' || b == b'>')?;
    let written = &html[pos..pos + name_len];
    // Most names are written in lower case: no copy then.
    let name = match std::str::from_utf8(written) {
        Ok(name) if !name.bytes().any(|b| b.is_ascii_uppercase()) => Cow::Borrowed(name),
        _ => Cow::Owned(String::from_utf8_lossy(written).to_ascii_lowercase()),
    };
    pos += name_len;
    let mut tag = Tag {
        name,
        end,
        self_closing: false,
        font_attribute: false,
        html_encoding: false,
        next: 0,
    };
    // Each iteration reads at least one byte: a space, a `/`, or an attribute.
    loop {
        match *html.get(pos)? {
            b'>' => break,
            b if is_space(b) => pos += 1,
            b'/' => {
                pos += 1;
                if html.get(pos) == Some(&b'>') {
                    tag.self_closing = true;
                    break;
                }
            }
            _ => {
                // An attribute name (a leading `=` belongs to it), then maybe `=` and a value.
                let name_start = pos;
                pos += 1;
                while !matches!(html.get(pos), None | Some(b'/' | b'>' | b'='))
                    && !is_space(html[pos])
                {
                    pos += 1;
                }
                let attribute = &html[name_start..pos];
                while html.get(pos).is_some_and(|&b| is_space(b)) {
                    pos += 1;
                }
                if html.get(pos) != Some(&b'=') {
                    continue;
                }
                pos += 1;
                while html.get(pos).is_some_and(|&b| is_space(b)) {
                    pos += 1;
                }
                let value_start;
                let value_end;
                match *html.get(pos)? {
                    quote @ (b'"' | b'\'') => {
                        value_start = pos + 1;
                        value_end = value_start + memchr::memchr(quote, &html[value_start..])?;
                        pos = value_end + 1;
                    }
                    // `<a b=>`: an empty value.
                    b'>' => {
                        value_start = pos;
                        value_end = pos;
                    }
                    _ => {
                        value_start = pos;
                        while !matches!(html.get(pos), None | Some(b'>')) && !is_space(html[pos]) {
                            pos += 1;
                        }
                        value_end = pos;
                    }
                }
                let value = &html[value_start..value_end];
                if ["color", "face", "size"]
                    .iter()
                    .any(|font| attribute.eq_ignore_ascii_case(font.as_bytes()))
                {
                    tag.font_attribute = true;
                }
                if attribute.eq_ignore_ascii_case(b"encoding")
                    && (value.eq_ignore_ascii_case(b"text/html")
                        || value.eq_ignore_ascii_case(b"application/xhtml+xml"))
                {
                    tag.html_encoding = true;
                }
            }
        }
    }
    tag.next = pos + 1;
    Some(tag)
}

/// Whitespace as the tokenizer reads it (a carriage return has become a line feed by then).
fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The first `needle` in `html` at or after `from`.
pub(super) fn find(html: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(html.get(from..)?, needle).map(|at| from + at)
}

/// Where a comment whose text starts at `from` ends (after its `-->` or `--!>`, whichever comes
/// first; `<!-->` and `<!--->` are empty comments); `None` when it runs to the end. Also how
/// `body/comments.rs` ends the comments it leaves out of Markdown.
pub(crate) fn comment_end(html: &[u8], from: usize) -> Option<usize> {
    let text = html.get(from..)?;
    if text.starts_with(b">") {
        return Some(from + 1);
    }
    if text.starts_with(b"->") {
        return Some(from + 2);
    }
    let mut at = from;
    // Each iteration moves past one `--`.
    while let Some(dashes) = find(html, at, b"--") {
        let after = &html[dashes + 2..];
        if after.starts_with(b">") {
            return Some(dashes + 3);
        }
        if after.starts_with(b"!>") {
            return Some(dashes + 4);
        }
        at = dashes + 1;
    }
    None
}

/// Whether an end tag named `name` (lower case) starts at `at`: `</name` then a space, `/` or
/// `>`, in any case.
fn is_end_tag(html: &[u8], at: usize, name: &[u8]) -> bool {
    html.get(at..at + 2) == Some(b"</") && is_named(html, at + 2, name)
}

/// Whether `name` (lower case, in any case) starts at `at` followed by a space, `/` or `>`.
fn is_named(html: &[u8], at: usize, name: &[u8]) -> bool {
    html.get(at..at + name.len())
        .is_some_and(|text| text.eq_ignore_ascii_case(name))
        && html
            .get(at + name.len())
            .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
}

/// Where the raw text or RCDATA of an element named `name` ends: at its end tag; `None` when
/// it runs to the end.
pub(super) fn raw_text_end(html: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    // Each iteration moves past one `<`.
    while let Some(lt) = memchr::memchr(b'<', html.get(at..)?) {
        if is_end_tag(html, at + lt, name) {
            return Some(at + lt);
        }
        at += lt + 1;
    }
    None
}

/// Where a script's text ends, read as the tokenizer's script data states read it: at the
/// first `</script`, except inside an HTML comment in the script, where a `<script` hides the
/// next one (`<script><!--<script></script>` is still script). `None` when it runs to the end.
pub(super) fn script_end(html: &[u8], from: usize) -> Option<usize> {
    #[derive(PartialEq)]
    enum State {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let mut state = State::Data;
    // Dashes just read: after two, a `>` ends the comment.
    let mut dashes = 0;
    let mut at = from;
    // Each iteration moves past one byte, or the four of `<!--`.
    while let Some(&byte) = html.get(at) {
        match byte {
            b'<' if state == State::Data => {
                if html[at..].starts_with(b"<!--") {
                    state = State::Escaped;
                    dashes = 2;
                    at += 4;
                    continue;
                }
                if is_end_tag(html, at, b"script") {
                    return Some(at);
                }
            }
            b'-' if state != State::Data => {
                dashes += 1;
                at += 1;
                continue;
            }
            b'>' if dashes >= 2 => state = State::Data,
            b'<' if state == State::Escaped => {
                if is_end_tag(html, at, b"script") {
                    return Some(at);
                }
                if is_named(html, at + 1, b"script") {
                    state = State::DoubleEscaped;
                }
            }
            b'<' if state == State::DoubleEscaped && is_end_tag(html, at, b"script") => {
                state = State::Escaped;
            }
            _ => {}
        }
        dashes = 0;
        at += 1;
    }
    None
}
