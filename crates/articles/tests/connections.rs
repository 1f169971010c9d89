//! Backlinks and related articles on a real, heavily linked library: Hexo's documentation in
//! ten languages, whose pages link to each other as the pages they become (`front-matter.html`).
//! The library is built as `cargo xtask index` builds it and its connection shards read back as
//! the app reads them.

mod corpus_paths;

use std::collections::{BTreeMap, HashMap};

use articles::catalog::{library_catalog, Catalog, Summary};
use articles::connections::{shard_of, Connections};
use articles::front_matter::CategoryMode;
use articles::links::read_href;
use articles::{parse, Location, ParseOptions};

/// The Hexo corpus: each file's path (relative to the corpus) and bytes.
fn hexo_files() -> Vec<(String, Vec<u8>)> {
    corpus_paths::library("tests/corpora/hexo-site")
}

/// The library's summaries and every article's connections, read back from the shards.
fn hosted(files: &[(String, Vec<u8>)]) -> (Vec<Summary>, BTreeMap<String, Connections>) {
    let built = library_catalog(
        files.iter().map(|(p, b)| (p.as_str(), b.as_slice())),
        CategoryMode::default(),
    );
    let files: HashMap<String, Vec<u8>> = built.files.into_iter().collect();
    let catalog: Catalog = serde_json::from_slice(&files["index.json"]).expect("a catalog");
    assert!(catalog.connections > 0, "a linked library has connections");
    let mut all = BTreeMap::new();
    for n in 0..catalog.connections {
        let shard: BTreeMap<String, Connections> =
            serde_json::from_slice(&files[&catalog.connection_shard(n)]).expect("a shard");
        for (id, connections) in shard {
            assert_eq!(shard_of(&id, catalog.connections), n, "{id} in its shard");
            all.insert(id, connections);
        }
    }
    (catalog.articles, all)
}

#[test]
fn backlinks_are_the_links_the_articles_really_have() {
    let files = hexo_files();
    let (summaries, connections) = hosted(&files);
    let html: HashMap<String, String> = files
        .iter()
        .map(|(path, bytes)| {
            let options = ParseOptions {
                location: Location::of(Some(""), "", path),
                ..ParseOptions::default()
            };
            (
                articles::article_id(path),
                parse(path, bytes, &options).html,
            )
        })
        .collect();
    // Every link from one article to another, by the brute force of reading its HTML.
    let mut expected: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for target in &summaries {
        let href = format!("href=\"{}\"", read_href(&target.id));
        let mut from: Vec<&str> = summaries
            .iter()
            .filter(|s| s.id != target.id && html[&s.id].contains(&href))
            .map(|s| s.id.as_str())
            .collect();
        from.sort();
        if !from.is_empty() {
            expected.insert(&target.id, from);
        }
    }
    let mut got: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, c) in &connections {
        let mut from: Vec<&str> = c.backlinks.iter().map(|b| b.from.as_str()).collect();
        from.sort();
        if !from.is_empty() {
            got.insert(id, from);
        }
        for backlink in &c.backlinks {
            assert!(!backlink.context.is_empty(), "{id} ← {}", backlink.from);
        }
    }
    assert_eq!(got, expected);
    let linked = expected.len();
    assert!(
        linked > 150,
        "Hexo's pages link each other: {linked} linked to"
    );
    // Each language's Front-matter page is linked from its Permalinks page, with the
    // sentence the link is in.
    for lang in [
        "", "es/", "ja/", "ko/", "pt-br/", "ru/", "th/", "zh-cn/", "zh-tw/",
    ] {
        let backlinks = &connections[&format!("{lang}docs/front-matter")].backlinks;
        let from_permalinks = backlinks
            .iter()
            .find(|b| b.from == format!("{lang}docs/permalinks"))
            .unwrap_or_else(|| panic!("{lang}: {backlinks:?}"));
        let sentence = from_permalinks.context.chars().count();
        assert!((4..300).contains(&sentence), "{from_permalinks:?}");
    }
}

#[test]
fn related_articles_share_words_labels_or_links_and_say_so() {
    let (summaries, connections) = hosted(&hexo_files());
    let ids: Vec<&str> = summaries.iter().map(|s| s.id.as_str()).collect();
    let mut with_related = 0;
    for (id, c) in &connections {
        assert!(c.related.len() <= 5, "{id}");
        with_related += usize::from(!c.related.is_empty());
        for related in &c.related {
            assert_ne!(&related.id, id);
            assert!(ids.contains(&related.id.as_str()), "{}", related.id);
            let why = related.tags + usize::from(related.category) + usize::from(related.linked);
            assert!(why > 0 || related.alike, "{id}: {related:?}");
            assert!(
                related.alike || related.words.is_empty(),
                "{id}: {related:?}"
            );
        }
    }
    assert!(
        with_related * 10 > summaries.len() * 8,
        "{with_related} of {}",
        summaries.len()
    );
    // A page's nearest kin are in its own language: the Japanese Front-matter page's related
    // pages are Japanese pages.
    let japanese = &connections["ja/docs/front-matter"].related;
    assert!(!japanese.is_empty());
    assert!(
        japanese.iter().all(|r| r.id.starts_with("ja/")),
        "{japanese:?}"
    );
}
