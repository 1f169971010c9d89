//! Which server a URL loads from: its scheme, host and port, read as the browser's URL parser
//! reads them, for the checks that care where a request goes.
//!
//! Only `http:` and `https:` are read, and only as far as the port. The host is taken as
//! written: a host spelt with percent escapes (`%65xample.org`) or an address spelt another way
//! (`0x7f.1`) reads as a host of its own, so a check that lets known hosts through errs on the
//! side of refusing.

use super::{normalise, split_scheme};

/// The separators before a host: browsers read `\` as `/` in web URLs.
pub(super) const SLASHES: [char; 2] = ['/', '\\'];

/// One server on the web, as the browser tells origins apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebOrigin {
    /// `http` or `https`.
    pub scheme: &'static str,
    /// In lower case, without user name or port; an IPv6 address keeps its brackets.
    pub host: String,
    /// As written, or the scheme's default.
    pub port: u16,
}

/// The web origin `url` names itself, on a page of origin `page` (`None` for a page not on the
/// web, such as one opened from disk): by scheme and host (`https://host/…`), or by host alone
/// (`//host/…`, which takes the page's scheme). `None` for a URL that names none (a path, query
/// or fragment stays on the page's origin), for any other scheme, and for a URL the browser
/// would not load: no host, a character no host may have, a port that is not a number.
pub fn explicit_origin(url: &str, page: Option<&WebOrigin>) -> Option<WebOrigin> {
    let url = normalise(url);
    let (scheme, authority_onwards) = match split_scheme(&url) {
        Some((scheme, rest)) => {
            let scheme = web_scheme(scheme)?;
            // `https:a.png` on an `https:` page is a path on that page; anywhere else the host
            // follows the colon, after any number of slashes (`https:host`, `https:///host`).
            if page.is_some_and(|page| page.scheme == scheme) {
                (scheme, after_two_slashes(rest)?)
            } else {
                (scheme, rest.trim_start_matches(SLASHES))
            }
        }
        None => (page?.scheme, after_two_slashes(&url)?),
    };
    authority(scheme, authority_onwards)
}

/// The host a scheme-relative URL (`//host/…`) names, whatever the page's scheme: on a page
/// opened from disk it names a file share on that host.
pub fn scheme_relative_host(url: &str) -> Option<String> {
    let url = normalise(url);
    if split_scheme(&url).is_some() {
        return None;
    }
    authority("http", after_two_slashes(&url)?).map(|origin| origin.host)
}

/// `http` or `https` for those schemes in any case; `None` for any other.
pub(super) fn web_scheme(scheme: &str) -> Option<&'static str> {
    ["http", "https"]
        .into_iter()
        .find(|web| scheme.eq_ignore_ascii_case(web))
}

/// What follows the slashes when `url` starts with two (`//`, `\\`, `/\`), which make what
/// follows a host; `None` for a path.
pub(super) fn after_two_slashes(url: &str) -> Option<&str> {
    let mut chars = url.chars();
    let two = chars.next().is_some_and(|c| SLASHES.contains(&c))
        && chars.next().is_some_and(|c| SLASHES.contains(&c));
    two.then(|| url.trim_start_matches(SLASHES))
}

/// The origin of a `scheme` URL whose authority (`user@host:port`) starts `rest`.
fn authority(scheme: &'static str, rest: &str) -> Option<WebOrigin> {
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    // Whatever comes before the last `@` is a user name and password, not the server.
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let (host, port) = split_port(host_and_port)?;
    let port = match port {
        None | Some("") => default_port(scheme),
        Some(digits) => port_number(digits)?,
    };
    valid_host(host).then(|| WebOrigin {
        scheme,
        host: host.to_ascii_lowercase(),
        port,
    })
}

/// `host:port` split into the host (with an IPv6 address's brackets) and the port, if written;
/// `None` when something other than a port follows an IPv6 address.
fn split_port(host_and_port: &str) -> Option<(&str, Option<&str>)> {
    if host_and_port.starts_with('[') {
        let (address, after) = host_and_port.split_once(']')?;
        let host = host_and_port.get(..=address.len())?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        return Some((host, port));
    }
    Some(match host_and_port.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_and_port, None),
    })
}

fn default_port(scheme: &str) -> u16 {
    if scheme == "https" {
        443
    } else {
        80
    }
}

/// The port `digits` writes; `None` when it is not only digits or is too large, which the
/// browser refuses (Rust's parser would also take a leading `+`).
fn port_number(digits: &str) -> Option<u16> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether the browser could load from `host`: not empty, an IPv6 address of hex digits, `:`
/// and `.` in brackets, or a name without the characters the URL standard forbids in hosts (the
/// ones that end a host were split off already).
fn valid_host(host: &str) -> bool {
    match host.strip_prefix('[') {
        Some(bracketed) => bracketed.strip_suffix(']').is_some_and(|address| {
            !address.is_empty()
                && address
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'))
        }),
        None => {
            !host.is_empty()
                && !host
                    .chars()
                    .any(|c| c <= ' ' || matches!(c, '\u{7f}' | '<' | '>' | '[' | ']' | '^' | '|'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(origin: &str) -> WebOrigin {
        explicit_origin(origin, None).expect("a web origin")
    }

    fn host_and_port(url: &str, page: Option<&WebOrigin>) -> Option<(String, u16)> {
        explicit_origin(url, page).map(|origin| (origin.host, origin.port))
    }

    #[test]
    fn hosts_are_read_as_the_browser_reads_them() {
        let https = page("https://example.org");
        for (url, host, port) in [
            ("https://CDN.Example.org/a.png", "cdn.example.org", 443),
            ("http://cdn.example.org:8080/a", "cdn.example.org", 8080),
            (
                "https://user:pw@evil.example@cdn.example.org/",
                "cdn.example.org",
                443,
            ),
            ("//cdn.example.org/a.png", "cdn.example.org", 443),
            ("\\\\cdn.example.org\\a.png", "cdn.example.org", 443),
            ("/\\cdn.example.org/a.png", "cdn.example.org", 443),
            (" ht\ttps://cdn.example.org", "cdn.example.org", 443),
            ("http:cdn.example.org/a.png", "cdn.example.org", 80),
            ("https://[::1]:8443/a", "[::1]", 8443),
            ("https://cdn.example.org:/a?b#c", "cdn.example.org", 443),
            ("https://例子.cn/a", "例子.cn", 443),
        ] {
            assert_eq!(
                host_and_port(url, Some(&https)),
                Some((host.to_owned(), port)),
                "{url:?}"
            );
        }
    }

    #[test]
    fn paths_other_schemes_and_broken_hosts_name_no_origin() {
        let https = page("https://example.org");
        for url in [
            "a.png",
            "/a.png",
            "?x",
            "#x",
            "https:a.png",
            "https:/a.png",
            "data:image/png;base64,AAAA",
            "blob:https://example.org/1",
            "ftp://example.org/a",
            "https://",
            "https://a b/",
            "https://x:80a/",
            "https://x:70000/",
            "https://x:+1/",
            "https://[::1/",
            "https://[::1]x/",
            "https://[zz]/",
        ] {
            assert_eq!(explicit_origin(url, Some(&https)), None, "{url:?}");
        }
    }

    #[test]
    fn a_page_from_disk_has_no_web_origin() {
        for origin in ["null", "file://", ""] {
            assert_eq!(explicit_origin(origin, None), None, "{origin:?}");
        }
        assert_eq!(explicit_origin("//cdn.example.org/a.png", None), None);
        assert_eq!(
            scheme_relative_host("//CDN.example.org/a.png").as_deref(),
            Some("cdn.example.org")
        );
        assert_eq!(scheme_relative_host("https://cdn.example.org/a.png"), None);
        assert_eq!(
            host_and_port("https:cdn.example.org/a.png", None),
            Some(("cdn.example.org".to_owned(), 443))
        );
    }
}
