//! Folding text for search: the same form for the text and the query, so that `Café`, `cafe`
//! and `ｃａｆｅ` meet. Compatibility forms are unified (NFKC: full-width Latin and digits,
//! half-width katakana, ligatures), Latin, Greek and Cyrillic accents are dropped, letters are
//! lowercased. Chinese, Japanese and Korean characters are kept as they are.

use icu_normalizer::{ComposingNormalizer, DecomposingNormalizer};

/// `text` folded.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut folded);
    }
    folded
}

/// `text` folded, with where each folded character came from: for each character of `text`,
/// the byte offset in the folded text where its folding starts (plus a last entry for the end).
pub fn fold_with_offsets(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut folded = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        offsets.push((folded.len(), at));
        fold_char(c, &mut folded);
    }
    offsets.push((folded.len(), text.len()));
    (folded, offsets)
}

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
    let mut buffer = [0; 4];
    let decomposed = DecomposingNormalizer::new_nfkd().normalize(c.encode_utf8(&mut buffer));
    let bare: String = decomposed.chars().filter(|&c| !is_accent(c)).collect();
    let composed = ComposingNormalizer::new_nfc().normalize(&bare);
    for c in composed.chars() {
        out.extend(c.to_lowercase());
    }
}

/// Combining accents of Latin, Greek and Cyrillic letters (not the kana voicing marks, which
/// change the letter).
fn is_accent(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn offsets_lead_back_to_the_original() {
        let text = "Éa中ｂ";
        let (folded, offsets) = fold_with_offsets(text);
        assert_eq!(folded, "ea中b");
        assert_eq!(offsets, [(0, 0), (1, 2), (2, 3), (5, 6), (6, 9)]);
    }
}
