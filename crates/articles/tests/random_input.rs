//! Property tests: random bytes and random compositions of front matter, Markdown, HTML and
//! template syntax always give an article, never a panic, and never script.
//!
//! `PROPTEST_CASES` sets how many inputs each property tries (the fuzzing runs in the closing
//! notes used large values); the default keeps `cargo test` quick.

mod common;

use articles::{parse, ParseOptions};
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
}
