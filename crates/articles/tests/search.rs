//! Search over the real corpora (Hexo's documentation in ten languages, Jekyll's posts): every
//! query gives exactly the articles a plain substring or word search over the folded text gives,
//! for thousands of random Chinese, Japanese and Latin pieces of the articles themselves.

mod corpus_paths;
mod substring;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use articles::search::fold::{canonical, is_cjk_letter};
use articles::search::{Document, Query, SearchIndex};
use articles::{parse, Article, ParseOptions};
use substring::Random;

/// The corpora's articles and, for each, its searchable text (the independent answer's).
fn corpus() -> &'static (Vec<Article>, Vec<String>) {
    static CORPUS: OnceLock<(Vec<Article>, Vec<String>)> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let paths = corpus_paths::all();
        let articles: Vec<Article> = paths
            .iter()
            .map(|p| {
                let bytes = std::fs::read(p).expect("readable");
                parse(&p.display().to_string(), &bytes, &ParseOptions::default())
            })
            .collect();
        let texts = articles
            .iter()
            .map(|a| {
                let labels = labels(a);
                let mut fields = vec![a.title.as_str()];
                fields.extend(labels.iter().map(String::as_str));
                fields.extend([a.excerpt.as_str(), a.text.as_str()]);
                substring::searchable(&fields)
            })
            .collect();
        (articles, texts)
    })
}

fn labels(article: &Article) -> Vec<String> {
    article
        .meta
        .authors
        .iter()
        .chain(&article.meta.tags)
        .cloned()
        .chain(article.meta.categories.iter().map(|path| path.join("/")))
        .collect()
}

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = SearchIndex::new();
        for (n, article) in corpus().0.iter().enumerate() {
            let labels = labels(article);
            index.add(&Document {
                id: &n.to_string(),
                title: &article.title,
                labels: labels.iter().map(String::as_str).collect(),
                summary: &article.excerpt,
                body: &article.text,
            });
        }
        index
    })
}

fn found(query: &str) -> BTreeSet<usize> {
    index()
        .search(&Query::parse(query))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| index().id(f.doc).parse().ok())
        .collect()
}

#[test]
fn any_run_of_chinese_or_japanese_finds_exactly_the_articles_containing_it() {
    let (_, texts) = corpus();
    let mut random = Random(0x5EED);
    let mut checked = 0;
    while checked < 3_000 {
        let text: Vec<char> = texts[random.below(texts.len())].chars().collect();
        let start = random.below(text.len().max(1));
        let len = 1 + random.below(6);
        let piece: String = text.iter().skip(start).take(len).collect();
        if piece.chars().count() < len || !piece.chars().all(is_cjk_letter) {
            continue;
        }
        let expected: BTreeSet<usize> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| t.contains(&piece))
            .map(|(n, _)| n)
            .collect();
        assert_eq!(found(&piece), expected, "query {piece:?}");
        checked += 1;
    }
}

#[test]
fn latin_words_match_by_prefix_as_typed() {
    let (_, texts) = corpus();
    let mut random = Random(0xC0FFEE);
    let mut checked = 0;
    while checked < 500 {
        let text = &texts[random.below(texts.len())];
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric() || is_cjk_letter(c))
            .filter(|w| w.len() >= 3 && w.is_ascii())
            .collect();
        if words.is_empty() {
            continue;
        }
        let word = words[random.below(words.len())];
        let prefix = &word[..2 + random.below(word.len() - 1)];
        let expected: BTreeSet<usize> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                t.split(|c: char| !c.is_alphanumeric() || is_cjk_letter(c))
                    .any(|w| w.starts_with(prefix))
            })
            .map(|(n, _)| n)
            .collect();
        assert_eq!(found(prefix), expected, "query {prefix:?}");
        checked += 1;
    }
}

#[test]
fn quoted_phrases_find_exactly_the_articles_with_those_whole_words_in_a_row() {
    let (_, texts) = corpus();
    let whole = |text: &str, phrase: &str| substring::contains(text, phrase, true);
    let mut random = Random(0xFACE);
    let mut checked = 0;
    while checked < 300 {
        let text = &texts[random.below(texts.len())];
        let words: Vec<&str> = text.split(' ').collect();
        let at = random.below(words.len().max(2) - 1);
        let (Some(a), Some(b)) = (words.get(at), words.get(at + 1)) else {
            continue;
        };
        if a.is_empty()
            || b.is_empty()
            || !a
                .chars()
                .chain(b.chars())
                .all(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        let phrase = format!("{a} {b}");
        let expected: BTreeSet<usize> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| whole(t, &phrase))
            .map(|(n, _)| n)
            .collect();
        assert_eq!(
            found(&format!("\"{phrase}\"")),
            expected,
            "phrase {phrase:?}"
        );
        checked += 1;
    }
}

#[test]
fn terms_combine_phrases_hold_together_and_exclusions_exclude() {
    let (_, texts) = corpus();
    let has = |n: &usize, piece: &str| texts[*n].contains(piece);
    let both = found("部署 hexo");
    assert!(!both.is_empty());
    assert!(both.iter().all(|n| has(n, "部署") && has(n, "hexo")));
    let without = found("部署 -hexo");
    assert!(without.iter().all(|n| has(n, "部署") && !has(n, "hexo")));
    assert_eq!(
        found("部署").len(),
        both.len() + without.len(),
        "every article with 部署 is in one of the two"
    );
    let phrase = found("\"hexo new\"");
    assert!(!phrase.is_empty());
    assert!(phrase.iter().all(|n| has(n, "hexo new")));
    assert!(
        phrase.len() < found("hexo new").len(),
        "a phrase is stricter than its words"
    );
}

#[test]
fn title_hits_rank_above_body_hits() {
    let mut index = SearchIndex::new();
    for (id, title, body) in [
        ("body", "Other", "deploy deploy deploy deploy"),
        ("title", "Deploy", "nothing here"),
        ("tag", "Third", "unrelated"),
    ] {
        let labels = if id == "tag" {
            vec!["deployment"]
        } else {
            vec![]
        };
        index.add(&Document {
            id,
            title,
            labels,
            summary: "",
            body,
        });
    }
    let mut found = index.search(&Query::parse("deploy")).unwrap_or_default();
    found.sort_by_key(|f| std::cmp::Reverse(f.score));
    let order: Vec<&str> = found.iter().map(|f| index.id(f.doc)).collect();
    assert_eq!(order, ["title", "tag", "body"]);
}

#[test]
fn an_article_added_again_replaces_itself_and_a_removed_one_is_gone() {
    let mut index = SearchIndex::new();
    let doc = |body| Document {
        id: "a",
        title: "T",
        labels: vec![],
        summary: "",
        body,
    };
    index.add(&doc("旧的内容"));
    index.add(&doc("新的内容"));
    assert_eq!(index.len(), 1);
    assert!(index
        .search(&Query::parse("旧的"))
        .unwrap_or_default()
        .is_empty());
    assert_eq!(
        index
            .search(&Query::parse("新的"))
            .unwrap_or_default()
            .len(),
        1
    );
    index.remove("a");
    assert!(index
        .search(&Query::parse("新的"))
        .unwrap_or_default()
        .is_empty());
    assert_eq!(
        index.search(&Query::parse("")),
        None,
        "an empty query filters nothing"
    );
}

#[test]
fn articles_listed_first_and_indexed_later_are_found_as_if_added_at_once() {
    let articles = &corpus().0;
    let mut later = SearchIndex::new();
    let docs: Vec<_> = (0..articles.len())
        .map(|n| later.reserve(&n.to_string()))
        .collect();
    assert_eq!(
        later.len(),
        articles.len(),
        "every article is numbered at once"
    );
    assert_eq!(later.waiting(), articles.len());
    // One removed and one replaced while they wait; the rest indexed in order.
    later.remove("0");
    let replaced = later.reserve("1");
    assert_eq!(later.next_waiting(), Some(docs[0]));
    for _ in 0..2 {
        assert_eq!(later.search(&Query::parse("hexo")).unwrap_or_default(), []);
        let document = document_of(later.next_waiting().unwrap_or_default(), &later);
        later.fill_next(
            document
                .as_ref()
                .map(|(n, labels)| doc_for(*n, labels))
                .as_ref(),
        );
    }
    while let Some(doc) = later.next_waiting() {
        let document = document_of(doc, &later);
        later.fill_next(
            document
                .as_ref()
                .map(|(n, labels)| doc_for(*n, labels))
                .as_ref(),
        );
    }
    assert_eq!(later.waiting(), 0);
    assert_eq!(later.doc("1"), Some(replaced));
    finds_all_but(&later, 0);
}

#[test]
fn articles_indexed_ahead_of_their_listing_are_found_once_listed_as_if_added_then() {
    let articles = &corpus().0;
    let ids: Vec<String> = (0..articles.len()).map(|n| n.to_string()).collect();
    let labels: Vec<Vec<String>> = articles.iter().map(labels).collect();
    let mut index = SearchIndex::new();
    // Two files of one id in a drop: the last one wins, as when listed.
    assert!(index.index_ahead(&Document {
        id: &ids[2],
        ..doc_for(3, &labels[3])
    }));
    for n in 0..articles.len() {
        let arrived = Document {
            id: &ids[n],
            ..doc_for(n, &labels[n])
        };
        assert!(index.index_ahead(&arrived));
    }
    let docs: Vec<_> = ids.iter().map(|id| index.doc(id)).collect();
    // Article 5 is never listed (its import was cancelled): let go.
    index.forget_ahead(["5"]);
    for (n, id) in ids.iter().enumerate().filter(|&(n, _)| n != 5) {
        assert_eq!(
            Some(index.reserve(id)),
            docs[n],
            "listing keeps the document"
        );
    }
    assert_eq!(index.waiting(), 0, "nothing listed waits for its text");
    index.forget_ahead(ids.iter().map(String::as_str));
    assert_eq!(index.len(), articles.len() - 1, "listed articles stay");
    finds_all_but(&index, 5);
}

#[test]
fn nothing_is_indexed_ahead_of_a_listed_article_or_of_text_still_waiting() {
    let labels = labels(&corpus().0[0]);
    let mut index = SearchIndex::new();
    let listed = index.add(&Document {
        id: "listed",
        ..doc_for(0, &labels)
    });
    let new_version = Document {
        id: "listed",
        ..doc_for(1, &labels)
    };
    assert!(
        !index.index_ahead(&new_version),
        "the listed version stays found until the new one is listed"
    );
    assert_eq!(index.doc("listed"), Some(listed));
    index.reserve("waiting");
    let arriving = Document {
        id: "arriving",
        ..doc_for(1, &labels)
    };
    assert!(
        !index.index_ahead(&arriving),
        "postings stay in document order"
    );
    assert_eq!(index.doc("arriving"), None);
}

/// Asserts that `index`, built in some other way, gives the same answers as the index of the
/// whole corpus, but for the article `gone`.
fn finds_all_but(index: &SearchIndex, gone: usize) {
    for query in ["hexo", "部署", "\"static site\"", "テーマ", "jekyll -hexo"] {
        let found: BTreeSet<usize> = index
            .search(&Query::parse(query))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| index.id(f.doc).parse().ok())
            .collect();
        let mut expected = self::found(query);
        expected.remove(&gone);
        assert_eq!(found, expected, "{query}");
    }
}

/// The article number and labels of a waiting document, unless it was removed.
fn document_of(doc: u32, index: &SearchIndex) -> Option<(usize, Vec<String>)> {
    let n: usize = index.id(doc).parse().ok()?;
    (index.doc(&n.to_string()) == Some(doc)).then(|| (n, labels(&corpus().0[n])))
}

/// The corpus article `n` as search sees it, to fill the document reserved for it (whose id it
/// already has).
fn doc_for(n: usize, labels: &[String]) -> Document<'_> {
    let article = &corpus().0[n];
    Document {
        id: "",
        title: &article.title,
        labels: labels.iter().map(String::as_str).collect(),
        summary: &article.excerpt,
        body: &article.text,
    }
}

/// A generated library of 10 000 short articles in mixed Chinese and English, folded as the
/// independent answer sees them.
fn generated() -> &'static (SearchIndex, Vec<String>) {
    static GENERATED: OnceLock<(SearchIndex, Vec<String>)> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let mut random = Random(0xABCDEF);
        let latin = [
            "rust", "reading", "library", "engine", "quiet", "static", "render", "wasm",
        ];
        let mut index = SearchIndex::new();
        let mut texts = Vec::new();
        for n in 0..10_000 {
            let mut body = String::new();
            for _ in 0..20 {
                if random.below(2) == 0 {
                    // Ideographs from a small range, so runs repeat across articles.
                    for _ in 0..4 {
                        body.push(char::from_u32(0x4E00 + random.below(60) as u32).unwrap_or('中'));
                    }
                } else {
                    body.push_str(latin[random.below(latin.len())]);
                    body.push_str(&random.below(100).to_string());
                }
                body.push(' ');
            }
            index.add(&Document {
                id: &n.to_string(),
                title: "",
                labels: vec![],
                summary: "",
                body: &body,
            });
            texts.push(canonical(&body));
        }
        (index, texts)
    })
}

#[test]
fn a_generated_library_of_ten_thousand_gives_the_naive_answer() {
    let (index, texts) = generated();
    let mut random = Random(0x10000);
    for _ in 0..200 {
        let text: Vec<char> = texts[random.below(texts.len())].chars().collect();
        let start = random.below(text.len());
        let piece: String = text.iter().skip(start).take(1 + random.below(4)).collect();
        let piece = piece.trim();
        if piece.is_empty() || piece.contains(' ') {
            continue;
        }
        let query = Query::parse(piece);
        let found: BTreeSet<usize> = index
            .search(&query)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| index.id(f.doc).parse().ok())
            .collect();
        let latin = piece.chars().all(|c| c.is_ascii_alphanumeric());
        let expected: BTreeSet<usize> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                // A Latin term is a word prefix; others start at a word start, if with a word.
                if latin {
                    t.split(|c: char| !c.is_ascii_alphanumeric())
                        .any(|w| w.starts_with(piece))
                } else {
                    substring::contains(t, piece, false)
                }
            })
            .map(|(n, _)| n)
            .collect();
        assert_eq!(found, expected, "query {piece:?}");
    }
}
