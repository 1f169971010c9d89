//! Bytes to text: a byte-order mark first, then UTF-8, then a guess from the bytes.
//!
//! The BOM is checked before the statistical detector, so a UTF-16 file is never mistaken for a
//! legacy single-byte encoding. Legacy encodings (GBK/GB18030, Big5, Shift_JIS, EUC-KR,
//! windows-125x…) are guessed by `chardetng`, Firefox's detector, and decoded by `encoding_rs`.
//! Their tables are large (some 150 KB of WebAssembly gzipped), so a program may build the engine
//! without them (the `legacy` feature, on by default) and lend it its own with [`use_legacy`]:
//! Lectern's parsing worker decodes with the browser's own decoder and loads the detector only
//! when a file needs it. A wrong guess can be overridden with [`decode_as`]. A UTF-8 file with a
//! few stray bytes of another encoding (a Windows-1252 `’` pasted into it) stays UTF-8, the
//! stray bytes read as Windows-1252, as js-yaml's callers see such files. This module never
//! fails: undecodable bytes become U+FFFD and the caller reports it.

use std::sync::OnceLock;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// The text of a file and how it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The WHATWG name of the encoding used, e.g. `UTF-8`, `GBK`, `Big5`, `UTF-16LE`.
    pub encoding: &'static str,
    /// True when some bytes could not be decoded and were replaced by U+FFFD.
    pub lossy: bool,
    /// Bytes of a UTF-8 file that were not UTF-8, read as Windows-1252.
    pub stray: usize,
    /// Not UTF-8, and its encoding could not be told (no detector): read as Windows-1252.
    pub undetected: bool,
}

/// What a program lends an engine built without the `legacy` feature to read files not in
/// UTF-8. Either may fail (`None`): the file is then read as well as the engine can, and the
/// caller says so.
#[derive(Clone, Copy, Debug)]
pub struct Legacy {
    /// The WHATWG name of the encoding of bytes that are neither UTF-8 nor marked by a BOM.
    pub detect: fn(&[u8]) -> Option<String>,
    /// The bytes read in the encoding a WHATWG name names, and whether some could not be (and
    /// were replaced by U+FFFD).
    pub decode: fn(&[u8], &str) -> Option<Text>,
}

/// Text read from bytes, and whether some bytes could not be read.
pub type Text = (String, bool);

static LEGACY: OnceLock<Legacy> = OnceLock::new();

/// Lends the engine `legacy` to read files not in UTF-8; the first one lent stays. An engine
/// built with the `legacy` feature reads them itself and never asks.
pub fn use_legacy(legacy: Legacy) {
    // A second call changes nothing: one program reads encodings one way.
    let _ = LEGACY.set(legacy);
}

/// Decodes `bytes`, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        return with(encoding, &bytes[bom_length..]);
    }
    // Most files: checked once, and copied as they are (not checked again by a decoder).
    if let Ok(text) = std::str::from_utf8(bytes) {
        return utf8(text.to_owned(), 0);
    }
    if let Some(decoded) = utf8_with_stray_bytes(bytes) {
        return decoded;
    }
    match detect(bytes) {
        Some(encoding) => with(encoding, bytes),
        None => Decoded {
            undetected: true,
            ..with(WINDOWS_1252, bytes)
        },
    }
}

/// Decodes `bytes` as the encoding named by `label` (any WHATWG label: `gbk`, `big5`,
/// `shift_jis`, `utf-16le`…); `None` when the label names no encoding. A BOM is still honoured,
/// as browsers do.
pub fn decode_as(bytes: &[u8], label: &str) -> Option<Decoded> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    Some(match Encoding::for_bom(bytes) {
        Some((bom_encoding, bom_length)) => with(bom_encoding, &bytes[bom_length..]),
        None => with(encoding, bytes),
    })
}

/// `bytes` as UTF-8 with its invalid bytes read as Windows-1252, when it has at least as many
/// valid characters beyond ASCII as stray bytes: a legacy file (GBK, Shift_JIS, Windows-1252
/// itself) makes valid UTF-8 by chance for a tenth of its characters at most.
fn utf8_with_stray_bytes(bytes: &[u8]) -> Option<Decoded> {
    let (mut wide, mut stray) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        stray += chunk.invalid().len();
    }
    if wide < stray {
        return None;
    }
    let mut text = String::with_capacity(bytes.len() + stray * 2);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.push_str(&read_as(WINDOWS_1252, chunk.invalid()).0);
    }
    Some(utf8(text, stray))
}

/// A file read as UTF-8, `stray` bytes of it (not UTF-8) read as Windows-1252.
fn utf8(text: String, stray: usize) -> Decoded {
    Decoded {
        text,
        encoding: UTF_8.name(),
        lossy: false,
        stray,
        undetected: false,
    }
}

fn with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    // UTF-16 is decoded as such even when a detector could never have chosen it.
    let (text, lossy) = read_as(encoding, bytes);
    let name = if encoding == UTF_16LE || encoding == UTF_16BE {
        encoding.name()
    } else {
        encoding.output_encoding().name()
    };
    Decoded {
        text,
        encoding: name,
        lossy,
        stray: 0,
        undetected: false,
    }
}

/// The legacy encoding of `bytes`, as the built-in detector or the program's guesses it.
#[cfg(feature = "legacy")]
fn detect(bytes: &[u8]) -> Option<&'static Encoding> {
    use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    Some(detector.guess(None, Utf8Detection::Allow))
}

#[cfg(not(feature = "legacy"))]
fn detect(bytes: &[u8]) -> Option<&'static Encoding> {
    let label = (LEGACY.get()?.detect)(bytes)?;
    Encoding::for_label(label.as_bytes())
}

/// `bytes` read in `encoding` (without looking for a BOM), and whether some could not be.
#[cfg(feature = "legacy")]
fn read_as(encoding: &'static Encoding, bytes: &[u8]) -> Text {
    let (text, lossy) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), lossy)
}

#[cfg(not(feature = "legacy"))]
fn read_as(encoding: &'static Encoding, bytes: &[u8]) -> Text {
    let as_utf8 = || match String::from_utf8_lossy(bytes) {
        std::borrow::Cow::Borrowed(text) => (text.to_owned(), false),
        std::borrow::Cow::Owned(text) => (text, true),
    };
    if encoding == UTF_8 {
        return as_utf8();
    }
    // Without the program's decoder, the bytes are read as UTF-8 and said to be undecodable.
    LEGACY
        .get()
        .and_then(|legacy| (legacy.decode)(bytes, encoding.name()))
        .unwrap_or_else(|| (as_utf8().0, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_utf8_bom() {
        let decoded = decode(b"\xEF\xBB\xBFhi");
        assert_eq!((decoded.text.as_str(), decoded.encoding), ("hi", "UTF-8"));
        assert!(!decoded.lossy);
    }

    // Read with the engine's own tables of legacy encodings.
    #[cfg(feature = "legacy")]
    #[test]
    fn reads_utf16_both_ways() {
        assert_eq!(decode(b"\xFF\xFEh\0i\0").text, "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i").encoding, "UTF-16BE");
    }

    // Read with the engine's own tables of legacy encodings.
    #[cfg(feature = "legacy")]
    #[test]
    fn guesses_legacy_chinese() {
        // "中文编码的文章，用来测试检测。" in GBK.
        let gbk = b"\xd6\xd0\xce\xc4\xb1\xe0\xc2\xeb\xb5\xc4\xce\xc4\xd5\xc2\xa3\xac\xd3\xc3\xc0\xb4\xb2\xe2\xca\xd4\xbc\xec\xb2\xe2\xa1\xa3";
        let decoded = decode(gbk);
        assert_eq!(decoded.encoding, "GBK");
        assert_eq!(decoded.text, "中文编码的文章，用来测试检测。");
    }

    // Read with the engine's own tables of legacy encodings.
    #[cfg(feature = "legacy")]
    #[test]
    fn stray_windows_1252_bytes_in_utf8_are_read_as_such() {
        // "Café “déjà” vu – 日本語" in UTF-8 with a Windows-1252 ’ (0x92) pasted in.
        let mut bytes = "Café “déjà” vu – 日本語 ".as_bytes().to_vec();
        bytes.extend_from_slice(b"it\x92s");
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.text, "Café “déjà” vu – 日本語 it’s");
        assert_eq!((decoded.stray, decoded.lossy), (1, false));
        // Mostly invalid: a legacy encoding, guessed as before.
        let gbk = b"\xd6\xd0\xce\xc4\xb1\xe0\xc2\xeb\xb5\xc4\xce\xc4\xd5\xc2";
        assert_eq!(decode(gbk).encoding, "GBK");
    }

    // Read with the engine's own tables of legacy encodings.
    #[cfg(feature = "legacy")]
    #[test]
    fn a_guess_can_be_overridden() {
        let decoded = decode_as("héllo".as_bytes(), "windows-1252").expect("a known label");
        assert_eq!(decoded.text, "hÃ©llo");
        assert_eq!(decoded.encoding, "windows-1252");
        assert_eq!(decode_as(b"x", "no-such-encoding"), None);
    }
}
