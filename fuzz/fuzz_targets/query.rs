//! `Query::parse` and the search index on arbitrary UTF-8: what the reader types into the
//! search box is parsed and run on every keystroke, so any string (unbalanced quotes, lone
//! `-`, combining marks, full-width and CJK text, characters whose folding changes their byte
//! length) must give a result without panicking or hanging.
//!
//! The input is parsed as a query and searched in a small index built once from Chinese,
//! Japanese and English articles (parsed from inline Markdown with `articles::parse`, indexed
//! as the app does: title, labels, excerpt, text). The hits are then highlighted in each
//! article's title and text (`highlight::marked`, `highlight::snippet`), which slice the
//! original text by byte offsets mapped back from the folded text. Checked: no panic; every
//! result is a live document, listed once, best score first.
#![no_main]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use articles::search::highlight::{hits, marked, snippet};
use articles::search::{Document, Query, SearchIndex};
use articles::{parse, Article, ParseOptions};
use libfuzzer_sys::fuzz_target;

const ARTICLES: &[&str] = &[
    "---\ntitle: 脱贫攻坚的新进展\ntags: [经济, 新闻]\ncategories: [金融, 新浪财经]\nauthor: 张三\n---\n\n# 脱贫攻坚\n\n今年农村居民人均可支配收入增长了百分之八。金融机构加大了对贫困地区的信贷投放。\n\n<!-- more -->\n\n记者从国务院扶贫办获悉，全国已有九成以上贫困人口脱贫。",
    "---\ntitle: Hello World\ndate: 2021-09-30\ntags:\n  - rust\n  - wasm\n---\n\nWelcome to **Lectern**, a light engine for reading articles. The lighting engines of\nold browsers were slow; `wasm` is not.\n\n## Getting started\n\nRun `cargo build` and open [the docs](https://hexo.io/docs/).",
    "+++\ntitle = \"Ｆｕｌｌ－ｗｉｄｔｈ ＲＵＳＴ and Straße\"\ntags = [\"unicode\", \"ﬁ ligature\"]\n+++\n\nCafé, naïve, İstanbul, ǅemal, ß and ẞ fold differently: ﬃ → ffi, Ⅻ → xii.\n\nC++ and C# are languages; so is F#. 10% of 100 is 10.",
    "---\ntitle: 日本語の記事\ntags: [日本語, テスト]\n---\n\n吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。\n\nカタカナとひらがな、そして漢字。한국어 문장도 있습니다.",
    "{\n  \"title\": \"Mixed 中英 text\",\n  \"tags\": [\"混合\", \"mixed\"]\n}\n\n中文English混排，数字123和符号——破折号。\"Quoted phrase\" and -dash -- double.\n\n| 表 | table |\n|---|---|\n| 一 | one |",
    "No front matter at all, only text with combining marks: e\u{301} a\u{308} o\u{302}, and\nemoji 👩‍👩‍👧 and a zero width joiner.",
];

struct Corpus {
    articles: Vec<Article>,
    index: SearchIndex,
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

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let articles: Vec<Article> = ARTICLES
            .iter()
            .enumerate()
            .map(|(n, text)| {
                parse(
                    &format!("{n}.md"),
                    text.as_bytes(),
                    &ParseOptions::default(),
                )
            })
            .collect();
        let mut index = SearchIndex::new();
        for (n, article) in articles.iter().enumerate() {
            let labels = labels(article);
            index.add(&Document {
                id: &n.to_string(),
                title: &article.title,
                labels: labels.iter().map(String::as_str).collect(),
                summary: &article.excerpt,
                body: &article.text,
            });
        }
        // A replaced document leaves a dead entry behind, which searches must skip.
        let first = &articles[0];
        index.add(&Document {
            id: "0",
            title: &first.title,
            labels: Vec::new(),
            summary: &first.excerpt,
            body: &first.text,
        });
        Corpus { articles, index }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let corpus = corpus();
    let query = Query::parse(input);
    if let Some(found) = corpus.index.search(&query) {
        let mut seen = BTreeSet::new();
        // In index order: the app orders them as its list needs.
        for pair in found.windows(2) {
            assert!(
                pair[0].doc < pair[1].doc,
                "results out of index order: {found:?}"
            );
        }
        for hit in &found {
            assert!(hit.score > 0, "a result without a score: {hit:?}");
            assert!(seen.insert(hit.doc), "a document listed twice: {found:?}");
            let id = corpus.index.id(hit.doc);
            assert_eq!(
                corpus.index.doc(id),
                Some(hit.doc),
                "a replaced document was found"
            );
        }
    }
    for article in &corpus.articles {
        let _ = marked(&article.title, &query);
        let _ = snippet(&article.text, &query, 80);
        for range in hits(&article.text, &query) {
            assert!(
                article.text.get(range.clone()).is_some(),
                "a hit off a char boundary: {range:?}"
            );
        }
    }
    // The input itself as a text to highlight in, with its own query.
    let _ = snippet(input, &query, 16);
});
