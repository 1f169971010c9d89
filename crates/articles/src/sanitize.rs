//! The one allow-list policy every rendered article goes through before it reaches a page.
//!
//! Built on ammonia (html5ever's parser, so the browser's reading of the markup is the one
//! checked). It keeps what blog HTML needs, removes everything that can run script or escape
//! the article, and decorates links and images for a reader: `rel="noopener noreferrer"`,
//! lazy images that send no referrer (hot-link-protected CDNs refuse requests that do).

use std::borrow::Cow;
use std::collections::HashSet;

use ammonia::{Builder, UrlRelative, UrlRelativeEvaluate};

/// Prefix of every `id` in article HTML, so an article can never clobber the app's own ids.
pub const ID_PREFIX: &str = "a-";

/// Sanitizes `html`; relative URLs resolve against `base` (a directory URL ending in `/`).
pub fn clean(html: &str, base: &str) -> String {
    let base = base.to_owned();
    let mut builder = Builder::default();
    builder
        .add_tags(["video", "source", "track", "picture", "input"])
        .add_generic_attributes(["id", "dir"])
        .id_prefix(Some(ID_PREFIX))
        .add_tag_attributes("img", ["loading"])
        .add_tag_attributes("a", ["title", "name"])
        .add_tag_attributes(
            "video",
            [
                "src", "poster", "controls", "width", "height", "muted", "loop",
            ],
        )
        .add_tag_attributes("source", ["src", "type", "media"])
        .add_tag_attributes("track", ["src", "kind", "srclang", "label"])
        .add_tag_attributes("input", ["checked"])
        .add_tag_attributes("ol", ["start", "reversed"])
        .add_tag_attributes("td", ["align", "colspan", "rowspan"])
        .add_tag_attributes("th", ["align", "colspan", "rowspan", "scope"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("div", ["class"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("li", ["class"])
        .set_tag_attribute_value("img", "loading", "lazy")
        .set_tag_attribute_value("img", "decoding", "async")
        .set_tag_attribute_value("img", "referrerpolicy", "no-referrer")
        .set_tag_attribute_value("input", "type", "checkbox")
        .set_tag_attribute_value("input", "disabled", "")
        .link_rel(Some("noopener noreferrer"))
        .clean_content_tags(HashSet::from([
            "script", "style", "title", "template", "noscript", "textarea", "xmp",
        ]))
        .attribute_filter(|_element, attribute, value| match attribute {
            "class" => safe_classes(value),
            _ => Some(Cow::Borrowed(value)),
        })
        .url_relative(UrlRelative::Custom(Box::new(Resolver(base))));
    builder.clean(html).to_string()
}

/// Resolves the relative URLs of one article against its directory.
struct Resolver(String);

impl<'a> UrlRelativeEvaluate<'a> for Resolver {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        Some(Cow::Owned(crate::url::resolve(&self.0, url)))
    }
}

/// Keeps only the classes Lectern itself styles: code languages, footnotes, task lists.
fn safe_classes(value: &str) -> Option<Cow<'_, str>> {
    let kept: Vec<&str> = value
        .split_whitespace()
        .filter(|class| {
            class.starts_with("language-")
                || class.starts_with("footnote-")
                || *class == "task-list-item"
        })
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
            "",
        );
        assert_eq!(html, "<p>Hi</p><a rel=\"noopener noreferrer\">l</a>");
    }

    #[test]
    fn images_are_lazy_and_send_no_referrer() {
        let html = clean(
            "<img src=\"https://x.cn/a.png\" referrerpolicy=\"origin\">",
            "",
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
        let html = clean("<img src=\"a.png\">", "articles/posts/");
        assert!(html.contains("src=\"articles/posts/a.png\""), "{html}");
        let html = clean("<h2 id=\"intro\">x</h2><a href=\"#intro\">go</a>", "");
        assert!(
            html.contains("id=\"a-intro\"") && html.contains("href=\"#a-intro\""),
            "{html}"
        );
    }

    #[test]
    fn only_known_classes_survive() {
        let html = clean(
            "<code class=\"language-rust evil\">x</code><div class=\"app\">y</div>",
            "",
        );
        assert_eq!(html, "<code class=\"language-rust\">x</code><div>y</div>");
    }
}
