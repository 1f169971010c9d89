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

/// An article of the test libraries: one label, no summary.
fn document<'a>(id: &'a str, title: &'a str, body: &'a str) -> Document<'a> {
    Document {
        id,
        title,
        labels: vec!["tag one"],
        summary: "",
        body,
    }
}

fn build(articles: &[(&str, &str)]) -> (Meta, HashMap<String, Vec<u8>>, SearchIndex) {
    build_with(Writer::new(), articles)
}

/// [`build`] with a writer of one's own.
fn build_with(
    mut writer: Writer,
    articles: &[(&str, &str)],
) -> (Meta, HashMap<String, Vec<u8>>, SearchIndex) {
    let mut index = SearchIndex::new();
    for (n, (title, body)) in articles.iter().enumerate() {
        let id = n.to_string();
        let document = document(&id, title, body);
        writer.add(&document);
        index.add(&document);
    }
    let (meta, files) = writer.finish();
    (meta, files.into_iter().collect(), index)
}

/// Runs a search to the end, fetching what each round names; the matches and the rounds.
fn run(meta: &Meta, all: &HashMap<String, Vec<u8>>, query: &str) -> (BTreeSet<u32>, usize) {
    let (found, rounds, _) = run_fetching(meta, all, query);
    (found, rounds)
}

/// [`run`], and the files fetched.
fn run_fetching(
    meta: &Meta,
    all: &HashMap<String, Vec<u8>>,
    query: &str,
) -> (BTreeSet<u32>, usize, BTreeSet<String>) {
    let query = Query::parse(query);
    let mut fetched: HashMap<String, Vec<u8>> = HashMap::new();
    for round in 1..=4 {
        let names = || fetched.keys().cloned().collect();
        match search(meta, &query, &fetched).expect("readable") {
            None => return ((0..meta.documents).collect(), round, names()),
            Some(Outcome::Found(found)) => {
                return (found.iter().map(|f| f.doc).collect(), round, names())
            }
            Some(Outcome::Need(names)) => {
                assert!(!names.is_empty());
                // The dictionary's round comes first, alone (the app fetches it before a
                // costly query's pause in the typing).
                assert!(
                    names.iter().all(|name| is_dictionary(name) == (round == 1)),
                    "round {round}: {names:?}"
                );
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
fn words_alone_fetch_no_positions_nor_their_skips() {
    let (meta, files, _) = build(&library());
    let streams = |query: &str| -> BTreeSet<String> {
        let (found, _, fetched) = run_fetching(&meta, &files, query);
        assert!(!found.is_empty(), "{query}");
        fetched
            .iter()
            .filter_map(|name| name.strip_prefix("search/")?.split('-').next())
            .map(str::to_owned)
            .collect()
    };
    let set = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<BTreeSet<_>>();
    for words in ["rust", "quick fox", "中文", "学"] {
        assert_eq!(streams(words), set(&["postings", "terms"]), "{words}");
    }
    // Their terms are in a few articles each, one block of positions: no skips either.
    for phrase in ["\"quick brown\"", "学习中文", "node.js"] {
        assert_eq!(
            streams(phrase),
            set(&["positions", "postings", "terms"]),
            "{phrase}"
        );
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

/// Articles enough for several dictionary shards and stream files: words from a vocabulary of
/// thousands, Chinese letters, in every length.
fn generated(count: usize) -> Vec<(String, String)> {
    let mut seed = 11_u32;
    let mut next = move |n: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed % n
    };
    let syllables = [
        "ka", "lo", "mi", "ren", "sta", "ber", "pol", "tur", "vin", "qua",
    ];
    let word = |next: &mut dyn FnMut(u32) -> u32| {
        let n = 1 + next(4);
        (0..n)
            .map(|_| syllables[next(10) as usize])
            .collect::<String>()
    };
    (0..count)
        .map(|_| {
            let title = word(&mut next);
            let mut body = String::new();
            for _ in 0..next(300) {
                if next(5) == 0 {
                    body.extend(
                        (0..1 + next(6)).filter_map(|_| char::from_u32(0x4e00 + next(300))),
                    );
                } else {
                    body.push_str(&word(&mut next));
                }
                body.push(' ');
            }
            (title, body)
        })
        .collect()
}

/// `generated` articles as `build` takes them.
fn borrowed(articles: &[(String, String)]) -> Vec<(&str, &str)> {
    articles
        .iter()
        .map(|(title, body)| (title.as_str(), body.as_str()))
        .collect()
}

#[test]
fn a_spilling_writer_writes_the_same_bytes_as_one_in_memory() {
    let articles = generated(600);
    let documents = articles
        .iter()
        .enumerate()
        .map(|(n, (title, body))| (n.to_string(), title, body));
    // Common words decided after many runs went to disk: the sample's pairs come late.
    let mut whole = Writer::sampling(100);
    let dir = std::env::temp_dir().join(format!("lectern-spill-test-{}", std::process::id()));
    // A budget of a few kilobytes: a run every few articles, terms split over many runs.
    let mut spilling = SpillingWriter::sampling(&dir, 16 * 1024, 100);
    for (id, title, body) in documents {
        let document = document(&id, title, body);
        whole.add(&document);
        spilling.add(&document);
    }
    assert!(spilling.runs() > 20, "{} runs", spilling.runs());
    let (meta, files) = whole.finish();
    let mut streamed = Vec::new();
    let streamed_meta = spilling
        .finish_into(|name, bytes| {
            streamed.push((name, bytes));
            Ok(())
        })
        .expect("runs written and read back");
    assert!(
        meta.terms.len() > 1 && meta.postings > 1 && meta.skips > 0 && meta.positions > 1,
        "{meta:?}"
    );
    assert_eq!(streamed_meta, meta);
    assert_eq!(streamed.len(), files.len());
    for ((name, bytes), (same_name, same_bytes)) in streamed.iter().zip(&files) {
        assert_eq!(name, same_name);
        assert!(bytes == same_bytes, "{name} differs");
    }
    assert!(!dir.exists(), "the runs are removed");
}

#[test]
fn a_short_prefix_is_answered_by_an_entry_of_its_own() {
    let articles = generated(600);
    let (meta, files, index) = build(&borrowed(&articles));
    let postings_files = |fetched: &BTreeSet<String>| {
        fetched
            .iter()
            .filter(|name| name.starts_with("search/postings-"))
            .count()
    };
    for query in [
        "k", "ka", "kal", "st", "sta", "q", "kalo", "mi ka", "ka -lo", "\"ka\"",
    ] {
        let (found, _, _) = run_fetching(&meta, &files, query);
        assert_eq!(found, in_memory(&index, query), "query {query:?}");
    }
    // "k" begins hundreds of words ("ka…") of the many files of postings; its own entry is
    // one article number and one score byte per article, at most two files.
    assert!(meta.postings > 4, "{meta:?}");
    let (_, _, fetched) = run_fetching(&meta, &files, "k");
    assert!(postings_files(&fetched) <= 2, "{fetched:?}");
}

/// Two or more words one space apart in the generated library's bodies, quoted.
fn phrases(articles: &[(String, String)], words: usize) -> Vec<String> {
    articles
        .iter()
        .step_by(7)
        .filter_map(|(_, body)| {
            let tokens: Vec<&str> = body.split(' ').collect();
            let at = tokens.len() / 2;
            let phrase = tokens.get(at..at + words)?;
            phrase
                .iter()
                .all(|word| word.chars().all(|c| c.is_ascii_lowercase()) && !word.is_empty())
                .then(|| format!("\"{}\"", phrase.join(" ")))
        })
        .collect()
}

#[test]
fn a_phrase_of_common_words_is_read_on_their_pairs() {
    let articles = generated(600);
    let (meta, files, index) = build_with(Writer::sampling(200), &borrowed(&articles));
    let streams = |fetched: &BTreeSet<String>, stream: &str| {
        fetched
            .iter()
            .filter(|name| name.starts_with(&format!("search/{stream}-")))
            .count()
    };
    let (mut pairs, mut found) = (0, 0);
    for phrase in phrases(&articles, 2) {
        let (hosted, _, fetched) = run_fetching(&meta, &files, &phrase);
        assert_eq!(hosted, in_memory(&index, &phrase), "{phrase}");
        found += usize::from(!hosted.is_empty());
        // Two common words: the pair's postings are the answer, no positions needed.
        if streams(&fetched, "positions") == 0 {
            pairs += 1;
            assert_eq!(streams(&fetched, "skips"), 0, "{phrase}");
        }
    }
    assert!(
        found > 30 && pairs > 30,
        "{found} found, {pairs} on pairs alone"
    );
    // Longer phrases on chains of pairs, a word swapped (never side by side), an open end.
    for phrase in phrases(&articles, 3).iter().chain(&phrases(&articles, 4)) {
        let swapped = phrase
            .replace('"', "")
            .split(' ')
            .rev()
            .collect::<Vec<_>>()
            .join(" ");
        let open = phrase.trim_end_matches('"').replace('"', "");
        for query in [phrase.clone(), format!("\"{swapped}\""), open] {
            let (hosted, _, _) = run_fetching(&meta, &files, &query);
            assert_eq!(hosted, in_memory(&index, &query), "{query}");
        }
    }
    // A pair is no word of its own: a prefix finds words only.
    let word = phrases(&articles, 2)
        .first()
        .and_then(|p| p.trim_matches('"').split(' ').next().map(str::to_owned))
        .unwrap_or_default();
    for query in [word.clone(), format!("{word} x"), format!("x {word}")] {
        assert_eq!(
            run(&meta, &files, &query).0,
            in_memory(&index, &query),
            "{query}"
        );
    }
}

#[test]
fn a_typed_prefix_reads_no_shard_of_pairs() {
    // "aa" is common and beside 6 000 other words: its pairs fill dictionary shards, which
    // come before every word's.
    let body: Vec<String> = (0..6000).map(|n| format!("aa w{n:04}")).collect();
    let body = body.join(" ");
    let (meta, files, index) = build_with(
        Writer::sampling(1),
        &[("", body.as_str()), ("abc", "w0001 abc")],
    );
    // Shards of pairs alone: the next one begins with a pair too.
    let pairs_only: Vec<String> = (1..meta.terms.len())
        .filter(|&n| meta.terms[n].starts_with(PAIR_MARK))
        .map(|n| terms_file(n - 1))
        .collect();
    assert!(pairs_only.len() >= 2, "{:?}", meta.terms);
    // A term of several tokens reads its last one as every word it begins ("a", "aa", "abc").
    for query in ["w0001.a", "w0001.aa", "\"aa w0001\"", "\"w0001 aa\""] {
        let (found, _, fetched) = run_fetching(&meta, &files, query);
        assert_eq!(found, in_memory(&index, query), "{query}");
        if !query.starts_with('"') {
            assert!(
                pairs_only.iter().all(|n| !fetched.contains(n)),
                "{query}: {fetched:?}"
            );
        }
    }
}

#[test]
fn a_common_token_of_a_phrase_is_read_by_its_numbers_and_its_candidates_blocks() {
    // 12 000 articles, "一個" in one of ten (more than NUMBERS_APART, fewer than a bitmap's
    // one in eight), "一個认配" in a few, "個认配" without "一" before it in others.
    let bodies: Vec<String> = (0..12_000)
        .map(|n| match n {
            n if n % 997 == 0 => format!("文章{n}说一個认配的事"),
            n if n % 991 == 0 => format!("文章{n}只有個认配"),
            n if n % 10 == 0 => format!("文章{n}是一個例子"),
            n => format!("文章{n} plain words"),
        })
        .collect();
    let articles: Vec<(&str, &str)> = bodies.iter().map(|b| ("", b.as_str())).collect();
    let (meta, files, index) = build(&articles);
    // Terms apart too: the rarest ranks, the others narrow by their numbers (an excluded one
    // always).
    let queries = [
        "一個认配",
        "個认配",
        "一個认",
        "\"一個 认配\"",
        "一個 认配",
        "文章 一個",
        "一個 -认配",
        "-一個 认配",
        "plain 一個",
        "plain words",
    ];
    for query in queries {
        let (hosted, _, _) = run_fetching(&meta, &files, query);
        assert_eq!(hosted, in_memory(&index, query), "{query}");
    }
    let (found, _, fetched) = run_fetching(&meta, &files, "一個认配");
    assert_eq!(found.len(), 13);
    // Its blocks of positions are found by skips; "一個"'s 1 210 articles have their numbers
    // apart from their scores, which the phrase reads alone.
    assert!(fetched.iter().any(|name| name.starts_with("search/skips-")));
    let entry = meta
        .terms
        .iter()
        .enumerate()
        .filter_map(|(n, _)| files.get(&terms_file(n)))
        .filter_map(|shard| super::decode::read_shard(shard, meta.documents))
        .flatten()
        .find(|(key, _)| key == "一個")
        .map(|(_, entry)| entry)
        .expect("一個 in the dictionary");
    assert!(entry.count > NUMBERS_APART && !dense(entry.count, meta.documents));
    let numbers = entry.numbers.clone().expect("its numbers apart");
    assert_eq!(numbers.start, entry.postings.start);
    let scores = entry.postings.len() - numbers.len();
    assert_eq!(scores, entry.count as usize, "a score byte each");
}
