//! Facet counts over the real corpora, checked against an independent brute-force count: for
//! every facet and value, the count shown equals the number of articles that ticking that value
//! (and keeping the other facets' selections) would list.

mod corpus_paths;

use articles::facets::{count, Counts, FacetTable, Facts, Filters, Month, NONE};
use articles::{parse, Article, ParseOptions};

fn corpus() -> Vec<(Article, &'static str)> {
    let paths = corpus_paths::all();
    paths
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let bytes = std::fs::read(p).expect("readable");
            // Named as in a library: its path below the tests' folder (`corpora/hexo-site/…`).
            let tests = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/");
            let name = p.strip_prefix(tests).unwrap_or(p).display().to_string();
            let article = parse(&name, &bytes, &ParseOptions::default());
            // Alternate sources, as a mixed library of hosted and dropped articles has.
            (article, if n % 3 == 0 { "dropped" } else { "hosted" })
        })
        .collect()
}

fn month(article: &Article) -> Option<Month> {
    article.meta.date.as_ref().map(|d| (d.year, d.month))
}

fn facts<'a>(article: &'a Article, source: &'a str) -> Facts<'a> {
    Facts {
        categories: &article.meta.categories,
        path: &article.name,
        tags: &article.meta.tags,
        authors: &article.meta.authors,
        month: month(article),
        lang: article.meta.lang.as_deref(),
        source,
    }
}

/// The filters' meaning, written out plainly and separately from the engine.
fn brute_accepts(article: &Article, source: &str, f: &Filters) -> bool {
    let meta = &article.meta;
    let list = |chosen: &Vec<String>, values: &Vec<String>| {
        chosen.is_empty()
            || chosen
                .iter()
                .any(|c| (c.is_empty() && values.is_empty()) || values.iter().any(|v| v == c))
    };
    let single = |chosen: &Vec<String>, value: String| chosen.is_empty() || chosen.contains(&value);
    let category = f.categories.is_empty()
        || f.categories.iter().any(|c| {
            (c.is_empty() && meta.categories.is_empty())
                || (!c.is_empty()
                    && meta
                        .categories
                        .iter()
                        .any(|p| p.len() >= c.len() && p[..c.len()] == c[..]))
        });
    let folders: Vec<&str> = article.name.split('/').collect();
    let folders = &folders[..folders.len() - 1];
    let folder = f.folders.is_empty()
        || f.folders.iter().any(|c| {
            (c.is_empty() && folders.is_empty())
                || (!c.is_empty() && folders.len() >= c.len() && folders[..c.len()] == c[..])
        });
    let year = month(article).map_or(String::new(), |(y, _)| y.to_string());
    let in_range = (f.from.is_none() && f.to.is_none())
        || month(article)
            .is_some_and(|m| f.from.is_none_or(|a| m >= a) && f.to.is_none_or(|b| m <= b));
    category
        && folder
        && list(&f.tags, &meta.tags)
        && list(&f.authors, &meta.authors)
        && single(&f.years, year)
        && single(&f.langs, meta.lang.clone().unwrap_or_default())
        && single(&f.sources, source.to_owned())
        && in_range
}

/// The library's facet values, one row per article in order.
fn table(library: &[(Article, &str)]) -> FacetTable {
    let mut table = FacetTable::new();
    for (row, (article, source)) in (0..).zip(library) {
        table.set(row, &facts(article, source));
    }
    table
}

/// Every row of a table of `len` articles.
fn rows(len: usize) -> std::ops::Range<u32> {
    0..u32::try_from(len).expect("a small library")
}

fn check(library: &[(Article, &str)], filters: &Filters) {
    let (accepted, counts) = count(library.iter().map(|(a, s)| facts(a, s)), filters);
    for ((article, source), accepted) in library.iter().zip(&accepted) {
        assert_eq!(
            *accepted,
            brute_accepts(article, source, filters),
            "{}",
            article.name
        );
    }
    let tally = |change: &dyn Fn(&mut Filters)| {
        let mut f = filters.clone();
        change(&mut f);
        library
            .iter()
            .filter(|(a, s)| brute_accepts(a, s, &f))
            .count()
    };
    for (tag, n) in &counts.tags {
        assert_eq!(*n, tally(&|f| f.tags = vec![tag.clone()]), "tag {tag:?}");
    }
    for (path, n) in &counts.categories {
        assert_eq!(
            *n,
            tally(&|f| f.categories = vec![path.clone()]),
            "category {path:?}"
        );
    }
    for (path, n) in &counts.folders {
        assert_eq!(
            *n,
            tally(&|f| f.folders = vec![path.clone()]),
            "folder {path:?}"
        );
    }
    for (year, n) in &counts.years {
        assert_eq!(
            *n,
            tally(&|f| f.years = vec![year.clone()]),
            "year {year:?}"
        );
    }
    for (lang, n) in &counts.langs {
        assert_eq!(
            *n,
            tally(&|f| f.langs = vec![lang.clone()]),
            "lang {lang:?}"
        );
    }
    for (source, n) in &counts.sources {
        assert_eq!(
            *n,
            tally(&|f| f.sources = vec![source.clone()]),
            "source {source:?}"
        );
    }
    for (author, n) in &counts.authors {
        assert_eq!(
            *n,
            tally(&|f| f.authors = vec![author.clone()]),
            "author {author:?}"
        );
    }
    for (m, n) in &counts.months {
        assert_eq!(
            *n,
            tally(&|f| (f.from, f.to) = (Some(*m), Some(*m))),
            "month {m:?}"
        );
    }
}

#[test]
fn counts_equal_an_independent_count_under_many_selections() {
    let library = corpus();
    let tag = |name: &str| name.to_owned();
    let selections = [
        Filters::default(),
        Filters {
            tags: vec![tag(NONE)],
            ..Filters::default()
        },
        Filters {
            years: vec!["2016".into(), "2017".into()],
            ..Filters::default()
        },
        Filters {
            sources: vec!["dropped".into()],
            years: vec![NONE.into()],
            ..Filters::default()
        },
        Filters {
            categories: vec![vec![]],
            langs: vec![NONE.into()],
            ..Filters::default()
        },
        Filters {
            from: Some((2015, 6)),
            to: Some((2019, 12)),
            sources: vec!["hosted".into()],
            ..Filters::default()
        },
        Filters {
            authors: vec![NONE.into()],
            from: Some((2020, 1)),
            ..Filters::default()
        },
        Filters {
            folders: vec![vec!["corpora".into(), "hexo-site".into(), "docs".into()]],
            tags: vec![tag(NONE)],
            ..Filters::default()
        },
        Filters {
            folders: vec![
                vec!["corpora".into(), "jekyll-posts".into()],
                vec!["fixtures".into()],
            ],
            ..Filters::default()
        },
    ];
    let table = table(&library);
    for filters in &selections {
        check(&library, filters);
        counted_in_parts_equals_counted_at_once(&table, library.len(), filters);
    }
}

/// The app counts a library arriving in parts by adding each part's counts.
fn counted_in_parts_equals_counted_at_once(table: &FacetTable, len: usize, filters: &Filters) {
    let at_once = table.count(rows(len), filters).1;
    let mut in_parts = Counts::default();
    let all: Vec<u32> = rows(len).collect();
    for part in all.chunks(37) {
        in_parts.absorb(table.count(part.iter().copied(), filters).1);
    }
    assert_eq!(in_parts, at_once);
}

#[test]
fn none_buckets_keep_every_article_reachable() {
    let library = corpus();
    let (_, counts) = table(&library).count(rows(library.len()), &Filters::default());
    let total = library.len();
    // Every article is in a year bucket, a language bucket and a source bucket (one each).
    assert_eq!(counts.years.values().sum::<usize>(), total);
    assert_eq!(counts.langs.values().sum::<usize>(), total);
    assert_eq!(counts.sources.values().sum::<usize>(), total);
    // Every article has a tag or is in the tag (none) bucket.
    let untagged = library
        .iter()
        .filter(|(a, _)| a.meta.tags.is_empty())
        .count();
    assert_eq!(counts.tags.get(NONE).copied().unwrap_or(0), untagged);
    let uncategorized = library
        .iter()
        .filter(|(a, _)| a.meta.categories.is_empty())
        .count();
    assert_eq!(
        counts.categories.get(&Vec::new()).copied().unwrap_or(0),
        uncategorized
    );
}

#[test]
fn a_folder_holds_what_is_below_it_and_the_top_what_is_in_none() {
    let mut table = FacetTable::new();
    for (row, path) in (0..).zip(["posts/2024/a.md", "posts/b.md", "c.md", "notes/d.md"]) {
        table.set(
            row,
            &Facts {
                path,
                source: "dropped",
                ..Facts::default()
            },
        );
    }
    let listed = |folders: Vec<Vec<String>>| {
        let filters = Filters {
            folders,
            ..Filters::default()
        };
        table.count(0..4, &filters).0
    };
    assert_eq!(
        listed(vec![vec!["posts".into()]]),
        [true, true, false, false]
    );
    assert_eq!(
        listed(vec![vec!["posts".into(), "2024".into()]]),
        [true, false, false, false]
    );
    assert_eq!(
        listed(vec![vec![]]),
        [false, false, true, false],
        "the top folder"
    );
    let (_, counts) = table.count(0..4, &Filters::default());
    let count = |path: &[&str]| {
        let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        counts.folders.get(&path).copied()
    };
    assert_eq!(count(&["posts"]), Some(2));
    assert_eq!(count(&["posts", "2024"]), Some(1));
    assert_eq!(count(&[]), Some(1));
    assert_eq!(count(&["notes"]), Some(1));
}

#[test]
fn a_parent_category_includes_its_children() {
    let paths = [vec!["金融".to_owned(), "新浪财经".to_owned()]];
    let child = Facts {
        categories: &paths,
        source: "hosted",
        ..Facts::default()
    };
    let mut table = FacetTable::new();
    table.set(0, &child);
    let accepts = |chosen: &str| {
        let filters = Filters {
            categories: vec![vec![chosen.into()]],
            ..Filters::default()
        };
        table.count([0], &filters).0 == [true]
    };
    assert!(accepts("金融"));
    assert!(!accepts("新浪财经"), "a category is a path from the root");
}

#[test]
fn rows_never_set_and_values_never_seen_count_nowhere() {
    let tags = ["rust".to_owned(), "rust".to_owned()];
    let mut table = FacetTable::new();
    table.set(
        2,
        &Facts {
            tags: &tags,
            source: "hosted",
            ..Facts::default()
        },
    );
    let (accepted, counts) = table.count([0, 2, 7], &Filters::default());
    assert_eq!(
        accepted,
        [true, true, true],
        "no filter leaves anything out"
    );
    assert_eq!(
        counts.tags.get("rust"),
        Some(&1),
        "a repeated tag counts once"
    );
    assert_eq!(counts.sources.values().sum::<usize>(), 1);
    let unknown = Filters {
        tags: vec!["never".into()],
        ..Filters::default()
    };
    let (accepted, counts) = table.count([0, 2, 7], &unknown);
    assert_eq!(accepted, [false, false, false]);
    assert_eq!(
        counts.tags.get("rust"),
        Some(&1),
        "counted in the facet it fails"
    );
    assert!(counts.sources.is_empty());
}

#[test]
fn a_generated_library_of_ten_thousand_counts_right() {
    // Deterministic variety: some fields missing, categories of one and two levels.
    let tag_names = ["rust", "web", "读书", "旅行"];
    let library: Vec<(Article, &'static str)> = (0..10_000)
        .map(|n: usize| {
            let mut article = Article::unreadable("x.md", "generated");
            let meta = &mut article.meta;
            if !n.is_multiple_of(7) {
                meta.tags = vec![
                    tag_names[n % 4].to_owned(),
                    tag_names[(n / 4) % 4].to_owned(),
                ];
            }
            if !n.is_multiple_of(5) {
                let mut path = vec![["技术", "生活", "notes"][n % 3].to_owned()];
                if n.is_multiple_of(2) {
                    path.push(["rust", "web"][n % 2].to_owned());
                }
                meta.categories = vec![path];
            }
            if !n.is_multiple_of(11) {
                meta.date =
                    articles::date::parse_date(&format!("{}-{:02}-01", 2015 + n % 9, 1 + n % 12));
            }
            meta.lang = n.is_multiple_of(3).then(|| "zh-CN".to_owned());
            (
                article,
                if n.is_multiple_of(4) {
                    "dropped"
                } else {
                    "hosted"
                },
            )
        })
        .collect();
    for filters in [
        Filters::default(),
        Filters {
            tags: vec!["rust".into(), NONE.into()],
            ..Filters::default()
        },
        Filters {
            categories: vec![vec!["技术".into()]],
            years: vec!["2019".into(), NONE.into()],
            ..Filters::default()
        },
        Filters {
            from: Some((2018, 3)),
            to: Some((2021, 8)),
            langs: vec![NONE.into()],
            sources: vec!["hosted".into()],
            ..Filters::default()
        },
    ] {
        check(&library, &filters);
    }
}
