//! Hexo's and Jekyll's excerpt marker, `<!-- more -->`: the excerpt is what comes before it.
//!
//! Only a marker written as HTML counts. The Hexo documentation (and any post about excerpts)
//! quotes it in code (`` `<!-- more -->` ``, in code blocks): searching the source for the
//! text took the excerpt from there, and rendered almost the whole body a second time to get
//! it. Here the marker is looked for in the Markdown's raw HTML events only.

use pulldown_cmark::Event;

/// Where in `source` the first excerpt marker of `events` (its Markdown's events) starts;
/// `None` when there is none outside code.
pub fn marker_in(source: &str, events: &[Event]) -> Option<usize> {
    events.iter().find_map(|event| {
        let (Event::Html(html) | Event::InlineHtml(html)) = event else {
            return None;
        };
        let at = marker_at(html)?;
        // pulldown-cmark's raw HTML events are slices of the source: where one starts in it is
        // where its pointer is. (Events the engine wrote itself, a formula's MathML, are not,
        // and hold no marker; a string of their own cannot lie within the source's bytes.)
        let start = (html.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
        source.get(start..start.checked_add(html.len())?)?;
        Some(start + at)
    })
}

/// Where the first excerpt marker of `html` starts. Hexo reads `<!--more-->`, `<!-- more-->`,
/// `<!--more -->` and `<!-- more -->`, in any case.
pub fn marker_at(html: &str) -> Option<usize> {
    html.match_indices("<!--").map(|(at, _)| at).find(|&at| {
        let rest = &html[at + 4..];
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        let Some(word) = rest.get(..4).filter(|w| w.eq_ignore_ascii_case("more")) else {
            return false;
        };
        let rest = &rest[word.len()..];
        rest.strip_prefix(' ').unwrap_or(rest).starts_with("-->")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker_of(source: &str) -> Option<usize> {
        let events: Vec<Event> = pulldown_cmark::Parser::new(source).collect();
        marker_in(source, &events)
    }

    #[test]
    fn hexo_spellings_of_the_marker() {
        for marker in [
            "<!--more-->",
            "<!-- more-->",
            "<!--more -->",
            "<!-- MORE -->",
        ] {
            assert_eq!(marker_at(&format!("ab{marker}cd")), Some(2), "{marker}");
        }
        for other in [
            "<!--  more -->",
            "<!-- mored -->",
            "<!-- more",
            "<!-- moré -->",
            "<!--",
        ] {
            assert_eq!(marker_at(other), None, "{other}");
        }
        assert_eq!(marker_at("<!-- a --><!-- more -->"), Some(10));
    }

    #[test]
    fn the_marker_in_code_is_not_one() {
        let quoted = "Use `<!-- more -->`.\n\n```\n<!-- more -->\n```\n\n    <!-- more -->\n";
        assert_eq!(marker_of(quoted), None);
        let real = format!("{quoted}\nText <!--more--> and\n\n<!-- more -->\n");
        assert_eq!(marker_of(&real), real.find("<!--more-->"));
    }

    #[test]
    fn a_marker_inside_an_html_block_is_one() {
        let source = "Intro.\n\n> <div>lead<!-- more -->rest</div>\n";
        assert_eq!(marker_of(source), source.find("<!-- more -->"));
    }
}
