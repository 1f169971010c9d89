//! Hash routes: the one place that turns `location.hash` into a [`Route`] and back.
//!
//! Grammar (documented in ARCHITECTURE.md):
//!
//! ```text
//! #/                 the library
//! #/read/<id>        one article; <id> is its stable id, each `/`-separated segment
//!                    percent-encoded (UTF-8), e.g. #/read/news/000_6ceb1ec26c302d42
//! ```
//!
//! Hash routes need nothing from the host, so deep links work on any static host, under any
//! sub-path, and from `file://`. Anything unrecognised is the library.

/// Where the reader is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Library,
    Read { id: String },
}

impl Route {
    /// Reads a `location.hash` value (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.strip_prefix("read/") {
            Some(id) if !id.is_empty() => Route::Read {
                id: id.split('/').map(decode).collect::<Vec<_>>().join("/"),
            },
            _ => Route::Library,
        }
    }

    /// The hash for this route, starting with `#/`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Library => "#/".to_owned(),
            Route::Read { id } => {
                let encoded: Vec<String> = id.split('/').map(encode).collect();
                format!("#/read/{}", encoded.join("/"))
            }
        }
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986), like
/// `encodeURIComponent`.
fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; malformed escapes are kept as written, invalid UTF-8 is replaced.
fn decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
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
    fn library_is_the_default() {
        for hash in ["", "#", "#/", "#/unknown", "#/read/"] {
            assert_eq!(Route::parse(hash), Route::Library, "{hash}");
        }
    }

    #[test]
    fn article_routes_round_trip() {
        for id in [
            "news/000_6ceb1ec26c302d42",
            "dropped/中文 文章",
            "a%b/c#d?e",
        ] {
            let route = Route::Read { id: id.to_owned() };
            let hash = route.to_hash();
            assert!(hash.is_ascii(), "{hash}");
            assert_eq!(Route::parse(&hash), route);
        }
    }

    #[test]
    fn browser_encoded_hashes_decode() {
        assert_eq!(
            Route::parse("#/read/dropped/%E4%B8%AD%E6%96%87"),
            Route::Read {
                id: "dropped/中文".into()
            }
        );
        assert_eq!(
            Route::parse("#/read/100%zz"),
            Route::Read {
                id: "100%zz".into()
            }
        );
    }
}
