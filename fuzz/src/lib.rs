//! What every fuzz target asserts about an article, written once.
//!
//! `articles::parse` promises an article for any bytes, never a panic, with HTML that is inert
//! in the page (the page inserts `Article::html` as markup) and that survives the JSON trip from
//! the parsing worker to the page. [`check_article`] turns those promises into assertions; a
//! failed one aborts the fuzzer with the offending input saved under `fuzz/artifacts/`.
//!
//! The HTML checks read only markup, not text: in sanitized output every `<` of text is escaped,
//! so each `<` starts a real tag, and words such as "online=" in a paragraph are not mistaken
//! for event handlers. They are written from scratch here, independently of the engine's own
//! sanitizer and URL code, so a bug there is not repeated in the check.

use std::collections::BTreeMap;
use std::sync::Arc;

use articles::{parse, Article, Location, ParseOptions};

/// The `blob:` URL of a dropped file in [`options`]' third variant.
pub const BLOB_ASSET: &str = "blob:http://localhost:8080/2f0c6a5e-6a43-4c47-9d2c-5d7f0e8f1a11";
/// A `data:` SVG (which can carry script when opened as a document) in the same assets map.
pub const SVG_DATA_ASSET: &str =
    "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>";

/// The ways the app parses a file, chosen by `selector` (the targets use their first byte):
/// defaults; a file of the hosted library (`articles/posts/x.md`); a dropped file with two
/// files beside it, `diagram.svg` as a `blob:` URL and `pic.svg` as a `data:` SVG.
pub fn options(selector: u8) -> ParseOptions {
    match selector % 3 {
        0 => ParseOptions::default(),
        1 => ParseOptions {
            location: Location::of(Some("articles/"), "", "posts/x.md"),
            ..ParseOptions::default()
        },
        _ => {
            let mut location = Location::of(None, "dropped/", "posts/x.md");
            location.assets = Arc::new(BTreeMap::from([
                ("posts/diagram.svg".to_owned(), BLOB_ASSET.to_owned()),
                ("posts/pic.svg".to_owned(), SVG_DATA_ASSET.to_owned()),
            ]));
            ParseOptions {
                location,
                ..ParseOptions::default()
            }
        }
    }
}

/// The file name the targets give: a Markdown file, sometimes with a date in its name (read as
/// the date when the front matter has none).
pub fn file_name(selector: u8) -> &'static str {
    match (selector / 3) % 4 {
        0 => "posts/x.md",
        1 => "posts/2021-09-30-x.md",
        2 => "posts/x.html",
        _ => "posts/x.markdown",
    }
}

/// Parses `bytes` and checks every invariant; panics (a fuzzer finding) on a violation.
pub fn parse_and_check(selector: u8, bytes: &[u8]) -> Article {
    let article = parse(file_name(selector), bytes, &options(selector));
    check_article(&article);
    article
}

/// Attributes holding URLs the browser loads or follows.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "background",
    "cite",
    "xlink:href",
];

/// URL beginnings (lower case, as the browser reads the URL) that run script or make an HTML
/// or SVG document, in any URL attribute. (The one exception: [`SVG_DATA_ASSET`], the app's
/// own URL for a dropped SVG, as an image source; the engine allows it by design.)
const SCRIPT_URLS: &[&str] = &[
    "javascript:",
    "vbscript:",
    "data:text/html",
    "data:image/svg",
];

/// Link beginnings that must never be an `href`: `blob:` and `data:` documents take the page's
/// origin, so a link to a dropped SVG or an HTML `data:` URL would run its script as the app.
const FORBIDDEN_LINKS: &[&str] = &["blob:", "data:"];

/// Asserts the invariants of any article: inert HTML and a lossless JSON round trip.
pub fn check_article(article: &Article) {
    if let Err(problem) = html_is_inert(&article.html) {
        panic!("unsafe HTML: {problem}\n--- html ---\n{}", article.html);
    }
    if let Some(cover) = &article.meta.cover {
        let url = as_the_browser_reads(cover).to_ascii_lowercase();
        // The app shows a cover only as an `<img>`, where the app's own data: SVG of a
        // dropped file is an image like any other (and never runs script).
        let own_asset = cover == SVG_DATA_ASSET;
        assert!(
            own_asset || !SCRIPT_URLS.iter().any(|bad| url.starts_with(bad)),
            "the cover is a script URL: {cover:?}"
        );
    }
    round_trips(article);
}

/// The article as the worker sends it and the page reads it: JSON both ways, and the same JSON
/// again (compared as text, so NaN floats, written as `"NaN"`, compare equal).
pub fn round_trips(article: &Article) {
    let json = serde_json::to_string(article).expect("an article serializes to JSON");
    let back: Article = match serde_json::from_str(&json) {
        Ok(back) => back,
        Err(error) => panic!("the page cannot read the worker's JSON: {error}"),
    };
    let again = serde_json::to_string(&back).expect("a read-back article serializes");
    assert!(json == again, "the article changed in the JSON round trip");
}

/// `Ok` when `html` has no `<script`, no event handler attribute (`on…=`), no `srcdoc`, no
/// script URL in a URL attribute and no link to a `blob:` or `data:` document.
pub fn html_is_inert(html: &str) -> Result<(), String> {
    let lower = html.to_ascii_lowercase();
    if let Some(at) = lower.find("<script") {
        return Err(format!("<script at byte {at}: {}", around(html, at)));
    }
    let mut at = 0;
    while let Some(offset) = lower[at..].find('<') {
        let start = at + offset;
        let tag = read_tag(&lower[start + 1..]);
        at = start + 1 + tag.len;
        for (name, value) in &tag.attributes {
            if name.starts_with("on") && name.len() > 2 {
                return Err(format!("event handler {name}= in {}", around(html, start)));
            }
            if name == "srcdoc" {
                return Err(format!("srcdoc= in {}", around(html, start)));
            }
            let is_url = URL_ATTRIBUTES.contains(&name.as_str());
            if !is_url {
                continue;
            }
            let written = unescape(value);
            let url = as_the_browser_reads(&written).to_ascii_lowercase();
            // The app's own `data:` SVG for a dropped file may be an image (shown as an image,
            // an SVG runs no script); one the article writes may not.
            let apps_image = name != "href" && written == SVG_DATA_ASSET;
            if let Some(bad) = SCRIPT_URLS
                .iter()
                .find(|bad| url.starts_with(*bad) && !apps_image)
            {
                return Err(format!("{bad} URL in {name}= of {}", around(html, start)));
            }
            if name == "href" {
                if let Some(bad) = FORBIDDEN_LINKS.iter().find(|bad| url.starts_with(*bad)) {
                    return Err(format!(
                        "link to a {bad} document in {}",
                        around(html, start)
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Up to 200 bytes of `html` from `at`, for messages.
fn around(html: &str, at: usize) -> String {
    let mut end = (at + 200).min(html.len());
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = at.min(html.len());
    while !html.is_char_boundary(start) {
        start -= 1;
    }
    html[start..end].to_owned()
}

/// A URL as the WHATWG URL parser reads it: leading and trailing C0 controls and spaces
/// stripped, tabs and newlines removed anywhere.
fn as_the_browser_reads(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The value of a serialized attribute with the character references a serializer writes
/// (`&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;`, `&nbsp;`, numeric ones) decoded.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&end| end <= 10);
        let decoded = end.and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some('\u{a0}'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => entity
                    .strip_prefix("#x")
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A start or end tag read from just after its `<`.
struct Tag {
    attributes: Vec<(String, String)>,
    /// Bytes up to and including the closing `>` (or to the end of the text).
    len: usize,
}

/// Reads a tag as the HTML tokenizer does, roughly: a name, then attributes separated by
/// whitespace or `/`, each with an optional `=` and a quoted or unquoted value, up to `>`.
/// Not a tag (`<` followed by something else, as in `<!--`): no attributes, length 0.
fn read_tag(text: &str) -> Tag {
    let bytes = text.as_bytes();
    let mut i = 0;
    if bytes.first() == Some(&b'/') {
        i += 1;
    }
    if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return Tag {
            attributes: Vec::new(),
            len: 0,
        };
    }
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            break;
        }
        let name_start = i;
        // The first character of a name may be `=` (the tokenizer keeps it in the name).
        i += 1;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = text[name_start..i].to_owned();
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = i + 1;
                    let end = text[start..]
                        .find(quote as char)
                        .map_or(text.len(), |e| start + e);
                    value = text[start..end].to_owned();
                    i = (end + 1).min(text.len());
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = text[start..i].to_owned();
                }
            }
        }
        attributes.push((name, value));
    }
    Tag {
        attributes,
        len: (i + 1).min(text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checks_catch_what_they_should() {
        for bad in [
            "<p><script>x</script></p>",
            "<img src=x onerror=alert(1)>",
            "<img\nONLOAD='x' src=a>",
            r#"<a href=" JaVa&#9;Script:alert(1)">x</a>"#,
            r#"<a href="vbscript:x">x</a>"#,
            r#"<iframe src="data:text/html,x"></iframe>"#,
            r#"<a href="blob:http://x/1">x</a>"#,
            r#"<a href="data:image/png;base64,AA">x</a>"#,
            r#"<img src="data:image/svg+xml,x">"#,
            "<a href=\"data:image/svg+xml,&lt;svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/&gt;\">x</a>",
            r#"<iframe srcdoc="x"></iframe>"#,
        ] {
            assert!(html_is_inert(bad).is_err(), "{bad}");
        }
        for good in [
            "<p>go online=yes, &lt;script&gt; and javascript: in text</p>",
            r#"<a href="https://x.example/?q=javascript:" title=" onx=1">x</a>"#,
            r#"<img src="blob:http://x/1" alt="a">"#,
            "<img src=\"data:image/svg+xml,&lt;svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/&gt;\">",
            r#"<img src="data:image/png;base64,AA" alt="a">"#,
            r#"<a href="./javascript:alert(1)">x</a>"#,
            "<!-- comment --><p>a < b</p>",
        ] {
            assert_eq!(html_is_inert(good), Ok(()), "{good}");
        }
    }
}
