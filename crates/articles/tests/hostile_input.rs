//! Input built to break parsers: it must give an article, never a panic or a stack overflow.
//!
//! Each case runs on a thread with a 1 MiB stack, about what wasm gets in a browser, so a
//! recursion that would overflow there overflows here too (and fails the test) instead of
//! passing on the test runner's larger native stack.

use articles::{parse, Article, DiagnosticKind, ParseOptions};

const WASM_LIKE_STACK: usize = 1024 * 1024;

fn parse_on_small_stack(name: &str, bytes: Vec<u8>) -> Article {
    let name = name.to_owned();
    std::thread::Builder::new()
        .stack_size(WASM_LIKE_STACK)
        .spawn(move || parse(&name, &bytes, &ParseOptions::default()))
        .expect("a thread")
        .join()
        .expect("parsing panicked")
}

#[test]
fn empty_file() {
    let article = parse_on_small_stack("empty.md", Vec::new());
    assert_eq!(article.title, "empty");
    assert!(article.html.is_empty());
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let article = parse_on_small_stack(
        "bytes.md",
        b"---\ntitle: \xff\xfe\0x\n---\n\0\x80body".to_vec(),
    );
    // Not UTF-8: read in the legacy encoding the detector finds most likely, and recorded.
    assert_ne!(article.encoding, "UTF-8");
    assert!(article.text.contains("body"));
}

#[test]
fn ten_thousand_nested_lists_quotes_and_elements() {
    let depth = 10_000;
    let cases = [
        ("lists.md", format!("{}x\n", "- ".repeat(depth))),
        ("ordered.md", format!("{}x\n", "1. ".repeat(depth))),
        ("quotes.md", format!("{} deep\n", ">".repeat(depth))),
        (
            "divs.md",
            format!(
                "<div>{}x{}</div>",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            ),
        ),
        ("spans.md", format!("{}x", "<span>".repeat(depth))),
        (
            "emphasis.md",
            format!("{}x{}", "*_".repeat(depth), "_*".repeat(depth)),
        ),
        (
            "links.md",
            format!("{}x{}", "[".repeat(depth), "](u)".repeat(depth)),
        ),
    ];
    for (name, text) in cases {
        let article = parse_on_small_stack(name, text.into_bytes());
        assert!(!article.title.is_empty(), "{name}");
    }
}

#[test]
fn deeply_nested_front_matter_is_refused() {
    let depth = 10_000;
    let cases = [
        format!(
            "---\na: {}1{}\n---\nbody",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        format!(
            "+++\na = {}1{}\n+++\nbody",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        format!(
            ";;;\n{}{}\n;;;\nbody",
            "{\"a\":".repeat(depth),
            "}".repeat(depth)
        ),
        format!(
            "---\n{}\n---\nbody",
            (0..depth)
                .map(|i| format!("{}k:", " ".repeat(i)))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    ];
    for text in cases {
        let article = parse_on_small_stack("nested.md", text.into_bytes());
        assert!(
            article
                .diagnostics
                .iter()
                .any(|d| d.kind == DiagnosticKind::Limit),
            "{:?}",
            article.diagnostics
        );
        assert!(article.text.contains("body"));
    }
}

#[test]
fn twenty_megabyte_article() {
    let paragraph = "Lorem ipsum dolor sit amet, 中文文本混合。 *emphasis* and `code`.\n\n";
    let text = paragraph.repeat(20 * 1024 * 1024 / paragraph.len());
    let article = parse_on_small_stack("big.md", text.into_bytes());
    assert!(article.counts.words > 1_000_000);
}
