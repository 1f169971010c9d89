//! The one allow-list policy every rendered article goes through before it reaches a page.
//!
//! Built on ammonia (html5ever's parser, so the browser's reading of the markup is the one
//! checked). It keeps what blog HTML needs, removes everything that can run script or escape
//! the article, and decorates links and images for a reader: `rel="noopener noreferrer"`,
//! lazy images that send no referrer (hot-link-protected CDNs refuse requests that do).

use std::borrow::Cow;
use std::collections::HashSet;

use ammonia::{Builder, UrlRelative, UrlRelativeEvaluate};

use crate::article::Location;

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

/// Inline images written as `data:` URLs that are safe to show (raster formats only; SVG can
/// carry script).
const DATA_IMAGES: &[&str] = &[
    "data:image/png",
    "data:image/jpeg",
    "data:image/gif",
    "data:image/webp",
    "data:image/avif",
];

/// Sanitizes `html`; relative URLs resolve against the article's `location`.
pub fn clean(html: &str, location: &Location) -> String {
    let mut builder = Builder::default();
    builder
        .add_tags(["video", "source", "track", "picture", "input", "iframe"])
        .add_tags(MATHML_TAGS)
        .add_generic_attributes(["id", "dir"])
        .id_prefix(Some(ID_PREFIX))
        // `blob:` URLs are the page's own object URLs (a dropped folder's images).
        .add_url_schemes(["data", "blob"])
        .add_tag_attributes("a", ["title", "name", "class"])
        .add_tag_attributes(
            "video",
            [
                "src", "poster", "controls", "width", "height", "muted", "loop",
            ],
        )
        .add_tag_attributes("source", ["src", "type", "media", "srcset"])
        .add_tag_attributes("track", ["src", "kind", "srclang", "label"])
        .add_tag_attributes(
            "iframe",
            ["src", "width", "height", "title", "allowfullscreen"],
        )
        .add_tag_attributes("input", ["checked"])
        .add_tag_attributes("ol", ["start", "reversed"])
        .add_tag_attributes("td", ["align", "colspan", "rowspan", "style"])
        .add_tag_attributes("th", ["align", "colspan", "rowspan", "scope", "style"])
        // Table cells carry their column's alignment as `style="text-align: …"`; nothing
        // else of CSS gets through.
        .filter_style_properties(HashSet::from(["text-align"]))
        .add_tag_attributes("math", ["display"])
        .add_tag_attributes("mi", ["mathvariant"])
        .add_tag_attributes(
            "mo",
            [
                "stretchy",
                "fence",
                "separator",
                "lspace",
                "rspace",
                "largeop",
                "movablelimits",
                "form",
                "symmetric",
                "minsize",
                "maxsize",
            ],
        )
        .add_tag_attributes("mfrac", ["linethickness"])
        .add_tag_attributes("mover", ["accent"])
        .add_tag_attributes("munder", ["accentunder"])
        .add_tag_attributes("mspace", ["width"])
        .add_tag_attributes("mstyle", ["displaystyle", "scriptlevel"])
        .add_tag_attributes("mtd", ["columnalign"])
        .add_tag_attributes("annotation", ["encoding"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("div", ["class"])
        .add_tag_attributes("p", ["class"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("li", ["class"])
        .add_tag_attributes("blockquote", ["class"])
        .add_tag_attributes("span", ["class"])
        .set_tag_attribute_value("img", "loading", "lazy")
        .set_tag_attribute_value("img", "decoding", "async")
        .set_tag_attribute_value("img", "referrerpolicy", "no-referrer")
        .set_tag_attribute_value("iframe", "loading", "lazy")
        .set_tag_attribute_value("iframe", "referrerpolicy", "no-referrer")
        .set_tag_attribute_value(
            "iframe",
            "sandbox",
            "allow-scripts allow-same-origin allow-presentation",
        )
        .set_tag_attribute_value("input", "type", "checkbox")
        .set_tag_attribute_value("input", "disabled", "")
        .link_rel(Some("noopener noreferrer"))
        .clean_content_tags(HashSet::from([
            "script", "style", "title", "template", "noscript", "textarea", "xmp",
        ]))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            (_, "class") => safe_classes(value),
            ("iframe", "src") => VIDEO_PLAYERS
                .iter()
                .any(|player| value.starts_with(player))
                .then_some(Cow::Borrowed(value)),
            (_, "src" | "poster") if starts_with_ignore_case(value, "data:") => DATA_IMAGES
                .iter()
                .any(|kind| starts_with_ignore_case(value, kind))
                .then_some(Cow::Borrowed(value)),
            (_, "href") if starts_with_ignore_case(value, "data:") => None,
            _ => Some(Cow::Borrowed(value)),
        })
        .url_relative(UrlRelative::Custom(Box::new(Resolver(location.clone()))));
    let cleaned = drop_empty_frames(builder.clean(html).to_string());
    alt_for_images(cleaned)
}

/// Gives every image without a text alternative an empty one (`alt=""`): the article's words
/// are what it says, and a screen reader would otherwise read the image's file name.
fn alt_for_images(html: String) -> String {
    if !html.contains("<img") {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<img") {
        let after = &rest[start + 4..];
        let (names, end) = attribute_names(after);
        out.push_str(&rest[..start + 4]);
        if !names.contains(&"alt") {
            out.push_str(" alt=\"\"");
        }
        out.push_str(&after[..end]);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The attribute names of a tag whose name was just read, and where its attributes end. The
/// sanitizer writes every value in double quotes (a `"` inside escaped), so a quote-aware scan
/// finds the true end even when a URL holds a `>`.
fn attribute_names(tag: &str) -> (Vec<&str>, usize) {
    let bytes = tag.as_bytes();
    let mut names = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'>' | b'/' => break,
            b' ' | b'\t' | b'\n' => at += 1,
            _ => {
                let start = at;
                while at < bytes.len() && !matches!(bytes[at], b'=' | b' ' | b'>' | b'/') {
                    at += 1;
                }
                names.push(&tag[start..at]);
                if bytes.get(at) == Some(&b'=') && bytes.get(at + 1) == Some(&b'"') {
                    at += 2;
                    while at < bytes.len() && bytes[at] != b'"' {
                        at += 1;
                    }
                    at += 1;
                }
            }
        }
    }
    (names, at.min(tag.len()))
}

/// Removes the iframes that lost their `src` (not a known video player): an empty frame is
/// only a blank box. The sanitizer's output is well-formed, so the scan is exact.
fn drop_empty_frames(html: String) -> String {
    if !html.contains("<iframe") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<iframe") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let open_end = tail.find('>').map_or(tail.len(), |i| i + 1);
        let close = tail
            .find("</iframe>")
            .map_or(open_end, |i| i + "</iframe>".len());
        if tail[..open_end].contains(" src=\"") {
            out.push_str(&tail[..close]);
        }
        rest = &tail[close..];
    }
    out.push_str(rest);
    out
}

/// The MathML elements the math renderer writes (browsers render MathML Core natively).
const MATHML_TAGS: [&str; 25] = [
    "math",
    "semantics",
    "annotation",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "msup",
    "msub",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mover",
    "munder",
    "munderover",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "mpadded",
    "mphantom",
];

fn starts_with_ignore_case(value: &str, prefix: &str) -> bool {
    value
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Resolves the relative URLs of one article against its directory.
struct Resolver(Location);

impl<'a> UrlRelativeEvaluate<'a> for Resolver {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        crate::url::resolve_link(&self.0, url).map(Cow::Owned)
    }
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
}
