//! The catalog of a hosted library (`articles/index.json`): what the app needs to list an
//! article without fetching it. Written natively by `cargo xtask index`, read by the app.
//!
//! A small library's catalog lists its articles itself. A large one is split ([`split`]): the
//! catalog names shards of article metadata, which the app fetches newest first right after it.
//! Either way it describes its search index ([`crate::search::hosted`]), written beside it, of
//! which a search fetches only what its terms need.

mod library;

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use library::{by_folder, library_catalog, library_catalog_in_shards, LibraryCatalog};

use crate::article::Article;
use crate::connections::is_zero;
use crate::date::ArticleDate;
use crate::search::hosted::{self, Meta};
use crate::search::Document;

/// The catalog format version; bumped whenever a change would confuse an older app.
/// Version 2 added shards; version 3 the search index (in place of version 2's shards of the
/// first 2 000 characters of each text). Older catalogs still read: without an index, their
/// articles are searched by title, labels and excerpt.
pub const SCHEMA_VERSION: u32 = 3;

/// A hosted library.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub schema: u32,
    /// The articles listed here (all of a small library; none when it is split into shards).
    #[serde(default)]
    pub articles: Vec<Summary>,
    /// How many articles the library has in all.
    #[serde(default)]
    pub count: usize,
    /// Files (relative to the catalog) with the rest of the articles, newest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shards: Vec<String>,
    /// Articles in each shard but the last: shard `n` holds catalog numbers from
    /// `n * shard_size`, so the app can fetch the one shard that holds an article the search
    /// index found. 0 in catalogs written before: their shards are only read in order.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub shard_size: usize,
    /// How many files map each article's id to its shard ([`id_file`]: `ids/NNNN.json` in the
    /// build's folder): a link to an article of
    /// a shard not listed yet costs one small fetch, not a walk through the shards. None for a
    /// library of one shard.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub id_files: usize,
    /// The search index over every article's whole text, its files beside the catalog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_index: Option<Meta>,
    /// How many shards of backlinks and related articles ([`crate::connections`]) are
    /// beside it; none for a library whose articles do not connect.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub connections: usize,
    /// This build's folder of shards, search index and connections, relative to the catalog:
    /// `index/<hash of their bytes>/` ([`name_build`]), so a host may let them be cached for
    /// good (a rebuild writes a new folder, and a reader never mixes two builds' files).
    /// Empty in catalogs written before builds were named: theirs are in `index/`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub build: String,
}

impl Catalog {
    /// Where this build's files are, relative to the catalog (see [`Catalog::build`]).
    pub fn build_dir(&self) -> &str {
        if self.build.is_empty() {
            SHARD_DIR
        } else {
            &self.build
        }
    }

    /// The path of connection shard `n` ([`crate::connections::shard_of`]), relative to the
    /// catalog.
    pub fn connection_shard(&self, n: usize) -> String {
        crate::connections::shard_path(self.build_dir(), n)
    }
}

/// Moves a catalog's files (each a path under [`SHARD_DIR`] and its bytes) into a folder of
/// [`SHARD_DIR`] named by a hash of them all, and names it in the catalog (its shards, its
/// search index, [`Catalog::build`]): the same library gives the same folder, any change a
/// new one.
pub fn name_build(catalog: &mut Catalog, files: &mut [(String, Vec<u8>)]) {
    // FNV-1a, 64 bits: no dependency, and a build's name only has to differ from the last few.
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut mix = |bytes: &[u8]| {
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (path, bytes) in files.iter() {
        mix(path.as_bytes());
        mix(&(bytes.len() as u64).to_le_bytes());
        mix(bytes);
    }
    let build = format!("{SHARD_DIR}{hash:016x}/");
    let moved = |path: &mut String| {
        if let Some(rest) = path.strip_prefix(SHARD_DIR) {
            *path = format!("{build}{rest}");
        }
    };
    files.iter_mut().for_each(|(path, _)| moved(path));
    catalog.shards.iter_mut().for_each(&moved);
    if let Some(index) = &mut catalog.search_index {
        moved(&mut index.dir);
    }
    catalog.build = build;
}

/// A shard of a catalog: some of its articles.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    pub articles: Vec<Summary>,
}

/// A catalog and the shards it names, ready to write beside each other.
#[derive(Debug, PartialEq)]
pub struct Split {
    pub catalog: Catalog,
    /// Each shard and its path relative to the catalog.
    pub shards: Vec<(String, Shard)>,
    /// The search index's files, by path relative to the catalog.
    pub search: Vec<(String, Vec<u8>)>,
    /// The files saying which shard holds each article ([`id_files`]).
    pub ids: Vec<(String, Vec<u8>)>,
}

impl Split {
    /// The catalog's files, ready to write: `index.json` first, then its shards, its search
    /// index, its id files and `more` (other files of [`SHARD_DIR`], such as connection shards), all moved
    /// into their build's folder ([`name_build`]).
    pub fn into_files(mut self, more: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = self
            .shards
            .iter()
            .map(|(path, shard)| (path.clone(), json(shard)))
            .collect();
        files.extend(self.search);
        files.extend(self.ids);
        files.extend(more);
        name_build(&mut self.catalog, &mut files);
        files.insert(0, ("index.json".to_owned(), json(&self.catalog)));
        files
    }
}

pub(crate) fn json(value: &impl Serialize) -> Vec<u8> {
    // Serializing plain data into memory cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// Where the shards of a catalog go, relative to it; [`split`] writes no other path.
pub const SHARD_DIR: &str = "index/";

/// Articles per shard by default: a shard's metadata is about 100 kB gzipped at most, one quick
/// request, and a library up to this size is a single catalog file.
pub const SHARD_SIZE: usize = 1_000;

/// The path (relative to the catalog) of the file of ids holding `key` (an id, or a name's
/// key: see [`id_files`]), of `files` in the build folder `dir` ([`Catalog::id_files`]); none
/// when there are none.
pub fn id_file(dir: &str, files: usize, key: &str) -> Option<String> {
    (files > 0).then(|| {
        let n = crate::connections::shard_of(key, files);
        format!("{dir}ids/{n:04}.json")
    })
}

/// Articles per file of ids ([`Catalog::id_files`]): some 10 KB gzipped each.
pub const IDS_PER_FILE: usize = 1_000;

/// The files saying which shard holds each article ([`Catalog::id_files`]), for `articles`
/// (id and title) in list order in shards of `shard_size`: how many, and each one's path
/// (under [`SHARD_DIR`], before [`name_build`] moves it) and bytes (a JSON object from key to
/// shard number). The keys are each id, and each name a link may call an article by
/// ([`crate::links::name_key`]: a `/`, which no id begins with, and the name folded): its
/// file name (its id's last segment) and its title. A name holds the first shard with an
/// article of that file name, or else with an article of that title, as the app resolves a
/// link by name among the articles it has: a link to an article not listed yet costs one
/// small fetch and one shard, not a walk through a million articles' shards.
pub fn id_files<'a>(
    articles: impl ExactSizeIterator<Item = (&'a str, &'a str)>,
    shard_size: usize,
) -> (usize, Vec<(String, Vec<u8>)>) {
    use crate::links::{file_name, name_key};
    let count = articles.len().div_ceil(IDS_PER_FILE);
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut titles: BTreeMap<String, usize> = BTreeMap::new();
    for (number, (id, title)) in articles.enumerate() {
        let shard = number / shard_size.max(1);
        keys.insert(id.to_owned(), shard);
        keys.entry(name_key(file_name(id))).or_insert(shard);
        titles.entry(name_key(title)).or_insert(shard);
    }
    for (name, shard) in titles {
        keys.entry(name).or_insert(shard);
    }
    let mut files: Vec<BTreeMap<&str, usize>> = vec![BTreeMap::new(); count];
    for (key, &shard) in &keys {
        if let Some(file) = files.get_mut(crate::connections::shard_of(key, count)) {
            file.insert(key, shard);
        }
    }
    let files = files
        .iter()
        .enumerate()
        .map(|(n, keys)| (format!("{SHARD_DIR}ids/{n:04}.json"), json(keys)))
        .collect();
    (count, files)
}

/// Splits a library (each article's summary and body text, newest first) into a catalog and
/// its shards of `shard_size` articles, and writes its search index. A library that fits in one
/// shard is listed in the catalog itself.
pub fn split(articles: Vec<(Summary, String)>, shard_size: usize) -> Split {
    let shard_size = shard_size.max(1);
    let count = articles.len();
    let mut catalog = Catalog {
        schema: SCHEMA_VERSION,
        count,
        ..Catalog::default()
    };
    let mut shards = Vec::new();
    let mut ids = Vec::new();
    if count > shard_size {
        (catalog.id_files, ids) = id_files(
            articles
                .iter()
                .map(|(summary, _)| (summary.id.as_str(), summary.title.as_str())),
            shard_size,
        );
    }
    let mut index = hosted::Writer::new();
    for (summary, text) in &articles {
        index.add(&summary.document(&summary.labels(), text));
    }
    let (mut meta, files) = index.finish();
    meta.dir = SHARD_DIR.to_owned();
    let search = files
        .into_iter()
        .map(|(name, bytes)| (format!("{SHARD_DIR}{name}"), bytes))
        .collect();
    catalog.search_index = Some(meta);
    for (number, chunk) in articles.chunks(shard_size).enumerate() {
        let summaries: Vec<Summary> = chunk.iter().map(|(summary, _)| summary.clone()).collect();
        if count <= shard_size {
            catalog.articles = summaries;
        } else {
            catalog.shard_size = shard_size;
            let path = format!("{SHARD_DIR}articles-{number:04}.json");
            catalog.shards.push(path.clone());
            shards.push((
                path,
                Shard {
                    articles: summaries,
                },
            ));
        }
    }
    Split {
        catalog,
        shards,
        search,
        ids,
    }
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

impl Summary {
    /// The article's labels as search weighs them: authors, tags, categories (as paths).
    pub fn labels(&self) -> Vec<String> {
        let categories = self.categories.iter().map(|path| path.join("/"));
        self.authors
            .iter()
            .chain(&self.tags)
            .cloned()
            .chain(categories)
            .collect()
    }

    /// The article as search sees it, with `body` its text; `labels` must be [`Self::labels`].
    pub fn document<'a>(&'a self, labels: &'a [String], body: &'a str) -> Document<'a> {
        Document {
            id: &self.id,
            title: &self.title,
            labels: labels.iter().map(String::as_str).collect(),
            summary: &self.excerpt,
            body,
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

    fn library(count: usize) -> Vec<(Summary, String)> {
        (0..count)
            .map(|n| {
                let article = crate::parse(
                    &format!("{n}.md"),
                    format!(
                        "# Title {n}\n\nBody of ARTICLE {n}. {}",
                        "长文".repeat(3_000)
                    )
                    .as_bytes(),
                    &crate::ParseOptions::default(),
                );
                (Summary::of(&format!("{n}.md"), &article), article.text)
            })
            .collect()
    }

    #[test]
    fn a_small_library_is_listed_in_its_catalog() {
        let split = split(library(3), 1000);
        assert_eq!(split.catalog.count, 3);
        assert_eq!(split.catalog.articles.len(), 3);
        assert!(split.catalog.shards.is_empty() && split.shards.is_empty());
        let meta = split.catalog.search_index.as_ref().expect("an index");
        assert_eq!((meta.documents, meta.dir.as_str()), (3, "index/"));
        assert!(split
            .search
            .iter()
            .any(|(path, _)| path == "index/search/terms-0000.bin"));
    }

    #[test]
    fn a_large_library_is_split_in_order() {
        let split = split(library(25), 10);
        assert!(split.catalog.articles.is_empty());
        assert_eq!(split.catalog.count, 25);
        assert_eq!(
            split.catalog.shards,
            [
                "index/articles-0000.json",
                "index/articles-0001.json",
                "index/articles-0002.json"
            ]
        );
        let sizes: Vec<usize> = split.shards.iter().map(|(_, s)| s.articles.len()).collect();
        assert_eq!(sizes, [10, 10, 5]);
        assert_eq!(split.shards[1].1.articles[0].id, "10");
        let meta = split.catalog.search_index.as_ref().expect("an index");
        assert_eq!(meta.documents, 25, "every article, in catalog order");
        // Which shard holds each article, by id, in the file `id_file` names.
        assert_eq!((split.catalog.shard_size, split.catalog.id_files), (10, 1));
        let path = id_file(SHARD_DIR, split.catalog.id_files, "17");
        assert_eq!(path.as_deref(), Some("index/ids/0000.json"));
        let (_, bytes) = &split.ids[0];
        let ids: BTreeMap<String, usize> = serde_json::from_slice(bytes).expect("a map");
        assert_eq!((ids["17"], ids["3"]), (1, 0));
        // And by the names a link may use: file name, then title, folded.
        let name = |name: &str| ids.get(&crate::links::name_key(name)).copied();
        assert_eq!(
            (name("17"), name("TITLE 24"), name("nothing")),
            (Some(1), Some(2), None)
        );
        assert_eq!(ids.len(), 25 * 3);
    }

    #[test]
    fn a_version_1_catalog_still_reads() {
        let old = r#"{"schema":1,"articles":[]}"#;
        let catalog: Catalog = serde_json::from_str(old)
            .map_err(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(catalog.schema, 1);
        assert!(catalog.shards.is_empty());
        // Written before builds were named: its files are in `index/`.
        assert_eq!(catalog.connection_shard(2), "index/connections/2.json");
    }

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
