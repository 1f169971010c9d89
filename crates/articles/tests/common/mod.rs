//! Checks shared by the engine's integration tests.

/// Elements that must never be in rendered HTML.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "object", "embed", "base", "meta", "form", "svg", "style", "link", "frame",
    "frameset", "applet", "template", "noscript",
];

/// Attributes holding URLs.
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

/// URL beginnings that must never reach a URL attribute (lower case).
const FORBIDDEN_URLS: &[&str] = &["javascript:", "vbscript:", "data:text", "data:image/svg"];

/// Link beginnings that must never reach an `href`: documents the page itself would host.
const FORBIDDEN_LINKS: &[&str] = &["data:", "blob:"];

/// A URL as the browser's URL parser reads it: leading and trailing controls and spaces
/// stripped, tabs and newlines removed anywhere.
fn as_the_browser_reads(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ' || c.is_whitespace() || c.is_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// Whether the markup of sanitized `html` is inert: no forbidden element, no event handler, no
/// `srcdoc`, no script URL, and iframes only for the allowed video players. Text is not
/// checked: in sanitized output every `<` of text is escaped, so each `<` starts a real tag.
pub fn attributes_are_inert(html: &str) -> Result<(), String> {
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(lt) = rest.find('<') {
        let (name, attributes, len) = read_tag(&rest[lt + 1..]);
        let shown = &rest[lt..(lt + 1 + len).min(rest.len())];
        rest = &rest[(lt + 1 + len).min(rest.len())..];
        if FORBIDDEN_ELEMENTS.contains(&name.as_str()) {
            return Err(format!("<{name}> survived"));
        }
        for (attribute, value) in &attributes {
            if attribute.starts_with("on") || attribute == "srcdoc" {
                return Err(format!("{attribute} survived in {shown}"));
            }
            let url = as_the_browser_reads(value);
            if URL_ATTRIBUTES.contains(&attribute.as_str())
                && FORBIDDEN_URLS.iter().any(|bad| url.starts_with(bad))
            {
                return Err(format!("a script URL survived in {shown}"));
            }
            if attribute == "href" && FORBIDDEN_LINKS.iter().any(|bad| url.starts_with(bad)) {
                return Err(format!(
                    "a link to a document of the page's own making survived in {shown}"
                ));
            }
            if name == "iframe"
                && attribute == "src"
                && !url.starts_with("https://www.youtube")
                && !url.starts_with("https://player.")
            {
                return Err(format!("a foreign frame survived: {shown}"));
            }
        }
    }
    Ok(())
}

/// The name and attributes of the tag starting at `text` (just after `<`), and its length up
/// to and including `>`.
fn read_tag(text: &str) -> (String, Vec<(String, String)>, usize) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let take_while = |i: &mut usize, keep: &dyn Fn(char) -> bool| {
        let start = *i;
        while *i < chars.len() && keep(chars[*i].1) {
            *i += 1;
        }
        chars[start..*i].iter().map(|(_, c)| c).collect::<String>()
    };
    take_while(&mut i, &|c| c == '/');
    let name = take_while(&mut i, &|c| c.is_ascii_alphanumeric());
    let mut attributes = Vec::new();
    loop {
        take_while(&mut i, &|c| c.is_whitespace() || c == '/');
        if i >= chars.len() || chars[i].1 == '>' {
            break;
        }
        let attribute = take_while(&mut i, &|c| !c.is_whitespace() && c != '=' && c != '>');
        let mut value = String::new();
        if i < chars.len() && chars[i].1 == '=' {
            i += 1;
            if i < chars.len() && (chars[i].1 == '"' || chars[i].1 == '\'') {
                let quote = chars[i].1;
                i += 1;
                value = take_while(&mut i, &|c| c != quote);
                i += 1;
            } else {
                value = take_while(&mut i, &|c| !c.is_whitespace() && c != '>');
            }
        }
        attributes.push((attribute, value));
    }
    let len = chars.get(i).map_or(text.len(), |(at, _)| at + 1);
    (name, attributes, len)
}
