//! The hosted index against the in-memory one on small libraries: same matches, found in few
//! rounds, and unreadable files reported, never a panic.

use std::collections::{BTreeSet, HashMap};

use super::*;
use crate::search::{Document, Query, SearchIndex};

fn library() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "Rust and WebAssembly",
            "Node.js is not needed. 中文内容很好，学习中文。",
        ),
        ("中文标题", "rust中文 mixed text; the quick brown fox"),
        ("Quick notes", "fox-trot, node js and nodes"),
        ("日本語の記事", "ひらがなとカタカナ、漢字。Rustacean"),
        ("", "学习 中 文"),
    ]
}

fn build(articles: &[(&str, &str)]) -> (Meta, HashMap<String, Vec<u8>>, SearchIndex) {
    let mut writer = Writer::new();
    let mut index = SearchIndex::new();
    for (n, (title, body)) in articles.iter().enumerate() {
        let document = Document {
            id: &n.to_string(),
            title,
            labels: vec!["tag one"],
            summary: "",
            body,
        };
        writer.add(&document);
        index.add(&document);
    }
    let (meta, files) = writer.finish();
    (meta, files.into_iter().collect(), index)
}

/// Runs a search to the end, fetching what each round names; the matches and the rounds.
pub(super) fn run(
    meta: &Meta,
    all: &HashMap<String, Vec<u8>>,
    query: &str,
) -> (BTreeSet<u32>, usize) {
    let query = Query::parse(query);
    let mut fetched: HashMap<String, Vec<u8>> = HashMap::new();
    for round in 1..=4 {
        match search(meta, &query, &fetched).expect("readable") {
            None => return ((0..meta.documents).collect(), round),
            Some(Outcome::Found(found)) => return (found.iter().map(|f| f.doc).collect(), round),
            Some(Outcome::Need(names)) => {
                assert!(!names.is_empty());
                for name in names {
                    let bytes = all.get(&name).unwrap_or_else(|| panic!("{name} exists"));
                    fetched.insert(name, bytes.clone());
                }
            }
        }
    }
    panic!("{query:?} took more than four rounds");
}

fn in_memory(index: &SearchIndex, query: &str) -> BTreeSet<u32> {
    index
        .search(&Query::parse(query))
        .map(|found| found.iter().map(|f| f.doc).collect())
        .unwrap_or_else(|| (0..index.documents() as u32).collect())
}

#[test]
fn answers_as_the_in_memory_index_does() {
    let (meta, files, index) = build(&library());
    for query in [
        "rust",
        "ru",
        "node.js",
        "node js",
        "\"node js\"",
        "nodes",
        "中文",
        "中",
        "学习中文",
        "rust中",
        "rust中文",
        "中 文",
        "文学",
        "fox",
        "-fox",
        "fox -quick",
        "\"quick brown fox\"",
        "quick fox",
        "カタカナ",
        "の記",
        "tag one",
        "one tag",
        "标题 rust",
        "zzz",
        "\"rust\"",
        "rustacean",
        "中文 -rust",
    ] {
        let (hosted, rounds) = run(&meta, &files, query);
        assert_eq!(hosted, in_memory(&index, query), "query {query:?}");
        assert!(rounds <= 4);
    }
}

#[test]
fn fields_and_blocks_do_not_run_into_each_other() {
    // The title ends with "end", the label is "tag one": "end tag" spans two fields; the body's
    // "index" ends a block (a table cell, a paragraph), "page" starts the next.
    let (meta, files, index) = build(&[("the end", "the index\npage one")]);
    for phrase in ["\"end tag\"", "\"index page\"", "index.page"] {
        assert!(run(&meta, &files, phrase).0.is_empty(), "{phrase}");
        assert!(in_memory(&index, phrase).is_empty(), "{phrase}");
    }
    assert_eq!(
        run(&meta, &files, "end tag").0.len(),
        1,
        "two terms, two fields"
    );
    assert_eq!(run(&meta, &files, "\"page one\"").0.len(), 1);
}

#[test]
fn a_match_overlapping_one_inside_a_word_is_found() {
    // "one two one" is first inside "someone" (no match: it must start a word), and again, as
    // a match, overlapping that place, which the in-memory index once skipped.
    // The Hexo docs' `"Archives </a>"` was such a phrase, in `Archives Archives </a>`.
    let (meta, files, index) = build(&[("someone two one two one", "archives archives a")]);
    for query in [
        "\"one two one\"",
        "one.two.one",
        "\"archives a\"",
        "archives.a",
    ] {
        assert_eq!(run(&meta, &files, query).0.len(), 1, "hosted, {query}");
        assert_eq!(in_memory(&index, query).len(), 1, "in memory, {query}");
    }
}

#[test]
fn a_broken_file_is_named_not_a_panic() {
    let (meta, mut files, _) = build(&library());
    for bytes in files.values_mut() {
        bytes.iter_mut().for_each(|b| *b = 0xff);
    }
    let query = Query::parse("rust");
    let mut outcome = search(&meta, &query, &files);
    // Whatever round it fails in, it fails with a name.
    while let Ok(Some(Outcome::Need(_))) = outcome {
        outcome = Err(Unreadable(String::new()));
    }
    assert!(matches!(outcome, Err(Unreadable(_))), "{outcome:?}");
    let newer = Meta {
        version: VERSION + 1,
        ..meta
    };
    assert!(search(&newer, &query, &files).is_err());
}
