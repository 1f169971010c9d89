//! Internationalised host names (`https://中文.com/`) written as the browser sends them
//! (`https://xn--fiq228c.com/`), before the sanitizer reads the HTML.
//!
//! The sanitizer (ammonia) checks every URL attribute with the `url` crate's parser, built here
//! without Unicode IDNA: its tables (ICU4X's normalizer and properties) were some 46 KB gzipped
//! of the parsing worker, for the few links whose host is not ASCII. Without them that parser
//! refuses such a URL, and the sanitizer would drop the link; so [`ascii_hosts`] rewrites each
//! such host in a quoted attribute value first. Each label is mapped as UTS #46 maps what
//! articles write — the four full stops it knows split labels, fullwidth ASCII becomes ASCII,
//! letters are lower-cased — and a label still not ASCII is written in Punycode (RFC 3492)
//! after `xn--`. What UTS #46 does beyond that (normalisation, refusing disallowed characters)
//! is left to the browser, which reads the ASCII host as it would have read the Unicode one.
//! An unquoted attribute value is left alone (its link is dropped, as before); a quoted one in
//! text (`="https://中文.com"` in a `<pre>`) is rewritten too, which is rare and harmless.

use std::borrow::Cow;
use std::ops::Range;

use super::origin::{after_two_slashes, web_scheme, SLASHES};
use super::split_scheme;

/// Characters UTS #46 reads as the dot between labels.
const FULL_STOPS: [char; 4] = ['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'];

/// The longest label encoded (DNS allows 63 bytes): Punycode takes time quadratic in a label's
/// length, and a longer label names no host anyway.
const MAX_LABEL_CHARS: usize = 63;

/// `html` with the host of every web URL that starts a quoted attribute value in ASCII (see
/// the module's note), also a host percent-encoded as Markdown writes it (`m%C3%BCnchen.de`);
/// borrowed when there is none to rewrite.
pub fn ascii_hosts(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    if html.is_ascii() && memchr::memchr(b'%', bytes).is_none() {
        return Cow::Borrowed(html);
    }
    let mut rewritten = String::new();
    let mut copied = 0;
    for equals in memchr::memchr_iter(b'=', bytes) {
        let Some(value) = quoted_value(html, equals + 1).filter(|v| v.start >= copied) else {
            continue;
        };
        let url = &html[value.clone()];
        let Some(host) = host_range(url) else {
            continue;
        };
        let Some(ascii) = url.get(host.clone()).and_then(host_to_ascii) else {
            continue;
        };
        rewritten.push_str(&html[copied..value.start + host.start]);
        rewritten.push_str(&ascii);
        copied = value.start + host.end;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    rewritten.push_str(&html[copied..]);
    Cow::Owned(rewritten)
}

/// How far into an attribute value a host is looked for: a host is at its start, and a value
/// may be a megabyte of `data:` URL (or, never closed, the rest of the document).
const URL_HEAD: usize = 2048;

/// The start of the quoted attribute value whose quote is at `at`, without leading spaces, up
/// to its closing quote or [`URL_HEAD`] bytes; `None` when no quote is there.
fn quoted_value(html: &str, at: usize) -> Option<Range<usize>> {
    let quote = *html.as_bytes().get(at)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let start = at + 1;
    let head = html.as_bytes().get(start..)?;
    let head = &head[..head.len().min(URL_HEAD)];
    let end = start + memchr::memchr(quote, head).unwrap_or(head.len());
    // A head cut inside a character is not looked at: its host, if any, is too long.
    let value = html.get(start..end)?;
    Some(end - value.trim_start_matches(|c: char| c <= ' ').len()..end)
}

/// A host as written (percent-encoded or not) in ASCII; `None` when it is ASCII already, or
/// cannot be encoded.
fn host_to_ascii(written: &str) -> Option<String> {
    // Nearly every host: ASCII with nothing to decode, so nothing to copy.
    if written.is_ascii() && memchr::memchr(b'%', written.as_bytes()).is_none() {
        return None;
    }
    let host = percent_decoded(written)?;
    if host.is_ascii() {
        return None;
    }
    to_ascii(&host)
}

/// `text` with its `%XX` escapes decoded; `None` when that is not UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(at + 1..at + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match escaped {
            Some(value) => {
                decoded.push(value);
                at += 3;
            }
            None => {
                decoded.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8(decoded).ok()
}

/// Where the host of a web URL is (after any user name, before any port), as the browser's
/// parser finds it: any number of slashes or backslashes after `http:` or `https:`, two before a
/// scheme-relative host. `None` for an IPv6 address (ASCII already) or a URL of another kind.
fn host_range(url: &str) -> Option<Range<usize>> {
    let authority_onwards = match split_scheme(url) {
        Some((scheme, rest)) => {
            web_scheme(scheme)?;
            rest.trim_start_matches(SLASHES)
        }
        None => after_two_slashes(url)?,
    };
    // A suffix of `url`: where it starts is what it leaves out.
    let start = url.len() - authority_onwards.len();
    let end = authority_onwards
        .find(['/', '\\', '?', '#'])
        .unwrap_or(authority_onwards.len());
    let authority = &authority_onwards[..end];
    let host_start = authority.rfind('@').map_or(0, |at| at + 1);
    let host_and_port = &authority[host_start..];
    if host_and_port.starts_with('[') {
        return None;
    }
    let host_end = host_and_port.find(':').unwrap_or(host_and_port.len());
    Some(start + host_start..start + host_start + host_end)
}

/// The host in ASCII, label by label; `None` when a label cannot be encoded.
fn to_ascii(host: &str) -> Option<String> {
    let labels: Option<Vec<String>> = host.split(FULL_STOPS).map(label_to_ascii).collect();
    Some(labels?.join("."))
}

/// One label in ASCII: mapped, then Punycode after `xn--` if it is still not ASCII; `None` when
/// it holds a character no host may hold, or is too long to encode.
fn label_to_ascii(label: &str) -> Option<String> {
    let mapped: Vec<char> = label
        .chars()
        .map(|c| match c {
            // Fullwidth ASCII (`ｅｘａｍｐｌｅ`) is ASCII.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    // A character no host may hold (`/`, `:`, `@`, a space…, also decoded from `%2F` or mapped
    // from its fullwidth form): the browser refuses such a host, and encoding it would make
    // the URL read otherwise.
    let refused = |c: &char| c.is_ascii() && !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    if mapped.iter().any(refused) {
        return None;
    }
    if mapped.iter().all(char::is_ascii) {
        return Some(mapped.into_iter().collect());
    }
    if mapped.len() > MAX_LABEL_CHARS {
        return None;
    }
    Some(format!("xn--{}", punycode(&mapped)?))
}

// RFC 3492's parameters for IDNA.
const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// `input` in Punycode (RFC 3492, section 6.3); `None` on overflow.
fn punycode(input: &[char]) -> Option<String> {
    let mut output: String = input.iter().filter(|c| c.is_ascii()).collect();
    let basic = u32::try_from(output.len()).ok()?;
    let total = u32::try_from(input.len()).ok()?;
    if basic > 0 {
        output.push('-');
    }
    let (mut n, mut delta, mut bias, mut handled) = (INITIAL_N, 0u32, INITIAL_BIAS, basic);
    while handled < total {
        let next = input.iter().map(|&c| c as u32).filter(|&c| c >= n).min()?;
        delta = delta.checked_add((next - n).checked_mul(handled + 1)?)?;
        n = next;
        for &c in input {
            let c = c as u32;
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = k.saturating_sub(bias).clamp(T_MIN, T_MAX);
                    if q < t {
                        break;
                    }
                    output.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                output.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n += 1;
    }
    Some(output)
}

/// The bias after a code point (RFC 3492, section 6.1).
fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

/// A Punycode digit: `a`–`z` for 0–25, `0`–`9` for 26–35.
fn digit(d: u32) -> char {
    let d = d as u8;
    char::from(if d < 26 { b'a' + d } else { b'0' + d - 26 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `url`, as an attribute's value, after [`ascii_hosts`].
    fn rewritten(url: &str) -> String {
        let html = format!("<a href=\"{url}\">");
        let out = ascii_hosts(&html).into_owned();
        out["<a href=\"".len()..out.len() - 2].to_owned()
    }

    #[test]
    fn hosts_are_written_as_the_browser_sends_them() {
        for (url, ascii) in [
            ("https://中文.com/x", "https://xn--fiq228c.com/x"),
            ("https://例子.测试/", "https://xn--fsqu00a.xn--0zwm56d/"),
            (
                "http://Bücher.de:8080/a?b#c",
                "http://xn--bcher-kva.de:8080/a?b#c",
            ),
            ("//münchen.de", "//xn--mnchen-3ya.de"),
            (
                "https://m%C3%BCnchen.de/%C3%BC",
                "https://xn--mnchen-3ya.de/%C3%BC",
            ),
            ("https://user@中文.com", "https://user@xn--fiq228c.com"),
            ("HTTPS:///中文。com", "HTTPS:///xn--fiq228c.com"),
            ("https://ｅｘａｍｐｌｅ.com/中", "https://example.com/中"),
            // RFC 3492's own sample (7.1 L, Japanese).
            (
                "https://3年b組金八先生.jp",
                "https://xn--3b-ww4c5e180e575a65lsy2b.jp",
            ),
        ] {
            assert_eq!(rewritten(url), ascii, "{url}");
        }
    }

    #[test]
    fn other_urls_are_left_as_they_are() {
        for url in [
            "https://example.com/中文",
            "https://example.com/%E4%B8%AD",
            "mailto:我@中文.com",
            "a/中文.png",
            "#中文",
            "https://[::1]/中文",
            "https://%FF.com/",
            "https://中%2F文.com/",
            "https://中文／x.com/",
        ] {
            assert_eq!(rewritten(url), url, "{url}");
        }
        // A label too long to be a host's is not encoded (and the sanitizer drops the link).
        let long = format!("https://{}.com/", "中".repeat(64));
        assert_eq!(rewritten(&long), long);
    }

    #[test]
    fn quoted_attribute_values_are_rewritten_and_nothing_else() {
        let html = "<p>见 https://中文.com，<a title=x href=\"https://中文.com/新\">a</a><img src=' //bücher.de/b.png'><a href=https://中文.com>c</a></p>";
        assert_eq!(
            ascii_hosts(html),
            "<p>见 https://中文.com，<a title=x href=\"https://xn--fiq228c.com/新\">a</a><img src=' //xn--bcher-kva.de/b.png'><a href=https://中文.com>c</a></p>"
        );
        for unchanged in [
            "<a href=\"https://example.com\">",
            "<p title=\"中文\">中文</p>",
        ] {
            assert!(
                matches!(ascii_hosts(unchanged), Cow::Borrowed(_)),
                "{unchanged}"
            );
        }
    }
}
