//! Holding an article's remote media until the reader allows its host. When the reader's
//! "Remote images" setting is *ask* or *never*, the app passes the sanitized HTML through
//! [`hold`]: images, videos and their sources from other sites lose the attributes that would
//! load them (kept aside under `data-held-…` names), so the page contacts no one the reader has
//! not allowed, and the app can bring them back host by host.
//!
//! It reads the sanitizer's output, not any HTML: there every `<` of text is escaped and every
//! attribute value is double-quoted, with only `&amp;`, `&quot;` and `&nbsp;` written as
//! character references, so one forward scan over the tags finds every URL the browser would
//! load and never takes text for markup. Other input is scanned the same way, without
//! panicking, but without that promise (a raw-text element or a comment is not told apart).
//!
//! It runs in the page's own wasm binary, so it has no HTML parser: the scan reads tags as the
//! browser's tokenizer does, slices only at ASCII delimiters (always character boundaries), and
//! starts writing new HTML only once something is held.

use std::borrow::Cow;

use crate::sanitize::srcset_urls;
use crate::url::{explicit_origin, scheme_relative_host, WebOrigin};

/// Elements that load media from their URL attributes.
const MEDIA_ELEMENTS: &[&str] = &["img", "video", "audio", "source", "track"];

/// Their attributes that load from a URL; `srcset` holds several.
const MEDIA_URLS: &[&str] = &["src", "srcset", "poster"];

/// The prefix a held attribute's name takes: `src` becomes `data-held-src`.
const HELD_PREFIX: &str = "data-held-";

/// The attribute naming the hosts an element was held for, separated by spaces.
const HELD_HOST: &str = "data-held-host";

/// The character references the serializer writes in attribute values.
const REFERENCES: &[(&str, char)] = &[("&amp;", '&'), ("&quot;", '"'), ("&nbsp;", '\u{a0}')];

/// Sanitized HTML with its remote media held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The HTML, unchanged when nothing was held.
    pub html: String,
    /// The distinct hosts held, in order of first appearance.
    pub hosts: Vec<String>,
}

/// The host (lower case, without port) of `url` when it loads from off the page's own origin
/// over http(s); `page_origin` as `location.origin` gives it (`https://example.org`), or `null`
/// or `file://` for a page opened from disk. `None` for relative, same-origin, `data:` and
/// `blob:` URLs. On a page opened from disk a scheme-relative URL (`//host/a.png`) is a file on
/// that host's network share, and counts as remote too.
pub fn remote_host(url: &str, page_origin: &str) -> Option<String> {
    remote(url, page(page_origin).as_ref())
}

/// Rewrites sanitized article HTML so that media from remote hosts for which `allowed(host)` is
/// false does not load: on `img`, `video`, `audio`, `source` and `track`, the attributes `src`,
/// `srcset` and `poster` become `data-held-src`, `data-held-srcset` and `data-held-poster`, and
/// the element gets `data-held-host` naming the hosts it was held for (one, or several
/// separated by spaces when its attributes or `srcset` candidates come from several: match it
/// with `[data-held-host~="host"]`, and bring an element back only when all of them are
/// allowed). A `srcset` is held when any of its candidates is. Idempotent: held HTML has nothing
/// left to hold.
pub fn hold(html: &str, page_origin: &str, allowed: &dyn Fn(&str) -> bool) -> Held {
    let holder = Holder {
        page: page(page_origin),
        allowed,
    };
    let mut held = Held {
        html: String::new(),
        hosts: Vec::new(),
    };
    // Scratch space for one element, kept across elements.
    let mut element_hosts = Vec::new();
    let mut held_names = Vec::new();
    // How much of `html` is written to `held.html`.
    let mut written = 0;
    let mut at = 0;
    while let Some(tag) = next_tag(html, at) {
        element_hosts.clear();
        held_names.clear();
        let media = tag.is_media();
        let mut attributes = Attributes::after(html, tag.name_end);
        for attribute in attributes.by_ref().filter(|_| media) {
            if holder.holds(attribute.name, attribute.value, &mut element_hosts) {
                held_names.push(attribute.name_at);
            }
        }
        // The HTML ends inside this tag, which the browser drops: nothing is left to hold.
        let Some(end) = attributes.end else { break };
        at = end;
        if held_names.is_empty() {
            continue;
        }
        if written == 0 {
            held.html.reserve(html.len() + 64);
        }
        let tag_html = html.get(written..end).unwrap_or_default();
        push_held_tag(
            &mut held.html,
            tag_html,
            written,
            tag.name_end,
            &element_hosts,
            &held_names,
        );
        written = end;
        for host in element_hosts.drain(..) {
            push_distinct(&mut held.hosts, host);
        }
    }
    held.html.push_str(html.get(written..).unwrap_or_default());
    held
}

/// The page's web origin; `None` for a page opened from disk.
fn page(page_origin: &str) -> Option<WebOrigin> {
    explicit_origin(page_origin, None)
}

/// The host of `url` when it loads from off the `page` origin (see [`remote_host`]).
fn remote(url: &str, page: Option<&WebOrigin>) -> Option<String> {
    match page {
        Some(page) => explicit_origin(url, Some(page))
            .filter(|origin| origin != page)
            .map(|origin| origin.host),
        None => explicit_origin(url, None)
            .map(|origin| origin.host)
            .or_else(|| scheme_relative_host(url)),
    }
}

/// What decides which URLs are held.
struct Holder<'a> {
    page: Option<WebOrigin>,
    allowed: &'a dyn Fn(&str) -> bool,
}

impl Holder<'_> {
    /// Whether the attribute `name="value"` (as written) of a media element is held: it is one
    /// of [`MEDIA_URLS`] and loads from a host not allowed; those hosts go to `hosts`, once.
    fn holds(&self, name: &str, value: &str, hosts: &mut Vec<String>) -> bool {
        if !MEDIA_URLS.iter().any(|url| name.eq_ignore_ascii_case(url)) {
            return false;
        }
        let value = unescape(value);
        let mut held = false;
        let mut hold_url = |url: &str| {
            let host = remote(url, self.page.as_ref()).filter(|host| !(self.allowed)(host));
            if let Some(host) = host {
                push_distinct(hosts, host);
                held = true;
            }
        };
        if name.eq_ignore_ascii_case("srcset") {
            srcset_urls(&value).for_each(&mut hold_url);
        } else {
            hold_url(&value);
        }
        held
    }
}

/// Writes `tag_html`, the HTML from `offset` to the end of a media tag, with `data-held-host`
/// naming `hosts` where the element name ends (`name_end`) and `data-held-` before the names
/// of the attributes that start at `held_names` (all positions in the whole HTML).
fn push_held_tag(
    out: &mut String,
    tag_html: &str,
    offset: usize,
    name_end: usize,
    hosts: &[String],
    held_names: &[usize],
) {
    let mut from = 0;
    let mut copy_to = |out: &mut String, to: usize| {
        let to = to.saturating_sub(offset);
        out.push_str(tag_html.get(from..to).unwrap_or_default());
        from = to;
    };
    copy_to(out, name_end);
    out.push(' ');
    out.push_str(HELD_HOST);
    out.push_str("=\"");
    for (index, host) in hosts.iter().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        push_escaped(out, host);
    }
    out.push('"');
    for &name_at in held_names {
        copy_to(out, name_at);
        out.push_str(HELD_PREFIX);
    }
    copy_to(out, offset + tag_html.len());
}

/// Writes `value` for a double-quoted attribute value.
fn push_escaped(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// `value` with the serializer's [`REFERENCES`] decoded; any other `&` is left as it is.
fn unescape(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        let (before, from_amp) = rest.split_at_checked(amp).unwrap_or((rest, ""));
        out.push_str(before);
        let (decoded, len) = REFERENCES
            .iter()
            .find(|(reference, _)| from_amp.starts_with(reference))
            .map_or(('&', 1), |(reference, c)| (*c, reference.len()));
        out.push(decoded);
        rest = from_amp.get(len..).unwrap_or_default();
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn push_distinct(hosts: &mut Vec<String>, host: String) {
    if !hosts.contains(&host) {
        hosts.push(host);
    }
}

/// The start of a tag: `<` then an ASCII letter (a start tag) or `</` then one (an end tag),
/// as the tokenizer reads it; any other `<` is text.
struct Tag<'h> {
    name: &'h str,
    /// Where the element name ends, and the attributes begin.
    name_end: usize,
    is_end_tag: bool,
}

impl Tag<'_> {
    fn is_media(&self) -> bool {
        !self.is_end_tag
            && MEDIA_ELEMENTS
                .iter()
                .any(|element| self.name.eq_ignore_ascii_case(element))
    }
}

/// The first tag starting at or after `from`.
fn next_tag(html: &str, from: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut at = from;
    loop {
        let lt = at + memchr::memchr(b'<', bytes.get(at..)?)?;
        let is_end_tag = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(is_end_tag);
        if bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            let name_end = scan(bytes, name_start, |b| !ends_name(b));
            let name = html.get(name_start..name_end)?;
            return Some(Tag {
                name,
                name_end,
                is_end_tag,
            });
        }
        at = lt + 1;
    }
}

/// One attribute: where its name starts in the HTML, its name and its value as written.
struct Attribute<'h> {
    name_at: usize,
    name: &'h str,
    value: &'h str,
}

/// The attributes of a tag, read as the browser's tokenizer reads them from where the element
/// name ends. Once they are all read, `end` is just past the tag's `>`, or `None` when the
/// HTML ends first.
struct Attributes<'h> {
    html: &'h str,
    at: usize,
    end: Option<usize>,
}

impl<'h> Attributes<'h> {
    fn after(html: &'h str, name_end: usize) -> Self {
        Attributes {
            html,
            at: name_end,
            end: None,
        }
    }

    /// The value after an attribute's name, if it has one (empty if not), without its quotes.
    fn value(&mut self) -> &'h str {
        let bytes = self.html.as_bytes();
        let after_name = scan(bytes, self.at, is_space);
        if bytes.get(after_name) != Some(&b'=') {
            return "";
        }
        self.at = scan(bytes, after_name + 1, is_space);
        let (start, end, next) = match bytes.get(self.at) {
            Some(&quote @ (b'"' | b'\'')) => {
                let start = self.at + 1;
                let end = scan(bytes, start, |b| b != quote);
                (start, end, end + 1)
            }
            // Unquoted, or missing before the `>`.
            _ => {
                let end = scan(bytes, self.at, |b| !is_space(b) && b != b'>');
                (self.at, end, end)
            }
        };
        self.at = next;
        self.html.get(start..end).unwrap_or_default()
    }
}

impl<'h> Iterator for Attributes<'h> {
    type Item = Attribute<'h>;

    /// Every step reads at least one byte, or ends the tag.
    fn next(&mut self) -> Option<Attribute<'h>> {
        if self.end.is_some() {
            return None;
        }
        let bytes = self.html.as_bytes();
        self.at = scan(bytes, self.at, |b| is_space(b) || b == b'/');
        if *bytes.get(self.at)? == b'>' {
            self.end = Some(self.at + 1);
            return None;
        }
        // A name may start with `=`; after that, `=` ends it.
        let name_at = self.at;
        self.at = scan(bytes, name_at + 1, |b| !ends_name(b) && b != b'=');
        let name = self.html.get(name_at..self.at)?;
        let value = self.value();
        Some(Attribute {
            name_at,
            name,
            value,
        })
    }
}

/// The index of the first byte at or after `from` for which `take` is false, or the length.
fn scan(bytes: &[u8], from: usize, take: impl Fn(u8) -> bool) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    from + rest.iter().position(|&b| !take(b)).unwrap_or(rest.len())
}

/// The tokenizer's whitespace: tab, line feed, form feed, carriage return, space.
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Whether `b` ends an element or attribute name.
fn ends_name(b: u8) -> bool {
    is_space(b) || matches!(b, b'/' | b'>')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sanitize::clean;
    use crate::Location;

    const PAGE: &str = "https://example.org";

    fn none_allowed(html: &str) -> Held {
        hold(html, PAGE, &|_| false)
    }

    fn assert_untouched(html: &str) {
        let held = none_allowed(html);
        assert_eq!(held.html, html);
        assert!(held.hosts.is_empty(), "{:?}", held.hosts);
    }

    #[test]
    fn remote_images_are_held() {
        let held = none_allowed(
            r#"<p>a</p><img alt="" src="https://cdn.example.com/a.png" loading="lazy">"#,
        );
        assert_eq!(
            held.html,
            r#"<p>a</p><img data-held-host="cdn.example.com" alt="" data-held-src="https://cdn.example.com/a.png" loading="lazy">"#
        );
        assert_eq!(held.hosts, ["cdn.example.com"]);
    }

    #[test]
    fn same_origin_relative_data_and_blob_media_are_kept() {
        for html in [
            r#"<img src="https://example.org/a.png">"#,
            r#"<img src="https://EXAMPLE.org:443/a.png">"#,
            r#"<img src="articles/a.png">"#,
            r#"<img src="/a.png">"#,
            r#"<img src="data:image/png;base64,AAAA">"#,
            r#"<img src="blob:https://example.org/1">"#,
            r#"<img alt="">"#,
        ] {
            assert_untouched(html);
        }
    }

    #[test]
    fn allowed_hosts_are_kept() {
        let html = r#"<img src="https://cdn.example.com/a.png"><img src="https://other.example.net/b.png">"#;
        let held = hold(html, PAGE, &|host| host == "cdn.example.com");
        assert_eq!(
            held.html,
            r#"<img src="https://cdn.example.com/a.png"><img data-held-host="other.example.net" data-held-src="https://other.example.net/b.png">"#
        );
        assert_eq!(held.hosts, ["other.example.net"]);
    }

    #[test]
    fn video_posters_and_sources_are_held() {
        let held = none_allowed(
            r#"<video poster="https://img.example.com/p.jpg" controls=""><source src="https://media.example.com/v.mp4" type="video/mp4"><track src="captions.vtt"></video>"#,
        );
        assert_eq!(
            held.html,
            r#"<video data-held-host="img.example.com" data-held-poster="https://img.example.com/p.jpg" controls=""><source data-held-host="media.example.com" data-held-src="https://media.example.com/v.mp4" type="video/mp4"><track src="captions.vtt"></video>"#
        );
        assert_eq!(held.hosts, ["img.example.com", "media.example.com"]);
    }

    #[test]
    fn a_srcset_is_held_when_any_candidate_is() {
        let held = none_allowed(
            r#"<picture><source srcset="a.avif 1x, https://cdn.example.com/a@2x.avif?w=2&amp;q=8 2x"><img src="a.png"></picture>"#,
        );
        assert_eq!(
            held.html,
            r#"<picture><source data-held-host="cdn.example.com" data-held-srcset="a.avif 1x, https://cdn.example.com/a@2x.avif?w=2&amp;q=8 2x"><img src="a.png"></picture>"#
        );
        assert_untouched(r#"<source srcset="a.avif 1x, /b.avif 2x">"#);
    }

    #[test]
    fn hosts_are_listed_once_in_order_of_appearance() {
        let held = none_allowed(concat!(
            r#"<img src="https://a.example/1.png"><img src="https://b.example/2.png">"#,
            r#"<img src="https://a.example/3.png">"#,
            r#"<video src="https://b.example/v.mp4" poster="https://a.example/p.png"></video>"#,
        ));
        assert_eq!(held.hosts, ["a.example", "b.example"]);
        assert!(
            held.html
                .contains(r#"<video data-held-host="b.example a.example" data-held-src"#),
            "{}",
            held.html
        );
    }

    #[test]
    fn character_references_are_decoded_to_find_the_host() {
        let held = none_allowed(r#"<img src="https://a&amp;b.example/x.png?c=1&amp;d=2">"#);
        assert_eq!(held.hosts, ["a&b.example"]);
        assert_eq!(
            held.html,
            r#"<img data-held-host="a&amp;b.example" data-held-src="https://a&amp;b.example/x.png?c=1&amp;d=2">"#
        );
    }

    #[test]
    fn text_that_looks_like_an_attribute_is_untouched() {
        let html = clean(
            concat!(
                "<p>src=\"https://x.example/a.png\" and <code>&lt;img src=\"https://x.example/a.png\"&gt;</code></p>",
                "<pre><code>poster=\"https://x.example/p.png\"</code></pre>",
                "<a title=\"<img src=&quot;https://x.example/a.png&quot;>\" href=\"https://x.example/\">l</a>",
            ),
            &Location::default(),
        );
        assert!(html.contains("src=\"https://x.example/a.png\""), "{html}");
        assert_untouched(&html);
    }

    #[test]
    fn remote_hosts_are_off_the_pages_origin() {
        for (url, page, host) in [
            (
                "https://CDN.example.com:8443/a.png",
                PAGE,
                Some("cdn.example.com"),
            ),
            ("//cdn.example.com/a.png", PAGE, Some("cdn.example.com")),
            ("http://example.org/a.png", PAGE, Some("example.org")),
            ("https://example.org:8443/a.png", PAGE, Some("example.org")),
            ("https://example.org/a.png", PAGE, None),
            ("a.png", PAGE, None),
            ("data:image/png;base64,AAAA", PAGE, None),
            ("blob:https://example.org/1", PAGE, None),
            ("https://example.org/a.png", "null", Some("example.org")),
            ("https://example.org/a.png", "file://", Some("example.org")),
            ("//cdn.example.com/a.png", "null", Some("cdn.example.com")),
            ("a.png", "null", None),
            ("blob:null/1", "null", None),
        ] {
            assert_eq!(remote_host(url, page).as_deref(), host, "{url} on {page}");
        }
    }

    #[test]
    fn broken_markup_is_read_as_the_browser_reads_it() {
        for (html, held) in [
            ("<img src='https://x.example/a.png'>", true),
            ("<IMG SRC=https://x.example/a.png>", true),
            ("<img/src=\"https://x.example/a.png\"/>", true),
            ("<img src = https://x.example/a.png alt>", true),
            ("猫<img 猫=猫 src=\"https://猫.example/猫.png\">猫", true),
            ("<<img src=\"https://x.example/a.png\">", true),
            ("<img", false),
            ("<img src", false),
            ("<img src=\"https://x.example/a.png", false),
            ("<img src=\"https://x.example/a.png\"", false),
            ("</img src=\"https://x.example/a.png\">", false),
            ("< img src=\"https://x.example/a.png\">", false),
            ("<imgsrc=\"https://x.example/a.png\">", false),
            ("<p src=\"https://x.example/a.png\">", false),
        ] {
            let once = none_allowed(html);
            assert_eq!(once.hosts.is_empty(), !held, "{html}: {once:?}");
            assert_eq!(
                none_allowed(&once.html),
                Held {
                    hosts: Vec::new(),
                    ..once
                },
                "{html}"
            );
        }
    }
}
