//! The hosted index is exact: over a generated library in Chinese, Japanese, English and mixed
//! text, hundreds of random queries of every length (pieces of the articles themselves, some
//! across the boundary of two fields, some quoted, combined or excluded) find exactly the
//! articles a plain scan finds, and exactly what the in-memory index finds.

mod substring;

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use articles::search::hosted::{search, Meta, Outcome, Writer};
use articles::search::{Document, Query, SearchIndex, TermKind};
use substring::Random;

/// One of `from`, at random.
fn pick<'a>(random: &mut Random, from: &[&'a str]) -> &'a str {
    from[random.below(from.len())]
}

const ENGLISH: &[&str] = &[
    "the",
    "reader",
    "library",
    "static",
    "engine",
    "node.js",
    "C++",
    "quiet",
    "render",
    "Rust",
    "wasm",
    "café",
    "über",
    "article",
    "articles",
    "search",
    "searching",
    "index",
    "fox",
    "ＦＵＬＬ",
    "mid-word",
    "e-mail",
    "2024",
    "v1.2",
    "naïve",
    "x",
];
const SEPARATORS: &[&str] = &[" ", " ", " ", ", ", ". ", " — ", "\n", "、", "；", "!"];

/// A run of letters from a small range, so runs repeat across articles.
fn letters(random: &mut Random, first: u32, span: usize, len: usize) -> String {
    (0..len)
        .filter_map(|_| char::from_u32(first + random.below(span) as u32))
        .collect()
}

fn text(random: &mut Random, language: usize, words: usize) -> String {
    let mut out = String::new();
    for _ in 0..words {
        let language = if language == 3 {
            random.below(3)
        } else {
            language
        };
        match language {
            0 => {
                let len = 1 + random.below(4);
                out.push_str(&letters(random, 0x4E00, 40, len));
            }
            1 => {
                let (kana, more) = (1 + random.below(3), random.below(3));
                out.push_str(&letters(random, 0x3041, 30, kana));
                out.push_str(&letters(random, 0x30A1, 20, more));
            }
            _ => out.push_str(pick(random, ENGLISH)),
        }
        out.push_str(pick(random, SEPARATORS));
    }
    out
}

struct Library {
    meta: Meta,
    files: HashMap<String, Vec<u8>>,
    index: SearchIndex,
    /// Each article's searchable text, for the plain scan.
    texts: Vec<String>,
}

fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(generate)
}

fn generate() -> Library {
    let mut random = Random(0x4057ED);
    let mut writer = Writer::new();
    let mut index = SearchIndex::new();
    let mut texts = Vec::new();
    for n in 0..1_500 {
        let language = random.below(4);
        let words = 1 + random.below(4);
        let title = text(&mut random, language, words);
        let labels = [text(&mut random, language, 1), text(&mut random, 2, 1)];
        let words = random.below(6);
        let summary = text(&mut random, language, words);
        let words = 10 + random.below(150);
        let body = text(&mut random, language, words);
        let document = Document {
            id: &n.to_string(),
            title: &title,
            labels: labels.iter().map(String::as_str).collect(),
            summary: &summary,
            body: &body,
        };
        writer.add(&document);
        index.add(&document);
        let mut fields = vec![title.as_str()];
        fields.extend(labels.iter().map(String::as_str));
        fields.extend([summary.as_str(), body.as_str()]);
        texts.push(substring::searchable(&fields));
    }
    let (meta, files) = writer.finish();
    Library {
        meta,
        files: files.into_iter().collect(),
        index,
        texts,
    }
}

/// A hosted search run to the end; the matches, and how many files it fetched.
fn hosted(library: &Library, query: &Query) -> (BTreeSet<u32>, usize) {
    let mut fetched: HashMap<String, Vec<u8>> = HashMap::new();
    for _ in 0..4 {
        match search(&library.meta, query, &fetched).expect("readable") {
            None => return ((0..library.meta.documents).collect(), fetched.len()),
            Some(Outcome::Found(found)) => {
                return (found.iter().map(|f| f.doc).collect(), fetched.len())
            }
            Some(Outcome::Need(names)) => {
                for name in names {
                    fetched.insert(name.clone(), library.files[&name].clone());
                }
            }
        }
    }
    panic!("{query:?} took more than four rounds");
}

/// The plain scan's answer: articles with every included term and no excluded one.
fn scanned(library: &Library, query: &Query) -> BTreeSet<u32> {
    (0..library.texts.len() as u32)
        .filter(|&n| {
            let text = &library.texts[n as usize];
            query.terms.iter().all(|term| {
                let whole = matches!(term.kind, TermKind::Word | TermKind::Phrase);
                substring::contains(text, &term.text, whole) != term.excluded
            })
        })
        .collect()
}

/// A piece of a random article's text, a field boundary read as a space.
fn piece(random: &mut Random, library: &Library) -> String {
    let text: Vec<char> = library.texts[random.below(library.texts.len())]
        .chars()
        .collect();
    let start = random.below(text.len());
    let len = 1 + random.below(14);
    text.iter()
        .skip(start)
        .take(len)
        .map(|&c| if c == '\n' { ' ' } else { c })
        .collect::<String>()
        .replace('"', "")
}

#[test]
fn random_queries_find_what_a_plain_scan_finds() {
    let library = library();
    let mut random = Random(0x9E3779B9);
    let (mut checked, mut nonempty, mut crossing) = (0, 0, 0);
    while checked < 800 {
        let first = piece(&mut random, library);
        let input = match random.below(8) {
            0 | 1 => format!("\"{first}\""),
            2 => format!("{first} {}", piece(&mut random, library)),
            3 => format!("{first} -{}", piece(&mut random, library)),
            _ => first.clone(),
        };
        let query = Query::parse(&input);
        if query.is_empty() {
            continue;
        }
        let expected = scanned(library, &query);
        let (found, _) = hosted(library, &query);
        assert_eq!(found, expected, "hosted, query {input:?}");
        let in_memory: BTreeSet<u32> = library
            .index
            .search(&query)
            .map(|f| f.iter().map(|f| f.doc).collect())
            .unwrap_or_default();
        assert_eq!(in_memory, expected, "in memory, query {input:?}");
        checked += 1;
        nonempty += usize::from(!expected.is_empty());
        crossing += usize::from(first.contains(' ') && expected.is_empty());
    }
    // The pieces come from the articles: most queries find something.
    assert!(nonempty > 400, "{nonempty} of {checked} found something");
    assert!(
        crossing > 0,
        "some queries span two fields and find nothing"
    );
}

#[test]
fn a_query_fetches_a_small_part_of_the_index() {
    let library = library();
    let total = library.files.len();
    for input in ["reader", "\"quiet fox\"", "一丁", "ぁあ search"] {
        let (_, fetched) = hosted(library, &Query::parse(input));
        assert!(
            fetched * 4 < total,
            "{input:?} fetched {fetched} of {total} files"
        );
    }
}
