//! Front matter fields normalised across generators: the names and shapes Hexo, Hugo, Jekyll,
//! Zola and Obsidian use for the same thing, read into one [`Meta`].
//!
//! Fields Lectern does not interpret stay in the article's raw field map for display.

use serde::{Deserialize, Serialize};

use super::Format;
use crate::date::{parse_date, ArticleDate};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::value::Value;

/// The interpreted metadata of an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Option<ArticleDate>,
    pub updated: Option<ArticleDate>,
    pub authors: Vec<String>,
    /// Each category is a path from the root, e.g. `["金融", "新浪财经"]`.
    pub categories: Vec<Vec<String>>,
    pub tags: Vec<String>,
    pub cover: Option<String>,
    pub summary: Option<String>,
    pub draft: bool,
    pub lang: Option<String>,
    pub slug: Option<String>,
}

/// How a YAML list of categories is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CategoryMode {
    /// Hexo: a list is one hierarchy path; a list of lists is several paths.
    #[default]
    Hierarchy,
    /// Jekyll: every item of a list is a separate category.
    Separate,
}

const DATE_KEYS: &[&str] = &["date", "published", "pubDate", "created"];
const UPDATED_KEYS: &[&str] = &["updated", "lastmod", "modified"];
const AUTHOR_KEYS: &[&str] = &["author", "authors"];
const CATEGORY_KEYS: &[&str] = &["categories", "category"];
const TAG_KEYS: &[&str] = &["tags", "tag", "keywords"];
const COVER_KEYS: &[&str] = &[
    "cover",
    "image",
    "headimg",
    "thumbnail",
    "banner",
    "featured_image",
];
const SUMMARY_KEYS: &[&str] = &["description", "excerpt", "summary"];
const SLUG_KEYS: &[&str] = &["slug", "permalink"];

/// Reads the known fields of `fields` (a map), adding a diagnostic for each unreadable date.
pub fn meta_from_fields(
    fields: &Value,
    format: Option<&Format>,
    categories: CategoryMode,
    diagnostics: &mut Vec<Diagnostic>,
) -> Meta {
    let separate_categories = categories == CategoryMode::Separate
        || matches!(format, Some(Format::Toml) | Some(Format::Json));
    Meta {
        title: first(fields, &["title"]).and_then(Value::as_text),
        date: date_field(fields, DATE_KEYS, diagnostics),
        updated: date_field(fields, UPDATED_KEYS, diagnostics),
        authors: first(fields, AUTHOR_KEYS).map(names).unwrap_or_default(),
        categories: first(fields, CATEGORY_KEYS)
            .map(|v| category_paths(v, separate_categories))
            .unwrap_or_default(),
        tags: first(fields, TAG_KEYS).map(words).unwrap_or_default(),
        cover: COVER_KEYS
            .iter()
            .find_map(|key| fields.get(key).and_then(Value::as_text))
            .or_else(|| {
                fields
                    .get("extra")
                    .and_then(|extra| first(extra, COVER_KEYS))
                    .and_then(Value::as_text)
            })
            .filter(|s| !s.trim().is_empty()),
        summary: first(fields, SUMMARY_KEYS).and_then(Value::as_text),
        draft: match (fields.get("draft"), fields.get("published")) {
            (Some(Value::Bool(draft)), _) => *draft,
            (_, Some(Value::Bool(published))) => !published,
            _ => false,
        },
        lang: first(fields, &["lang", "language"]).and_then(Value::as_text),
        slug: first(fields, SLUG_KEYS).and_then(Value::as_text),
    }
}

/// The first present, non-null field among `keys`.
fn first<'v>(fields: &'v Value, keys: &[&str]) -> Option<&'v Value> {
    keys.iter()
        .filter_map(|key| fields.get(key))
        .find(|v| !matches!(v, Value::Null))
}

fn date_field(
    fields: &Value,
    keys: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ArticleDate> {
    let (key, value) = keys.iter().find_map(|key| {
        fields
            .get(key)
            .filter(|v| !matches!(v, Value::Null | Value::Bool(_)))
            .map(|v| (*key, v))
    })?;
    let parsed = match value {
        Value::Int(n) => crate::date::from_unix_number(*n),
        other => other.as_text().and_then(|text| parse_date(&text)),
    };
    if parsed.is_none() {
        let shown = value.as_text().unwrap_or_else(|| "a list or map".into());
        diagnostics.push(
            Diagnostic::new(
                DiagnosticKind::Date,
                format!("the date in `{key}` could not be read: {shown:?}"),
            )
            .field(key),
        );
    }
    parsed
}

/// Author names from a string, a list, or objects with a `name`.
fn names(value: &Value) -> Vec<String> {
    match value {
        Value::List(items) => items.iter().flat_map(names).collect(),
        Value::Map(_) => value
            .get("name")
            .and_then(Value::as_text)
            .into_iter()
            .collect(),
        other => other
            .as_text()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .into_iter()
            .collect(),
    }
}

/// Tags from a list, or a string separated by commas (or spaces when there is no comma).
fn words(value: &Value) -> Vec<String> {
    let mut out: Vec<String> = match value {
        Value::List(items) => items.iter().filter_map(Value::as_text).collect(),
        other => match other.as_text() {
            Some(text) if text.contains([',', '，']) => {
                text.split([',', '，']).map(str::to_owned).collect()
            }
            Some(text) => text.split_whitespace().map(str::to_owned).collect(),
            None => Vec::new(),
        },
    };
    out.iter_mut().for_each(|t| *t = t.trim().to_owned());
    out.retain(|t| !t.is_empty());
    out.dedup();
    out
}

fn category_paths(value: &Value, separate: bool) -> Vec<Vec<String>> {
    let mut paths: Vec<Vec<String>> = match value {
        Value::List(items) if separate => items
            .iter()
            .filter_map(Value::as_text)
            .map(|c| vec![c])
            .collect(),
        Value::List(items) if items.iter().any(|i| matches!(i, Value::List(_))) => items
            .iter()
            .map(|item| match item {
                Value::List(path) => path.iter().filter_map(Value::as_text).collect(),
                other => other.as_text().into_iter().collect(),
            })
            .collect(),
        Value::List(items) => vec![items.iter().filter_map(Value::as_text).collect()],
        other => other.as_text().map(|c| vec![c]).into_iter().collect(),
    };
    for path in &mut paths {
        path.iter_mut().for_each(|c| *c = c.trim().to_owned());
        path.retain(|c| !c.is_empty());
    }
    paths.retain(|p| !p.is_empty());
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: Vec<(&str, Value)>) -> Value {
        Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    fn s(text: &str) -> Value {
        Value::String(text.into())
    }

    #[test]
    fn hexo_category_semantics() {
        let list = map(vec![("categories", Value::List(vec![s("a"), s("b")]))]);
        let nested = map(vec![(
            "categories",
            Value::List(vec![
                Value::List(vec![s("a"), s("b")]),
                Value::List(vec![s("c")]),
            ]),
        )]);
        let meta = |v: &Value, f: Option<&Format>, m| meta_from_fields(v, f, m, &mut Vec::new());
        let yaml = Some(&Format::Yaml);
        assert_eq!(
            meta(&list, yaml, CategoryMode::Hierarchy).categories,
            vec![vec!["a", "b"]]
        );
        assert_eq!(
            meta(&list, yaml, CategoryMode::Separate).categories,
            vec![vec!["a"], vec!["b"]]
        );
        assert_eq!(
            meta(&list, Some(&Format::Toml), CategoryMode::Hierarchy).categories,
            vec![vec!["a"], vec!["b"]]
        );
        assert_eq!(
            meta(&nested, yaml, CategoryMode::Hierarchy).categories,
            vec![vec!["a", "b"], vec!["c"]]
        );
    }

    #[test]
    fn authors_tags_and_cover_aliases() {
        let fields = map(vec![
            (
                "authors",
                Value::List(vec![s("A"), map(vec![("name", s("B"))])]),
            ),
            ("keywords", s("rust, wasm")),
            ("extra", map(vec![("cover", s("c.png"))])),
        ]);
        let meta = meta_from_fields(&fields, None, CategoryMode::Hierarchy, &mut Vec::new());
        assert_eq!(meta.authors, vec!["A", "B"]);
        assert_eq!(meta.tags, vec!["rust", "wasm"]);
        assert_eq!(meta.cover.as_deref(), Some("c.png"));
    }

    #[test]
    fn unreadable_date_is_reported_by_field() {
        let mut diagnostics = Vec::new();
        let fields = map(vec![("date", s("sometime next spring"))]);
        let meta = meta_from_fields(&fields, None, CategoryMode::Hierarchy, &mut diagnostics);
        assert_eq!(meta.date, None);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].field.as_deref(), Some("date"));
        assert!(diagnostics[0].message.contains("sometime next spring"));
    }
}
