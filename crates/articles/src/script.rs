//! Which writing system an article is mostly in, from the start of its text: it sets the
//! reader's typography (measure, line height) and, when the front matter names no language,
//! a `lang` for Chinese, Japanese or Korean text (so fonts pick the right glyphs).

/// The writing system of most of a text's letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Chinese,
    Japanese,
    Korean,
    /// Latin, Greek or Cyrillic letters.
    Alphabetic,
    /// Too little text to tell.
    Unknown,
}

/// Characters looked at: enough to judge, cheap for a 20 MB text.
const SAMPLE: usize = 4_000;

impl Script {
    /// Judges the first few thousand characters of `text`.
    pub fn of(text: &str) -> Script {
        let (mut han, mut kana, mut hangul, mut alphabetic) = (0, 0, 0, 0);
        for c in text.chars().take(SAMPLE) {
            match c as u32 {
                0x3041..=0x30FA => kana += 1,
                0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x3134F => han += 1,
                0xAC00..=0xD7A3 | 0x1100..=0x11FF => hangul += 1,
                _ if c.is_alphabetic() => alphabetic += 1,
                _ => {}
            }
        }
        let cjk = han + kana + hangul;
        // A CJK character carries about as much as a short word: weigh letters accordingly.
        if cjk + alphabetic / 4 < 10 {
            Script::Unknown
        } else if cjk < alphabetic / 4 {
            Script::Alphabetic
        } else if hangul > cjk / 3 {
            Script::Korean
        } else if kana > cjk / 10 {
            Script::Japanese
        } else {
            Script::Chinese
        }
    }

    /// The language tag its text implies, when it implies one.
    pub fn lang(self) -> Option<&'static str> {
        match self {
            Script::Chinese => Some("zh"),
            Script::Japanese => Some("ja"),
            Script::Korean => Some("ko"),
            Script::Alphabetic | Script::Unknown => None,
        }
    }

    /// Whether lines are measured in CJK characters rather than Latin letters.
    pub fn is_cjk(self) -> bool {
        self.lang().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_told_apart() {
        let cases = [
            (
                "人民日报：夯实脱贫群众就业增收基本盘，Hexo 和 GitHub Pages 的文章。",
                Script::Chinese,
            ),
            (
                "これは日本語の文章です。ひらがなとカタカナと漢字。",
                Script::Japanese,
            ),
            (
                "이것은 한국어 문장입니다. 한글로 쓴 글입니다.",
                Script::Korean,
            ),
            (
                "A plain English paragraph about reading articles in a browser.",
                Script::Alphabetic,
            ),
            (
                "Русский текст о чтении статей в браузере, довольно длинный.",
                Script::Alphabetic,
            ),
            ("2022-02-17 12:00 :-)", Script::Unknown),
            ("", Script::Unknown),
        ];
        for (text, script) in cases {
            assert_eq!(Script::of(text), script, "{text}");
        }
        // Chinese with code and English names in it is still Chinese.
        let mixed =
            "在 Rust 中使用 `fn main()` 函数，然后运行 cargo build 命令来构建项目。".repeat(3);
        assert_eq!(Script::of(&mixed), Script::Chinese);
    }
}
