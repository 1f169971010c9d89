//! Resolving the URLs an article writes against where the article lives.
//!
//! Lectern runs on any static host and under any sub-path, so article URLs are resolved as
//! plain relative paths, never against an origin.

use crate::sanitize::ID_PREFIX;

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

/// Resolves `url` against `base` (a directory ending in `/`, or empty). Absolute URLs and
/// site-absolute paths are unchanged; in-article `#anchors` follow the sanitizer's id prefix.
pub fn resolve(base: &str, url: &str) -> String {
    if let Some(fragment) = url.strip_prefix('#') {
        return format!("#{ID_PREFIX}{fragment}");
    }
    if is_absolute(url) || url.starts_with('/') || url.starts_with('?') || base.is_empty() {
        return url.to_owned();
    }
    let mut segments: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    let mut rest = url;
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("../") {
            segments.pop();
            rest = r;
        } else {
            break;
        }
    }
    segments.push(rest);
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for url in ["a/b.png", "./c", "../d", "/e", "f:g/h"] {
            assert_eq!(is_absolute(url), url == "f:g/h", "{url}");
        }
    }

    #[test]
    fn relative_urls_resolve_against_the_article() {
        assert_eq!(
            resolve("articles/posts/", "img/a.png"),
            "articles/posts/img/a.png"
        );
        assert_eq!(resolve("articles/posts/", "../b.png"), "articles/b.png");
        assert_eq!(
            resolve("articles/posts/", "./c.png"),
            "articles/posts/c.png"
        );
        assert_eq!(
            resolve("articles/", "https://x.cn/a.png"),
            "https://x.cn/a.png"
        );
        assert_eq!(resolve("articles/", "#intro"), "#a-intro");
    }
}
