//! The body of an article: Markdown or raw HTML in, sanitized HTML out.
//!
//! Scrapers and Hexo posts often write a body that is an HTML fragment. Read as Markdown, its
//! indented HTML after blank lines would become code blocks, so a body shaped like a fragment
//! whose Markdown reading shows exactly that is treated as HTML, as is a whole document.
//! Everything else, Markdown that merely contains HTML included, follows CommonMark exactly.

mod autolink;
mod comments;
pub mod escape;
mod markdown;
mod math;
mod more;
mod slug;
mod tags;

/// The Markdown extensions the engine reads with.
pub use markdown::OPTIONS as MARKDOWN_OPTIONS;
pub use math::{use_math, Render};

use crate::article::Location;
use crate::sanitize;

/// How a body was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BodyKind {
    Markdown,
    Html,
}

/// A rendered body.
#[derive(Debug)]
pub struct Rendered {
    /// Sanitized HTML.
    pub html: String,
    pub kind: BodyKind,
    /// The text of a leading Markdown heading taken as the title (when `title` was `None`).
    pub leading_title: Option<String>,
    /// Template tags (`{% include %}`, `{{ site.url }}`…) removed because they mean nothing here.
    pub removed_tags: Vec<String>,
    /// Known tags left out because they were written without arguments (`{% link %}`).
    pub tags_without_arguments: Vec<String>,
    /// Formulas left as TeX, and why.
    pub math_errors: Vec<String>,
    /// Where the HTML was cut off because it nested too deep to read quickly.
    pub html_cut: Option<sanitize::Cut>,
    /// Sanitized HTML of what comes before the excerpt marker, `<!-- more -->`, when there is
    /// one: the excerpt's text.
    pub before_more: Option<String>,
}

/// Renders a body to safe HTML; relative URLs resolve against the article's `location`. A
/// leading heading that repeats `title` (or stands in for a missing one) is left out, so it is
/// not shown twice. `name` is the file's name, for its Hexo asset folder.
pub fn render(body: &str, title: Option<&str>, location: &Location, name: &str) -> Rendered {
    if is_html_document(body) {
        return html_body(body, location);
    }
    let expanded = tags::expand(body, &asset_folder(name));
    let markdown = markdown::render(&expanded.source, title);
    if markdown.indented_html_code && is_html_fragment(body) {
        return html_body(body, location);
    }
    let cleaned = clean(&markdown, location);
    // Rendered again up to the marker: posts put it after a paragraph or two.
    let before_more = markdown.more_at.map(|at| {
        let before = markdown::render(&expanded.source[..at], None);
        clean(&before, location).html
    });
    Rendered {
        html: cleaned.html,
        kind: BodyKind::Markdown,
        leading_title: markdown.leading_title,
        removed_tags: expanded.removed,
        tags_without_arguments: expanded.without_arguments,
        math_errors: markdown.math_errors,
        html_cut: cleaned.cut,
        before_more,
    }
}

/// Rendered Markdown, sanitized: by the sanitizer's scan when it holds no raw HTML.
fn clean(markdown: &markdown::Markdown, location: &Location) -> sanitize::Cleaned {
    match markdown.has_raw_html {
        true => sanitize::clean_within_limits(&markdown.html, location),
        false => sanitize::clean_markdown(&markdown.html, location),
    }
}

fn html_body(body: &str, location: &Location) -> Rendered {
    let cleaned = sanitize::clean_within_limits(body, location);
    // An HTML body's comments are all HTML, so any marker counts.
    let before_more =
        more::marker_at(body).map(|at| sanitize::clean_within_limits(&body[..at], location).html);
    Rendered {
        html: cleaned.html,
        kind: BodyKind::Html,
        leading_title: None,
        removed_tags: Vec::new(),
        tags_without_arguments: Vec::new(),
        math_errors: Vec::new(),
        html_cut: cleaned.cut,
        before_more,
    }
}

/// Hexo keeps a post's images in a folder named after the post: `hello.md` -> `hello/`.
fn asset_folder(name: &str) -> String {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => format!("{stem}/"),
        _ => String::new(),
    }
}

/// A whole HTML document (`<!DOCTYPE html>` or `<html>`).
fn is_html_document(body: &str) -> bool {
    let lower_start: String = body
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    lower_start.starts_with("<!doctype html") || lower_start.starts_with("<html")
}

/// A body that opens with a block-level element and whose last element closes one (like the
/// reference article's `<div>…</div>`).
fn is_html_fragment(body: &str) -> bool {
    let trimmed = body.trim();
    let opens_block = tag_name(trimmed.strip_prefix('<')).is_some_and(is_block);
    let closes_block = trimmed
        .rfind("</")
        .filter(|at| trimmed[*at..].trim_end().ends_with('>') && !trimmed[*at..].contains('\n'))
        .and_then(|at| tag_name(trimmed.get(at + 2..)))
        .is_some_and(is_block);
    opens_block && closes_block && trimmed.ends_with('>')
}

fn tag_name(after_bracket: Option<&str>) -> Option<String> {
    let rest = after_bracket?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

fn is_block(name: String) -> bool {
    crate::html_elements::is_block(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_fragments_are_detected() {
        assert!(is_html_fragment(
            "\n<div>\n<p>a</p>\n\n\n    <div>x</div>\n</div>\n  \n"
        ));
        assert!(is_html_document(
            "<!DOCTYPE html><html><body>x</body></html>"
        ));
        assert!(!is_html_fragment("# Title\n\n<div>x</div>\n\ntext"));
        assert!(!is_html_fragment("<span>x</span>"));
        assert!(!is_html_fragment("<div>x</div>\n\nThen *markdown*."));
    }

    #[test]
    fn markdown_inside_html_blocks_still_follows_commonmark() {
        let out = render(
            "<div>\n\n*Emphasized* text.\n\n</div>",
            None,
            &Location::default(),
            "",
        );
        assert_eq!(out.kind, BodyKind::Markdown);
        assert!(out.html.contains("<em>Emphasized</em>"), "{}", out.html);
    }

    #[test]
    fn indented_html_in_a_fragment_is_not_code() {
        let out = render(
            "<div>\n<p>a</p>\n\n\n        <div>b</div>\n</div>",
            None,
            &Location::default(),
            "",
        );
        assert_eq!(out.kind, BodyKind::Html);
        assert!(
            !out.html.contains("<pre>") && !out.html.contains("<code>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn comments_go_as_the_sanitizer_drops_them_without_it() {
        for source in [
            "First.\n\n<!-- more -->\n\nSecond.",
            "First.<!--more-->\n\n<!--\nmulti\nline\n-->\n\n> <!-- quoted -->\n> text",
            "- item\n\n  <!-- in a list -->\n- next\n\n<!-- a --> <!---->\n",
            "a <!-- inline --> b <!--> c",
        ] {
            let mut html = String::new();
            let events = pulldown_cmark::Parser::new_ext(source, MARKDOWN_OPTIONS);
            pulldown_cmark::html::push_html(&mut html, events);
            let out = render(source, Some("\0"), &Location::default(), "");
            assert_eq!(out.html, sanitize::clean(&html, &Location::default()));
            assert!(!markdown::render(source, None).has_raw_html, "{source}");
        }
        // A comment beside other markup stays raw HTML, for the full sanitizer: it may not be
        // a comment there at all.
        for source in [
            "<!-- a --> <b>x</b>",
            "<!-- a --!><b>x</b>",
            "<b><noscript><!-- </noscript><img src=x onerror=alert(1) --></noscript>",
        ] {
            let out = markdown::render(source, None);
            assert!(out.has_raw_html && out.html.contains("<!--"), "{source}");
        }
    }

    #[test]
    fn markdown_keeps_commonmark_semantics() {
        let out = render(
            "text\n\n    <div>indented</div>\n",
            None,
            &Location::default(),
            "",
        );
        assert_eq!(out.kind, BodyKind::Markdown);
        assert!(out.html.contains("<pre><code>&lt;div&gt;"), "{}", out.html);
    }
}
