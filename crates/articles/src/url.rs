//! Resolving the URLs an article writes against where the article lives.
//!
//! Lectern runs on any static host and under any sub-path, so article URLs are resolved as
//! plain relative paths, never against an origin. Links to other articles (`other.md`) become
//! hash routes, so they open inside Lectern.

use crate::article::Location;
use crate::links::{decode_path, read_href};
use crate::sanitize::ID_PREFIX;

/// File extensions of articles: a relative link to one of these opens it in Lectern.
const ARTICLE_EXTENSIONS: &[&str] = &[".md", ".markdown", ".mdx"];

/// Whether `url` is absolute (`https:`, `mailto:`, `data:`, `//host`) and must be left alone.
pub fn is_absolute(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    match url.find(':') {
        Some(colon) => {
            let scheme = &url[..colon];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Resolves a URL of the article's HTML (`href`, `src`): in-article `#anchors` follow the
/// sanitizer's id prefix, app routes (`#/…`) and absolute URLs stay, links to other articles
/// become `#/read/<id>`, and other relative URLs resolve to the file beside the article
/// (`None`, to drop the URL, when such files cannot be fetched).
pub fn resolve_link(location: &Location, url: &str) -> Option<String> {
    if url.starts_with("#/") {
        return Some(url.to_owned());
    }
    if let Some(fragment) = url.strip_prefix('#') {
        return Some(format!("#{ID_PREFIX}{fragment}"));
    }
    let path = url.split(['#', '?']).next().unwrap_or(url);
    let lower = path.to_ascii_lowercase();
    if !is_absolute(url) && !url.starts_with('/') {
        if let Some(ext) = ARTICLE_EXTENSIONS.iter().find(|ext| lower.ends_with(*ext)) {
            let target = join(&location.dir, &path[..path.len() - ext.len()]);
            return Some(read_href(&format!("{}{target}", location.id_root)));
        }
    }
    resolve_asset(location, url)
}

/// Resolves the URL of a file beside the article (an image, a cover): under the library's
/// URL, or from the files brought in with it; `None` when the file is not available.
pub fn resolve_asset(location: &Location, url: &str) -> Option<String> {
    if is_absolute(url) || url.starts_with('/') || url.starts_with('?') || url.starts_with('#') {
        return Some(url.to_owned());
    }
    let path = join(&location.dir, url.split(['?', '#']).next().unwrap_or(url));
    match location.asset_root.as_deref() {
        Some(root) => Some(format!("{root}{}", join(&location.dir, url))),
        None => location.assets.get(&decode_path(&path)).cloned(),
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
}
