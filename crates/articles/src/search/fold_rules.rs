// Which characters folding leaves alone or drops: shared by `fold.rs` and by the build script
// (`build.rs`) that writes the folding table, so the two cannot disagree. Included with
// `include!`, hence no `//!` (inner attributes cannot be included).

/// Whether `c` is a letter of a script written without spaces between words (Chinese,
/// Japanese kana, Korean syllables): search finds any run of them, wherever words begin.
pub fn is_cjk_letter(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x3096          // Hiragana
        | 0x30A1..=0x30FA        // Katakana
        | 0x3400..=0x4DBF        // CJK Extension A
        | 0x4E00..=0x9FFF        // CJK Unified Ideographs
        | 0xAC00..=0xD7A3        // Hangul syllables
        | 0x20000..=0x3134F      // CJK Extensions B–G
    )
}

/// Combining accents of Latin, Greek and Cyrillic letters (not the kana voicing marks, which
/// change the letter).
pub fn is_accent(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0xFE20..=0xFE2F)
}
