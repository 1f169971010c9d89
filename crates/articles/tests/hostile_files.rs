//! The hostile fixtures of `tests/fixtures/hostile/` (see its README): each gives an article,
//! quickly, on a wasm-sized stack, with the diagnostic its attack calls for, and the sanitizer
//! cases give inert HTML.
//!
//! Parsing runs on a thread with a 1 MiB stack, about what wasm gets in a browser, and the test
//! waits for it with a deadline, so a parser that never returns fails the test instead of
//! hanging it.

mod common;

use std::collections::BTreeMap;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use articles::front_matter::MAX_DEPTH;
use articles::sanitize::MAX_HTML_DEPTH;
use articles::{parse, Article, DiagnosticKind, Location, ParseOptions};
use common::attributes_are_inert;

const WASM_LIKE_STACK: usize = 1024 * 1024;

/// How long one parse may take. Release builds must stay well under a second; debug builds
/// are several times slower and share the machine with other tests.
fn deadline() -> Duration {
    if cfg!(debug_assertions) {
        Duration::from_secs(20)
    } else {
        Duration::from_secs(1)
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/hostile/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Parses `bytes` on a small stack; fails when parsing panics or misses the deadline.
fn parse_in_time(name: &str, bytes: Vec<u8>, options: ParseOptions) -> Article {
    let (send, receive) = mpsc::channel();
    let owned = name.to_owned();
    let started = Instant::now();
    std::thread::Builder::new()
        .stack_size(WASM_LIKE_STACK)
        .spawn(move || {
            // The receiver may have given up; nothing is left to tell then.
            let _ = send.send(parse(&owned, &bytes, &options));
        })
        .expect("a thread");
    let article = receive
        .recv_timeout(deadline())
        .unwrap_or_else(|e| panic!("{name}: no article within {:?} ({e})", deadline()));
    eprintln!("{name}: parsed in {:?}", started.elapsed());
    article
}

fn parse_fixture(name: &str, options: ParseOptions) -> Article {
    parse_in_time(name, fixture(name), options)
}

fn has_diagnostic(article: &Article, kind: DiagnosticKind, words: &str) -> bool {
    article
        .diagnostics
        .iter()
        .any(|d| d.kind == kind && d.message.contains(words))
}

/// The article as the page receives it from the worker: through JSON and back.
fn through_json(article: &Article) -> Article {
    let json = serde_json::to_string(article).expect("an article serializes");
    serde_json::from_str::<Article>(&json).expect("the page reads the article back")
}

fn assert_inert(article: &Article) {
    if let Err(why) = attributes_are_inert(&article.html) {
        panic!("{why}\n{}", article.html);
    }
}

/// The tags of `html` named `name` (each from `<name` to its `>`).
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    html.match_indices(&open)
        .map(|(at, _)| {
            let tag = &html[at..];
            &tag[..tag.find('>').map_or(tag.len(), |end| end + 1)]
        })
        .collect()
}

#[test]
fn iframe_img_loop() {
    let article = parse_fixture("iframe-img-loop.md", ParseOptions::default());
    assert_inert(&article);
    assert!(article.diagnostics.is_empty(), "{:?}", article.diagnostics);
    let html = &article.html;
    // The three players stay, each empty; the foreign frame and the frame without `src` go.
    assert_eq!(html.matches("<iframe ").count(), 3, "{html}");
    assert_eq!(html.matches("></iframe>").count(), 3, "{html}");
    for frame in tags(html, "iframe") {
        assert!(
            frame.contains("src=\"https://www.youtube.com/embed/"),
            "{frame}"
        );
    }
    assert!(
        !html.contains("evil") && !html.contains("onerror"),
        "{html}"
    );
    assert!(article.text.contains("after"), "{}", article.text);
    let images = tags(html, "img");
    assert_eq!(images.len(), 2, "{html}");
    assert!(images.iter().all(|img| img.contains(" alt=\"")), "{html}");
    assert!(html.contains("alt=\"kept\""), "{html}");
}

#[test]
fn tag_plugins_without_arguments() {
    let article = parse_fixture("tag-plugins-without-arguments.md", ParseOptions::default());
    assert_inert(&article);
    let notes: Vec<_> = article
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::Template)
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    for tag in ["`{% link %}`", "`{% asset_link %}`", "`{{< link >}}`"] {
        assert!(notes[0].message.contains(tag), "{tag}: {notes:?}");
    }
    assert!(notes[0].message.contains("need arguments"), "{notes:?}");
    assert!(
        article.html.contains("href=\"https://hexo.io\""),
        "{}",
        article.html
    );
    assert!(!article.text.contains("{%") && !article.text.contains("{{"));
    assert!(article.text.contains("Before") && article.text.contains("after"));
}

#[test]
fn date_i64_min() {
    let article = parse_fixture("date-i64-min.md", ParseOptions::default());
    assert_eq!(article.meta.date, None);
    assert_eq!(article.meta.updated, None);
    for field in ["date", "updated"] {
        assert!(
            article
                .diagnostics
                .iter()
                .any(|d| d.kind == DiagnosticKind::Date && d.field.as_deref() == Some(field)),
            "{field}: {:?}",
            article.diagnostics
        );
    }
    assert!(article.text.contains("body"));
}

#[test]
fn yaml_alias_bytes() {
    let bytes = fixture("yaml-alias-bytes.md");
    assert!(
        bytes.len() < 256 * 1024,
        "the block must fit the size limit"
    );
    let article = parse_in_time("yaml-alias-bytes.md", bytes, ParseOptions::default());
    assert!(
        has_diagnostic(&article, DiagnosticKind::Limit, "KiB of text"),
        "{:?}",
        article.diagnostics
    );
    assert!(article.text.contains("body"));
}

#[test]
fn front_matter_nested_64() {
    let article = parse_fixture("front-matter-nested-64.md", ParseOptions::default());
    assert!(
        has_diagnostic(&article, DiagnosticKind::Limit, "nests deeper"),
        "{:?}",
        article.diagnostics
    );
    assert!(article.text.contains("body"));
    assert_eq!(through_json(&article), article);
}

#[test]
fn toml_dotted_keys() {
    for name in ["toml-dotted-keys.md", "toml-dotted-headers.md"] {
        let article = parse_fixture(name, ParseOptions::default());
        assert!(
            has_diagnostic(&article, DiagnosticKind::Limit, "nests deeper"),
            "{name}: {:?}",
            article.diagnostics
        );
        assert!(article.text.contains("body"), "{name}");
    }
}

#[test]
fn scheme_whitespace() {
    let article = parse_fixture("scheme-whitespace.md", ParseOptions::default());
    assert_inert(&article);
    let html = article.html.to_ascii_lowercase();
    for link in tags(&html, "a") {
        assert!(!link.contains("href="), "{link}");
    }
    assert!(
        !html.contains("svg") && !html.contains("text/html"),
        "{html}"
    );
    assert!(!html.contains("srcset"), "{html}");
    // A raster image is still shown, its URL as the browser reads it.
    assert!(
        html.contains("src=\"data:image/png;base64,aaaa\""),
        "{html}"
    );
    assert!(article.text.contains("leading space"));
}

#[test]
fn relative_javascript() {
    let options = ParseOptions {
        location: Location::of(Some(""), "", "x.md"),
        ..ParseOptions::default()
    };
    let article = parse_fixture("relative-javascript.md", options);
    assert_inert(&article);
    let cover = article.meta.cover.clone().unwrap_or_default();
    assert!(
        !cover.contains("javascript:") || cover.starts_with("./"),
        "{cover}"
    );
    for link in tags(&article.html, "a") {
        assert!(
            !link.contains("href=\"javascript:")
                && !link.contains("href=\"vbscript:")
                && !link.contains("href=\"data:"),
            "{link}"
        );
    }
    assert!(article.text.contains("markdown link"));
}

#[test]
fn blob_link() {
    let mut location = Location::of(None, "dropped/", "x.md");
    location.assets = Arc::new(BTreeMap::from([(
        "diagram.svg".to_owned(),
        "blob:http://x/1".to_owned(),
    )]));
    let options = ParseOptions {
        location,
        ..ParseOptions::default()
    };
    let article = parse_fixture("blob-link.md", options);
    assert_inert(&article);
    for link in tags(&article.html, "a") {
        assert!(!link.contains("href="), "{link}");
    }
    assert!(
        article
            .html
            .contains("<img alt=\"The diagram\" src=\"blob:http://x/1\"")
            || article.html.contains("src=\"blob:http://x/1\""),
        "{}",
        article.html
    );
    for words in ["the diagram", "a blob link", "a data link", "markdown link"] {
        assert!(article.text.contains(words), "{words}: {}", article.text);
    }
}

/// Front matter nested `depth` levels (the root map is level one), in each notation.
fn nested(depth: usize) -> [(&'static str, String); 3] {
    let yaml: String = (0..depth)
        .map(|i| {
            format!(
                "{}k:{}",
                "  ".repeat(i),
                if i + 1 == depth { " 1\n" } else { "\n" }
            )
        })
        .collect();
    let toml = format!("{} = 1\n", vec!["k"; depth].join("."));
    let json = format!("{}1{}", "{\"k\":".repeat(depth), "}".repeat(depth));
    [
        ("yaml", format!("---\n{yaml}---\nbody\n")),
        ("toml", format!("+++\n{toml}+++\nbody\n")),
        ("json", format!(";;;\n{json}\n;;;\nbody\n")),
    ]
}

#[test]
fn front_matter_at_the_depth_limit_reaches_the_page() {
    for (notation, text) in nested(MAX_DEPTH) {
        let article = parse_in_time(notation, text.into_bytes(), ParseOptions::default());
        assert!(
            article.diagnostics.is_empty(),
            "{notation}: {:?}",
            article.diagnostics
        );
        assert_ne!(
            article.fields,
            articles::Value::Map(Vec::new()),
            "{notation}"
        );
        assert_eq!(through_json(&article), article, "{notation}");
    }
}

#[test]
fn front_matter_past_the_depth_limit_is_refused() {
    for (notation, text) in nested(MAX_DEPTH + 1) {
        let article = parse_in_time(notation, text.into_bytes(), ParseOptions::default());
        assert!(
            has_diagnostic(&article, DiagnosticKind::Limit, "nests deeper"),
            "{notation}: {:?}",
            article.diagnostics
        );
        assert!(article.text.contains("body"), "{notation}");
        assert_eq!(through_json(&article), article, "{notation}");
    }
}

#[test]
fn unclosed_divs() {
    let article = parse_fixture("unclosed-divs.md", ParseOptions::default());
    let deeper = format!("nests HTML elements deeper than {MAX_HTML_DEPTH} levels");
    assert!(
        has_diagnostic(&article, DiagnosticKind::Limit, &deeper),
        "{:?}",
        article.diagnostics
    );
    // What comes before the cut is shown, nested as deep as the limit allows.
    assert!(
        article.text.contains("Before the elements"),
        "{}",
        article.text
    );
    assert_eq!(article.html.matches("<div>").count(), MAX_HTML_DEPTH);
    assert!(!article.text.contains("after the elements"));
    assert_inert(&article);
    assert_eq!(through_json(&article), article);
}

#[test]
fn ampersand_run() {
    // Markdown's own HTML is sanitized in one scan, without html5ever's serializer
    // (sanitize/markdown.rs): the whole run is shown, in time.
    let article = parse_fixture("ampersand-run.md", ParseOptions::default());
    assert!(
        !article
            .diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::Limit),
        "{:?}",
        article.diagnostics
    );
    assert_eq!(article.title, "A run of ampersands");
    assert!(article.text.contains("Before the run."), "{}", article.text);
    assert!(article.text.matches('&').count() >= 130_000);
    assert_inert(&article);
    // The same run in raw HTML goes through html5ever: cut before it, with a diagnostic.
    let text = String::from_utf8_lossy(&fixture("ampersand-run.md")).replace("\n\n&", "\n\n<p>&");
    let article = parse_in_time(
        "ampersand-run.md",
        text.into_bytes(),
        ParseOptions::default(),
    );
    assert!(
        has_diagnostic(&article, DiagnosticKind::Limit, "characters to escape"),
        "{:?}",
        article.diagnostics
    );
    assert!(article.text.contains("Before the run."), "{}", article.text);
    assert_inert(&article);
}

/// Markup nested deep in other ways than `unclosed-divs.md`: Markdown that writes it, and
/// HTML that a count of start and end tags would take for shallow (`<div/>` opens a div;
/// `</span>` does not close past a `<div>`; `</form>` closes the form alone; a `<b>` closed by
/// a block is reopened), each taking seconds to minutes before the sanitizer's input was
/// bounded. Each gives an article quickly, with a `Limit` diagnostic.
#[test]
fn deeply_nested_markup_is_cut_quickly() {
    let deep = 32_000;
    let cases = [
        ("quotes.md", format!("{} deep\n", ">".repeat(10_000))),
        ("lists.md", format!("{}x\n", "- ".repeat(10_000))),
        ("self-closed.md", "<div/>".repeat(deep)),
        ("span-div.md", "<span><div></span>".repeat(deep / 2)),
        ("form-div.md", "<form><div></form>".repeat(deep)),
        ("bold-div.md", "<div><b></div>".repeat(deep)),
        ("svg-tr.md", format!("<svg>{}", "<tr>".repeat(deep))),
        (
            "stray-end-tags.md",
            format!(
                "{}{}",
                "<span>".repeat(MAX_HTML_DEPTH),
                "</x>".repeat(250_000)
            ),
        ),
    ];
    for (name, text) in cases {
        let article = parse_in_time(name, text.into_bytes(), ParseOptions::default());
        assert!(
            has_diagnostic(&article, DiagnosticKind::Limit, "of its HTML is not shown"),
            "{name}: {:?}",
            article.diagnostics
        );
        assert_eq!(through_json(&article), article, "{name}");
    }
    // Markup nested to the limit, and closed, is read whole.
    let html = format!(
        "{}in the middle{}after",
        "<div>".repeat(MAX_HTML_DEPTH),
        "</div>".repeat(MAX_HTML_DEPTH)
    );
    let article = parse_in_time(
        "at-the-limit.html",
        html.into_bytes(),
        ParseOptions::default(),
    );
    assert!(article.diagnostics.is_empty(), "{:?}", article.diagnostics);
    assert!(
        article.text.contains("in the middle\nafter"),
        "{}",
        article.text
    );
}

#[test]
fn wikilink_brackets() {
    let article = parse_fixture("wikilink-brackets.md", ParseOptions::default());
    assert!(article.diagnostics.is_empty(), "{:?}", article.diagnostics);
    assert!(article.text.contains("Before the brackets"));
    assert!(article.text.contains(&"[".repeat(1000)));
    assert!(article.text.contains(&"![[".repeat(1000)));
    assert!(
        article.text.contains("a wiki link still works"),
        "{}",
        article.text
    );
    assert!(
        article.html.contains("href=\"#/find/Other%20note\""),
        "{}",
        article.html
    );
}

/// A line of 100 000 HTML comments (`<!-- more -->`, found by the fuzzer: `timeout-008c…`,
/// `timeout-ed48…`): each comment searched the rest of the line for the second of its two
/// closers, so 40 000 took 5.8 s natively and these some 36 s.
#[test]
fn comment_runs() {
    let run = "<!-- more -->".repeat(100_000);
    for (name, text) in [
        (
            "block.md",
            format!("Before the comments.\n\n{run}\n\nAfter them.\n"),
        ),
        (
            "inline.md",
            format!("Before the comments {run} after them.\n"),
        ),
    ] {
        let article = parse_in_time(name, text.into_bytes(), ParseOptions::default());
        assert!(
            article.diagnostics.is_empty(),
            "{name}: {:?}",
            article.diagnostics
        );
        assert!(article.text.contains("Before the comments"), "{name}");
        assert!(article.text.contains("fter them."), "{name}");
        assert!(!article.html.contains("<!--"), "{name}");
        assert!(
            article.excerpt.starts_with("Before the comments") && !article.excerpt.contains("them"),
            "{name}: the excerpt ends at the first marker: {:?}",
            article.excerpt
        );
    }
}

/// Runs that a bare link is tried at every place of (found by the fuzzer: `timeout-7155…`,
/// `timeout-1b32…`): each try read to the run's end, or counted its parentheses again for
/// every `)` it took off, so 65 kB took from 1 s (`(http://a…`) to over 30 s (`)…`) natively,
/// and these 260 kB 12–47 s in a test build.
#[test]
fn bare_link_runs() {
    let cases = [
        ("underscores.md", "_a".repeat(131_072)),
        ("www-dots.md", "(www..".repeat(44_000)),
        (
            "parens.md",
            format!("www.a.example/{}", ")".repeat(262_144)),
        ),
        ("http-runs.md", "(http://a".repeat(32_000)),
    ];
    for (name, run) in cases {
        let text = format!("Before the run: {run} www.example.com after it.\n");
        let article = parse_in_time(name, text.into_bytes(), ParseOptions::default());
        assert!(article.text.contains("Before the run"), "{name}");
        assert!(
            article.html.contains("href=\"http://www.example.com\""),
            "{name}: a link after the run"
        );
    }
}

#[test]
fn unclosed_tag_blocks() {
    let article = parse_fixture("unclosed-tag-blocks.md", ParseOptions::default());
    assert!(article.text.contains("Before the tags"));
    assert!(
        article
            .text
            .contains("After the tags, {% kept %} still works"),
        "{}",
        article.text
    );
    assert!(article.text.contains(&"{% ".repeat(1000)));
}
