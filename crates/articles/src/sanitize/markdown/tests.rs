//! The scan held to the full sanitizer: for every Markdown document without raw HTML (the
//! corpora, the fixtures, the CommonMark and GFM spec examples, generated Markdown), the same
//! output as ammonia's, attributes compared as sets (ammonia orders some by a hash map).

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use pulldown_cmark::{Event, Parser};

use super::{clean, is_raw_html_left_to_ammonia};
use crate::article::Location;
use crate::body::MARKDOWN_OPTIONS;
use crate::sanitize::policy;
use crate::url::ascii_hosts;

/// pulldown-cmark's HTML for `markdown`, or `None` when it holds raw HTML beyond the inline
/// tags the scan reads, or math (which the engine writes as MathML: raw HTML too).
fn markdown_html(markdown: &str) -> Option<String> {
    let events: Vec<Event> = Parser::new_ext(markdown, MARKDOWN_OPTIONS).collect();
    let raw = events.iter().any(|event| {
        is_raw_html_left_to_ammonia(event)
            || matches!(event, Event::InlineMath(_) | Event::DisplayMath(_))
    });
    if raw {
        return None;
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Some(html)
}

/// `html` with each start tag's attributes in name order.
fn attributes_sorted(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let end = lt + crate::sanitize::tag_len(&rest[lt..]);
        let tag = &rest[lt..end];
        rest = &rest[end..];
        let inner = tag.trim_start_matches('<').trim_end_matches('>');
        let mut parts: Vec<&str> = inner.split("\" ").collect();
        let first = parts.remove(0);
        let (name, first_attribute) = first.split_once(' ').unwrap_or((first, ""));
        let mut attributes: Vec<String> = parts
            .iter()
            .map(|a| a.trim_end_matches('"').to_owned())
            .collect();
        if !first_attribute.is_empty() {
            attributes.push(first_attribute.trim_end_matches('"').to_owned());
        }
        attributes.sort();
        out.push('<');
        out.push_str(name);
        for attribute in attributes {
            out.push(' ');
            out.push_str(&attribute);
            out.push('"');
        }
        out.push('>');
    }
    out.push_str(rest);
    out
}

/// Whether the scan, when it takes `markdown`, writes what ammonia writes; `Some(taken)`, or
/// `None` for markdown with raw HTML.
fn agrees(markdown: &str, location: &Location) -> Option<bool> {
    let html = markdown_html(markdown)?;
    let html = ascii_hosts(&html);
    let Some(scanned) = clean(&html, location) else {
        return Some(false);
    };
    let parsed = policy::clean(&html, location);
    assert_eq!(
        attributes_sorted(&scanned),
        attributes_sorted(&parsed),
        "for the Markdown {markdown:?}"
    );
    Some(true)
}

fn markdown_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, files);
        } else if path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown")
        {
            files.push(path);
        }
    }
}

#[test]
fn the_corpora_and_fixtures_come_out_as_ammonia_writes_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    markdown_files(&root, &mut files);
    assert!(files.len() > 500, "{} files", files.len());
    let location = Location::of(Some("articles/"), "", "posts/a.md");
    let (mut markdown_only, mut taken) = (0, 0);
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        let body = crate::front_matter::read(&text).body;
        if let Some(scanned) = agrees(body, &location) {
            markdown_only += 1;
            taken += usize::from(scanned);
        }
    }
    // Nearly every document without raw HTML is taken by the scan (not all: some nest deeper
    // than it takes, or hold carriage returns).
    assert!(markdown_only > 300, "{markdown_only} of {}", files.len());
    assert!(
        taken * 10 >= markdown_only * 9,
        "{taken} of {markdown_only}"
    );
}

#[test]
fn the_spec_examples_come_out_as_ammonia_writes_them() {
    #[derive(serde::Deserialize)]
    struct Example {
        markdown: String,
    }
    let mut taken = 0;
    for file in ["commonmark.0.31.2.json", "gfm.0.29.json"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/commonmark")
            .join(file);
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let examples: Vec<Example> = serde_json::from_str(&text).unwrap_or_default();
        assert!(examples.len() > 20, "{file}");
        for example in &examples {
            taken += usize::from(agrees(&example.markdown, &Location::default()) == Some(true));
        }
    }
    assert!(taken > 550, "{taken} examples taken");
}

#[test]
fn markup_that_markdown_does_not_write_is_left_to_the_parser() {
    let location = Location::default();
    for html in [
        "<p onclick=\"x()\">a</p>",
        "<script>alert(1)</script>",
        "<p>a</p><style>p{}</style>",
        "<a href=\"#a\"><a href=\"#b\">b</a></a>",
        "<p>unclosed",
        "<p>a</em>",
        "<img src=\"x\" onerror=\"alert(1)\" />",
        "<p title='x'>a</p>",
        "<table><tbody><tr><td style=\"background: url(x)\">a</td></tr></tbody></table>",
        "<p>a&#60;b</p>",
        "<p>\r</p>",
        "<!-- c --><p>a</p>",
    ] {
        assert_eq!(clean(html, &location), None, "{html}");
    }
}

#[test]
fn unsafe_urls_go_as_ammonia_drops_them() {
    let location = Location::default();
    for markdown in [
        "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](data:text/html,x) [d](vbscript:x)",
        "![a](javascript:alert(1)) ![b](data:image/svg+xml,x) ![c](http://[::1/x)",
        "<javascript:alert(1)> [e](java\tscript:x) [f](&#x6A;avascript:x)",
        "[g](http://exa%20mple.com) [h](//evil.example/x) [i](mailto:a@b.c)",
    ] {
        assert_eq!(agrees(markdown, &location), Some(true), "{markdown}");
        let html = clean(&markdown_html(markdown).unwrap_or_default(), &location);
        let html = html.unwrap_or_default();
        assert!(
            !html.to_ascii_lowercase().contains("href=\"javascript"),
            "{html}"
        );
        assert!(!html.contains("data:text"), "{html}");
    }
}

#[test]
fn raw_inline_tags_are_read_as_ammonia_reads_them() {
    let location = Location::of(Some("articles/"), "", "posts/a.md");
    for markdown in [
        "Watch <a href=\"https://www.youtube.com/watch?v=HLJ9jJy7CMg\">▶ YouTube video</a>.",
        "A <b>bold</b> and <i>italic</i> line<br>and <kbd>Ctrl</kbd> <sub>2</sub>",
        "<img src=\"a.png\" width=\"300\" alt=\"A\"> and <span class=\"math x\">m</span>",
        "| <b>a</b> |\n|-|\n| <br/> |\n\n# Title <small>x</small>\n\n- <u>y</u>",
        "[link <b>b</b>](https://x.org) <a href=\"javascript:alert(1)\" title=\"t\">j</a>",
    ] {
        assert_eq!(agrees(markdown, &location), Some(true), "{markdown}");
    }
    // Left to ammonia: tags not closed in order, blocks, unknown attributes, two alike.
    for markdown in [
        "a <b>b <i>c</b> d</i>",
        "a <b>b",
        "a <span onclick=\"x()\">b</span>",
        "a <a href=\"x\" href=\"y\">b</a>",
        "a <a href='x'>b</a>",
        "[a <a href=\"y\">b</a>](x)",
        "a <img src=x>",
    ] {
        assert_eq!(agrees(markdown, &location), Some(false), "{markdown}");
    }
}

/// Pieces of Markdown that build most of its constructs when strung together.
const PIECES: &[&str] = &[
    "*",
    "_",
    "**",
    "~~",
    "`",
    "```rust\n",
    "    ",
    "# ",
    "## ",
    "> ",
    "> [!NOTE]\n",
    "- ",
    "1. ",
    "3) ",
    "- [x] ",
    "| a | b |\n|:-|-:|\n",
    "| ",
    "[",
    "]",
    "](",
    ")",
    "![",
    "[^1]",
    "[^1]: ",
    "<https://a.org/x?y=1&z=2>",
    "http://b.org/é",
    "a@b.org",
    "\"",
    "'",
    "&",
    "&amp;",
    "&copy;",
    "\u{a0}",
    "中文",
    "\n",
    "\n\n",
    "  \n",
    "---\n",
    "\\",
    "{#id .c}",
    "x",
    "word ",
    "(",
    "#",
    "javascript:alert(1)",
    "#frag",
    "other.md",
    "a b.png",
    " \"title\"",
    // Raw inline HTML, in and out of what the scan reads.
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<span class=\"math x\">",
    "</span>",
    "<br>",
    "<br/>",
    "<a href=\"https://c.org/?a=1&amp;b=2\">",
    "<a href=\"javascript:x\" title=\"t\">",
    "</a>",
    "<img src=\"p.png\" width=\"10\">",
    "<img src=p.png>",
    "<sub>",
    "</sub>",
    "<p>",
    "</p>",
    "<a href=\"x\" href=\"y\">",
    "<B>",
    "<span onclick=\"x\">",
    "<kbd>",
    "</kbd>",
    "<!-- c -->",
    "<div>",
    "</div>",
    "<b>b</b>",
    "\n\n<div class=\"callout callout-info\"><p class=\"callout-title\">T</p>\n\n",
    "\n\n</div>\n\n",
    "\n\n<blockquote>\n\n",
    "\n\n<footer>— s</footer></blockquote>\n\n",
    "\n\n<details><summary>s &amp; t</summary>\n\n",
    "\n\n</details>\n\n",
    "<p>a<div>b</div></p>",
    "\n<div>\nraw > text\n</div>\n",
    "<a href=\"https://d.org/é?x=1&amp;y\">d</a>",
    "<span class=\"footnote-x y\">s</span>",
    "<img src=\"q.png\" width=\"1\" height=\"2\" alt=\"a>b\" />",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn generated_markdown_comes_out_as_ammonia_writes_it(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
    ) {
        let markdown: String = pieces.concat();
        agrees(&markdown, &Location::of(None, "dropped/", "posts/a.md"));
    }
}
