//! The catalog of a hosted library (`articles/index.json`): what the app needs to list an
//! article without fetching it. Written natively by `cargo xtask index`, read by the app.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::date::ArticleDate;

/// The catalog format version; bumped whenever a change would confuse an older app.
pub const SCHEMA_VERSION: u32 = 1;

/// A hosted library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub schema: u32,
    pub articles: Vec<Summary>,
}

/// What a library list shows of one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Stable id: the path without its extension (see [`article_id`]).
    pub id: String,
    /// Path of the file relative to the catalog.
    pub path: String,
    pub title: String,
    pub date: Option<ArticleDate>,
    pub authors: Vec<String>,
    pub categories: Vec<Vec<String>>,
    pub tags: Vec<String>,
    pub cover: Option<String>,
    pub excerpt: String,
    pub lang: Option<String>,
    pub reading_minutes: usize,
}

impl Summary {
    /// The summary of an article found at `path`.
    pub fn of(path: &str, article: &Article) -> Summary {
        Summary {
            id: article_id(path),
            path: path.to_owned(),
            title: article.title.clone(),
            date: article.meta.date.clone(),
            authors: article.meta.authors.clone(),
            categories: article.meta.categories.clone(),
            tags: article.meta.tags.clone(),
            cover: article.meta.cover.clone(),
            excerpt: article.excerpt.clone(),
            lang: article.meta.lang.clone(),
            reading_minutes: article.counts.reading_minutes,
        }
    }
}

/// Extensions of the files a library reads as articles (hosted or brought in).
const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "mdx", "txt", "html", "htm"];

/// Whether a file name or path is an article, by its extension (any case).
pub fn is_article_file(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| ARTICLE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// An article's id: its path with `\` as `/` and without its extension. It is the same on every
/// rebuild of the catalog, so links to an article keep working.
pub fn article_id(path: &str) -> String {
    let path = path.replace('\\', "/");
    let file_start = path.rfind('/').map_or(0, |i| i + 1);
    match path[file_start..].rfind('.') {
        Some(dot) if dot > 0 => path[..file_start + dot].to_owned(),
        _ => path,
    }
}

/// Newest first; undated articles last (never dropped), in title order; ties by id.
pub fn newest_first(a: &Summary, b: &Summary) -> Ordering {
    let key = |s: &Summary| s.date.as_ref().map(ArticleDate::sort_key);
    match (key(a), key(b)) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.title.cmp(&b.title),
    }
    .then_with(|| a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_files_by_extension() {
        assert!(is_article_file("posts/a.MD") && is_article_file("x.htm"));
        assert!(
            !is_article_file("img/a.png") && !is_article_file("md") && !is_article_file("a.md/b")
        );
    }

    #[test]
    fn ids_are_paths_without_extensions() {
        assert_eq!(
            article_id("_posts/2014-06-14-hexo.md"),
            "_posts/2014-06-14-hexo"
        );
        assert_eq!(article_id("a.b/c"), "a.b/c");
        assert_eq!(article_id(".hidden"), ".hidden");
        assert_eq!(article_id("dir\\x.markdown"), "dir/x");
    }
}
