//! GFM's extended autolinks, which pulldown-cmark does not do: `www.example.com`,
//! `https://example.com/path`, `someone@example.com`, `mailto:` and `xmpp:` addresses written
//! as plain text become links, with GFM's rules for trailing punctuation and parentheses.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// Turns bare URLs and addresses in text (outside links, images and code) into links.
pub fn link_bare_urls(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut depth_without_links = 0usize;
    for event in events {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                depth_without_links += 1;
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                depth_without_links = depth_without_links.saturating_sub(1);
            }
            // Most text cannot hold a link at all; it stays the event it is (an empty one
            // goes, as splitting would drop it).
            Event::Text(text) if depth_without_links == 0 && may_hold_link(text) => {
                let text = text.to_string();
                split_links(&text, &mut out);
                continue;
            }
            Event::Text(text) if depth_without_links == 0 && text.is_empty() => continue,
            _ => {}
        }
        out.push(event);
    }
    out
}

/// Whether `text` has what every link [`link_at`] finds needs: `www.`, the `:` of a scheme,
/// or the `@` of an address. Checked once per text, so the per-character search below runs
/// only on the few texts that may hold a link.
fn may_hold_link(text: &str) -> bool {
    memchr::memchr2(b':', b'@', text.as_bytes()).is_some() || text.contains("www.")
}

fn split_links(text: &str, out: &mut Vec<Event<'_>>) {
    let mut plain_start = 0;
    let mut at = 0;
    while at < text.len() {
        let boundary_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '*' | '_' | '~' | '('));
        let found = if boundary_ok {
            link_at(&text[at..])
        } else {
            None
        };
        match found {
            Some((len, href)) => {
                if plain_start < at {
                    out.push(Event::Text(CowStr::from(text[plain_start..at].to_owned())));
                }
                // A bare address is an `Email` link, to which the HTML writer adds `mailto:`.
                let (link_type, href) = match href.strip_prefix(BARE_EMAIL) {
                    Some(address) => (LinkType::Email, address.to_owned()),
                    None => (LinkType::Autolink, href),
                };
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(href),
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(""),
                }));
                out.push(Event::Text(CowStr::from(text[at..at + len].to_owned())));
                out.push(Event::End(TagEnd::Link));
                at += len;
                plain_start = at;
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain_start < text.len() {
        out.push(Event::Text(CowStr::from(text[plain_start..].to_owned())));
    }
}

/// A link starting at `text`: its length and its destination.
fn link_at(text: &str) -> Option<(usize, String)> {
    if text.starts_with("www.") {
        let len = url_len(text, 0)?;
        return Some((len, format!("http://{}", &text[..len])));
    }
    for scheme in ["https://", "http://"] {
        if text.len() > scheme.len()
            && text
                .get(..scheme.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
        {
            let len = url_len(text, scheme.len())?;
            return Some((len, text[..len].to_owned()));
        }
    }
    for scheme in ["mailto:", "xmpp:"] {
        if let Some(rest) = text.strip_prefix(scheme) {
            let mut len = scheme.len() + email_len(rest)?;
            if scheme == "xmpp:" && text[len..].starts_with('/') {
                let resource = text[len + 1..]
                    .find(|c: char| !(c.is_alphanumeric() || matches!(c, '@' | '.')))
                    .unwrap_or(text.len() - len - 1);
                len += 1 + resource;
                len -= trailing_punctuation(&text[..len]);
            }
            return Some((len, text[..len].to_owned()));
        }
    }
    let len = email_len(text)?;
    Some((len, format!("{BARE_EMAIL}{}", &text[..len])))
}

/// Marks a bare email address among the destinations `link_at` returns.
const BARE_EMAIL: &str = "\u{0}email:";

/// Length of a URL whose domain starts at `domain_start`, or `None` when the domain is invalid.
fn url_len(text: &str, domain_start: usize) -> Option<usize> {
    let end = text
        .find(|c: char| c.is_whitespace() || c == '<')
        .unwrap_or(text.len());
    let domain_end = text[domain_start..end]
        .find(['/', '?', '#'])
        .map_or(end, |i| domain_start + i);
    let domain = &text[domain_start..domain_end];
    let segments: Vec<&str> = domain.split('.').collect();
    let valid = !domain.is_empty()
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && segments.len() >= 2
        && segments.iter().rev().take(2).all(|s| !s.contains('_'));
    if !valid {
        return None;
    }
    let mut len = end;
    loop {
        let candidate = &text[..len];
        let trailing = trailing_punctuation(candidate);
        if trailing > 0 {
            len -= trailing;
            continue;
        }
        if candidate.ends_with(')')
            && candidate.matches(')').count() > candidate.matches('(').count()
        {
            len -= 1;
            continue;
        }
        if let Some(body) = candidate.strip_suffix(';') {
            if let Some(amp) = body.rfind('&') {
                if body[amp + 1..].chars().all(|c| c.is_ascii_alphanumeric())
                    && amp + 1 < body.len()
                {
                    len = amp;
                    continue;
                }
            }
        }
        break;
    }
    (len > domain_start).then_some(len)
}

/// How many of `?!.,:*_~` end `text`.
fn trailing_punctuation(text: &str) -> usize {
    text.len()
        - text
            .trim_end_matches(['?', '!', '.', ',', ':', '*', '_', '~'])
            .len()
}

/// Length of an email address at the start of `text`, GFM's way.
fn email_len(text: &str) -> Option<usize> {
    let local = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+')))
        .unwrap_or(text.len());
    if local == 0 || !text[local..].starts_with('@') {
        return None;
    }
    let domain_start = local + 1;
    let domain_len = text[domain_start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
        .unwrap_or(text.len() - domain_start);
    let mut domain = &text[domain_start..domain_start + domain_len];
    domain = domain.trim_end_matches('.');
    if !domain.contains('.') || domain.ends_with(['-', '_']) {
        return None;
    }
    Some(domain_start + domain.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        split_links(text, &mut out);
        out.iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn www_http_and_email() {
        assert_eq!(
            links("Visit www.commonmark.org/help."),
            vec!["http://www.commonmark.org/help"]
        );
        assert_eq!(
            links("(https://a.example/x_(y)))"),
            vec!["https://a.example/x_(y)"]
        );
        assert_eq!(
            links("mail foo+bar@baz.example."),
            vec!["foo+bar@baz.example"]
        );
        assert_eq!(links("mailto:a@b.example"), vec!["mailto:a@b.example"]);
        assert!(links("«https://»").is_empty());
        assert_eq!(
            links("q=commonmark&hl; www.g.com/?q=a&hl;"),
            vec!["http://www.g.com/?q=a"]
        );
        assert!(links("not.a.link and a@b and www._").is_empty());
    }
}
