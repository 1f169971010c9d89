//! Hash routes: the one place that turns `location.hash` into a [`Route`] and back.
//!
//! Grammar (documented in ARCHITECTURE.md):
//!
//! ```text
//! #/                 the library
//! #/read/<id>        one article; <id> is its stable id, each `/`-separated segment
//!                    percent-encoded (UTF-8), e.g. #/read/news/000_6ceb1ec26c302d42
//! #/read/<id>#<at>   the same article, at the heading whose element id is <at> (encoded
//!                    the same way): a deep link to a section
//! #/find/<name>      the article called <name> (file name or title), as links between
//!                    articles write it; the app replaces it with the article's #/read/ route
//! ```
//!
//! Hash routes need nothing from the host, so deep links work on any static host, under any
//! sub-path, and from `file://`. Anything unrecognised is the library. The engine writes links
//! between articles in this grammar (`articles::links`).

use articles::links::{decode_path, encode_path, find_href, read_href};

/// Where the reader is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Library,
    Read { id: String },
    Find { name: String },
}

impl Route {
    /// Reads a `location.hash` value (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        if let Some(id) = path.strip_prefix("read/") {
            let id = id.split_once('#').map_or(id, |(id, _)| id);
            if !id.is_empty() {
                return Route::Read {
                    id: decode_path(id),
                };
            }
        }
        if let Some(name) = path.strip_prefix("find/").filter(|name| !name.is_empty()) {
            return Route::Find {
                name: decode_path(name),
            };
        }
        Route::Library
    }

    /// The hash for this route, starting with `#/`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Library => "#/".to_owned(),
            Route::Read { id } => read_href(id),
            Route::Find { name } => find_href(name),
        }
    }
}

/// The place inside an article a hash points to: the element id after `#/read/<id>#`.
pub fn place(hash: &str) -> Option<String> {
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    let (_, at) = path.strip_prefix("read/")?.split_once('#')?;
    (!at.is_empty()).then(|| decode_path(at))
}

/// The hash of the article `id` at the element `at` (a heading).
pub fn read_at(id: &str, at: &str) -> String {
    format!("{}#{}", read_href(id), encode_path(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_is_the_default() {
        for hash in ["", "#", "#/", "#/unknown", "#/read/", "#/find/"] {
            assert_eq!(Route::parse(hash), Route::Library, "{hash}");
        }
    }

    #[test]
    fn routes_round_trip() {
        for id in [
            "news/000_6ceb1ec26c302d42",
            "dropped/中文 文章",
            "a%b/c#d?e",
        ] {
            let route = Route::Read { id: id.to_owned() };
            assert_eq!(Route::parse(&route.to_hash()), route);
            let route = Route::Find {
                name: id.to_owned(),
            };
            assert_eq!(Route::parse(&route.to_hash()), route);
        }
    }

    #[test]
    fn a_place_in_an_article_round_trips() {
        for (id, at) in [
            ("news/000_6ceb", "a-intro"),
            ("dropped/中文 文章", "a-第一节"),
        ] {
            let hash = read_at(id, at);
            assert_eq!(Route::parse(&hash), Route::Read { id: id.to_owned() });
            assert_eq!(place(&hash).as_deref(), Some(at), "{hash}");
        }
        assert_eq!(place("#/read/a/b"), None);
        assert_eq!(place("#/read/a#"), None);
        assert_eq!(place("#/?q=a#b"), None);
        assert_eq!(Route::parse("#/read/#a-x"), Route::Library);
    }

    #[test]
    fn browser_encoded_hashes_decode() {
        assert_eq!(
            Route::parse("#/read/dropped/%E4%B8%AD%E6%96%87"),
            Route::Read {
                id: "dropped/中文".into()
            }
        );
    }
}
