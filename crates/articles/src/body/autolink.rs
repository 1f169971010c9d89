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

/// The most a try at one place reads of a domain, and of an address's local part: DNS's
/// longest name and RFC 5321's longest local part. A link is tried at every place one may
/// start, and reading to the end of a run of letters at each went through the run again and
/// again: 65 kB of `_` and letters took 6 s natively (found by the fuzzer).
const MAX_DOMAIN: usize = 253;
const MAX_LOCAL: usize = 64;

fn split_links(text: &str, out: &mut Vec<Event<'_>>) {
    let mut plain_start = 0;
    let mut at = 0;
    let mut url_end = UrlEnd::default();
    while at < text.len() {
        let boundary_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '*' | '_' | '~' | '('));
        let found = if boundary_ok {
            link_at(text, at, &mut url_end)
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

/// Where the next whitespace or `<` (a bare URL's end) is, remembered for the tries that
/// follow in the same run: each looking for it again read the rest of the run each time.
#[derive(Default)]
struct UrlEnd {
    /// `(from, at)`: no whitespace or `<` is in `from..at`, and `at` is one, or the text's end;
    /// nothing before the first look.
    known: Option<(usize, usize)>,
}

impl UrlEnd {
    fn after(&mut self, text: &str, from: usize) -> usize {
        match self.known {
            Some((start, at)) if (start..=at).contains(&from) => at,
            _ => {
                let at = text[from..]
                    .find(|c: char| c.is_whitespace() || c == '<')
                    .map_or(text.len(), |i| from + i);
                self.known = Some((from, at));
                at
            }
        }
    }
}

/// A link starting at `start` in `text`: its length and its destination.
fn link_at(text: &str, start: usize, url_end: &mut UrlEnd) -> Option<(usize, String)> {
    let rest = &text[start..];
    if rest.starts_with("www.") {
        let len = url_len(text, start, 0, url_end)?;
        return Some((len, format!("http://{}", &rest[..len])));
    }
    for scheme in ["https://", "http://"] {
        if rest.len() > scheme.len()
            && rest
                .get(..scheme.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
        {
            let len = url_len(text, start, scheme.len(), url_end)?;
            return Some((len, rest[..len].to_owned()));
        }
    }
    for scheme in ["mailto:", "xmpp:"] {
        if let Some(address) = rest.strip_prefix(scheme) {
            let mut len = scheme.len() + email_len(address)?;
            if scheme == "xmpp:" && rest[len..].starts_with('/') {
                let resource = rest[len + 1..]
                    .find(|c: char| !(c.is_alphanumeric() || matches!(c, '@' | '.')))
                    .unwrap_or(rest.len() - len - 1);
                len += 1 + resource;
                len -= trailing_punctuation(&rest[..len]);
            }
            return Some((len, rest[..len].to_owned()));
        }
    }
    let len = email_len(rest)?;
    Some((len, format!("{BARE_EMAIL}{}", &rest[..len])))
}

/// Marks a bare email address among the destinations `link_at` returns.
const BARE_EMAIL: &str = "\u{0}email:";

/// Length of the URL at `start` in `text` whose domain starts `domain_start` bytes in, or
/// `None` when the domain is invalid.
fn url_len(text: &str, start: usize, domain_start: usize, url_end: &mut UrlEnd) -> Option<usize> {
    let rest = &text[start..];
    // The domain ends at the path, the query, the fragment or the URL's end.
    let mut domain_end = rest.len();
    for (i, c) in rest[domain_start..].char_indices() {
        if matches!(c, '/' | '?' | '#' | '<') || c.is_whitespace() {
            domain_end = domain_start + i;
            break;
        }
        if i >= MAX_DOMAIN || !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            return None;
        }
    }
    let domain = &rest[domain_start..domain_end];
    let valid = domain.contains('.') && domain.rsplit('.').take(2).all(|s| !s.contains('_'));
    if !valid {
        return None;
    }
    let end = url_end.after(text, start + domain_end) - start;
    // Parentheses are counted once; trimming takes off `)` only, of them.
    let count = |paren| memchr::memchr_iter(paren, &rest.as_bytes()[..end]).count();
    let (opens, mut closes) = (count(b'('), count(b')'));
    let mut len = end;
    loop {
        let candidate = &rest[..len];
        let trailing = trailing_punctuation(candidate);
        if trailing > 0 {
            len -= trailing;
            continue;
        }
        if candidate.ends_with(')') && closes > opens {
            len -= 1;
            closes -= 1;
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
    let bytes = text.as_bytes();
    let local = bytes
        .iter()
        .take(MAX_LOCAL + 1)
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+'))
        .count();
    if local == 0 || local > MAX_LOCAL || bytes.get(local) != Some(&b'@') {
        return None;
    }
    let domain_start = local + 1;
    let domain_len = bytes[domain_start..]
        .iter()
        .take(MAX_DOMAIN + 1)
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        .count();
    if domain_len > MAX_DOMAIN {
        return None;
    }
    let domain = text[domain_start..domain_start + domain_len].trim_end_matches('.');
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

    /// An address's local part of up to 64 bytes and a domain of up to 253, as DNS and RFC 5321
    /// allow; nothing longer is read for one.
    #[test]
    fn addresses_and_domains_within_their_limits() {
        let local = "a".repeat(64);
        assert_eq!(
            links(&format!("{local}@b.example")),
            vec![format!("{local}@b.example")]
        );
        assert!(links(&format!("a{local}@b.example")).is_empty());
        let domain = format!("www.{}.example", "a".repeat(241));
        assert_eq!(domain.len(), 253);
        assert_eq!(links(&domain), vec![format!("http://{domain}")]);
        assert_eq!(
            links(&format!("https://{domain}/path")),
            vec![format!("https://{domain}/path")]
        );
        assert!(links(&format!("x{domain}")).is_empty());
        assert!(links(&format!("https://x{domain}")).is_empty());
        assert_eq!(links(&format!("a@{domain}")), vec![format!("a@{domain}")]);
        assert!(links(&format!("a@x{domain}")).is_empty());
    }

    #[test]
    fn unbalanced_parentheses_end_a_url() {
        let parens = ")".repeat(1000);
        assert_eq!(
            links(&format!(
                "(www.a.example/x_(y)){parens} and https://b.example/(c))"
            )),
            vec!["http://www.a.example/x_(y)", "https://b.example/(c)"]
        );
    }
}
