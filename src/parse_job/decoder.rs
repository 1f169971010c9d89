//! Taking a worker's answer back a few megabytes at a time: the metadata, HTML and text arrive
//! as one run of UTF-8, which is checked and split as it comes, so no single step of the page
//! checks all of a 20 MB article at once.

use super::Parsed;

/// A body arriving in pieces cut anywhere, even inside a character.
pub struct BodyDecoder {
    /// Where the metadata and the HTML end, in bytes of the body; the text is the rest.
    ends: [usize; 2],
    /// Bytes decoded so far.
    decoded: usize,
    /// Bytes received but not decoded yet: the start of a character cut by the last piece.
    pending: Vec<u8>,
    /// The metadata, the HTML and the text.
    parts: [String; 3],
}

impl BodyDecoder {
    /// Expects `total` bytes: the metadata (`meta_length` of them), the HTML (`html_length`),
    /// then the text.
    pub fn new(meta_length: usize, html_length: usize, total: usize) -> BodyDecoder {
        let html_end = meta_length.saturating_add(html_length);
        BodyDecoder {
            ends: [meta_length, html_end],
            decoded: 0,
            pending: Vec::new(),
            parts: [
                String::with_capacity(meta_length.min(total)),
                String::with_capacity(html_length.min(total)),
                String::with_capacity(total.saturating_sub(html_end)),
            ],
        }
    }

    /// Decodes the next piece of the body. Only the bytes of a character the piece cuts wait in
    /// `pending` for the next: the rest is decoded from the piece itself, not copied first.
    pub fn push(&mut self, piece: &[u8]) -> Result<(), String> {
        if self.pending.is_empty() {
            let used = self.decode(piece)?;
            self.pending.extend_from_slice(&piece[used..]);
        } else {
            let mut pending = std::mem::take(&mut self.pending);
            pending.extend_from_slice(piece);
            let used = self.decode(&pending)?;
            pending.drain(..used);
            self.pending = pending;
        }
        Ok(())
    }

    /// Appends the whole characters of `bytes` to the parts they belong to; returns how many
    /// bytes that used.
    fn decode(&mut self, bytes: &[u8]) -> Result<usize, String> {
        let mut used = 0;
        for (part, out) in self.parts.iter_mut().enumerate() {
            let end = self.ends.get(part).copied().unwrap_or(usize::MAX);
            let left = end.saturating_sub(self.decoded + used);
            if left == 0 {
                continue;
            }
            let available = bytes.len() - used;
            let ends_here = left <= available;
            used += decode_into(out, &bytes[used..used + left.min(available)], ends_here)?;
            if !ends_here {
                break;
            }
        }
        self.decoded += used;
        Ok(used)
    }

    /// The whole answer, once every piece is in.
    pub fn finish(self) -> Result<Parsed, String> {
        if !self.pending.is_empty() || self.decoded < self.ends[1] {
            return Err("the worker's answer is cut short".to_owned());
        }
        let [meta, html, text] = self.parts;
        Ok(Parsed { meta, html, text })
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

    /// Metadata of characters of two and four bytes, which pieces cut too.
    const META: &str = "{\"é\":\"𝄞\"}";

    fn decode(body: &[u8], html_length: usize, piece: usize) -> Result<(String, String), String> {
        let body = [META.as_bytes(), body].concat();
        let mut decoder = BodyDecoder::new(META.len(), html_length, body.len());
        for part in body.chunks(piece.max(1)) {
            decoder.push(part)?;
        }
        decoder
            .finish()
            .and_then(|p| (p.meta == META).then_some((p.html, p.text)).ok_or(p.meta))
    }

    #[test]
    fn pieces_cut_anywhere_give_back_the_metadata_html_and_text() {
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
            let mut cut = BodyDecoder::new(META.len() - 3, 0, META.len());
            let cut = META.as_bytes().chunks(piece).try_for_each(|p| cut.push(p));
            assert!(cut.is_err(), "metadata ends inside 𝄞");
            assert_eq!(decode(body, 3, piece), Ok(("中".into(), "文".into())));
        }
    }
}
