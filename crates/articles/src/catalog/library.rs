//! A library's catalog files from its files: what `cargo xtask index` writes to disk and what
//! the app's worker writes into a published site (`Publish…`), one function so that both give
//! the same bytes for the same folder.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::{json, newest_first, split, Summary, SHARD_SIZE};
use crate::connections::{self, Connections, Graph, Node};
use crate::fidelity::Fidelity;
use crate::front_matter::CategoryMode;
use crate::links::Link;
use crate::search::SearchIndex;
use crate::{parse, Location, ParseOptions};

/// The catalog of a library, ready to write beside its articles.
#[derive(Debug, Default)]
pub struct LibraryCatalog {
    /// `index.json`, its shards and its search index: each path (relative to the library's
    /// folder) and bytes, `index.json` first.
    pub files: Vec<(String, Vec<u8>)>,
    /// How many articles it lists.
    pub count: usize,
    /// What the engine made of the articles, at a glance.
    pub fidelity: Fidelity,
    /// Each article's diagnostics: its path and the message.
    pub notes: Vec<(String, String)>,
}

/// The catalog of the articles among `files` (each a path relative to the library's folder,
/// `/`-separated, and its bytes; other files are passed over), with YAML category lists read
/// as `categories` says and shards of [`SHARD_SIZE`] articles. The same files give the same
/// bytes whatever their order: articles are listed newest first, then by id.
pub fn library_catalog<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    categories: CategoryMode,
) -> LibraryCatalog {
    library_catalog_in_shards(files, categories, SHARD_SIZE)
}

/// [`library_catalog`] with shards of `shard_size` articles.
pub fn library_catalog_in_shards<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    categories: CategoryMode,
    shard_size: usize,
) -> LibraryCatalog {
    let mut files: Vec<(&str, &[u8])> = files
        .into_iter()
        .filter(|(path, _)| super::is_article_file(path))
        .collect();
    files.sort_by(|(a, _), (b, _)| by_folder(a, b));
    let mut catalog = LibraryCatalog::default();
    let mut articles = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        // Covers in the catalog are relative to the catalog itself.
        let options = ParseOptions {
            location: Location::of(Some(""), "", path),
            categories,
            ..ParseOptions::default()
        };
        let article = parse(path, bytes, &options);
        for diagnostic in &article.diagnostics {
            catalog
                .notes
                .push((path.to_owned(), diagnostic.message.clone()));
        }
        catalog.fidelity.add(&article);
        articles.push((Summary::of(path, &article), article.text, article.links));
    }
    articles.sort_by(|(a, ..), (b, ..)| newest_first(a, b));
    catalog.count = articles.len();
    let connections = connection_shards(&articles);
    let mut split = split(
        articles
            .into_iter()
            .map(|(summary, text, _)| (summary, text))
            .collect(),
        shard_size,
    );
    split.catalog.connections = connections.len();
    let connections = connections
        .iter()
        .map(|(path, shard)| (path.clone(), json(shard)))
        .collect();
    catalog.files = split.into_files(connections);
    catalog
}

/// The library's backlinks and related articles, in shards ([`crate::connections`]); its
/// text is indexed in memory for words alike, as the app indexes the files a reader brings.
fn connection_shards(
    articles: &[(Summary, String, Vec<Link>)],
) -> Vec<(String, BTreeMap<String, Connections>)> {
    let mut index = SearchIndex::new();
    for (summary, text, _) in articles {
        index.add(&summary.document(&summary.labels(), text));
    }
    let nodes: Vec<Node> = articles
        .iter()
        .map(|(summary, _, links)| Node { summary, links })
        .collect();
    connections::shards(&Graph::new(&nodes), &index)
}

/// Paths in the order a folder walk sorted by name gives (folder by folder: `a/x.md` before
/// `a-b/x.md`), the order the notes are told in.
pub fn by_folder(a: &str, b: &str) -> Ordering {
    a.split('/').cmp(b.split('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_gives_one_catalog_whatever_order_its_files_come_in() {
        let files: Vec<(&str, &[u8])> = vec![
            ("a-b/x.md", b"---\ntitle: Dash\ndate: 2020-01-01\n---\nOne."),
            ("a/x.md", b"---\ntitle: Plain\ndate: 2020-01-01\n---\nTwo."),
            ("a/photo.png", b"\x89PNG"),
            ("notes.md", b"# Notes\n\nThree ::: broken: [front"),
        ];
        let catalog = library_catalog(files.iter().copied(), CategoryMode::default());
        let reversed = library_catalog(files.iter().rev().copied(), CategoryMode::default());
        assert_eq!(catalog.count, 3);
        assert_eq!(catalog.files, reversed.files);
        assert_eq!(catalog.files[0].0, "index.json");
        let index: super::super::Catalog =
            serde_json::from_slice(&catalog.files[0].1).expect("a catalog");
        let paths: Vec<&str> = index.articles.iter().map(|a| a.path.as_str()).collect();
        // Same date: by id; undated last.
        assert_eq!(paths, ["a-b/x.md", "a/x.md", "notes.md"]);
        assert!(catalog
            .files
            .iter()
            .skip(1)
            .all(|(path, _)| path.starts_with(&index.build)));
    }

    #[test]
    fn each_build_of_a_library_has_a_folder_named_by_its_files() {
        let files = |body: &'static [u8]| -> Vec<(&'static str, &'static [u8])> {
            vec![
                ("a.md", b"---\ntitle: Alpha\n---\nSee [b](b.md)."),
                ("b.md", body),
            ]
        };
        let read = |built: &LibraryCatalog| -> super::super::Catalog {
            serde_json::from_slice(&built.files[0].1).expect("a catalog")
        };
        let first = library_catalog(files(b"# Beta\n\nOne."), CategoryMode::default());
        let again = library_catalog(files(b"# Beta\n\nOne."), CategoryMode::default());
        let changed = library_catalog(files(b"# Beta\n\nTwo."), CategoryMode::default());
        let catalog = read(&first);
        assert!(
            catalog.build.starts_with("index/") && catalog.build.len() == "index/".len() + 17,
            "{}",
            catalog.build
        );
        assert_eq!(
            read(&again).build,
            catalog.build,
            "the same files, the same folder"
        );
        assert_ne!(
            read(&changed).build,
            catalog.build,
            "a change, a new folder"
        );
        let index = catalog.search_index.as_ref().expect("a search index");
        assert_eq!(index.dir, catalog.build);
        let paths: Vec<&str> = first.files.iter().map(|(path, _)| path.as_str()).collect();
        assert!(paths.contains(&format!("{}search/terms-0000.bin", catalog.build).as_str()));
        assert!(
            paths.contains(&catalog.connection_shard(0).as_str()),
            "{paths:?}"
        );
    }
}
