//! One file in, one [`Article`] out: the pipeline decode → front matter → body → derived data.
//!
//! [`parse`] always returns an article. Problems with the file are listed in its diagnostics.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::body::{self, BodyKind};
use crate::date::date_from_file_name;
use crate::decode::{decode, decode_as, Decoded};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::front_matter::{self, meta_from_fields, CategoryMode, Meta, Reading};
use crate::links::Link;
use crate::text::{self, Counts, Heading};
use crate::value::Value;

/// How an article is read; the defaults suit Hexo and most generators.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    pub categories: CategoryMode,
    /// Where the article is, for its relative links and images.
    pub location: Location,
    /// An encoding chosen by the reader (a WHATWG label such as `gbk`), overriding detection.
    pub encoding: Option<String>,
}

/// Where an article lives: its library's URL and id space, and its folder within the library.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// Files brought in beside the article (a dropped folder's images), by path within the
    /// library, and the URL each can be shown from (a `blob:` URL); used when `asset_root` is
    /// `None`. Shared, so many articles of one drop cost one map.
    pub assets: Arc<BTreeMap<String, String>>,
    /// URL prefix the library's files are fetched from (`articles/` for the hosted library);
    /// `None` when files beside the article cannot be fetched (dropped files), so relative
    /// images are left out rather than requested from the wrong place.
    pub asset_root: Option<String>,
    /// Prefix of the ids of this library's articles: empty when hosted, `dropped/` for drops.
    pub id_root: String,
    /// The article's folder within its library, ending in `/` (or empty at the top).
    pub dir: String,
}

impl Location {
    /// The location of the file at `path` (relative to its library, `/`-separated).
    pub fn of(asset_root: Option<&str>, id_root: &str, path: &str) -> Location {
        Location {
            assets: Arc::default(),
            asset_root: asset_root.map(str::to_owned),
            id_root: id_root.to_owned(),
            dir: path
                .rfind('/')
                .map_or_else(String::new, |slash| path[..=slash].to_owned()),
        }
    }
}

/// An article ready to list, search and show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The file name or path it was read from.
    pub name: String,
    /// The WHATWG name of the encoding the bytes were read in (`UTF-8`, `GBK`, …).
    pub encoding: String,
    /// Every front matter field, typed, in source order.
    pub fields: Value,
    pub meta: Meta,
    /// The title to show: the `title` field, else the first heading, else the file name.
    pub title: String,
    pub body_kind: BodyKind,
    /// Sanitized HTML of the body.
    pub html: String,
    /// Plain text of the body, for search.
    pub text: String,
    pub outline: Vec<Heading>,
    /// Links to other articles of the library, with their sentences.
    #[serde(default)]
    pub links: Vec<Link>,
    pub excerpt: String,
    pub counts: Counts,
    pub diagnostics: Vec<Diagnostic>,
    /// How its front matter was read.
    #[serde(default)]
    pub front_matter: Reading,
    /// Where its title came from.
    #[serde(default)]
    pub title_from: TitleSource,
}

/// Where an article's title came from, for the fidelity summary (`crate::fidelity`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TitleSource {
    /// A front matter field.
    FrontMatter,
    /// The first heading of the body.
    Heading,
    /// Nothing in the file: its name.
    #[default]
    FileName,
}

impl Article {
    /// The article for a file Lectern failed on (its parser stopped): listed under its file
    /// name with the reason, so the file is never lost from the library.
    pub fn unreadable(name: &str, reason: &str) -> Article {
        Article {
            name: name.to_owned(),
            encoding: String::new(),
            fields: Value::Map(Vec::new()),
            meta: Meta::default(),
            title: title_from_file_name(name),
            body_kind: BodyKind::Markdown,
            html: String::new(),
            text: String::new(),
            outline: Vec::new(),
            links: Vec::new(),
            excerpt: String::new(),
            counts: Counts::default(),
            diagnostics: vec![Diagnostic::new(
                DiagnosticKind::Internal,
                format!("Lectern could not read this file: {reason}. The file is kept as it was."),
            )],
            front_matter: Reading::Absent,
            title_from: TitleSource::FileName,
        }
    }

    /// Whether this is a file Lectern could not read ([`Article::unreadable`]), not one it read.
    pub fn is_unreadable(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::Internal)
    }
}

/// Characters of text in an excerpt made from the body.
const EXCERPT_CHARS: usize = 160;

/// Reads one file.
pub fn parse(name: &str, bytes: &[u8], options: &ParseOptions) -> Article {
    let mut diagnostics = Vec::new();
    let decoded = read_text(bytes, options.encoding.as_deref(), &mut diagnostics);
    let front = front_matter::read(&decoded.text);
    diagnostics.extend(front.diagnostics);
    let mut meta = meta_from_fields(
        &front.fields,
        front.format.as_ref(),
        options.categories,
        &mut diagnostics,
    );
    if meta.date.is_none() {
        meta.date = date_from_file_name(name);
    }
    meta.cover = meta
        .cover
        .and_then(|cover| crate::url::resolve_asset(&options.location, cover.trim()));
    meta.title = meta.title.filter(|t| !t.trim().is_empty());
    let rendered = body::render(front.body, meta.title.as_deref(), &options.location, name);
    if let Some(cut) = rendered.html_cut {
        diagnostics.push(Diagnostic::new(DiagnosticKind::Limit, cut.to_string()));
    }
    if !rendered.removed_tags.is_empty() {
        diagnostics.push(removed_tags_note(&rendered.removed_tags));
    }
    if !rendered.tags_without_arguments.is_empty() {
        diagnostics.push(tags_without_arguments_note(
            &rendered.tags_without_arguments,
        ));
    }
    diagnostics.extend(
        rendered
            .math_errors
            .iter()
            .map(|error| Diagnostic::new(DiagnosticKind::Math, error.clone())),
    );
    let extracted = text::extract(&rendered.html);
    let heading = rendered
        .leading_title
        .or_else(|| extracted.outline.first().map(|h| h.text.clone()))
        .filter(|t| !t.is_empty());
    let (title, title_from) = match (meta.title.clone(), heading) {
        (Some(title), _) => (title, TitleSource::FrontMatter),
        (None, Some(heading)) => (heading, TitleSource::Heading),
        (None, None) => (title_from_file_name(name), TitleSource::FileName),
    };
    let excerpt = explicit_excerpt(rendered.before_more.as_deref())
        .or_else(|| meta.summary.clone())
        .unwrap_or_else(|| text::excerpt(&extracted.text, EXCERPT_CHARS));
    Article {
        name: name.to_owned(),
        encoding: decoded.encoding.to_owned(),
        fields: front.fields,
        meta,
        title,
        body_kind: rendered.kind,
        counts: text::count(&extracted.text),
        html: rendered.html,
        text: extracted.text,
        outline: extracted.outline,
        links: extracted.links,
        excerpt,
        diagnostics,
        front_matter: front.reading,
        title_from,
    }
}

/// One note listing the template tags that were removed (the first few of them).
fn removed_tags_note(removed: &[String]) -> Diagnostic {
    let message = format!(
        "{} template tag{} that only the original site can fill in {} left out: {}",
        removed.len(),
        if removed.len() == 1 { "" } else { "s" },
        if removed.len() == 1 { "was" } else { "were" },
        first_few(removed)
    );
    Diagnostic::new(DiagnosticKind::Template, message)
}

/// One note listing the tags written without the arguments they need (the first few).
fn tags_without_arguments_note(tags: &[String]) -> Diagnostic {
    let quoted: Vec<String> = tags.iter().map(|tag| format!("`{tag}`")).collect();
    let message = format!(
        "{} {} arguments and {} left out",
        first_few(&quoted),
        if tags.len() == 1 { "needs" } else { "need" },
        if tags.len() == 1 { "was" } else { "were" },
    );
    Diagnostic::new(DiagnosticKind::Template, message)
}

/// The first few of `items` (repeats next to each other shown once, each cut to a readable
/// length: an unclosed tag can run for thousands of characters), and how many more.
fn first_few(items: &[String]) -> String {
    const SHOWN: usize = 5;
    const LONGEST: usize = 60;
    let mut listed: Vec<String> = items
        .iter()
        .take(SHOWN)
        .map(|item| match item.char_indices().nth(LONGEST) {
            Some((cut, _)) => format!("{}…", &item[..cut]),
            None => item.clone(),
        })
        .collect();
    listed.dedup();
    let mut text = listed.join(", ");
    let more = items.len().saturating_sub(SHOWN);
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// Decodes in the reader's chosen encoding, else the detected one, noting undecodable bytes.
fn read_text(bytes: &[u8], chosen: Option<&str>, diagnostics: &mut Vec<Diagnostic>) -> Decoded {
    let decoded = match chosen.map(|label| (label, decode_as(bytes, label))) {
        Some((_, Some(decoded))) => decoded,
        Some((label, None)) => {
            diagnostics.push(Diagnostic::new(
                DiagnosticKind::Encoding,
                format!(
                    "{label:?} is not an encoding Lectern knows; the encoding was detected instead"
                ),
            ));
            decode(bytes)
        }
        None => decode(bytes),
    };
    if decoded.stray > 0 {
        diagnostics.push(Diagnostic::new(
            DiagnosticKind::Encoding,
            format!(
                "{} byte{} of this UTF-8 file {} not UTF-8 and {} read as Windows-1252",
                decoded.stray,
                if decoded.stray == 1 { "" } else { "s" },
                if decoded.stray == 1 { "is" } else { "are" },
                if decoded.stray == 1 { "was" } else { "were" },
            ),
        ));
    }
    if decoded.undetected {
        diagnostics.push(Diagnostic::new(
            DiagnosticKind::Encoding,
            "this file is not UTF-8 and its encoding could not be detected (the detector could not be loaded); it was read as windows-1252: choose its encoding under “About this file”".to_owned(),
        ));
    }
    if decoded.lossy {
        diagnostics.push(Diagnostic::new(
            DiagnosticKind::Encoding,
            format!(
                "some bytes are not valid {} and were replaced with �; another encoding may read this file better",
                decoded.encoding
            ),
        ));
    }
    decoded
}

/// The text before a `<!-- more -->` marker, as Hexo and Jekyll write excerpts, from the
/// sanitized HTML before it.
fn explicit_excerpt(before_more: Option<&str>) -> Option<String> {
    let text = text::extract(before_more?).text;
    (!text.is_empty()).then(|| text::excerpt(&text, EXCERPT_CHARS * 2))
}

/// `2021-09-30-hello-world.md` → `hello world`.
fn title_from_file_name(name: &str) -> String {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let stem = match date_from_file_name(stem) {
        Some(_) => stem.get(11..).unwrap_or(stem),
        None => stem,
    };
    let title = stem.replace(['-', '_'], " ").trim().to_owned();
    if title.is_empty() {
        file.to_owned()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_tag_is_named_by_its_start() {
        let note = first_few(&["{% ".repeat(700), "{% x %}".into()]);
        assert!(note.chars().count() < 100, "{note}");
        assert!(note.ends_with("…, {% x %}"), "{note}");
    }

    #[test]
    fn title_falls_back_to_heading_then_file_name() {
        let options = ParseOptions::default();
        assert_eq!(
            parse("a.md", b"# Heading\n\ntext", &options).title,
            "Heading"
        );
        assert_eq!(
            parse("2021-09-30-my-post.md", b"text", &options).title,
            "my post"
        );
        assert_eq!(parse("", b"", &options).title, "");
    }

    #[test]
    fn more_marker_makes_the_excerpt() {
        let article = parse(
            "a.md",
            b"Intro text.\n\n<!-- more -->\n\nRest.",
            &ParseOptions::default(),
        );
        assert_eq!(article.excerpt, "Intro text.");
        let html = parse(
            "a.html",
            b"<div>\n<p>Lead.</p>\n<!--more-->\n<p>Rest.</p>\n</div>",
            &ParseOptions::default(),
        );
        assert_eq!(html.excerpt, "Lead.");
    }

    #[test]
    fn a_marker_quoted_in_code_is_not_the_excerpt_s_end() {
        let article = parse(
            "a.md",
            b"Posts end their excerpt with `<!-- more -->`, like this:\n\n```\n<!-- more -->\n```\n",
            &ParseOptions::default(),
        );
        assert_eq!(
            article.excerpt,
            "Posts end their excerpt with <!-- more -->, like this:\n<!-- more -->"
        );
    }

    #[test]
    fn tags_without_arguments_get_one_note() {
        let article = parse(
            "a.md",
            b"{% link %} and {% asset_link %}",
            &ParseOptions::default(),
        );
        let notes: Vec<&str> = article
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::Template)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            notes,
            ["`{% link %}`, `{% asset_link %}` need arguments and were left out"]
        );
        let one = parse("a.md", b"{% link %}", &ParseOptions::default());
        assert_eq!(
            one.diagnostics[0].message,
            "`{% link %}` needs arguments and was left out"
        );
    }
}
