//! Resolving the URLs an article writes against where the article lives, and the one check of
//! what a URL may point to.
//!
//! Lectern runs on any static host and under any sub-path, so article URLs are resolved as
//! plain relative paths, never against an origin. Links to other articles (`other.md`) become
//! hash routes, so they open inside Lectern.
//!
//! Every URL is read as the browser's URL parser reads it (see [`normalise`]) before its scheme
//! is looked at, and every URL the resolver hands out is checked after resolution: a link may
//! only lead to a document of another site or to a route of the app ([`safe_for_link`]), an
//! image or video may also come from the page's own `blob:` URLs or be a raster `data:` image
//! ([`safe_for_media`]). `blob:` and `data:` documents take the page's origin, so a link to one
//! (a dropped SVG, say) would run its script as the app.
//!
//! Beside it: which server a URL loads from ([`explicit_origin`]), links without their
//! tracking parameters ([`without_tracking`]), and internationalised hosts in ASCII (`idn`).

mod idn;
mod origin;
mod tracking;

use std::borrow::Cow;

pub(crate) use idn::ascii_hosts;
pub use origin::{explicit_origin, scheme_relative_host, WebOrigin};
pub use tracking::without_tracking;

use crate::article::Location;
use crate::links::{decode_path, read_href};
use crate::sanitize::ID_PREFIX;

/// File extensions of articles: a relative link to one of these opens it in Lectern. `.html`
/// too: a generator's sources link to the pages they become (Hexo's documentation links
/// `front-matter.html` from beside `front-matter.md`), and Lectern reads HTML files as
/// articles, so either way the link means the article of that name.
const ARTICLE_EXTENSIONS: &[&str] = &[".md", ".markdown", ".mdx", ".html", ".htm"];

/// Schemes a link may use: ammonia's default list. None of them runs script or opens a
/// document of the page's own origin (`javascript:`, `data:` and `blob:` are not here).
const LINK_SCHEMES: &[&str] = &[
    "bitcoin",
    "ftp",
    "ftps",
    "geo",
    "http",
    "https",
    "im",
    "irc",
    "ircs",
    "magnet",
    "mailto",
    "mms",
    "mx",
    "news",
    "nntp",
    "openpgp4fpr",
    "sip",
    "sms",
    "smsto",
    "ssh",
    "tel",
    "url",
    "webcal",
    "wtai",
    "xmpp",
];

/// Types of `data:` images that are safe to show (raster formats only; SVG can carry script).
const RASTER_IMAGES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/avif",
];

/// `url` as the WHATWG URL parser reads it before anything else: leading and trailing C0
/// controls and spaces stripped, and every tab, line feed and carriage return removed wherever
/// it is (so `" data:"`, `"\tdata:"` and `"da\tta:"` all read as `data:`).
pub fn normalise(url: &str) -> Cow<'_, str> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    // A byte search (they are ASCII): a `data:` URL can be megabytes long, and every URL
    // attribute of every article comes through here.
    if memchr::memchr3(b'\t', b'\n', b'\r', trimmed.as_bytes()).is_some() {
        Cow::Owned(trimmed.replace(['\t', '\n', '\r'], ""))
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// The scheme of `url` in lower case, as the browser reads it (after [`normalise`]); `None`
/// for a relative URL (`a.png`, `/a`, `//host/a`, `#x`).
pub fn scheme(url: &str) -> Option<String> {
    split_scheme(&normalise(url)).map(|(scheme, _)| scheme.to_ascii_lowercase())
}

/// The normalised `url` split at the colon after its scheme (`HTTPS://x` → `("HTTPS", "//x")`);
/// `None` for a relative URL.
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// Whether `url` may be a link's target: relative, or with one of `LINK_SCHEMES`.
pub fn safe_for_link(url: &str) -> bool {
    scheme(url).is_none_or(|scheme| is_link_scheme(&scheme))
}

/// Whether a link may use `scheme` (in lower case).
pub(crate) fn is_link_scheme(scheme: &str) -> bool {
    LINK_SCHEMES.contains(&scheme)
}

/// Whether `url` may be the source of an image, video or cover: relative, on the web, one of
/// the page's own `blob:` URLs (a dropped folder's files), or a raster `data:` image.
pub fn safe_for_media(url: &str) -> bool {
    match scheme(url).as_deref() {
        None | Some("http" | "https" | "blob") => true,
        Some("data") => is_raster_data(url),
        Some(_) => false,
    }
}

/// Whether `url`, given by the app for one of a dropped folder's files, may be the source of an
/// image or video: what [`safe_for_media`] allows, and `data:` images of any type. The app gives
/// SVG files as `data:` URLs (a `blob:` URL would share the page's origin, a `data:` document
/// does not), and an SVG shown as an image never runs script; an article cannot write one.
fn safe_for_dropped_media(url: &str) -> bool {
    match scheme(url).as_deref() {
        Some("data") => data_type(url).starts_with("image/"),
        _ => safe_for_media(url),
    }
}

/// Whether the `data:` URL `url` holds one of [`RASTER_IMAGES`].
fn is_raster_data(url: &str) -> bool {
    let media_type = data_type(url);
    RASTER_IMAGES.contains(&media_type.as_str())
}

/// The media type of a `data:` URL in lower case: up to the first `;` or `,`.
fn data_type(url: &str) -> String {
    let url = normalise(url);
    let data = url.split_once(':').map_or("", |(_, data)| data);
    let media_type = data.split([';', ',']).next().unwrap_or_default();
    media_type.trim().to_ascii_lowercase()
}

/// Whether `url` is absolute (`https:`, `mailto:`, `data:`, `//host`) and must be left alone.
pub fn is_absolute(url: &str) -> bool {
    normalise(url).starts_with("//") || scheme(url).is_some()
}

/// Resolves a URL of the article's HTML (`href`): in-article `#anchors` follow the sanitizer's
/// id prefix, app routes (`#/…`) and absolute URLs stay, links to other articles become
/// `#/read/<id>`, and other relative URLs resolve to the file beside the article. `None`, to
/// drop the link, when the target cannot be fetched or is not [`safe_for_link`].
pub fn resolve_link(location: &Location, url: &str) -> Option<String> {
    let url = normalise(url);
    let resolved = link_target(location, &url)?;
    safe_for_link(&resolved).then_some(resolved)
}

/// Resolves the URL of a file beside the article (an image, a cover): under the library's
/// URL, or from the files brought in with it. `None` when the file is not available or the URL
/// is not [`safe_for_media`].
pub fn resolve_asset(location: &Location, url: &str) -> Option<String> {
    let url = normalise(url);
    match asset_target(location, &url)? {
        Target::Written(resolved) => safe_for_media(&resolved).then_some(resolved),
        Target::Dropped(given) => safe_for_dropped_media(&given).then_some(given),
    }
}

/// Where the URL of a file leads: a URL the article wrote (resolved), or the URL the app gave
/// for one of a dropped folder's files.
enum Target {
    Written(String),
    Dropped(String),
}

impl Target {
    fn into_url(self) -> String {
        match self {
            Target::Written(url) | Target::Dropped(url) => url,
        }
    }
}

/// Where the normalised `url` of a link leads, before the safety check.
fn link_target(location: &Location, url: &str) -> Option<String> {
    if url.starts_with("#/") {
        return Some(url.to_owned());
    }
    if let Some(fragment) = url.strip_prefix('#') {
        return Some(format!("#{ID_PREFIX}{fragment}"));
    }
    article_route(location, url).or_else(|| asset_target(location, url).map(Target::into_url))
}

/// `#/read/<id>` for a relative link to another article.
fn article_route(location: &Location, url: &str) -> Option<String> {
    if is_absolute(url) || url.starts_with('/') {
        return None;
    }
    let path = url.split(['#', '?']).next().unwrap_or(url);
    let lower = path.to_ascii_lowercase();
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = match ARTICLE_EXTENSIONS.iter().find(|ext| lower.ends_with(*ext)) {
        // ASCII lower-casing keeps every byte where it was, so the extension ends `path` too.
        Some(ext) => path.get(..path.len() - ext.len())?,
        // A page's address without its extension, as sites with pretty URLs link
        // (`tag-plugins#Code-Block`): that article too. Not a folder (`notes/`), `.`, `..`.
        None if !file.is_empty() && !file.contains('.') => path,
        None => return None,
    };
    let target = join(&location.dir, stem);
    Some(read_href(&format!("{}{target}", location.id_root)))
}

/// Where the normalised `url` of a file leads, before the safety check.
fn asset_target(location: &Location, url: &str) -> Option<Target> {
    if is_absolute(url) || url.starts_with(['/', '?', '#']) {
        return Some(Target::Written(url.to_owned()));
    }
    let path = join(&location.dir, url.split(['?', '#']).next().unwrap_or(url));
    match location.asset_root.as_deref() {
        Some(root) => Some(Target::Written(keep_relative(
            root,
            &join(&location.dir, url),
        ))),
        None => location
            .assets
            .get(&decode_path(&path))
            .cloned()
            .map(Target::Dropped),
    }
}

/// `root` + `path`, still relative when `root` is: a joined path whose first segment holds a
/// `:` (`javascript:alert(1)`, from `./javascript:alert(1)` under an empty root) would read as a
/// scheme, so it keeps a leading `./`.
fn keep_relative(root: &str, path: &str) -> String {
    let joined = format!("{root}{path}");
    if scheme(root).is_none() && scheme(&joined).is_some() {
        format!("./{joined}")
    } else {
        joined
    }
}

/// `dir` + `relative`, with `./` and `../` segments applied (never above the library).
fn join(dir: &str, relative: &str) -> String {
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in relative.split('/') {
        match segment {
            "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosted(path: &str) -> Location {
        Location::of(Some("articles/"), "", path)
    }

    #[test]
    fn absolute_urls_are_recognised() {
        for url in [
            "https://a.b/c",
            "mailto:x@y",
            "data:image/png;base64,",
            "//cdn/x",
        ] {
            assert!(is_absolute(url), "{url}");
        }
        for url in ["a/b.png", "./c", "../d", "/e"] {
            assert!(!is_absolute(url), "{url}");
        }
    }

    #[test]
    fn assets_resolve_beside_the_article() {
        let here = hosted("posts/a.md");
        assert_eq!(
            resolve_asset(&here, "img/a.png").as_deref(),
            Some("articles/posts/img/a.png")
        );
        assert_eq!(
            resolve_asset(&here, "../b.png").as_deref(),
            Some("articles/b.png")
        );
        assert_eq!(
            resolve_asset(&here, "./c.png").as_deref(),
            Some("articles/posts/c.png")
        );
        assert_eq!(
            resolve_asset(&here, "https://x.cn/a.png").as_deref(),
            Some("https://x.cn/a.png")
        );
        assert_eq!(
            resolve_asset(&hosted("top.md"), "../../x.png").as_deref(),
            Some("articles/x.png")
        );
    }

    #[test]
    fn links_to_articles_become_routes() {
        let here = hosted("posts/a.md");
        assert_eq!(
            resolve_link(&here, "b.md").as_deref(),
            Some("#/read/posts/b")
        );
        assert_eq!(
            resolve_link(&here, "../notes/c.markdown#part").as_deref(),
            Some("#/read/notes/c")
        );
        assert_eq!(
            resolve_link(&here, "front-matter.html#Layout").as_deref(),
            Some("#/read/posts/front-matter")
        );
        assert_eq!(
            resolve_link(&here, "tag-plugins#Code-Block").as_deref(),
            Some("#/read/posts/tag-plugins")
        );
        assert_eq!(resolve_link(&here, "../").as_deref(), Some("articles/"));
        assert_eq!(resolve_link(&here, "#intro").as_deref(), Some("#a-intro"));
        assert_eq!(resolve_link(&here, "#/find/x").as_deref(), Some("#/find/x"));
        let dropped = Location::of(None, "dropped/", "a.md");
        assert_eq!(
            resolve_link(&dropped, "b.md").as_deref(),
            Some("#/read/dropped/b")
        );
        assert_eq!(resolve_link(&dropped, "b.png"), None);
        assert_eq!(
            resolve_link(&here, "https://x.org/readme.md").as_deref(),
            Some("https://x.org/readme.md")
        );
    }

    #[test]
    fn dropped_assets_come_from_the_drop() {
        let mut dropped = Location::of(None, "dropped/", "blog/posts/a.md");
        dropped.assets = std::sync::Arc::new(std::collections::BTreeMap::from([(
            "blog/images/猫 1.png".to_owned(),
            "blob:http://x/1".to_owned(),
        )]));
        assert_eq!(
            resolve_asset(&dropped, "../images/%E7%8C%AB%201.png").as_deref(),
            Some("blob:http://x/1")
        );
        assert_eq!(
            resolve_asset(&dropped, "../images/猫 1.png?v=2").as_deref(),
            Some("blob:http://x/1")
        );
        assert_eq!(resolve_asset(&dropped, "missing.png"), None);
    }

    #[test]
    fn schemes_are_read_as_the_browser_reads_them() {
        for url in [
            "data:text/html,x",
            " data:text/html,x",
            "\tdata:text/html,x",
            "\u{1}data:text/html,x",
            "da\tta:text/html,x",
            "DA\nTA:text/html,x",
            "d\rata:x",
        ] {
            assert_eq!(scheme(url).as_deref(), Some("data"), "{url:?}");
        }
        for url in [
            "a.png",
            "./javascript:x",
            "/x:y",
            "//host/a",
            "#x",
            "ja va:x",
            "1a:x",
        ] {
            assert_eq!(scheme(url), None, "{url:?}");
        }
    }

    #[test]
    fn links_never_lead_to_scripts_or_page_documents() {
        for url in [
            "javascript:alert(1)",
            " javascript:alert(1)",
            "vbscript:x",
            "data:text/html,x",
            "\tdata:image/png;base64,AAAA",
            "blob:http://x/1",
        ] {
            assert!(!safe_for_link(url), "{url:?}");
        }
        for url in ["https://x.org", "mailto:a@b", "a.html", "#a-x", "#/read/b"] {
            assert!(safe_for_link(url), "{url:?}");
        }
    }

    #[test]
    fn media_may_be_blobs_and_raster_data() {
        for url in [
            "blob:http://x/1",
            "data:image/png;base64,AAAA",
            " DATA:Image/JPEG,x",
            "https://x/a.svg",
            "a.png",
        ] {
            assert!(safe_for_media(url), "{url:?}");
        }
        for url in [
            "javascript:alert(1)",
            "data:image/svg+xml,<svg>",
            "da\tta:text/html,x",
            "data:image/pngx,x",
            "vbscript:x",
        ] {
            assert!(!safe_for_media(url), "{url:?}");
        }
    }

    #[test]
    fn covers_with_unsafe_schemes_are_refused() {
        let here = hosted("posts/a.md");
        for url in [
            "javascript:alert(1)",
            " vbscript:x",
            "data:text/html,<script>x</script>",
            "\tdata:image/svg+xml,x",
        ] {
            assert_eq!(resolve_asset(&here, url), None, "{url:?}");
        }
        assert_eq!(
            resolve_asset(&here, " data:image/png;base64,AAAA").as_deref(),
            Some("data:image/png;base64,AAAA")
        );
    }

    #[test]
    fn joined_paths_stay_relative() {
        let bare = Location::of(Some(""), "", "x.md");
        assert_eq!(
            resolve_link(&bare, "./javascript:alert(1).txt").as_deref(),
            Some("./javascript:alert(1).txt")
        );
        assert_eq!(
            resolve_asset(&bare, "a/../data:text/html,x").as_deref(),
            Some("./data:text/html,x")
        );
        assert_eq!(resolve_asset(&bare, "a.png").as_deref(), Some("a.png"));
        let hosted = hosted("x.md");
        assert_eq!(
            resolve_link(&hosted, "./javascript:alert(1).txt").as_deref(),
            Some("articles/javascript:alert(1).txt")
        );
    }

    #[test]
    fn links_to_dropped_files_are_dropped() {
        let mut dropped = Location::of(None, "dropped/", "a.md");
        dropped.assets = std::sync::Arc::new(std::collections::BTreeMap::from([(
            "diagram.svg".to_owned(),
            "blob:http://x/1".to_owned(),
        )]));
        assert_eq!(resolve_link(&dropped, "diagram.svg"), None);
        assert_eq!(resolve_link(&dropped, "blob:http://x/1"), None);
        assert_eq!(
            resolve_asset(&dropped, "diagram.svg").as_deref(),
            Some("blob:http://x/1")
        );
    }

    #[test]
    fn the_apps_svg_data_urls_are_images_only() {
        let mut dropped = Location::of(None, "dropped/", "a.md");
        dropped.assets = std::sync::Arc::new(std::collections::BTreeMap::from([
            (
                "d.svg".to_owned(),
                "data:image/svg+xml,%3Csvg%3E".to_owned(),
            ),
            ("p.html".to_owned(), "data:text/html,x".to_owned()),
        ]));
        assert_eq!(
            resolve_asset(&dropped, "d.svg").as_deref(),
            Some("data:image/svg+xml,%3Csvg%3E")
        );
        assert_eq!(resolve_link(&dropped, "d.svg"), None);
        assert_eq!(resolve_asset(&dropped, "p.html"), None);
        // An article cannot write one itself.
        assert_eq!(
            resolve_asset(&dropped, "data:image/svg+xml,%3Csvg%3E"),
            None
        );
    }
}
