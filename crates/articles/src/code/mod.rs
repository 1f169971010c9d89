//! Colouring code blocks for common languages, in the article's HTML once it is sanitized.
//!
//! A block is `<code class="language-…">` holding only text (as Markdown fences and most
//! hand-written blocks are); its text is coloured by `lexer` with what `languages` knows,
//! and written back escaped, so the result is as safe as the input. Blocks in a language the
//! highlighter does not know, or holding markup of their own, stay as they are.
//!
//! The app runs this in its parsing worker only, so the page's own program does not carry it.

mod languages;
mod lexer;

use std::borrow::Cow;

use crate::text::push_decoded;

/// Where a code block's language is named.
const OPENING: &str = "<code class=\"language-";

/// Longest block coloured, in bytes: a larger one is a data dump, shown plain.
const MAX_BLOCK: usize = 200_000;

/// `html` with its code blocks coloured (borrowed unchanged when it has none).
pub fn highlight_code(html: &str) -> Cow<'_, str> {
    if !html.contains(OPENING) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() * 2);
    let mut rest = html;
    while let Some(start) = rest.find(OPENING) {
        let after_name = start + OPENING.len();
        let Some(name_end) = rest[after_name..].find('"').map(|n| after_name + n) else {
            break;
        };
        let Some(open_end) = rest[name_end..].find('>').map(|n| name_end + n + 1) else {
            break;
        };
        let Some(close) = rest[open_end..].find("</code>").map(|n| open_end + n) else {
            break;
        };
        out.push_str(&rest[..open_end]);
        let inner = &rest[open_end..close];
        // The class may name more than the language (`language-rust hljs`).
        let name = rest[after_name..name_end].split(' ').next().unwrap_or("");
        match languages::language(name).filter(|_| !inner.contains('<') && inner.len() <= MAX_BLOCK)
        {
            Some(language) => {
                let mut code = String::with_capacity(inner.len());
                push_decoded(&mut code, inner);
                out.push_str(&lexer::highlight(&code, language));
            }
            None => out.push_str(inner),
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each span's class and text, in order.
    fn spans(html: &str) -> Vec<(&str, &str)> {
        let mut found = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find("<span class=\"") {
            rest = &rest[at + 13..];
            let class_end = rest.find('"').unwrap_or(0);
            let text_start = rest.find('>').unwrap_or(0) + 1;
            let text_end = rest.find("</span>").unwrap_or(text_start);
            found.push((&rest[..class_end], &rest[text_start..text_end]));
        }
        found
    }

    #[test]
    fn rust_keywords_strings_comments_and_numbers() {
        let html = highlight_code(
            "<pre><code class=\"language-rust\">fn main() {\n    let s = &quot;a &lt;b&gt; \\&quot; c&quot;; // say 1\n    /* x */ 42\n}</code></pre>",
        );
        assert_eq!(
            spans(&html),
            [
                ("hl-k", "fn"),
                ("hl-k", "let"),
                ("hl-s", "\"a &lt;b&gt; \\\" c\""),
                ("hl-c", "// say 1"),
                ("hl-c", "/* x */"),
                ("hl-n", "42"),
            ]
        );
        assert!(html.starts_with("<pre><code class=\"language-rust\">"));
        assert!(html.ends_with("}</code></pre>"));
    }

    #[test]
    fn yaml_keys_and_comments_python_and_shell() {
        let yaml = highlight_code(
            "<code class=\"language-yaml\">title: Hello # not a #tag\ntags:\n  - a\nurl: http://x#y\non: true</code>",
        );
        assert_eq!(
            spans(&yaml),
            [
                ("hl-t", "title"),
                ("hl-c", "# not a #tag"),
                ("hl-t", "tags"),
                ("hl-t", "url"),
                ("hl-t", "on"),
                ("hl-l", "true"),
            ]
        );
        let python = highlight_code("<code class=\"language-py\">def f():\n    \"\"\"doc\n    more\"\"\"\n    return None</code>");
        assert_eq!(
            spans(&python),
            [
                ("hl-k", "def"),
                ("hl-s", "\"\"\"doc\n    more\"\"\""),
                ("hl-k", "return"),
                ("hl-l", "None"),
            ]
        );
        let shell = highlight_code("<code class=\"language-bash\">echo $#  # count</code>");
        assert_eq!(spans(&shell), [("hl-k", "echo"), ("hl-c", "# count")]);
    }

    #[test]
    fn markup_tags_values_and_comments() {
        let html = highlight_code(
            "<code class=\"language-html\">&lt;!-- c --&gt;&lt;a href=&quot;x&quot;&gt;t&lt;/a&gt;</code>",
        );
        assert_eq!(
            spans(&html),
            [
                ("hl-c", "&lt;!-- c --&gt;"),
                ("hl-t", "&lt;a"),
                ("hl-s", "\"x\""),
                ("hl-t", "&lt;/a"),
            ]
        );
    }

    #[test]
    fn unknown_languages_markup_inside_and_no_code_stay_as_they_are() {
        for html in [
            "<p>no code</p>",
            "<code class=\"language-brainfuck\">+++</code>",
            "<code class=\"language-rust\"><b>fn</b></code>",
            "<code class=\"language-rust\">fn x",
        ] {
            assert_eq!(highlight_code(html), html);
        }
    }

    #[test]
    fn whatever_the_code_the_output_is_escaped_text_and_spans() {
        let evil = "<code class=\"language-js\">&lt;script&gt;alert(1)&lt;/script&gt; &quot;&lt;img onerror=x&gt;</code>";
        let html = highlight_code(evil);
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
        // Every piece of input ends up in the output, in order (nothing lost or duplicated).
        let mut text = String::new();
        push_decoded(&mut text, &strip_spans(&html));
        assert_eq!(
            text,
            "<code class=\"language-js\"><script>alert(1)</script> \"<img onerror=x></code>"
        );
    }

    fn strip_spans(html: &str) -> String {
        let mut out = html.replace("</span>", "");
        while let Some(at) = out.find("<span class=\"") {
            let end = out[at..].find('>').map_or(out.len(), |e| at + e + 1);
            out.replace_range(at..end, "");
        }
        out
    }

    #[test]
    fn arbitrary_text_never_panics_and_keeps_every_character() {
        let samples = [
            "\"unterminated",
            "'",
            "`multi\nline",
            "/* open",
            "\"\"\"",
            "#",
            "--",
            "é中文🎉\\",
            "0x1F.5e+3",
            "a\u{0}b",
            "<",
            "&amp;&",
            "\\\"",
            "@media",
            "$x",
            "~",
        ];
        for name in [
            "rust", "js", "python", "yaml", "html", "sql", "css", "bash", "toml",
        ] {
            for a in samples {
                for b in samples {
                    let code = format!("{a} {b}\n{b}{a}");
                    let mut inner = String::new();
                    crate::body::escape::push_text(&mut inner, &code);
                    let block = format!("<code class=\"language-{name}\">{inner}</code>");
                    let html = highlight_code(&block);
                    let mut back = String::new();
                    push_decoded(&mut back, &strip_spans(&html));
                    assert_eq!(
                        back,
                        format!("<code class=\"language-{name}\">{code}</code>"),
                        "{name}"
                    );
                }
            }
        }
    }
}
