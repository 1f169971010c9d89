//! Links from one article to another, in the app's hash-route grammar, so they open inside
//! Lectern on any static host.
//!
//! `#/read/<id>` opens an article by its id; `#/find/<name>` asks the app to find an article by
//! file name or title (for Hexo `post_link`, Jekyll `post_url`, Hugo `ref` and Obsidian
//! `[[wikilinks]]`, which name an article without saying where it is). The app's `route.rs`
//! reads both.

use serde::{Deserialize, Serialize};

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

/// A link from an article to another, as written in its body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub target: Target,
    /// The sentence around the link, as plain text.
    pub context: String,
}

/// The article a link leads to: by id (a relative path resolved where the article lives) or
/// by a name the library must look up (see [`names`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Id(String),
    Name(String),
}

impl Target {
    /// The target of an `href` this module wrote; `None` for any other.
    pub fn of_href(href: &str) -> Option<Target> {
        if let Some(id) = href.strip_prefix("#/read/") {
            Some(Target::Id(decode_path(id)))
        } else {
            href.strip_prefix("#/find/")
                .map(|name| Target::Name(decode_path(name)))
        }
    }

    /// Whether this leads to the article `id` titled `title`.
    pub fn leads_to(&self, id: &str, title: &str) -> bool {
        match self {
            Target::Id(target) => target == id,
            Target::Name(name) => names(name, id, title),
        }
    }
}

/// Whether `name` (from `#/find/<name>`: a file name with or without `.md`, or a title) names
/// the article `id` titled `title`. Ids are tried before titles by whoever looks through a
/// library ([`Target::leads_to`] accepts either).
pub fn names(name: &str, id: &str, title: &str) -> bool {
    names_by_file(name, id) || names_by_title(name, title)
}

/// Whether `name` is the file name of the article `id` (its id's last segment).
pub fn names_by_file(name: &str, id: &str) -> bool {
    file_name(id).eq_ignore_ascii_case(bare_name(name))
}

/// The file name of the article `id`, as a link by name calls it: the id's last segment.
pub fn file_name(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

/// Whether `name` is the title `title`.
pub fn names_by_title(name: &str, title: &str) -> bool {
    title.trim().eq_ignore_ascii_case(bare_name(name))
}

/// A link's name as it is compared: no spaces around it, no `.md`.
pub fn bare_name(name: &str) -> &str {
    name.trim().trim_end_matches(".md")
}

/// The key of a name (an id's last segment, a title, a link's [`bare_name`]) in the catalog's
/// files of ids: a `/`, which no id begins with, and the name as [`names_by_file`] and
/// [`names_by_title`] compare it (trimmed, ASCII letters in lower case).
pub fn name_key(name: &str) -> String {
    format!("/{}", name.trim().to_ascii_lowercase())
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

    #[test]
    fn targets_read_back_from_hrefs() {
        assert_eq!(
            Target::of_href(&read_href("posts/中文")),
            Some(Target::Id("posts/中文".into()))
        );
        assert_eq!(
            Target::of_href(&find_href("My Note")),
            Some(Target::Name("My Note".into()))
        );
        assert_eq!(Target::of_href("#intro"), None);
        assert_eq!(Target::of_href("https://example.org/#/read/x"), None);
    }

    #[test]
    fn a_name_is_a_file_name_or_a_title() {
        let target = Target::Name("hello-world.md".into());
        assert!(target.leads_to("posts/Hello-World", "Greetings"));
        assert!(Target::Name(" Greetings ".into()).leads_to("posts/x", "greetings"));
        assert!(!target.leads_to("posts/hello", "Hello world"));
        assert!(Target::Id("a/b".into()).leads_to("a/b", ""));
        assert!(!Target::Id("a/b".into()).leads_to("b", ""));
    }
}
