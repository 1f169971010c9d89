//! The hosted index is exact on real blogs: the bundled corpora (Hexo's documentation site in
//! ten languages, Jekyll's release posts) are indexed as `cargo xtask index` indexes them, and
//! phrases taken from anywhere in every article, mostly deep in long ones (CJK runs, Latin
//! words, quoted and not), find that article, and exactly the articles a plain scan of the
//! same texts finds, and exactly what the in-memory index finds.

mod corpus_paths;
mod substring;

use std::collections::{BTreeSet, HashMap};

use articles::catalog::{library_catalog, Catalog, Shard, Summary};
use articles::front_matter::CategoryMode;
use articles::search::fold::is_cjk_letter;
use articles::search::hosted::{search, Meta, Outcome};
use articles::search::{Query, SearchIndex, TermKind};
use articles::{parse, Location, ParseOptions};
use substring::Random;

/// A hosted build of one corpus: what its host serves, and what the answers are checked on.
struct Library {
    /// The catalog's files (`index.json`, shards, search index) by path.
    files: HashMap<String, Vec<u8>>,
    meta: Meta,
    /// Its articles in catalog order, the hosted index's numbering.
    summaries: Vec<Summary>,
    /// Each article's body text as the engine read it, where phrases are taken from.
    bodies: Vec<String>,
    /// Each article's searchable text in canonical form, for the plain scan.
    texts: Vec<String>,
    index: SearchIndex,
}

/// The catalog of the corpus in `folder` (of this crate), read back from its files as the app
/// reads a hosted library, with each article's text as the index was written from it.
fn hosted_build(folder: &str, categories: CategoryMode) -> Library {
    let sources: HashMap<String, Vec<u8>> = corpus_paths::library(folder).into_iter().collect();
    let built = library_catalog(
        sources
            .iter()
            .map(|(path, bytes)| (path.as_str(), bytes.as_slice())),
        categories,
    );
    let files: HashMap<String, Vec<u8>> = built.files.into_iter().collect();
    let json = |name: &str| files.get(name).expect("a file the catalog names");
    let catalog: Catalog = serde_json::from_slice(json("index.json")).expect("a catalog");
    let mut summaries = catalog.articles;
    for shard in &catalog.shards {
        let shard: Shard = serde_json::from_slice(json(shard)).expect("a shard");
        summaries.extend(shard.articles);
    }
    let meta = catalog.search_index.expect("a search index");
    assert_eq!(meta.documents as usize, summaries.len());
    let (mut bodies, mut texts, mut index) = (Vec::new(), Vec::new(), SearchIndex::new());
    for summary in &summaries {
        // Parsed again as the catalog parsed it, for the text its summary does not carry.
        let options = ParseOptions {
            location: Location::of(Some(""), "", &summary.path),
            categories,
            ..ParseOptions::default()
        };
        let article = parse(&summary.path, &sources[&summary.path], &options);
        assert_eq!(&Summary::of(&summary.path, &article), summary);
        let labels = summary.labels();
        let document = summary.document(&labels, &article.text);
        index.add(&document);
        let mut fields = vec![document.title];
        fields.extend(&document.labels);
        fields.extend([document.summary, document.body]);
        texts.push(substring::searchable(&fields));
        bodies.push(article.text);
    }
    Library {
        files,
        meta,
        summaries,
        bodies,
        texts,
        index,
    }
}

/// A hosted search run to the end, fetching what each round names from the built files.
fn hosted(library: &Library, query: &Query) -> BTreeSet<u32> {
    let mut fetched: HashMap<String, Vec<u8>> = HashMap::new();
    for _ in 0..4 {
        match search(&library.meta, query, &fetched).expect("readable") {
            None => return (0..library.meta.documents).collect(),
            Some(Outcome::Found(found)) => return found.iter().map(|f| f.doc).collect(),
            Some(Outcome::Need(names)) => {
                for name in names {
                    let path = format!("{}{name}", library.meta.dir);
                    fetched.insert(name, library.files[&path].clone());
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
            query.terms.iter().all(|term| {
                let whole = matches!(term.kind, TermKind::Word | TermKind::Phrase);
                substring::contains(&library.texts[n as usize], &term.text, whole) != term.excluded
            })
        })
        .collect()
}

/// Where deep in an article's body begins: far past what a search of titles and excerpts (or
/// of the first 2 000 characters, as catalogs once held) could find.
const DEEP: usize = 3_000;

/// Where a phrase starts: past [`DEEP`] in a body that long, three times in four, else
/// anywhere.
fn start(random: &mut Random, len: usize) -> usize {
    if len > DEEP && random.below(4) > 0 {
        DEEP + random.below(len - DEEP)
    } else {
        random.below(len)
    }
}

/// A run of 2 to 8 CJK letters at or after `from`, if any.
fn cjk_run(random: &mut Random, body: &[char], from: usize) -> Option<String> {
    let mut at = from;
    loop {
        at += body.get(at..)?.iter().position(|&c| is_cjk_letter(c))?;
        let run = body[at..].iter().take_while(|&&c| is_cjk_letter(c)).count();
        if run >= 2 {
            let len = (2 + random.below(7)).min(run);
            return Some(body[at..at + len].iter().collect());
        }
        at += run;
    }
}

/// One to four whole words (as spaces or quotes part them, on one line) from the first word
/// after `from`, without the quotes and leading dashes a query reads as syntax.
fn latin_words(random: &mut Random, body: &[char], from: usize) -> Option<String> {
    let mut at = from;
    while at > 0 && body.get(at - 1).is_some_and(|c| !c.is_whitespace()) {
        at += 1;
    }
    let line: String = body.get(at..)?.iter().take_while(|&&c| c != '\n').collect();
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == '"')
        .filter(|word| !word.is_empty())
        .take(1 + random.below(4))
        .map(|word| word.trim_start_matches('-'))
        .collect();
    Some(words.join(" "))
}

/// How many of `set` there are, and the ids of the first few.
fn ids(library: &Library, set: &BTreeSet<u32>) -> String {
    let mut ids: Vec<&str> = set
        .iter()
        .take(5)
        .map(|&n| library.summaries[n as usize].id.as_str())
        .collect();
    if set.len() > ids.len() {
        ids.push("…");
    }
    format!("{} {ids:?}", set.len())
}

/// A search that found other articles than the scan, said with enough to find it again.
fn mismatch(
    library: &Library,
    input: &str,
    what: &str,
    got: &BTreeSet<u32>,
    expected: &BTreeSet<u32>,
) -> String {
    format!(
        "{input:?}: {what} found {}, the scan {}; only {what}: {}; only the scan: {}",
        ids(library, got),
        ids(library, expected),
        ids(library, &got.difference(expected).copied().collect()),
        ids(library, &expected.difference(got).copied().collect()),
    )
}

/// Queries checked, how many were taken past the first 3 000 characters and how many are CJK
/// runs, and what went wrong.
#[derive(Default)]
struct Tally {
    queries: usize,
    deep: usize,
    cjk: usize,
    failures: Vec<String>,
}

/// Checks phrases from each article of `library`: two, and one more per 1 000 characters of
/// a long one's body (up to sixteen), where a deep phrase is more likely to go unfound.
fn check(library: &Library, random: &mut Random, tally: &mut Tally) {
    for (n, body) in (0..).zip(&library.bodies) {
        let body: Vec<char> = body.chars().collect();
        let has_cjk = body.iter().any(|&c| is_cjk_letter(c));
        let per_article = (2 + body.len() / 1_000).min(16);
        let mut checked = 0;
        // A few tries more than needed: a start may be past the last word or CJK run.
        for _ in 0..per_article * 4 {
            if checked == per_article || body.is_empty() {
                break;
            }
            let from = start(random, body.len());
            let cjk = has_cjk && random.below(4) > 0;
            let piece = if cjk {
                cjk_run(random, &body, from)
            } else {
                latin_words(random, &body, from)
            };
            let Some(piece) = piece else { continue };
            let input = if random.below(3) == 0 {
                format!("\"{piece}\"")
            } else {
                piece
            };
            let query = Query::parse(&input);
            if query.is_empty() {
                continue;
            }
            let expected = scanned(library, &query);
            let found = hosted(library, &query);
            let in_memory: BTreeSet<u32> = library
                .index
                .search(&query)
                .map(|f| f.iter().map(|f| f.doc).collect())
                .unwrap_or_default();
            if !found.contains(&n) {
                tally.failures.push(format!(
                    "{input:?}: not found in {}, whence it came; found {}",
                    library.summaries[n as usize].id,
                    ids(library, &found)
                ));
            }
            if found != expected {
                let failure = mismatch(library, &input, "hosted", &found, &expected);
                tally.failures.push(failure);
            }
            if in_memory != expected {
                let failure = mismatch(library, &input, "in memory", &in_memory, &expected);
                tally.failures.push(failure);
            }
            checked += 1;
            tally.queries += 1;
            tally.deep += usize::from(from >= DEEP);
            tally.cjk += usize::from(cjk);
        }
    }
}

#[test]
fn phrases_from_anywhere_in_real_articles_find_them_and_what_a_scan_finds() {
    let hexo = hosted_build("tests/corpora/hexo-site", CategoryMode::Hierarchy);
    // Jekyll reads a YAML list of categories as separate categories (`--separate-categories`).
    let jekyll = hosted_build("tests/corpora/jekyll-posts", CategoryMode::Separate);
    assert_eq!(
        (hexo.summaries.len(), jekyll.summaries.len()),
        (466, 102),
        "the bundled corpora changed"
    );
    let mut random = Random(0x1E57C0DE);
    let mut tally = Tally::default();
    check(&hexo, &mut random, &mut tally);
    check(&jekyll, &mut random, &mut tally);
    eprintln!(
        "{} queries ({} past the first 3 000 characters, {} CJK runs), {} mismatches",
        tally.queries,
        tally.deep,
        tally.cjk,
        tally.failures.len()
    );
    assert!(
        tally.failures.is_empty(),
        "{} of {} queries went wrong:\n{}",
        tally.failures.len(),
        tally.queries,
        tally.failures[..tally.failures.len().min(30)].join("\n")
    );
    assert!(tally.queries >= 1_500, "only {} queries", tally.queries);
    assert!(tally.deep >= 500, "only {} deep queries", tally.deep);
    assert!(tally.cjk >= 300, "only {} CJK runs", tally.cjk);
}
