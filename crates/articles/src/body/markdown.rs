//! Markdown to HTML with pulldown-cmark (CommonMark + the GFM extensions + math), plus passes
//! over its events: heading ids for anchors, dropping a first heading that repeats the title,
//! joining CJK text hard-wrapped across lines without a space, TeX math to MathML, HTML
//! comments left out (`comments`), and where the excerpt marker is (`more`).
//!
//! The HTML produced here is not yet safe: it goes through the sanitizer like any other HTML.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeStream};

use super::autolink::link_bare_urls;
use super::comments::without_comments;

use super::math::to_mathml;
use super::more;
use super::slug::Slugs;
use crate::sanitize::is_raw_html_left_to_ammonia;
use crate::text::is_cjk;

/// Markdown rendered to (unsanitized) HTML.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Markdown {
    pub html: String,
    /// The text of a leading heading taken as the title (when no title was given).
    pub leading_title: Option<String>,
    /// Formulas that could not be rendered, and why.
    pub math_errors: Vec<String>,
    /// Whether an indented code block holds HTML indented deeper than code needs (nested
    /// markup's own indentation): the sign of an HTML body misread as Markdown.
    pub indented_html_code: bool,
    /// Whether `html` holds markup pulldown-cmark did not write (raw HTML of the source, or a
    /// formula's MathML) beyond the inline tags the sanitizer's scan reads as it reads its own.
    pub has_raw_html: bool,
    /// Where in the source the excerpt marker (`more`) starts, when there is one.
    pub more_at: Option<usize>,
}

/// The pulldown-cmark extensions Lectern reads Markdown with (also the engine benchmark's
/// baseline, so both render the same Markdown).
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_GFM)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_MATH);

/// Renders `source` to (unsanitized) HTML.
///
/// With a `title`, a leading heading equal to it is left out. Without one, a leading heading
/// *is* the title: it is left out too, and its text returned.
pub fn render(source: &str, title: Option<&str>) -> Markdown {
    let events: Vec<Event> = TextMergeStream::new(Parser::new_ext(source, OPTIONS)).collect();
    let mut events = link_bare_urls(events);
    let indented_html_code = has_indented_html_code(&events);
    let leading_title = drop_leading_title(&mut events, title);
    add_heading_ids(&mut events);
    join_cjk_soft_breaks(&mut events);
    let math_errors = render_math(&mut events);
    let more_at = more::marker_in(source, &events);
    let events = without_comments(events);
    let has_raw_html = events.iter().any(is_raw_html_left_to_ammonia);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Markdown {
        html,
        leading_title,
        math_errors,
        indented_html_code,
        has_raw_html,
        more_at,
    }
}

fn has_indented_html_code(events: &[Event]) -> bool {
    let mut in_indented = false;
    events.iter().any(|event| match event {
        Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
            in_indented = true;
            false
        }
        Event::End(TagEnd::CodeBlock) => {
            in_indented = false;
            false
        }
        // Code blocks need exactly four columns; HTML source indents further as it nests.
        Event::Text(text) => {
            in_indented && text.starts_with([' ', '\t']) && text.trim_start().starts_with('<')
        }
        _ => false,
    })
}

/// Replaces math events by MathML; a formula that cannot be rendered stays as code.
fn render_math(events: &mut [Event]) -> Vec<String> {
    let mut errors = Vec::new();
    for event in events.iter_mut() {
        let (latex, display) = match event {
            Event::InlineMath(latex) => (latex.clone(), false),
            Event::DisplayMath(latex) => (latex.clone(), true),
            _ => continue,
        };
        *event = match to_mathml(&latex, display) {
            Ok(mathml) if display => Event::Html(CowStr::from(mathml)),
            Ok(mathml) => Event::InlineHtml(CowStr::from(mathml)),
            Err(error) => {
                errors.push(error);
                Event::Code(latex)
            }
        };
    }
    errors
}

/// The text of the events between a heading's start and end.
fn heading_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// Index of the `End(Heading)` that closes the heading starting at `start`.
fn heading_end(events: &[Event], start: usize) -> Option<usize> {
    events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
        .map(|offset| start + offset)
}

/// Removes a heading that opens the body and is (or stands for) the title.
fn drop_leading_title(events: &mut Vec<Event>, title: Option<&str>) -> Option<String> {
    let Some(Event::Start(Tag::Heading { .. })) = events.first() else {
        return None;
    };
    let end = heading_end(events, 0)?;
    let text = heading_text(&events[..end]).trim().to_owned();
    if text.is_empty() || title.is_some_and(|title| title.trim() != text) {
        return None;
    }
    events.drain(..=end);
    Some(text)
}

fn add_heading_ids(events: &mut [Event]) {
    let mut slugs = Slugs::default();
    for start in 0..events.len() {
        let Event::Start(Tag::Heading { id, .. }) = &events[start] else {
            continue;
        };
        if id.is_some() {
            continue;
        }
        let end = heading_end(events, start).unwrap_or(start);
        let slug = slugs.unique(&heading_text(&events[start..end]));
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
            *id = Some(CowStr::from(slug));
        }
    }
}

/// A soft break between two CJK characters is nothing: Chinese and Japanese do not put a space
/// between words, so a line wrapped in the source must not gain one.
fn join_cjk_soft_breaks(events: &mut [Event]) {
    for i in 1..events.len().saturating_sub(1) {
        if !matches!(events[i], Event::SoftBreak) {
            continue;
        }
        let before = match &events[i - 1] {
            Event::Text(t) => t.chars().next_back(),
            _ => None,
        };
        let after = match &events[i + 1] {
            Event::Text(t) => t.chars().next(),
            _ => None,
        };
        if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
            events[i] = Event::Text(CowStr::Borrowed(""));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids() {
        let html = render("Text\n\n# Intro\n\n## Intro\n\n## 安装 Hexo\n", None).html;
        assert!(html.contains(r#"<h1 id="intro">"#), "{html}");
        assert!(html.contains(r#"<h2 id="intro-1">"#), "{html}");
        assert!(html.contains(r#"<h2 id="安装-hexo">"#), "{html}");
    }

    #[test]
    fn repeated_title_heading_is_dropped() {
        assert_eq!(
            render("# Hello\n\nText", Some("Hello")).html,
            "<p>Text</p>\n"
        );
        assert!(render("# Other\n", Some("Hello")).html.contains("Other"));
        let out = render("# Hello\n\nText", None);
        assert_eq!(out.html, "<p>Text</p>\n");
        assert_eq!(out.leading_title.as_deref(), Some("Hello"));
    }

    #[test]
    fn cjk_lines_join_without_space() {
        assert_eq!(render("中文\n文本", None).html, "<p>中文文本</p>\n");
        assert_eq!(
            render("English\nwords", None).html,
            "<p>English\nwords</p>\n"
        );
    }

    // Rendered by the engine's own renderer (without it, see `math`'s tests).
    #[cfg(feature = "math")]
    #[test]
    fn math_becomes_mathml_or_stays_as_source() {
        let out = render(
            "Inline $x^2$ and\n\n$$\\frac{a}{b}$$\n\nbad $\\nope x$",
            None,
        );
        assert!(
            out.html.contains("<math display=\"inline\">"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<math display=\"block\">"),
            "{}",
            out.html
        );
        assert_eq!(out.math_errors.len(), 1, "{:?}", out.math_errors);
        assert!(out.html.contains("<code>\\nope x</code>"), "{}", out.html);
    }

    #[test]
    fn gfm_extensions() {
        let html = render("| a |\n|---|\n| b |\n\n- [x] done\n\n~~gone~~\n", None).html;
        assert!(html.contains("<table>") && html.contains("checkbox") && html.contains("<del>"));
    }
}
