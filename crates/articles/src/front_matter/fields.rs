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

/// Fields people call the date of an article, in order of preference (keys are matched
/// ignoring case, so `pubDate` also finds `pubdate`).
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "pubDate",
    "publishDate",
    "publish_date",
    "pub_date",
    "published_at",
    "date_published",
    "datePublished",
    "created",
    "created_at",
    "createdAt",
    "date_created",
    "dateCreated",
];
const UPDATED_KEYS: &[&str] = &[
    "updated",
    "lastmod",
    "modified",
    "last_modified",
    "lastModified",
    "updated_at",
    "updatedAt",
    "last_updated",
    "lastUpdated",
    "date_modified",
    "dateModified",
];
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
const TITLE_KEYS: &[&str] = &["title"];
const LANG_KEYS: &[&str] = &["lang", "language"];
const DRAFT_KEYS: &[&str] = &["draft"];

/// Whether `key` is a field [`meta_from_fields`] reads (ignoring case): the fields worth
/// recovering from a block that does not parse.
pub fn is_meta_key(key: &str) -> bool {
    [
        TITLE_KEYS,
        DATE_KEYS,
        UPDATED_KEYS,
        AUTHOR_KEYS,
        CATEGORY_KEYS,
        TAG_KEYS,
        COVER_KEYS,
        SUMMARY_KEYS,
        SLUG_KEYS,
        LANG_KEYS,
        DRAFT_KEYS,
    ]
    .iter()
    .flat_map(|keys| keys.iter())
    .any(|known| known.eq_ignore_ascii_case(key))
}

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
        title: first(fields, TITLE_KEYS).and_then(Value::as_text),
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
        draft: match (first(fields, DRAFT_KEYS), fields.get("published")) {
            (Some(Value::Bool(draft)), _) => *draft,
            (_, Some(Value::Bool(published))) => !published,
            _ => false,
        },
        lang: first(fields, LANG_KEYS).and_then(Value::as_text),
        slug: first(fields, SLUG_KEYS).and_then(Value::as_text),
    }
}

/// The first present, non-null field among `keys`.
fn first<'v>(fields: &'v Value, keys: &[&str]) -> Option<&'v Value> {
    keys.iter()
        .filter_map(|key| fields.get(key))
        .find(|v| !matches!(v, Value::Null))
}

/// The first readable date among `keys`; each present one that cannot be read is reported,
/// and the next is tried (a site may keep a free-form `date` beside a `pubDate`).
fn date_field(
    fields: &Value,
    keys: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ArticleDate> {
    let present = keys.iter().filter_map(|key| {
        fields
            .get(key)
            .filter(|v| !matches!(v, Value::Null | Value::Bool(_)))
            .map(|v| (*key, v))
    });
    for (key, value) in present {
        let parsed = match value {
            Value::Int(n) => crate::date::from_unix_number(*n),
            other => other.as_text().and_then(|text| parse_date(&text)),
        };
        if parsed.is_some() {
            return parsed;
        }
        let shown = value.as_text().unwrap_or_else(|| "a list or map".into());
        diagnostics.push(
            Diagnostic::new(
                DiagnosticKind::Date,
                format!("the date in `{key}` could not be read: {shown:?}"),
            )
            .field(key),
        );
    }
    None
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
    fn every_date_field_is_read_and_an_unreadable_one_falls_through() {
        let read = |fields: Value| {
            let mut diagnostics = Vec::new();
            let meta = meta_from_fields(&fields, None, CategoryMode::Hierarchy, &mut diagnostics);
            (
                meta.date.map(|d| d.datetime_attr()),
                meta.updated.map(|d| d.datetime_attr()),
                diagnostics.len(),
            )
        };
        for key in [
            "date",
            "pubDate",
            "pubdate",
            "published",
            "created",
            "publishDate",
        ] {
            let (date, _, _) = read(map(vec![(key, s("2021-03-04"))]));
            assert_eq!(date.as_deref(), Some("2021-03-04"), "{key}");
        }
        for key in ["updated", "lastmod", "modified", "lastModified"] {
            let (_, updated, _) = read(map(vec![(key, s("2021-03-04T05:06:07Z"))]));
            assert_eq!(updated.as_deref(), Some("2021-03-04T05:06:07Z"), "{key}");
        }
        let (date, _, notes) = read(map(vec![
            ("date", s("the spring")),
            ("pubDate", s("2021-03-04 05:06:07 +0900")),
        ]));
        assert_eq!(date.as_deref(), Some("2021-03-03T20:06:07Z"));
        assert_eq!(notes, 1);
        let (date, _, _) = read(map(vec![
            ("published", Value::Bool(true)),
            ("created", Value::Int(1_614_816_000)),
        ]));
        assert_eq!(date.as_deref(), Some("2021-03-04T00:00:00Z"));
    }

    #[test]
    fn known_keys_ignore_case() {
        assert!(is_meta_key("Title") && is_meta_key("pubdate") && is_meta_key("lastmod"));
        assert!(!is_meta_key("layout"));
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
