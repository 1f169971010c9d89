//! Holding remote media, on the reference article (a repost whose images all come from a
//! news site's CDN) and on anything else: it never panics, and holding twice holds nothing more.

use articles::remote_media::{hold, Held};
use articles::{parse, Location, ParseOptions};
use proptest::prelude::*;
use serde::Deserialize;

const PAGE: &str = "https://lectern.example";

fn reference_html() -> String {
    let bytes = include_bytes!("fixtures/seed/000_6ceb1ec26c302d42.md");
    parse(
        "news/000_6ceb1ec26c302d42.md",
        bytes,
        &ParseOptions::default(),
    )
    .html
}

fn none_allowed(html: &str) -> Held {
    hold(html, PAGE, &|_| false)
}

/// Holds `html`, then holds the result again: the second time must change nothing.
fn assert_idempotent(html: &str) {
    let once = none_allowed(html);
    let twice = none_allowed(&once.html);
    assert_eq!(twice.html, once.html, "{html:?}");
    assert!(twice.hosts.is_empty(), "{html:?}: {:?}", twice.hosts);
}

#[test]
fn the_reference_articles_images_are_all_held() {
    let html = reference_html();
    assert!(html.contains("<img"), "{html}");
    let held = none_allowed(&html);
    assert!(!held.hosts.is_empty());
    for tag in held.html.split("<img").skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        assert!(!tag.contains(" src=\"http"), "{tag}");
        assert!(tag.contains("data-held-host=\""), "{tag}");
    }
    assert_idempotent(&html);
}

#[test]
fn allowing_every_host_changes_nothing() {
    let html = reference_html();
    let held = hold(&html, PAGE, &|_| true);
    assert_eq!(held.html, html);
    assert!(held.hosts.is_empty());
}

#[test]
fn truncated_articles_never_panic_and_hold_once() {
    let html = reference_html();
    let held = none_allowed(&html).html;
    for text in [&html, &held] {
        for (at, _) in text.char_indices() {
            for piece in [&text[..at], &text[at..]] {
                assert_idempotent(piece);
            }
        }
    }
}

#[derive(Deserialize)]
struct Payload {
    payload: String,
}

/// The first URL-holding attribute of a media element in held `html` that could still load
/// from off the page, read independently of the scanner under test: coarsely (any word of a
/// value that starts with a web scheme or two slashes counts), relying on sanitized output's
/// quoting.
fn remote_media_left(html: &str) -> Option<String> {
    for (index, piece) in html.split('<').enumerate().skip(1) {
        let name_end = piece.find([' ', '>', '/']).unwrap_or(piece.len());
        if !["img", "video", "audio", "source", "track"].contains(&&piece[..name_end]) {
            continue;
        }
        let mut rest = &piece[name_end..];
        while let Some((before, after)) = rest.split_once("=\"") {
            let name = before.rsplit(' ').next().unwrap_or_default();
            let (value, next) = after.split_once('"').unwrap_or((after, ""));
            let value = value.replace("&amp;", "&").to_ascii_lowercase();
            // Every word, so every candidate of a `srcset`.
            let names_a_host = value
                .split(|c: char| c.is_whitespace() || c == ',')
                .any(|url| {
                    url.starts_with("http")
                        || url.starts_with(['/', '\\']) && url[1..].starts_with(['/', '\\'])
                });
            if ["src", "srcset", "poster"].contains(&name) && names_a_host {
                return Some(format!("<{piece} (tag {index})"));
            }
            rest = next;
        }
    }
    None
}

#[test]
fn dompurifys_payloads_keep_no_remote_media() {
    let path = format!(
        "{}/tests/fixtures/xss/dompurify-payloads.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let payloads: Vec<Payload> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("payloads")).expect("JSON");
    // A library on another host: every relative URL of a payload becomes a remote one.
    let options = ParseOptions {
        location: Location::of(Some("https://cdn.example.com/articles/"), "", "x.md"),
        ..ParseOptions::default()
    };
    let mut with_remote_media = 0;
    for payload in &payloads {
        let html = parse("x.md", payload.payload.as_bytes(), &options).html;
        with_remote_media += usize::from(remote_media_left(&html).is_some());
        assert_eq!(remote_media_left(&none_allowed(&html).html), None, "{html}");
        assert_idempotent(&html);
    }
    // The check sees remote media where there is some.
    assert!(with_remote_media > 20, "{with_remote_media}");
}

/// Pieces of markup, strung together at random.
const FRAGMENTS: &[&str] = &[
    "<img",
    "<video",
    "<source",
    "<track",
    "<audio",
    "</img>",
    "<p>",
    "<",
    ">",
    "/>",
    "/",
    " ",
    "\t",
    "=",
    "\"",
    "'",
    " src=",
    " srcset=",
    " poster=",
    " data-held-src=",
    " alt",
    "\"https://cdn.example.com/a.png\"",
    "https://b.example/b.png 2x, ",
    "//c.example/c.png",
    "https://lectern.example/d.png",
    "a.png",
    "data:image/png;base64,AAAA",
    "&amp;",
    "&quot;",
    "&",
    "猫",
    "é",
    "\u{1f600}",
];

fn markup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn random_markup_never_panics_and_holds_once(html in markup()) {
        assert_idempotent(&html);
        let kept = hold(&html, PAGE, &|_| true);
        prop_assert_eq!(kept.html, html);
    }

    #[test]
    fn random_text_never_panics_and_holds_once(html in "\\PC{0,200}") {
        assert_idempotent(&html);
    }
}
