//! Links from one article to another, in the app's hash-route grammar, so they open inside
//! Lectern on any static host.
//!
//! `#/read/<id>` opens an article by its id; `#/find/<name>` asks the app to find an article by
//! file name or title (for Hexo `post_link`, Jekyll `post_url`, Hugo `ref` and Obsidian
//! `[[wikilinks]]`, which name an article without saying where it is). The app's `route.rs`
//! reads both.

use crate::body::escape;

/// The class marking links to other articles of the library.
pub const ARTICLE_LINK_CLASS: &str = "article-link";

/// `#/read/<id>`.
pub fn read_href(id: &str) -> String {
    format!("#/read/{}", encode_path(id))
}

/// `#/find/<name>`.
pub fn find_href(name: &str) -> String {
    format!("#/find/{}", encode_path(name.trim()))
}

/// An HTML link to the article called `name`.
pub fn article_link_by_name(name: &str, text: &str) -> String {
    format!(
        "<a class=\"{ARTICLE_LINK_CLASS}\" href=\"{}\">{}</a>",
        find_href(name),
        escape::text(text)
    )
}

/// Percent-encodes each `/`-separated segment (everything but RFC 3986 unreserved characters).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        for byte in segment.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
                out.push(byte as char);
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// Decodes `%XX` escapes; malformed escapes are kept as written, invalid UTF-8 is replaced.
pub fn decode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_ascii_and_round_trip() {
        for id in [
            "news/000_6ceb1ec26c302d42",
            "dropped/中文 文章",
            "a%b/c#d?e",
        ] {
            let href = read_href(id);
            assert!(href.is_ascii(), "{href}");
            assert_eq!(decode_path(href.trim_start_matches("#/read/")), id);
        }
        assert_eq!(decode_path("100%zz"), "100%zz");
    }
}
