//! HTML comments in Markdown, left out before the HTML is written, as the sanitizer would leave
//! them out after: Hexo's `<!-- more -->` (the excerpt's end) is in most posts of a Hexo blog,
//! and a comment is raw HTML, which alone would send a body to the full sanitizer (see
//! `sanitize/markdown.rs`). They go only from a body whose raw HTML is all comments (or tags
//! that scan reads), exactly as html5ever reads them: beside other markup a `<!--` may not
//! start a comment at all (inside a `<noscript>`, a `<textarea>`…), so such a body keeps them
//! for the full sanitizer.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::sanitize::limits::comment_end;
use crate::sanitize::{is_raw_block_line, is_raw_inline_tag};

/// `events` without their HTML comments when all their raw HTML is comments: an HTML block
/// becomes the whitespace around its comments (the sanitizer keeps that as text), inline HTML
/// nothing. Otherwise `events` as they are.
pub fn without_comments(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if !raw_html_is_all_comments(&events) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    // Where the HTML block being read starts in `out`, and its HTML so far.
    let mut block: Option<(usize, String)> = None;
    for event in events {
        match &event {
            Event::Start(Tag::HtmlBlock) => block = Some((out.len(), String::new())),
            Event::Html(html) => {
                if let Some((_, text)) = block.as_mut() {
                    text.push_str(html);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let read = block.take();
                if let Some((start, space)) =
                    read.and_then(|(start, text)| Some((start, outside_comments(&text)?)))
                {
                    out.truncate(start);
                    out.push(Event::Text(CowStr::from(space)));
                    continue;
                }
            }
            Event::InlineHtml(html) if outside_comments(html).is_some_and(|s| s.is_empty()) => {
                continue;
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

/// Whether every HTML block and inline HTML of `events` is only comments (and there is some),
/// but for the tags the sanitizer's scan reads (none of them holds raw text).
fn raw_html_is_all_comments(events: &[Event]) -> bool {
    let mut some = false;
    let mut block: Option<String> = None;
    for event in events {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(String::new()),
            Event::Html(html) => match block.as_mut() {
                Some(text) => text.push_str(html),
                // Raw HTML outside a block: a formula's MathML.
                None => return false,
            },
            Event::End(TagEnd::HtmlBlock) => {
                let text = block.take().unwrap_or_default();
                if outside_comments(&text).is_some() {
                    some = true;
                } else if !is_raw_block_line(&text) {
                    return false;
                }
            }
            // Inline tags the sanitizer's scan reads hold no raw text, where `<!--` would not
            // start a comment.
            Event::InlineHtml(html) if is_raw_inline_tag(html) => {}
            Event::InlineHtml(html) => {
                if !outside_comments(html).is_some_and(|s| s.is_empty()) {
                    return false;
                }
                some = true;
            }
            _ => {}
        }
    }
    some
}

/// The whitespace of `html` when it holds nothing but whitespace and complete comments, as
/// html5ever's tokenizer ends them (at the first `-->` or `--!>`, or at once for `<!-->` and
/// `<!--->`); `None` otherwise.
fn outside_comments(html: &str) -> Option<String> {
    let mut space = String::new();
    let mut rest = html;
    loop {
        let trimmed = rest.trim_start_matches(is_html_space);
        space.push_str(&rest[..rest.len() - trimmed.len()]);
        if trimmed.is_empty() {
            return Some(space);
        }
        let inner = trimmed.strip_prefix("<!--")?;
        rest = &inner[comment_end(inner.as_bytes(), 0)?..];
    }
}

/// The whitespace of HTML's tokenizer.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{c}' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_comments_count() {
        assert_eq!(outside_comments("<!-- more -->\n").as_deref(), Some("\n"));
        assert_eq!(
            outside_comments("  <!--a--> <!---->\n").as_deref(),
            Some("   \n")
        );
        assert_eq!(outside_comments("<!-->").as_deref(), Some(""));
        assert_eq!(outside_comments("<!--->x").as_deref(), None);
        assert_eq!(outside_comments("<!-- a --!><b>x</b>"), None);
        assert_eq!(outside_comments("<!-- a --> <b>x</b>"), None);
        assert_eq!(outside_comments("<!-- unclosed"), None);
        assert_eq!(outside_comments("<div><!-- a --></div>"), None);
        assert_eq!(outside_comments("<!-- a --!> after").as_deref(), None);
        assert_eq!(outside_comments("<!-- a --!>").as_deref(), Some(""));
        assert_eq!(outside_comments("<!-- a --->").as_deref(), Some(""));
        assert_eq!(outside_comments("<!-- a ---!>").as_deref(), Some(""));
        assert_eq!(outside_comments("<!-- a -- ->").as_deref(), None);
    }

    /// The sanitizer's scan of comments, in one pass, ends every comment that is not empty
    /// (`<!-->`, `<!--->`) where searching for each of the two closers in turn did (a line of
    /// 40 000 `<!-- more -->` took that search 5.8 s natively; found by the fuzzer).
    #[test]
    fn a_comment_ends_at_its_first_closer() {
        let searched = |inner: &str| {
            ["-->", "--!>"]
                .iter()
                .filter_map(|close| inner.find(close).map(|at| at + close.len()))
                .min()
        };
        let sequences = crate::sequences::sequences(&["-", "!", ">", " ", "a", "<!--", "é"], 5);
        for inner in sequences
            .iter()
            .filter(|inner| !inner.starts_with('>') && !inner.starts_with("->"))
        {
            assert_eq!(
                comment_end(inner.as_bytes(), 0),
                searched(inner),
                "{inner:?}"
            );
        }
    }
}
