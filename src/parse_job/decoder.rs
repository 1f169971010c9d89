//! Taking a worker's answer back a few megabytes at a time: the HTML and text arrive as one run
//! of UTF-8, which is checked and split as it comes, so no single step of the page checks all
//! of a 20 MB article at once.

use super::Parsed;

/// A body arriving in pieces cut anywhere, even inside a character.
pub struct BodyDecoder {
    meta: String,
    html_length: usize,
    /// Bytes decoded so far.
    decoded: usize,
    /// Bytes received but not decoded yet: the start of a character cut by the last piece.
    pending: Vec<u8>,
    html: String,
    text: String,
}

impl BodyDecoder {
    /// Expects `total` bytes: the HTML (`html_length` of them), then the text.
    pub fn new(meta: String, html_length: usize, total: usize) -> BodyDecoder {
        BodyDecoder {
            meta,
            html_length,
            decoded: 0,
            pending: Vec::new(),
            html: String::with_capacity(html_length.min(total)),
            text: String::with_capacity(total.saturating_sub(html_length)),
        }
    }

    /// Decodes the next piece of the body.
    pub fn push(&mut self, piece: &[u8]) -> Result<(), String> {
        self.pending.extend_from_slice(piece);
        let html_left = self.html_length.saturating_sub(self.decoded);
        let mut used = 0;
        if html_left > 0 {
            let html_ends_here = html_left <= self.pending.len();
            let in_html = html_left.min(self.pending.len());
            used = decode_into(&mut self.html, &self.pending[..in_html], html_ends_here)?;
        }
        if self.decoded + used >= self.html_length {
            used += decode_into(&mut self.text, &self.pending[used..], false)?;
        }
        self.decoded += used;
        self.pending.drain(..used);
        Ok(())
    }

    /// The whole answer, once every piece is in.
    pub fn finish(self) -> Result<Parsed, String> {
        if !self.pending.is_empty() || self.decoded < self.html_length {
            return Err("the worker's answer is cut short".to_owned());
        }
        Ok(Parsed {
            meta: self.meta,
            html: self.html,
            text: self.text,
        })
    }
}

/// Appends the characters of `bytes` to `out`, all of them when `whole`, else up to the last
/// character `bytes` holds entirely; returns how many bytes were used.
fn decode_into(out: &mut String, bytes: &[u8], whole: bool) -> Result<usize, String> {
    let end = if whole {
        bytes.len()
    } else {
        complete_characters(bytes)
    };
    let text = std::str::from_utf8(&bytes[..end]).map_err(|error| error.to_string())?;
    out.push_str(text);
    Ok(end)
}

/// How many leading bytes of `bytes` are whole characters, judged from its last four bytes
/// (a UTF-8 character is at most four); bad bytes are left for validation to report.
fn complete_characters(bytes: &[u8]) -> usize {
    let len = bytes.len();
    for back in 1..=len.min(4) {
        let lead = bytes[len - back];
        let is_continuation = lead & 0b1100_0000 == 0b1000_0000;
        if !is_continuation {
            let width = match lead {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            return if back >= width { len } else { len - back };
        }
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(body: &[u8], html_length: usize, piece: usize) -> Result<(String, String), String> {
        let mut decoder = BodyDecoder::new("{}".into(), html_length, body.len());
        for part in body.chunks(piece.max(1)) {
            decoder.push(part)?;
        }
        decoder.finish().map(|p| (p.html, p.text))
    }

    #[test]
    fn pieces_cut_anywhere_give_back_the_html_and_text() {
        let html = "<p>中文 and 𝄞 ünï</p>";
        let text = "中文 and 𝄞 ünï 文";
        let body = [html.as_bytes(), text.as_bytes()].concat();
        for piece in 1..=body.len() {
            assert_eq!(
                decode(&body, html.len(), piece),
                Ok((html.to_owned(), text.to_owned())),
                "pieces of {piece}"
            );
        }
    }

    #[test]
    fn a_body_cut_inside_a_character_is_an_error() {
        let body = "中文".as_bytes();
        for piece in 1..=body.len() {
            assert!(decode(body, 1, piece).is_err(), "html ends inside 中");
            assert!(decode(body, 9, piece).is_err(), "html longer than the body");
            assert!(decode(&body[..5], 3, piece).is_err(), "text ends inside 文");
            assert!(decode(b"a\xFFb", 1, piece).is_err(), "not UTF-8");
            assert_eq!(decode(body, 3, piece), Ok(("中".into(), "文".into())));
        }
    }
}
