//! The allow-list applied to Markdown's own HTML without parsing it again.
//!
//! When pulldown-cmark wrote every tag of a body (its Markdown held no raw HTML), the markup is
//! known before it is read: well formed and well nested, a few elements, each attribute in
//! double quotes and escaped by pulldown-cmark's own escapers. The policy can then be applied
//! tag by tag in one scan, instead of building html5ever's tree, walking it with ammonia and
//! serializing it again, which was two thirds of the time a Markdown article took to parse
//! (natively and in the parsing worker alike; see BENCHMARKS.md).
//!
//! Raw HTML of the source may be in it too when it is only inline tags of
//! [`RAW_INLINE_ELEMENTS`] ([`is_raw_inline_tag`]: `<b>`, `<a href="…">`, `<br>`…, as blog
//! posts and Hexo's tag plugins write them) and HTML blocks of those and the containers of
//! [`RAW_BLOCK_ELEMENTS`] ([`is_raw_block_line`]: Hexo's `{% note %}` writes
//! `<div class="callout …">`): elements that switch no tokenizer state, so with every tag
//! closed in order and no block opened inside a paragraph, html5ever builds the tree as
//! written. Their attributes and text are read as strictly as pulldown-cmark's.
//!
//! The output is what [`super::policy::clean`] writes for the same HTML, but for the order of
//! attributes (ammonia's follows a hash map's): the tests hold the two to that over the
//! corpora, the spec examples and generated Markdown. Anything outside the known shape (an
//! element or attribute pulldown-cmark's Markdown writer would not write, a link inside a link,
//! nesting deeper than [`MAX_DEPTH`], the characters html5ever's input stream rewrites) is not
//! taken here: [`clean`] returns `None`, and the caller runs the full sanitizer.

use std::borrow::Cow;

use pulldown_cmark::Event;

use super::{filter_attribute, ID_PREFIX};
use crate::article::Location;

/// The deepest nesting taken here. Markdown nests a level or two per list or quote; deeper
/// markup goes to the full sanitizer, whose limits (`super::limits`) bound how it is read.
const MAX_DEPTH: usize = 64;

/// Elements that have no end tag.
const VOID: [&str; 4] = ["img", "input", "hr", "br"];

/// The elements raw inline HTML may use and still be read here: phrasing content only.
pub const RAW_INLINE_ELEMENTS: [&str; 17] = [
    "a", "b", "i", "u", "s", "em", "strong", "del", "code", "sub", "sup", "kbd", "mark", "small",
    "span", "br", "img",
];

/// Block elements a line of a raw HTML block may use besides [`RAW_INLINE_ELEMENTS`] (as
/// Hexo's `{% note %}` and `{% blockquote %}` tags write them): containers that switch no
/// tokenizer state either.
pub const RAW_BLOCK_ELEMENTS: [&str; 6] =
    ["div", "p", "blockquote", "footer", "details", "summary"];

/// The block elements pulldown-cmark writes besides [`RAW_BLOCK_ELEMENTS`] (it writes some of
/// those too).
const MARKDOWN_BLOCK_ELEMENTS: [&str; 17] = [
    "ul", "ol", "li", "pre", "table", "thead", "tbody", "tr", "th", "td", "hr", "h1", "h2", "h3",
    "h4", "h5", "h6",
];

/// Whether the scan reads `name` as a block element, which closes an open `<p>` as it starts
/// (html5ever would not nest it there).
fn is_block(name: &str) -> bool {
    RAW_BLOCK_ELEMENTS.contains(&name) || MARKDOWN_BLOCK_ELEMENTS.contains(&name)
}

/// Whether `event` is raw HTML the scan does not read (so the body it is in goes to the full
/// sanitizer): any raw HTML but [`is_raw_inline_tag`]'s and [`is_raw_block_line`]'s.
pub fn is_raw_html_left_to_ammonia(event: &Event) -> bool {
    match event {
        Event::Html(html) => !is_raw_block_line(html),
        Event::InlineHtml(html) => !is_raw_inline_tag(html),
        _ => false,
    }
}

/// Whether `html`, a piece of raw inline HTML, is one start or end tag of
/// [`RAW_INLINE_ELEMENTS`] (its attributes are checked as the scan reads it).
pub fn is_raw_inline_tag(html: &str) -> bool {
    html.strip_prefix('<')
        .and_then(|h| h.strip_suffix('>'))
        .filter(|inner| !inner.contains(['<', '>']))
        .and_then(tag_name)
        .is_some_and(|name| RAW_INLINE_ELEMENTS.contains(&name))
}

/// Whether `html`, a line of a raw HTML block, holds only tags of [`RAW_BLOCK_ELEMENTS`] and
/// [`RAW_INLINE_ELEMENTS`] and text (which the scan then reads as strictly as the rest).
pub fn is_raw_block_line(html: &str) -> bool {
    html.split('<').skip(1).all(|piece| {
        tag_name(piece).is_some_and(|name| {
            RAW_BLOCK_ELEMENTS.contains(&name) || RAW_INLINE_ELEMENTS.contains(&name)
        })
    })
}

/// The element name a tag's inside starts with (`a href="…"`, `/div`), if it is one.
fn tag_name(inner: &str) -> Option<&str> {
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let end = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let (name, rest) = inner.split_at(end);
    (!name.is_empty() && (rest.is_empty() || rest.starts_with([' ', '/', '>']))).then_some(name)
}

/// `html`, written by pulldown-cmark (with, at most, the raw tags the module's head names),
/// cleaned by the policy: what [`super::policy::clean`] would return, or `None` when `html` is
/// not of that shape.
pub(super) fn clean(html: &str, location: &Location) -> Option<String> {
    // html5ever's input stream turns carriage returns into line feeds and its tree builder
    // drops NUL characters: text with either would not come out as it went in.
    if memchr::memchr2(b'\r', 0, html.as_bytes()).is_some() {
        return None;
    }
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    // memchr: `str::find` of a character is a slower search in WebAssembly, on every tag.
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        let (text, tail) = rest.split_at(lt);
        push_text(&mut out, text)?;
        // Every `>` inside a value is escaped (`&gt;` or `%3E`), so the first ends the tag.
        let end = memchr::memchr(b'>', tail.as_bytes())? + 1;
        let (tag, after) = tail.split_at(end);
        rest = after;
        if let Some(name) = tag.strip_prefix("</") {
            let name = name.strip_suffix('>')?;
            if open.pop()? != name {
                return None;
            }
            out.push_str(tag);
            continue;
        }
        let (name, attributes) = read_start_tag(tag)?;
        // A link inside a link (a footnote reference in a link's text) is closed by the parser
        // before the inner one opens: not the markup written.
        if name == "a" && open.contains(&"a") {
            return None;
        }
        // Nor does a block start inside a paragraph: the parser closes the paragraph first.
        if is_block(name) && open.contains(&"p") {
            return None;
        }
        write_start_tag(&mut out, name, &attributes, location)?;
        if !VOID.contains(&name) {
            open.push(name);
            if open.len() > MAX_DEPTH {
                return None;
            }
        }
    }
    push_text(&mut out, rest)?;
    open.is_empty().then_some(out)
}

/// An attribute of a start tag: its name and its value, unescaped.
type Attribute<'h> = (&'h str, Cow<'h, str>);

/// The element name and attributes of a start tag as pulldown-cmark writes it
/// (`<a href="…" title="…">`, `<img src="…" alt="…" />`, `<input disabled="" …/>`).
fn read_start_tag(tag: &str) -> Option<(&str, Vec<Attribute<'_>>)> {
    let inner = tag.strip_prefix('<')?.strip_suffix('>')?;
    let inner = inner
        .strip_suffix('/')
        .unwrap_or(inner)
        .trim_end_matches(' ');
    let name_end = inner.find(' ').unwrap_or(inner.len());
    let (name, mut rest) = inner.split_at(name_end);
    let mut attributes = Vec::new();
    while let Some(attribute) = rest.strip_prefix(' ') {
        let (attribute_name, value_and_rest) = attribute.split_once("=\"")?;
        let (value, after) = value_and_rest.split_once('"')?;
        // html5ever keeps the first of two alike; pulldown-cmark never writes two.
        if attributes.iter().any(|(name, _)| *name == attribute_name) {
            return None;
        }
        attributes.push((attribute_name, unescape(value)?));
        rest = after;
    }
    (rest.is_empty() && !name.is_empty()).then_some((name, attributes))
}

/// A value as pulldown-cmark's escapers wrote it, read back; `None` for any other character
/// reference (they write none).
fn unescape(value: &str) -> Option<Cow<'_, str>> {
    if !value.contains('&') {
        return Some(Cow::Borrowed(value));
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let reference = &rest[amp..];
        let (character, length) = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&#39;", '\''),
            ("&#x27;", '\''),
        ]
        .into_iter()
        .find(|(name, _)| reference.starts_with(name))
        .map(|(name, character)| (character, name.len()))?;
        out.push(character);
        rest = &reference[length..];
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
}

/// How an element's attribute fares under the policy.
enum Rule {
    /// Kept, through the attribute filter.
    Keep,
    /// Kept if ammonia's URL check passes, then through the attribute filter.
    Url,
    /// Kept with the prefix of the app's own ids, then through the attribute filter.
    Id,
    /// Not on the allow-list: dropped.
    Drop,
}

/// The policy (`super::policy`) for an attribute of `element` as pulldown-cmark or the raw tags
/// taken here write it; `None` for one they do not, which the caller leaves to the full
/// sanitizer.
fn rule(element: &str, attribute: &str) -> Option<Rule> {
    Some(match (element, attribute) {
        ("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "div", "id") => Rule::Id,
        ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", "class") => Rule::Drop,
        ("a", "href") | ("img", "src") => Rule::Url,
        ("a" | "img", "title") | ("img", "alt") | ("ol", "start") => Rule::Keep,
        ("code" | "blockquote" | "sup" | "div" | "span" | "p", "class") => Rule::Keep,
        ("img", "width" | "height") => Rule::Keep,
        ("th" | "td", "style") => Rule::Keep,
        ("input", "checked") => Rule::Keep,
        // The policy sets these itself (below).
        ("input", "disabled" | "type") => Rule::Drop,
        _ => return None,
    })
}

/// The attributes the policy adds to an element, after those it kept.
fn added(element: &str) -> &'static [(&'static str, &'static str)] {
    match element {
        "a" => &[("rel", "noopener noreferrer")],
        "img" => &[
            ("loading", "lazy"),
            ("decoding", "async"),
            ("referrerpolicy", "no-referrer"),
        ],
        "input" => &[("type", "checkbox"), ("disabled", "")],
        _ => &[],
    }
}

/// Writes a start tag as the policy and html5ever's serializer would; `None` for an element or
/// attribute outside what Markdown writes.
fn write_start_tag(
    out: &mut String,
    name: &str,
    attributes: &[Attribute],
    location: &Location,
) -> Option<()> {
    // Pulldown-cmark's and raw HTML's inline elements, the blocks, and a task's checkbox.
    let known = RAW_INLINE_ELEMENTS.contains(&name) || is_block(name);
    if !known && name != "input" {
        return None;
    }
    out.push('<');
    out.push_str(name);
    for (attribute, value) in attributes {
        let value = match rule(name, attribute)? {
            Rule::Drop => continue,
            Rule::Url if !ammonia_keeps_url(value) => continue,
            Rule::Keep | Rule::Url => Cow::Borrowed(value.as_ref()),
            Rule::Id if value.starts_with(ID_PREFIX) => Cow::Borrowed(value.as_ref()),
            Rule::Id => Cow::Owned(format!("{ID_PREFIX}{value}")),
        };
        let value = match *attribute {
            // A column's alignment, the only style pulldown-cmark writes, as ammonia's style
            // filter writes it back (without the space).
            "style" => Cow::Borrowed(match value.as_ref() {
                "text-align: left" => "text-align:left",
                "text-align: center" => "text-align:center",
                "text-align: right" => "text-align:right",
                _ => return None,
            }),
            _ => value,
        };
        push_attribute(out, name, attribute, &value, location);
    }
    for (attribute, value) in added(name) {
        push_attribute(out, name, attribute, value, location);
    }
    out.push('>');
    Some(())
}

/// Writes ` name="value"` after the attribute filter, or nothing when it drops the attribute.
fn push_attribute(
    out: &mut String,
    element: &str,
    attribute: &str,
    value: &str,
    location: &Location,
) {
    if let Some(value) = filter_attribute(location, element, attribute, value) {
        out.push(' ');
        out.push_str(attribute);
        out.push_str("=\"");
        push_escaped_value(out, &value);
        out.push('"');
    }
}

/// Ammonia's own check of a URL attribute, before the attribute filter: a relative URL, or an
/// absolute one that parses with one of its schemes.
fn ammonia_keeps_url(value: &str) -> bool {
    match url::Url::parse(value) {
        Ok(url) => {
            matches!(url.scheme(), "data" | "blob") || crate::url::is_link_scheme(url.scheme())
        }
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// Text as pulldown-cmark escaped it (`&`, `<` and `>`, as html5ever's serializer does too),
/// with the no-break spaces the serializer writes as references; `None` for a character
/// reference pulldown-cmark does not write in text, or a `>` it would have escaped.
fn push_text(out: &mut String, text: &str) -> Option<()> {
    const NO_BREAK_SPACE: &str = "\u{a0}";
    let bytes = text.as_bytes();
    let mut copied = 0;
    // Byte searches: this runs over every character of the article's text.
    for at in memchr::memchr3_iter(b'&', b'>', NO_BREAK_SPACE.as_bytes()[0], bytes) {
        let rest = text.get(at..)?;
        // The serializer escapes `>`; pulldown-cmark always does, raw HTML's text may not.
        if rest.starts_with('>') {
            return None;
        }
        if rest.starts_with(NO_BREAK_SPACE) {
            out.push_str(text.get(copied..at)?);
            out.push_str("&nbsp;");
            copied = at + NO_BREAK_SPACE.len();
        } else if rest.starts_with('&')
            && !["&amp;", "&lt;", "&gt;"]
                .iter()
                .any(|e| rest.starts_with(e))
        {
            return None;
        }
    }
    out.push_str(text.get(copied..)?);
    Some(())
}

/// An attribute value escaped as html5ever's serializer escapes it (`<` and `>` too, as the HTML
/// standard has since 2025).
fn push_escaped_value(out: &mut String, value: &str) {
    let mut rest = value;
    while let Some(at) = rest.find(['&', '\u{a0}', '"', '<', '>']) {
        out.push_str(&rest[..at]);
        let (escaped, length) = match rest.as_bytes().get(at) {
            Some(b'&') => ("&amp;", 1),
            Some(b'"') => ("&quot;", 1),
            Some(b'<') => ("&lt;", 1),
            Some(b'>') => ("&gt;", 1),
            _ => ("&nbsp;", '\u{a0}'.len_utf8()),
        };
        out.push_str(escaped);
        rest = &rest[at + length..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests;
