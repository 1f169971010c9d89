//! DOMPurify's 223 test payloads (hostile and tricky HTML, mXSS, DOM clobbering, SVG/MathML),
//! each as an article body in HTML and in Markdown: nothing that can run script survives.

mod common;

use articles::{parse, Location, ParseOptions};
use common::attributes_are_inert;
use serde::Deserialize;

#[derive(Deserialize)]
struct Payload {
    #[serde(default)]
    title: String,
    payload: String,
}

#[test]
fn no_payload_survives() {
    let path = format!(
        "{}/tests/fixtures/xss/dompurify-payloads.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let payloads: Vec<Payload> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("payloads")).expect("JSON");
    assert_eq!(payloads.len(), 223);
    let options = ParseOptions {
        location: Location::of(Some("articles/"), "", "x.md"),
        ..ParseOptions::default()
    };
    let mut failures = Vec::new();
    for payload in &payloads {
        let as_html = format!("<div>\n{}\n</div>", payload.payload);
        for body in [payload.payload.as_str(), as_html.as_str()] {
            let article = parse("x.md", body.as_bytes(), &options);
            if let Err(why) = attributes_are_inert(&article.html) {
                failures.push(format!("{}: {why}\n  {}", payload.title, article.html));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
