//! The baseline the engine is measured against: what "pulldown-cmark + ammonia alone" costs.
//! The front matter block is cut off simply, the rest rendered with the options the engine
//! enables (`body/markdown.rs`) and cleaned by ammonia's default policy; no decoding beyond
//! UTF-8, no fields, no text, outline or counts.

use articles::body::MARKDOWN_OPTIONS;
use pulldown_cmark::{html, Parser};

/// Sanitized HTML of a file's body.
pub fn render(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let body = strip_front_matter(&text);
    let mut unsafe_html = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(body, MARKDOWN_OPTIONS));
    ammonia::clean(&unsafe_html)
}

/// The text after a leading `---`…`---` or `+++`…`+++` block; all of it when there is none.
fn strip_front_matter(text: &str) -> &str {
    for fence in ["---", "+++"] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        let closing = format!("\n{fence}");
        if let Some(end) = rest.find(&closing) {
            let after = &rest[end + closing.len()..];
            return after.split_once('\n').map_or("", |(_, body)| body);
        }
    }
    text
}
