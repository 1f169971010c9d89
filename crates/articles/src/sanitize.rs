//! The one allow-list policy every rendered article goes through before it reaches a page.
//!
//! Built on ammonia (html5ever's parser, so the browser's reading of the markup is the one
//! checked). It keeps what blog HTML needs, removes everything that can run script or escape
//! the article, and decorates links and images for a reader: `rel="noopener noreferrer"`,
//! lazy images that send no referrer (hot-link-protected CDNs refuse requests that do), links
//! without tracking parameters (see [`crate::url::without_tracking`]).
//!
//! Every URL attribute goes through [`crate::url`]'s resolver and its scheme check, in the
//! attribute filter: ammonia calls the filter before its own relative-URL hook, and calls that
//! hook for relative URLs only, so a relative link that resolves to a `blob:` URL could not be
//! refused there.

pub mod limits;
mod markdown;
mod policy;

use std::borrow::Cow;

use crate::article::Location;
use crate::url::{
    ascii_hosts, normalise, resolve_asset, resolve_link, safe_for_media, without_tracking,
};

pub use limits::{Cut, MAX_HTML_DEPTH};
pub(crate) use markdown::{is_raw_block_line, is_raw_html_left_to_ammonia, is_raw_inline_tag};

/// Prefix of every `id` in article HTML, so an article can never clobber the app's own ids.
pub const ID_PREFIX: &str = "a-";

/// Hosts whose video players may be embedded (in a sandboxed frame); any other iframe loses
/// its `src` and is hidden by the stylesheet.
const VIDEO_PLAYERS: &[&str] = &[
    "https://www.youtube.com/embed/",
    "https://www.youtube-nocookie.com/embed/",
    "https://player.vimeo.com/video/",
    "https://player.bilibili.com/player.html",
];

/// Sanitized HTML, and where the HTML given was cut short, if it was.
#[derive(Debug)]
pub struct Cleaned {
    pub html: String,
    pub cut: Option<Cut>,
}

/// Sanitizes `html`; relative URLs resolve against the article's `location`. HTML nested too
/// deep for the parser to read quickly is cut off first (see [`limits`]), silently: use
/// [`clean_within_limits`] to know.
pub fn clean(html: &str, location: &Location) -> String {
    clean_within_limits(html, location).html
}

/// Sanitizes what of `html` the parser can read quickly: all of it, or what comes before the
/// point [`limits::cut_point`] finds, which is returned too.
pub fn clean_within_limits(html: &str, location: &Location) -> Cleaned {
    let cut = limits::cut_point(html);
    let readable = cut.map_or(html, |cut| html.get(..cut.at).unwrap_or_default());
    Cleaned {
        html: sanitize(readable, location),
        cut,
    }
}

/// Sanitizes the HTML pulldown-cmark wrote for Markdown without raw HTML in it, as [`clean`]
/// would, in one scan without parsing it again (see `sanitize/markdown.rs`); other HTML goes to
/// [`clean_within_limits`].
pub fn clean_markdown(html: &str, location: &Location) -> Cleaned {
    match markdown::clean(&ascii_hosts(html), location) {
        Some(cleaned) => Cleaned {
            html: finish(&cleaned),
            cut: None,
        },
        None => clean_within_limits(html, location),
    }
}

fn sanitize(html: &str, location: &Location) -> String {
    finish(&policy::clean(&ascii_hosts(html), location))
}

/// Keeps, rewrites or drops (`None`) one attribute the allow-list let through.
fn filter_attribute<'u>(
    location: &Location,
    element: &str,
    attribute: &str,
    value: &'u str,
) -> Option<Cow<'u, str>> {
    match (element, attribute) {
        (_, "class") => safe_classes(value),
        ("iframe", "src") => video_player(value),
        (_, "href") => resolve_link(location, value)
            .map(|url| Cow::Owned(without_tracking(&url).unwrap_or(url))),
        (_, "cite" | "xlink:href") => resolve_link(location, value).map(Cow::Owned),
        (_, "src" | "poster") => resolve_asset(location, value).map(Cow::Owned),
        (_, "srcset") => srcset_urls(value)
            .all(safe_for_media)
            .then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// The URL of a known video player, as the browser reads it; `None` for any other frame.
fn video_player(value: &str) -> Option<Cow<'_, str>> {
    let url = normalise(value);
    VIDEO_PLAYERS
        .iter()
        .any(|player| url.starts_with(player))
        .then_some(url)
}

/// The URLs of a `srcset` (`a.png 1x, b.png 2x`) as the browser's parser finds them: each
/// candidate is a URL up to whitespace, then descriptors up to a comma outside parentheses. A
/// candidate the browser would drop for its descriptors is still listed: every URL listed is
/// checked, so listing more errs on the safe side. Every step takes at least the URL's first
/// character.
pub(crate) fn srcset_urls(srcset: &str) -> impl Iterator<Item = &str> {
    let mut rest = srcset;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (url, after) = rest.split_at_checked(end).unwrap_or((rest, ""));
        rest = match url.strip_suffix(',') {
            // `a.png, b.png`: a trailing comma ends the candidate.
            Some(_) => after,
            None => after_descriptors(after),
        };
        Some(url.trim_end_matches(','))
    })
}

/// What follows a candidate's descriptors: what comes after their first comma outside
/// parentheses (`1x (a, b), c.png` → ` c.png`), or nothing.
fn after_descriptors(descriptors: &str) -> &str {
    let mut in_parentheses = false;
    for (at, c) in descriptors.char_indices() {
        match c {
            '(' => in_parentheses = true,
            ')' => in_parentheses = false,
            ',' if !in_parentheses => return descriptors.get(at + 1..).unwrap_or_default(),
            _ => {}
        }
    }
    ""
}

/// The end tag of a frame, as the serializer writes it.
const FRAME_END: &str = "</iframe>";

/// The last pass over the sanitizer's output, in one scan: every image without a text
/// alternative gets an empty one (`alt=""`: the article's words are what it says, and a screen
/// reader would otherwise read the file name), every frame loses its content (browsers never
/// show it), and frames that lost their `src` (not a known video player, only a blank box) go.
///
/// The output is well-formed: every `<` of text is escaped and every attribute value is in
/// double quotes, so each `<` starts a tag, except inside a frame, whose content is raw text
/// written unescaped; that content is skipped whole, never read as markup.
///
/// It always ends: each iteration consumes at least the `<` it found (a tag is at least one
/// byte long) and more for a frame, so there are at most `html.len()` iterations, and each
/// helper is a single forward scan.
fn finish(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    // memchr: `str::find` of a character is a slower search in WebAssembly, on every tag.
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        let (text, tail) = rest.split_at_checked(lt).unwrap_or(("", rest));
        out.push_str(text);
        let (tag, after) = tail.split_at_checked(tag_len(tail)).unwrap_or((tail, ""));
        rest = match element_name(tag) {
            "img" => {
                push_image(&mut out, tag);
                after
            }
            "iframe" => {
                // The content runs to the end tag, which raw text cannot contain; an unclosed
                // frame (never written by the serializer) takes the rest with it.
                let after_frame = after.split_once(FRAME_END).map_or("", |(_, next)| next);
                if has_attribute(tag, "src") {
                    out.push_str(tag);
                    out.push_str(FRAME_END);
                }
                after_frame
            }
            _ => {
                out.push_str(tag);
                after
            }
        };
    }
    out.push_str(rest);
    out
}

/// The length of the tag at the start of `html` (which starts with `<`), up to and including
/// its `>`, or all of `html` when it is not closed; at least 1. A `>` inside a quoted value does
/// not end the tag.
pub(crate) fn tag_len(html: &str) -> usize {
    let mut quoted = false;
    for (at, byte) in html.bytes().enumerate().skip(1) {
        match byte {
            b'"' => quoted = !quoted,
            b'>' if !quoted => return at + 1,
            _ => {}
        }
    }
    html.len()
}

/// The element name of a start tag (`<img …>` → `img`); empty for an end tag.
fn element_name(tag: &str) -> &str {
    let name = tag.get(1..).unwrap_or_default();
    let end = name
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    name.get(..end).unwrap_or_default()
}

/// Writes an image tag, with `alt=""` when it has no `alt`.
fn push_image(out: &mut String, tag: &str) {
    match tag.strip_prefix("<img") {
        Some(attributes) if !has_attribute(tag, "alt") => {
            out.push_str("<img alt=\"\"");
            out.push_str(attributes);
        }
        _ => out.push_str(tag),
    }
}

/// Whether the tag has the attribute `name`: a space outside quoted values, then the name, then
/// `=`, a space or the end of the tag.
fn has_attribute(tag: &str, name: &str) -> bool {
    let bytes = tag.as_bytes();
    let mut quoted = false;
    for (at, byte) in bytes.iter().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b' ' if !quoted => {
                let after = bytes.get(at + 1..).unwrap_or_default();
                let named = after.strip_prefix(name.as_bytes()).is_some_and(|end| {
                    matches!(end.first(), None | Some(b'=' | b' ' | b'>' | b'/'))
                });
                if named {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Keeps only the classes Lectern itself styles: code languages, footnotes, task lists,
/// callouts and alerts, math, links to other articles.
fn safe_classes(value: &str) -> Option<Cow<'_, str>> {
    const PREFIXES: &[&str] = &[
        "language-",
        "footnote-",
        "callout",
        "markdown-alert",
        "math",
    ];
    const EXACT: &[&str] = &["task-list-item", crate::links::ARTICLE_LINK_CLASS];
    let kept: Vec<&str> = value
        .split_whitespace()
        .filter(|class| PREFIXES.iter().any(|p| class.starts_with(p)) || EXACT.contains(class))
        .collect();
    (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_comments_and_handlers_go() {
        let html = clean(
            "<p onclick=\"x()\">Hi<script>alert(1)</script></p><style>p&#123;&#125;</style><!-- c --><a href=\"javascript:alert(1)\">l</a>",
            &Location::default(),
        );
        assert_eq!(html, "<p>Hi</p><a rel=\"noopener noreferrer\">l</a>");
    }

    #[test]
    fn images_always_have_a_text_alternative() {
        let html = clean(
            "<img src=\"https://x.cn/a.png?b=>\"><img alt=\"A cat\" src=\"c.png\"><img src=\"d.png\"/>",
            &Location::default(),
        );
        assert_eq!(html.matches("alt=").count(), 3, "{html}");
        assert!(html.contains("alt=\"A cat\""), "{html}");
        assert!(!html.contains("alt=\"\" alt"), "{html}");
        assert!(
            html.starts_with("<img alt=\"\" src=\"https://x.cn/a.png?b=&gt;\""),
            "{html}"
        );
    }

    #[test]
    fn images_are_lazy_and_send_no_referrer() {
        let html = clean(
            "<img src=\"https://x.cn/a.png\" referrerpolicy=\"origin\">",
            &Location::default(),
        );
        assert!(html.contains("loading=\"lazy\""), "{html}");
        assert!(html.contains("decoding=\"async\""), "{html}");
        assert_eq!(
            html.matches("referrerpolicy=\"no-referrer\"").count(),
            1,
            "{html}"
        );
    }

    #[test]
    fn media_send_no_referrer() {
        let html = clean(
            "<video src=\"https://x.cn/a.mp4\" poster=\"https://x.cn/a.png\" referrerpolicy=\"origin\"><source src=\"https://x.cn/a.webm\"><track src=\"https://x.cn/a.vtt\"></video><picture><source srcset=\"https://x.cn/a.avif\"><img src=\"https://x.cn/a.png\"></picture>",
            &Location::default(),
        );
        for element in ["<video", "<source", "<track"] {
            for tag in html.split(element).skip(1) {
                let tag = tag.split('>').next().unwrap_or_default();
                assert_eq!(
                    tag.matches("referrerpolicy=\"no-referrer\"").count(),
                    1,
                    "{element}{tag}"
                );
            }
        }
        assert_eq!(html.matches("referrerpolicy=").count(), 5, "{html}");
        assert!(!html.contains("origin"), "{html}");
    }

    #[test]
    fn links_lose_their_tracking_parameters() {
        let html = clean(
            "<a href=\"https://x.org/a?id=3&amp;utm_source=feed&amp;utm_medium=rss#top\">a</a><a href=\"https://x.org/b?utm_source=x&amp;fbclid=y\">b</a><a href=\"c.pdf?UTM_Campaign=z&amp;v=1\">c</a>",
            &Location::of(Some("articles/"), "", "x.md"),
        );
        assert!(html.contains("href=\"https://x.org/a?id=3#top\""), "{html}");
        assert!(html.contains("href=\"https://x.org/b\""), "{html}");
        assert!(html.contains("href=\"articles/c.pdf?v=1\""), "{html}");
        assert!(!html.contains("utm") && !html.contains("UTM"), "{html}");
    }

    #[test]
    fn links_and_media_on_internationalised_hosts_are_kept_in_ascii() {
        let html = clean(
            "<a href=\"https://中文.com/新闻?a=1\">a</a><img alt=\"b\" src=\"http://bücher.de/b.png\"><blockquote cite=\"https://例子.测试/\">c</blockquote>",
            &Location::default(),
        );
        assert!(
            html.contains("href=\"https://xn--fiq228c.com/新闻?a=1\""),
            "{html}"
        );
        assert!(
            html.contains("src=\"http://xn--bcher-kva.de/b.png\""),
            "{html}"
        );
        assert!(
            html.contains("cite=\"https://xn--fsqu00a.xn--0zwm56d/\""),
            "{html}"
        );
    }

    #[test]
    fn srcset_candidates_are_split_as_the_browser_splits_them() {
        let urls = |srcset| srcset_urls(srcset).collect::<Vec<_>>();
        assert_eq!(urls("a.png 1x, b.png 2x"), ["a.png", "b.png"]);
        assert_eq!(urls("a.png,b.png 2x"), ["a.png,b.png"]);
        assert_eq!(urls("a.png, b.png"), ["a.png", "b.png"]);
        // A comma in parentheses does not end a candidate; the next one starts after `),`.
        assert_eq!(
            urls("a.png (p,q),https://x/b.png 1x"),
            ["a.png", "https://x/b.png"]
        );
        let html = clean(
            "<picture><source srcset=\"a.png (p,q),data:image/svg+xml,x 1x\"></picture>",
            &Location::default(),
        );
        assert!(!html.contains("srcset"), "{html}");
    }

    #[test]
    fn relative_urls_and_anchors_resolve() {
        let html = clean(
            "<img src=\"a.png\">",
            &Location::of(Some("articles/"), "", "posts/x.md"),
        );
        assert!(html.contains("src=\"articles/posts/a.png\""), "{html}");
        let html = clean(
            "<h2 id=\"intro\">x</h2><a href=\"#intro\">go</a>",
            &Location::default(),
        );
        assert!(
            html.contains("id=\"a-intro\"") && html.contains("href=\"#a-intro\""),
            "{html}"
        );
    }

    #[test]
    fn data_urls_only_for_raster_images() {
        let html = clean(
            "<img src=\"data:image/png;base64,AAAA\"><img src=\"data:image/svg+xml,<svg onload=x>\"><a href=\"data:text/html,x\">l</a>",
            &Location::default(),
        );
        assert!(
            html.contains("src=\"data:image/png;base64,AAAA\""),
            "{html}"
        );
        assert!(
            !html.contains("svg") && !html.contains("text/html"),
            "{html}"
        );
    }

    #[test]
    fn only_video_players_may_be_framed() {
        let html = clean(
            "<iframe src=\"https://www.youtube.com/embed/x\"></iframe><iframe src=\"https://evil.example/\" srcdoc=\"<script>\"></iframe>",
            &Location::default(),
        );
        assert!(
            html.contains("sandbox=\"allow-scripts allow-same-origin allow-presentation\""),
            "{html}"
        );
        assert!(
            html.contains("youtube.com/embed/x")
                && !html.contains("evil")
                && !html.contains("srcdoc"),
            "{html}"
        );
    }

    #[test]
    fn html_nested_too_deep_is_cut_before_it_is_parsed() {
        let html = format!(
            "<p>kept</p>{}<p>lost</p>",
            "<div>".repeat(MAX_HTML_DEPTH + 1)
        );
        let cleaned = clean_within_limits(&html, &Location::default());
        let cut = cleaned.cut.expect("a cut");
        assert_eq!(cut.at, "<p>kept</p>".len() + 5 * MAX_HTML_DEPTH);
        assert!(
            cleaned.html.starts_with("<p>kept</p><div>"),
            "{}",
            cleaned.html
        );
        assert_eq!(cleaned.html.matches("<div>").count(), MAX_HTML_DEPTH);
        assert!(!cleaned.html.contains("lost"));
        assert_eq!(clean(&html, &Location::default()), cleaned.html);
        let shallow = clean_within_limits("<div><p>x</p></div>", &Location::default());
        assert_eq!(
            (shallow.html.as_str(), shallow.cut),
            ("<div><p>x</p></div>", None)
        );
    }

    #[test]
    fn mathml_survives() {
        let html = clean(
            "<math display=\"block\"><mi>x</mi><mo>=</mo><mn>1</mn></math>",
            &Location::default(),
        );
        assert_eq!(
            html,
            "<math display=\"block\"><mi>x</mi><mo>=</mo><mn>1</mn></math>"
        );
    }

    #[test]
    fn only_known_classes_survive() {
        let html = clean(
            "<code class=\"language-rust evil\">x</code><div class=\"app\">y</div>",
            &Location::default(),
        );
        assert_eq!(html, "<code class=\"language-rust\">x</code><div>y</div>");
    }

    #[test]
    fn frames_lose_their_content_and_frames_without_src_go() {
        let html = clean(
            "<iframe src=\"https://www.youtube.com/embed/x\"><img src=x></iframe><iframe>qqq</iframe>z",
            &Location::default(),
        );
        assert!(html.ends_with("></iframe>z"), "{html}");
        assert_eq!(html.matches("<iframe").count(), 1, "{html}");
        assert!(!html.contains("<img") && !html.contains("qqq"), "{html}");
    }

    #[test]
    fn schemes_are_checked_as_the_browser_reads_them() {
        for spelling in [" data:", "\tdata:", "da&#9;ta:", "DA&#10;TA:", "&#1;data:"] {
            let html = clean(
                &format!("<a href=\"{spelling}text/html,x\">l</a><img src=\"{spelling}image/svg+xml,x\">"),
                &Location::default(),
            );
            assert!(
                !html.contains("href") && !html.contains("src"),
                "{spelling}: {html}"
            );
        }
        let html = clean(
            "<img src=\" data:image/png;base64,AAAA\"><img srcset=\"a.png 1x, data:image/svg+xml,x 2x\">",
            &Location::default(),
        );
        assert!(
            html.contains("src=\"data:image/png;base64,AAAA\""),
            "{html}"
        );
        assert!(!html.contains("srcset"), "{html}");
    }

    #[test]
    fn links_to_dropped_files_lose_their_target() {
        let mut dropped = Location::of(None, "dropped/", "a.md");
        dropped.assets = std::sync::Arc::new(std::collections::BTreeMap::from([(
            "d.svg".to_owned(),
            "blob:http://x/1".to_owned(),
        )]));
        let html = clean(
            "<a href=\"d.svg\">diagram</a><a href=\"blob:http://x/1\">b</a><img src=\"d.svg\">",
            &dropped,
        );
        assert!(
            html.contains(">diagram</a>") && !html.contains("href"),
            "{html}"
        );
        assert!(html.contains("src=\"blob:http://x/1\""), "{html}");
        let bare = Location::of(Some(""), "", "x.md");
        let html = clean("<a href=\"./javascript:alert(1).txt\">x</a>", &bare);
        assert!(
            html.contains("href=\"./javascript:alert(1).txt\""),
            "{html}"
        );
    }

    /// html5ever's table of references is Lectern's own sorted array (vendor/web_atoms): whole
    /// names, legacy names without `;`, the longest match, two-codepoint references and
    /// unknown names must all read as the HTML standard says.
    #[test]
    fn named_character_references_decode_as_the_standard_says() {
        let html = clean(
            "<p>a &amp; b &notin; c &notit; d &fjlig; e &AElig f &bogus; g &nbsp;h &amp</p>",
            &Location::default(),
        );
        assert_eq!(
            html,
            "<p>a &amp; b \u{2209} c \u{ac}it; d fj e \u{c6} f &amp;bogus; g &nbsp;h &amp;</p>"
        );
    }

    /// Each of the standard's 2 231 named references (vendor/web_atoms/entities.rs, the list
    /// html5ever's table is written from) decodes to its codepoints, the legacy ones without
    /// `;` too.
    #[test]
    fn every_named_character_reference_decodes() {
        mod standard {
            include!("../../../vendor/web_atoms/entities.rs");
        }
        for (name, first, second) in standard::NAMED_ENTITIES {
            let chars: String = [first, second]
                .into_iter()
                .filter(|&code| code != 0)
                .filter_map(char::from_u32)
                .collect();
            // As html5ever's serializer writes text: escaped, and no-break spaces named.
            let decoded = crate::body::escape::text(&chars).replace('\u{a0}', "&nbsp;");
            let html = clean(&format!("<p>x{name} !</p>"), &Location::default());
            assert_eq!(html, format!("<p>x{decoded} !</p>"), "{name}");
        }
    }
}
