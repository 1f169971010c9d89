//! The allow-list itself: an ammonia `Builder`, built once per thread and kept. Building it
//! takes some hundred hash-set insertions, about 4 % of the time an article took to parse when
//! it was built for each one.
//!
//! Its attribute filter resolves URLs against the article being cleaned, which ammonia has no
//! way to pass to it: [`clean`] puts that article's location in [`LOCATION`] first. The filter
//! runs within `clean`, on the same thread, so it always reads the article it serves.

use std::cell::RefCell;
use std::collections::HashSet;

use ammonia::{Builder, UrlRelative};

use super::{filter_attribute, ID_PREFIX};
use crate::article::Location;

thread_local! {
    static POLICY: Builder<'static> = policy();
    /// The location of the article being cleaned (afterwards, of the last one cleaned).
    static LOCATION: RefCell<Location> = RefCell::default();
}

/// `html` cleaned by the policy, its URLs resolved against `location`: ammonia's output,
/// before [`super::finish`].
pub fn clean(html: &str, location: &Location) -> String {
    LOCATION.with(|current| current.replace(location.clone()));
    // Serialized straight into the string's bytes: `to_string` serializes into a buffer of its
    // own, then copies that through a formatter.
    let mut out = Vec::with_capacity(html.len());
    // Writing to memory does not fail, and the serializer writes UTF-8.
    let _ = POLICY.with(|policy| policy.clean(html).write_to(&mut out));
    String::from_utf8(out)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

fn policy() -> Builder<'static> {
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
        // Belt and braces: the HTML standard defines `referrerpolicy` on images and frames
        // only (whatwg/html#7822), so browsers ignore it here today and the page's own
        // referrer policy is what keeps media requests quiet; a browser that adopts it will
        // read it here too.
        .set_tag_attribute_value("video", "referrerpolicy", "no-referrer")
        .set_tag_attribute_value("source", "referrerpolicy", "no-referrer")
        .set_tag_attribute_value("track", "referrerpolicy", "no-referrer")
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
        .attribute_filter(|element, attribute, value| {
            LOCATION
                .with(|location| filter_attribute(&location.borrow(), element, attribute, value))
        })
        // Relative URLs were resolved by the filter; resolving them again would nest them.
        .url_relative(UrlRelative::PassThrough);
    builder
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
