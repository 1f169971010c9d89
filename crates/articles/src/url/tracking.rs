//! Removing the query parameters that only track who followed a link (`utm_source`, `fbclid`,
//! …) from an article's links. They never change the page a link opens; they tell its site, and
//! the ad networks that site reports to, which campaign, mail or post the reader came from.
//!
//! Parameter names are compared as written, ignoring ASCII case: a name spelt with percent
//! escapes (`utm%5Fsource`) is left alone.

use super::explicit_origin;

/// Parameters that ad, mail and analytics platforms add to track clicks; every `utm_…`
/// parameter (Urchin tracking, now Google Analytics and most others) is one too.
const TRACKING_PARAMETERS: &[&str] = &[
    // Facebook.
    "fbclid",
    // Google Ads and Display & Video 360.
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    // Microsoft Advertising.
    "msclkid",
    // Mailchimp.
    "mc_eid",
    "mc_cid",
    // Instagram.
    "igshid",
    // Yandex.
    "yclid",
    // X (Twitter).
    "twclid",
    // TikTok.
    "ttclid",
    // HubSpot.
    "_hsenc",
    "_hsmi",
    // Marketo.
    "mkt_tok",
    // Omeda.
    "oly_anon_id",
    "oly_enc_id",
    // Vero.
    "vero_id",
    // Wicked Reports.
    "wickedid",
    // Google Analytics' cross-domain linking.
    "_ga",
    "_gl",
];

/// The prefix of Urchin tracking parameters (`utm_source`, `utm_medium`, …).
const UTM_PREFIX: &str = "utm_";

/// The parameter YouTube and Spotify put in share links to tell who shared them. Elsewhere
/// `si` is an ordinary name, so it goes only on these sites (and their subdomains).
const SHARER: &str = "si";
const SHARER_SITES: &[&str] = &["youtube.com", "youtu.be", "spotify.com"];

/// `url` without its tracking parameters, the others kept in their order and the fragment
/// kept; a query left empty loses its `?`. `None` when `url` has no tracking parameter.
pub fn without_tracking(url: &str) -> Option<String> {
    let fragment_at = url.find('#').unwrap_or(url.len());
    let (before_fragment, fragment) = url.split_at_checked(fragment_at)?;
    let (address, query) = before_fragment.split_once('?')?;
    let is_tracking = |parameter: &str| tracks(parameter, url);
    if !query.split('&').any(is_tracking) {
        return None;
    }
    let mut clean = String::with_capacity(url.len());
    clean.push_str(address);
    let kept = query
        .split('&')
        .filter(|parameter| !parameter.is_empty() && !is_tracking(parameter));
    for (index, parameter) in kept.enumerate() {
        clean.push(if index == 0 { '?' } else { '&' });
        clean.push_str(parameter);
    }
    clean.push_str(fragment);
    Some(clean)
}

/// Whether the query parameter `parameter` (`name=value`) of `url` only tracks.
fn tracks(parameter: &str, url: &str) -> bool {
    let name = parameter
        .split_once('=')
        .map_or(parameter, |(name, _)| name);
    let utm = name
        .get(..UTM_PREFIX.len())
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case(UTM_PREFIX));
    utm || TRACKING_PARAMETERS
        .iter()
        .any(|tracking| name.eq_ignore_ascii_case(tracking))
        || (name.eq_ignore_ascii_case(SHARER) && on_sharer_site(url))
}

/// Whether `url` is on one of [`SHARER_SITES`] (or a subdomain: `www.`, `music.`, `open.`).
fn on_sharer_site(url: &str) -> bool {
    explicit_origin(url, None).is_some_and(|origin| {
        SHARER_SITES.iter().any(|site| {
            origin
                .host
                .strip_suffix(site)
                .is_some_and(|subdomain| subdomain.is_empty() || subdomain.ends_with('.'))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(url: &str) -> String {
        without_tracking(url).unwrap_or_else(|| url.to_owned())
    }

    #[test]
    fn utm_parameters_go() {
        assert_eq!(
            clean("https://x.org/a?utm_source=feed&utm_medium=rss"),
            "https://x.org/a"
        );
    }

    #[test]
    fn other_parameters_and_the_fragment_stay_in_order() {
        assert_eq!(
            clean("https://x.org/a?id=3&utm_source=x#top"),
            "https://x.org/a?id=3#top"
        );
        assert_eq!(
            clean("https://x.org/?b=2&fbclid=F&a=1&gclid=G&c"),
            "https://x.org/?b=2&a=1&c"
        );
        assert_eq!(
            clean("https://x.org/a?utm_source=x#frag?utm_medium=y"),
            "https://x.org/a#frag?utm_medium=y"
        );
    }

    #[test]
    fn names_are_compared_ignoring_case() {
        assert_eq!(
            clean("https://x.org/a?UTM_Source=x&FBCLID=y&Page=2"),
            "https://x.org/a?Page=2"
        );
    }

    #[test]
    fn relative_links_are_cleaned_too() {
        assert_eq!(
            clean("articles/b.html?utm_campaign=x&v=1"),
            "articles/b.html?v=1"
        );
    }

    #[test]
    fn a_query_of_tracking_alone_loses_its_question_mark() {
        assert_eq!(
            clean("https://x.org/a?utm_source=x&&_ga=1#top"),
            "https://x.org/a#top"
        );
        assert_eq!(clean("https://x.org/a?mc_cid=1"), "https://x.org/a");
    }

    #[test]
    fn urls_without_tracking_are_left_alone() {
        for url in [
            "https://x.org/a?id=3&utm=1&utmost=2&source=x#top",
            "https://x.org/a",
            "#a-intro",
            "mailto:a@b.org?subject=hi",
            "https://x.org/a?si=1",
            "https://notyoutube.com/a?si=1",
            "https://x.org/#utm_source=x",
        ] {
            assert_eq!(without_tracking(url), None, "{url}");
        }
    }

    #[test]
    fn sharer_ids_go_on_youtube_and_spotify_only() {
        assert_eq!(
            clean("https://youtu.be/abc?si=XYZ&t=42"),
            "https://youtu.be/abc?t=42"
        );
        assert_eq!(
            clean("https://www.youtube.com/watch?v=abc&si=XYZ"),
            "https://www.youtube.com/watch?v=abc"
        );
        assert_eq!(
            clean("https://open.spotify.com/track/1?si=XYZ"),
            "https://open.spotify.com/track/1"
        );
        assert_eq!(
            clean("https://example.org/?si=1&utm_source=x"),
            "https://example.org/?si=1"
        );
    }
}
