//! Every real article of the bundled corpora (Hexo's documentation site in ten languages and
//! Jekyll's release posts) parses without panicking and comes out with a title and a body.

mod corpus_paths;

use std::path::PathBuf;
use std::sync::OnceLock;

use articles::{parse, Article, ParseOptions};

/// Every article of the corpora with its path and size, parsed once for all the tests.
fn corpus() -> &'static [(PathBuf, usize, Article)] {
    static PARSED: OnceLock<Vec<(PathBuf, usize, Article)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        let paths = corpus_paths::all();
        paths
            .into_iter()
            .map(|path| {
                let bytes = std::fs::read(&path).expect("readable");
                let article = parse(
                    &path.display().to_string(),
                    &bytes,
                    &ParseOptions::default(),
                );
                (path, bytes.len(), article)
            })
            .collect()
    })
}

#[test]
fn every_real_article_parses_with_a_title() {
    assert_eq!(corpus().len(), 568, "the bundled corpora changed");
    for (path, size, article) in corpus() {
        assert!(
            !article.title.trim().is_empty(),
            "{}: no title",
            path.display()
        );
        assert!(
            !article.html.is_empty() || *size < 200,
            "{}: empty body",
            path.display()
        );
    }
}

#[test]
fn jekyll_posts_keep_their_dates() {
    let posts = corpus()
        .iter()
        .filter(|(path, _, _)| path.to_string_lossy().contains("jekyll-posts"));
    assert_eq!(posts.clone().count(), 102);
    for (path, _, article) in posts {
        assert!(article.meta.date.is_some(), "{}: no date", path.display());
    }
}

/// The HTML with `<pre>` and `<code>` elements removed: what is prose, not code.
fn prose(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        let next = ["<pre", "<code"]
            .iter()
            .filter_map(|tag| rest.find(tag).map(|at| (at, *tag)))
            .min();
        let Some((at, tag)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let close = if tag == "<pre" { "</pre>" } else { "</code>" };
        rest = rest[at..]
            .find(close)
            .map_or("", |end| &rest[at + end + close.len()..]);
    }
}

#[test]
fn template_tags_never_show_as_noise() {
    let mut noisy = Vec::new();
    for (path, _, article) in corpus() {
        let prose = prose(&article.html);
        for noise in ["{%", "%}", "{{<", "{{%", ">}}"] {
            if let Some(at) = prose.find(noise) {
                let start = prose.floor_char_boundary(at.saturating_sub(60));
                let end = prose.ceil_char_boundary((at + 60).min(prose.len()));
                noisy.push(format!("{}: {}", path.display(), &prose[start..end]));
                break;
            }
        }
    }
    assert!(
        noisy.is_empty(),
        "{} articles show template syntax:\n{}",
        noisy.len(),
        noisy.join("\n")
    );
}
