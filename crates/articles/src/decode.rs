//! Bytes to text: byte-order marks first, then UTF-8, then a lossy fallback that says so.
//!
//! The BOM is checked before anything statistical, so a UTF-16 file is never mistaken for
//! a legacy single-byte encoding. This module never fails: undecodable bytes become U+FFFD
//! and the caller gets a diagnostic.

use serde::{Deserialize, Serialize};

/// The text of a file and how it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// True when some bytes could not be decoded and were replaced by U+FFFD.
    pub lossy: bool,
}

/// The encodings Lectern recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// The WHATWG label of the encoding, as shown to the reader.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// Decodes `bytes`, stripping any byte-order mark.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, Encoding::Utf16Be);
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Decoded {
    let text = String::from_utf8_lossy(bytes);
    let lossy = matches!(text, std::borrow::Cow::Owned(_));
    Decoded {
        text: text.into_owned(),
        encoding: Encoding::Utf8,
        lossy,
    }
}

fn utf16(bytes: &[u8], encoding: Encoding) -> Decoded {
    let units = bytes.chunks_exact(2).map(|pair| match encoding {
        Encoding::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
        _ => u16::from_le_bytes([pair[0], pair[1]]),
    });
    let mut lossy = !bytes.len().is_multiple_of(2);
    let text = char::decode_utf16(units)
        .map(|unit| {
            unit.unwrap_or_else(|_| {
                lossy = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    Decoded {
        text,
        encoding,
        lossy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_utf8_bom() {
        let decoded = decode(b"\xEF\xBB\xBFhi");
        assert_eq!(decoded.text, "hi");
        assert!(!decoded.lossy);
    }

    #[test]
    fn reads_utf16_both_ways() {
        assert_eq!(decode(b"\xFF\xFEh\0i\0").text, "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i").text, "hi");
    }

    #[test]
    fn invalid_utf8_is_lossy_not_fatal() {
        let decoded = decode(b"a\xFFb");
        assert_eq!(decoded.text, "a\u{FFFD}b");
        assert!(decoded.lossy);
    }
}
