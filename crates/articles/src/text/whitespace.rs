//! Unicode whitespace found by bytes: what `char::is_whitespace` says, without decoding each
//! character of the (mostly CJK) text first.

/// The length in bytes of the whitespace character starting at byte `at` of `bytes` (valid
/// UTF-8), or 0 when none starts there: also at a continuation byte, as no whitespace
/// character starts with one.
///
/// Unicode's White_Space: U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000 (checked against `char::is_whitespace` for every
/// character in the tests).
pub fn whitespace_len(bytes: &[u8], at: usize) -> usize {
    let next = |offset: usize| bytes.get(at + offset).copied();
    match bytes.get(at) {
        Some(b'\t'..=b'\r' | b' ') => 1,
        Some(0xC2) if matches!(next(1), Some(0x85 | 0xA0)) => 2,
        Some(0xE1) if next(1) == Some(0x9A) && next(2) == Some(0x80) => 3,
        Some(0xE2) => match (next(1), next(2)) {
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F)) => 3,
            _ => 0,
        },
        Some(0xE3) if next(1) == Some(0x80) && next(2) == Some(0x80) => 3,
        _ => 0,
    }
}

/// Whether a whitespace character may start with `byte`: ASCII whitespace, or the lead byte
/// of U+0080–U+00BF, U+1000–U+1FFF, U+2000–U+2FFF or U+3000–U+3FFF. CJK ideographs
/// (U+4E00–U+9FFF) and most letters start with other bytes.
#[inline(always)]
pub fn may_start_whitespace(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_char_is_whitespace_for_every_character() {
        let mut buffer = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let encoded = c.encode_utf8(&mut buffer).as_bytes();
            let expected = if c.is_whitespace() { encoded.len() } else { 0 };
            assert!(expected == 0 || may_start_whitespace(encoded[0]));
            assert_eq!(whitespace_len(encoded, 0), expected, "{:04X}", u32::from(c));
            for at in 1..encoded.len() {
                assert_eq!(whitespace_len(encoded, at), 0, "{:04X}", u32::from(c));
            }
        }
    }
}
