//! One file in, one [`Article`] out: the pipeline decode → front matter → body → derived data.
//!
//! [`parse`] always returns an article. Problems with the file are listed in its diagnostics.

use serde::{Deserialize, Serialize};

use crate::body::{self, BodyKind};
use crate::date::date_from_file_name;
use crate::decode::{decode, Encoding};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::front_matter::{self, meta_from_fields, CategoryMode, Meta};
use crate::text::{self, Counts, Heading};
use crate::value::Value;

/// How an article is read; the defaults suit Hexo and most generators.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    pub categories: CategoryMode,
    /// The URL directory the file lives in (ending in `/`), for its relative links and images.
    pub base: String,
}

/// An article ready to list, search and show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The file name or path it was read from.
    pub name: String,
    pub encoding: Encoding,
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
    pub excerpt: String,
    pub counts: Counts,
    pub diagnostics: Vec<Diagnostic>,
}

/// Characters of text in an excerpt made from the body.
const EXCERPT_CHARS: usize = 160;

/// Reads one file.
pub fn parse(name: &str, bytes: &[u8], options: &ParseOptions) -> Article {
    let decoded = decode(bytes);
    let mut diagnostics = Vec::new();
    if decoded.lossy {
        diagnostics.push(Diagnostic::new(
            DiagnosticKind::Encoding,
            format!(
                "some bytes are not valid {} and were replaced with �",
                decoded.encoding.label()
            ),
        ));
    }
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
        .map(|cover| crate::url::resolve(&options.base, cover.trim()));
    meta.title = meta.title.filter(|t| !t.trim().is_empty());
    let rendered = body::render(front.body, meta.title.as_deref(), &options.base);
    let extracted = text::extract(&rendered.html);
    let title = meta
        .title
        .clone()
        .or(rendered.leading_title)
        .or_else(|| extracted.outline.first().map(|h| h.text.clone()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| title_from_file_name(name));
    let excerpt = explicit_excerpt(front.body, options)
        .or_else(|| meta.summary.clone())
        .unwrap_or_else(|| text::excerpt(&extracted.text, EXCERPT_CHARS));
    Article {
        name: name.to_owned(),
        encoding: decoded.encoding,
        fields: front.fields,
        meta,
        title,
        body_kind: rendered.kind,
        counts: text::count(&extracted.text),
        html: rendered.html,
        text: extracted.text,
        outline: extracted.outline,
        excerpt,
        diagnostics,
    }
}

/// The text before a `<!-- more -->` marker, as Hexo and Jekyll write excerpts.
fn explicit_excerpt(body: &str, options: &ParseOptions) -> Option<String> {
    let at = body
        .find("<!-- more -->")
        .or_else(|| body.find("<!--more-->"))?;
    let rendered = body::render(&body[..at], None, &options.base);
    let text = text::extract(&rendered.html).text;
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
    }
}
