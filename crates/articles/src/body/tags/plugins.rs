//! Hexo tag plugins, Jekyll/Liquid tags and Hugo shortcodes: what each known tag becomes.

use super::syntax::{arguments, looks_like_url, named_argument};
use crate::body::escape::{attr, text as escape_text};
use crate::links::{article_link_by_name, find_href};

/// Container tags: their content is Markdown, wrapped in a box.
pub const CONTAINERS: &[&str] = &[
    "note",
    "alert",
    "hint",
    "notice",
    "admonition",
    "callout",
    "info",
    "warning",
    "tip",
    "blockquote",
    "quote",
    "pullquote",
    "details",
    "fold",
    "folding",
    "spoiler",
];

/// The opening and closing markup of a container tag: an HTML block whose content is still
/// Markdown.
pub fn container(name: &str, args: &str) -> (String, String) {
    let words = arguments(args);
    match name {
        "blockquote" | "quote" | "pullquote" => {
            let source = words.join(" ");
            let close = if source.is_empty() {
                "\n\n</blockquote>\n\n".to_owned()
            } else {
                format!(
                    "\n\n<footer>— {}</footer></blockquote>\n\n",
                    escape_text(&source)
                )
            };
            ("\n\n<blockquote>\n\n".to_owned(), close)
        }
        "details" | "fold" | "folding" | "spoiler" => {
            let summary = if words.is_empty() {
                "…".to_owned()
            } else {
                words.join(" ")
            };
            (
                format!(
                    "\n\n<details><summary>{}</summary>\n\n",
                    escape_text(&summary)
                ),
                "\n\n</details>\n\n".to_owned(),
            )
        }
        _ => {
            let (kind, title) = callout_kind(&words);
            let mut open = format!("\n\n<div class=\"callout callout-{kind}\">");
            if !title.is_empty() {
                open.push_str(&format!(
                    "<p class=\"callout-title\">{}</p>",
                    escape_text(&title)
                ));
            }
            open.push_str("\n\n");
            (open, "\n\n</div>\n\n".to_owned())
        }
    }
}

/// What a single tag becomes.
#[derive(Debug, PartialEq, Eq)]
pub enum Inline {
    /// Inline HTML (or a URL inside a Markdown link).
    Html(String),
    /// A known tag written without arguments: it has nothing to show.
    NeedsArguments,
    /// Not a single tag Lectern knows.
    Unknown,
}

/// Single tags with a clear meaning. Every one of them needs at least one argument (what to
/// link, show or embed); one written without any is reported, not shown as an empty link.
pub fn inline(name: &str, args: &str, asset_dir: &str) -> Inline {
    let words = arguments(args);
    match known_inline(name, args, &words, asset_dir) {
        None => Inline::Unknown,
        Some(_) if words.is_empty() => Inline::NeedsArguments,
        Some(html) => Inline::Html(html),
    }
}

/// The HTML of a known single tag (with whatever arguments it has), `None` for other names.
fn known_inline(name: &str, args: &str, words: &[String], asset_dir: &str) -> Option<String> {
    let first = words.first().map(String::as_str).unwrap_or_default();
    let named = |key: &str| named_argument(args, key);
    Some(match name {
        "youtube" => video_link("https://www.youtube.com/watch?v=", first, "YouTube"),
        "vimeo" => video_link("https://vimeo.com/", first, "Vimeo"),
        "bilibili" => video_link("https://www.bilibili.com/video/", first, "Bilibili"),
        "gist" => link(
            &format!("https://gist.github.com/{first}"),
            &format!("Gist {first}"),
        ),
        "jsfiddle" => link(
            &format!("https://jsfiddle.net/{first}/"),
            &format!("JSFiddle {first}"),
        ),
        "tweet" | "twitter" | "x" => {
            let id = named("id").unwrap_or_else(|| words.last().cloned().unwrap_or_default());
            link(&format!("https://x.com/i/status/{id}"), "Post on X")
        }
        "iframe" | "video" => link(first, first),
        "link" => link_tag(words),
        "post_link" | "post_path" => {
            let title = match words.get(1..) {
                Some(rest) if !rest.is_empty() => rest.join(" "),
                _ => first.to_owned(),
            };
            article_link_by_name(first, &title)
        }
        "post_url" => find_href(first),
        "asset_img" | "img" | "image" => image(name, words, asset_dir),
        "asset_link" => link(
            &format!("{asset_dir}{first}"),
            words.get(1).map_or(first, String::as_str),
        ),
        "asset_path" => format!("{asset_dir}{first}"),
        "figure" => figure(args),
        "ref" | "relref" => find_href(first),
        _ => return None,
    })
}

/// Hexo `{% link [text] url [external] [title] %}`: the URL is the first word that looks like
/// one, else the last word; a single word names another article.
fn link_tag(words: &[String]) -> String {
    let Some((last, init)) = words.split_last() else {
        return String::new();
    };
    if init.is_empty() {
        return article_link_by_name(last, last);
    }
    let (text, url) = words
        .iter()
        .position(|w| looks_like_url(w))
        .and_then(|at| words.split_at_checked(at))
        .and_then(|(text, rest)| Some((text, rest.first()?)))
        .unwrap_or((init, last));
    let text = text.join(" ");
    link(url, if text.is_empty() { url } else { &text })
}

/// Hexo `{% img [class] src [width] [height] ["title" ["alt"]] %}` and `asset_img`.
fn image(name: &str, words: &[String], asset_dir: &str) -> String {
    let src_at = words
        .iter()
        .position(|w| looks_like_url(w) || w.contains('.'))
        .unwrap_or(0);
    let Some(src) = words.get(src_at) else {
        return String::new();
    };
    let src = if name == "asset_img" {
        format!("{}{src}", asset_dir)
    } else {
        src.clone()
    };
    let rest = words.get(src_at + 1..).unwrap_or_default();
    let sizes: Vec<&String> = rest
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let texts: Vec<&String> = rest
        .iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let title = texts.first().map(|t| t.as_str()).unwrap_or_default();
    let alt = texts.get(1).map(|t| t.as_str()).unwrap_or(title);
    let mut html = format!("<img src=\"{}\" alt=\"{}\"", attr(&src), attr(alt));
    if !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", attr(title)));
    }
    if let Some(width) = sizes.first() {
        html.push_str(&format!(" width=\"{width}\""));
    }
    if let Some(height) = sizes.get(1) {
        html.push_str(&format!(" height=\"{height}\""));
    }
    html.push('>');
    html
}

/// Hugo `{{< figure src="…" title="…" caption="…" alt="…" link="…" >}}`.
fn figure(args: &str) -> String {
    let src = named_argument(args, "src").unwrap_or_default();
    let alt = named_argument(args, "alt")
        .or_else(|| named_argument(args, "title"))
        .unwrap_or_default();
    let caption = named_argument(args, "caption").or_else(|| named_argument(args, "title"));
    let mut html = format!(
        "<figure><img src=\"{}\" alt=\"{}\">",
        attr(&src),
        attr(&alt)
    );
    if let Some(caption) = caption {
        html.push_str(&format!(
            "<figcaption>{}</figcaption>",
            escape_text(&caption)
        ));
    }
    html.push_str("</figure>");
    html
}

/// The kind of box (`info`, `warning`…) and its title, from a note tag's arguments.
fn callout_kind(words: &[String]) -> (&'static str, String) {
    const KINDS: &[(&str, &str)] = &[
        ("default", "note"),
        ("primary", "note"),
        ("info", "info"),
        ("note", "note"),
        ("success", "tip"),
        ("tip", "tip"),
        ("warning", "warning"),
        ("warn", "warning"),
        ("danger", "danger"),
        ("error", "danger"),
        ("caution", "warning"),
    ];
    let mut kind = "note";
    let mut title = Vec::new();
    for word in words {
        match KINDS
            .iter()
            .find(|(name, _)| word.eq_ignore_ascii_case(name))
        {
            Some((_, k)) if title.is_empty() => kind = k,
            _ if matches!(
                word.as_str(),
                "no-icon" | "flat" | "modern" | "simple" | "disabled"
            ) => {}
            _ => title.push(word.as_str()),
        }
    }
    (kind, title.join(" "))
}

fn video_link(prefix: &str, id: &str, site: &str) -> String {
    link(&format!("{prefix}{id}"), &format!("▶ {site} video"))
}

fn link(url: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", attr(url), escape_text(text))
}
