//! Property tests: random bytes and random compositions of front matter, Markdown, HTML and
//! template syntax always give an article, never a panic, and never script.
//!
//! `PROPTEST_CASES` sets how many inputs each property tries (the fuzzing runs in the closing
//! notes used large values); the default keeps `cargo test` quick.

mod common;

use articles::sanitize::clean;
use articles::{parse, Location, ParseOptions};
use common::attributes_are_inert;
use proptest::prelude::*;

/// Fragments that exercise every part of the pipeline when strung together at random.
const FRAGMENTS: &[&str] = &[
    "---\n",
    "+++\n",
    ";;;\n",
    "---json\n",
    "---js\n",
    "...\n",
    "\n",
    "\r\n",
    "  ",
    "    ",
    "title: ",
    "date: ",
    "categories:\n - ",
    "tags: [",
    "]",
    "{",
    "}",
    "&a ",
    "*a ",
    "\"",
    "'",
    "title = \"x\"\n",
    "date = 2023-05-10T08:30:00+08:00\n",
    "2022年2月17日",
    "Thu, 17 Feb 2022 23:32:20 GMT",
    "# ",
    "## ",
    "> ",
    "> [!note] ",
    "- ",
    "1. ",
    "- [x] ",
    "```",
    "~~~",
    "`",
    "*",
    "_",
    "~~",
    "[",
    "](",
    ")",
    "![",
    "[^1]",
    "[^1]: ",
    "|",
    "|---|",
    "$",
    "$$",
    "\\frac{",
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:x\">",
    "</a>",
    "&#123;",
    "&amp;",
    "{% note %}",
    "{% endnote %}",
    "{% codeblock lang:js %}",
    "{% endcodeblock %}",
    "{% youtube x %}",
    "{{< figure src=\"a\" >}}",
    "{{< highlight go >}}",
    "{{< /highlight >}}",
    "{{ site.url }}",
    "[[link]]",
    "![[img.png|3]]",
    "www.example.com",
    "https://x.example/(a)",
    "a@b.example",
    "中文",
    "文本",
    "text",
    "\u{0}",
    "\u{feff}",
    "\u{3000}",
    "é",
    "🙂",
];

/// Pieces of frames and images: the raw text of an iframe is written out unescaped, so it can
/// look like any markup to a pass over the sanitizer's output.
const FRAME_FRAGMENTS: &[&str] = &[
    "<iframe",
    " src=\"https://www.youtube.com/embed/x\"",
    "</iframe>",
    "<img",
    " src",
    " alt",
    "=",
    "\"",
    "'",
    ">",
    "/",
    "<",
    " ",
    "\t",
    "x",
];

/// Whether the image tag starting `rest` (just after `<img`) has an `alt` attribute. The
/// sanitizer escapes `>` in attribute values, so the first `>` ends the tag.
fn has_alt(rest: &str) -> bool {
    rest.split('>')
        .next()
        .is_some_and(|tag| tag.contains(" alt=\""))
}

/// `html` (sanitized: every `<` starts a tag and values are quoted) with the attributes of
/// each tag in sorted order.
fn attributes_sorted(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let end = rest[lt..].find('>').map_or(rest.len(), |at| lt + at + 1);
        let tag = &rest[lt..end];
        let mut parts = Vec::new();
        let mut part = String::new();
        let mut quoted = false;
        for c in tag.trim_end_matches('>').chars() {
            match c {
                '"' => {
                    quoted = !quoted;
                    part.push(c);
                }
                ' ' if !quoted => parts.push(std::mem::take(&mut part)),
                _ => part.push(c),
            }
        }
        parts.push(part);
        if let Some(attributes) = parts.get_mut(1..) {
            attributes.sort();
        }
        out.push_str(&parts.join(" "));
        out.push_str(if tag.ends_with('>') { ">" } else { "" });
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn composed() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..120).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let article = parse("random.md", &bytes, &ParseOptions::default());
        prop_assert_eq!(attributes_are_inert(&article.html), Ok(()));
    }

    #[test]
    fn random_articles_never_panic_or_run_script(text in composed()) {
        let article = parse("composed.md", text.as_bytes(), &ParseOptions::default());
        prop_assert_eq!(attributes_are_inert(&article.html), Ok(()), "{}", article.html);
        prop_assert!(!article.title.is_empty());
    }

    #[test]
    fn frames_and_images_finish_and_clean_once(
        parts in prop::collection::vec(prop::sample::select(FRAME_FRAGMENTS), 0..60)
    ) {
        let html = parts.concat();
        let here = Location::default();
        let once = clean(&html, &here);
        prop_assert_eq!(attributes_are_inert(&once), Ok(()), "{}", once);
        // What the sanitizer writes is what it keeps: a second pass changes nothing (but the
        // order of the attributes ammonia sets, which follows a hash map's).
        prop_assert_eq!(
            attributes_sorted(&clean(&once, &here)),
            attributes_sorted(&once),
            "{}",
            html
        );
        // Frames are always empty, and every image has a text alternative.
        prop_assert_eq!(once.matches("<iframe ").count(), once.matches("></iframe>").count());
        prop_assert!(once.split("<img").skip(1).all(has_alt), "{}", once);
    }
}
