//! The hand-made edge cases of the shared corpus, each with the result the corpus README expects.

use std::time::{Duration, Instant};

use articles::{parse, Article, DiagnosticKind, Location, ParseOptions};

fn edge(name: &str) -> Article {
    let path = format!("{}/tests/fixtures/edge/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // As the catalog writer reads them: URLs relative to the library's folder.
    let options = ParseOptions {
        location: Location::of(Some(""), "", name),
        ..ParseOptions::default()
    };
    parse(name, &bytes, &options)
}

fn date_attr(article: &Article) -> Option<String> {
    article.meta.date.as_ref().map(|d| d.datetime_attr())
}

fn has(article: &Article, kind: DiagnosticKind) -> bool {
    article.diagnostics.iter().any(|d| d.kind == kind)
}

#[test]
fn toml_front_matter() {
    let a = edge("toml-plus.md");
    assert_eq!(a.title, "TOML front matter");
    assert_eq!(date_attr(&a).as_deref(), Some("2023-05-10T00:30:00Z"));
    assert_eq!(
        a.meta.date.as_ref().and_then(|d| d.offset_minutes),
        Some(480)
    );
    assert_eq!(a.meta.tags, vec!["toml", "hugo"]);
    assert_eq!(a.meta.categories, vec![vec!["Guides"]]);
    assert_eq!(a.meta.cover.as_deref(), Some("cover.png"));
}

#[test]
fn json_forms() {
    let hexo = edge("json-hexo.md");
    assert_eq!(hexo.title, "Hexo JSON front matter");
    assert_eq!(date_attr(&hexo).as_deref(), Some("2014-07-13T20:46:25"));
    assert_eq!(hexo.meta.tags, vec!["json"]);
    assert!(hexo.html.contains("Hexo allows JSON"));
    let fenced = edge("json-fenced.md");
    assert_eq!(fenced.title, "Fenced JSON");
    assert_eq!(fenced.meta.authors, vec!["A. N. Author"]);
    let hinted = edge("json-lang.md");
    assert_eq!(hinted.title, "JSON with a language hint");
    assert_eq!(date_attr(&hinted).as_deref(), Some("2020-12-31T23:59:59Z"));
}

#[test]
fn bom_and_crlf() {
    let a = edge("bom-crlf.md");
    assert_eq!(a.title, "BOM and CRLF");
    assert_eq!(date_attr(&a).as_deref(), Some("2022-02-17"));
}

#[test]
fn fences() {
    let open = edge("no-closing-fence.md");
    assert_eq!(open.fields, articles::Value::Map(vec![]));
    assert!(open.html.contains("The opening fence has no closing fence"));
    let empty = edge("empty-front-matter.md");
    assert!(!empty.html.contains("<hr"), "{}", empty.html);
    let rules = edge("hr-in-body.md");
    assert_eq!(rules.title, "Rules in the body");
    assert_eq!(rules.html.matches("<hr>").count(), 2, "{}", rules.html);
}

#[test]
fn categories() {
    assert_eq!(
        edge("categories-hierarchy.md").meta.categories,
        vec![vec!["Diary", "Life"], vec!["Tech"]]
    );
    let scalar = edge("categories-string.md");
    assert_eq!(scalar.meta.categories, vec![vec!["News"]]);
    assert_eq!(scalar.meta.tags, vec!["single-tag"]);
}

#[test]
fn dates() {
    let cases = [
        ("date-rfc2822.md", "2022-02-17T23:32:20Z"),
        ("date-jekyll-offset.md", "2016-03-08T22:03:00Z"),
        ("date-hexo-slash.md", "2013-07-13T20:46:25"),
        ("date-chinese.md", "2022-02-17T08:00:00"),
        ("date-unix.md", "2022-02-17T23:32:20Z"),
        ("2021-09-30-date-from-filename.md", "2021-09-30"),
    ];
    for (file, expected) in cases {
        assert_eq!(date_attr(&edge(file)).as_deref(), Some(expected), "{file}");
    }
    let offset = edge("date-jekyll-offset.md");
    assert_eq!(offset.meta.date.and_then(|d| d.offset_minutes), Some(-480));
}

#[test]
fn invalid_date_is_reported_and_the_article_kept() {
    let a = edge("date-invalid.md");
    assert_eq!(a.title, "An invalid date");
    assert_eq!(a.meta.date, None);
    let warning = a
        .diagnostics
        .iter()
        .find(|d| d.kind == DiagnosticKind::Date)
        .expect("a date diagnostic");
    assert_eq!(warning.field.as_deref(), Some("date"));
}

#[test]
fn title_from_first_heading() {
    let a = edge("no-front-matter.md");
    assert_eq!(a.title, "A heading becomes the title");
    assert!(
        !a.html.contains("<h1"),
        "the title is not shown twice: {}",
        a.html
    );
}

#[test]
fn gfm_features() {
    let html = edge("gfm-features.md").html;
    for needle in [
        "<table>",
        "type=\"checkbox\"",
        "<del>",
        "footnote-definition",
        "language-rust",
    ] {
        assert!(html.contains(needle), "{needle} missing in {html}");
    }
}

#[test]
fn html_bodies() {
    let indented = edge("html-body-indented.md");
    assert!(!indented.html.contains("<pre") && !indented.html.contains("<code"));
    assert!(indented
        .text
        .contains("Indented HTML after blank lines must not turn into a code block."));
    let styled = edge("style-and-comments.md");
    assert_eq!(styled.text, "Visible text only.");
}

#[test]
fn hostile_html_is_inert() {
    let a = edge("xss-basic.md");
    assert_eq!(a.title, "<img src=x onerror=alert(1)>");
    assert_eq!(a.meta.authors, vec!["<script>alert(2)</script>"]);
    let html = a.html.to_ascii_lowercase();
    for bad in [
        "<script",
        "onerror",
        "href=\"javascript",
        "<iframe",
        "srcdoc",
        "onload",
        "<svg",
    ] {
        assert!(!html.contains(bad), "{bad} survived in {html}");
    }
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let started = Instant::now();
    let a = edge("yaml-alias-bomb.md");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(has(&a, DiagnosticKind::Limit), "{:?}", a.diagnostics);
    // The block is refused, but its plain `title:` line is still read (never the file name).
    assert_eq!(a.title, "alias bomb");
    assert_eq!(a.fields.get("a"), None);
    assert!(a.html.contains("Must be refused quickly"));
}

#[test]
fn invalid_yaml_reports_its_line() {
    let a = edge("yaml-invalid.md");
    let error = a
        .diagnostics
        .iter()
        .find(|d| d.kind == DiagnosticKind::FrontMatter)
        .expect("a front matter diagnostic");
    assert!(matches!(error.line, Some(2..=4)), "{error:?}");
    assert!(a.html.contains("Broken YAML"));
    // What can be read line by line is kept, and the diagnostic says so.
    assert!(
        error.message.contains("recovered line by line"),
        "{error:?}"
    );
    assert!(a.meta.date.is_some());
}

#[test]
fn executable_front_matter_is_never_rendered() {
    let a = edge("executable-js.md");
    assert!(
        has(&a, DiagnosticKind::UnsupportedFrontMatter),
        "{:?}",
        a.diagnostics
    );
    assert_eq!(a.title, "executable js");
    assert!(
        !a.html.contains("alert") && !a.html.contains("<h2"),
        "{}",
        a.html
    );
}

#[test]
fn gbk_is_detected() {
    let a = edge("gbk-encoded.md");
    assert_eq!(a.encoding, "GBK");
    assert_eq!(a.title, "GBK 编码的文章");
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
}

#[test]
fn utf16_with_bom() {
    let a = edge("utf16le-bom.md");
    assert_eq!(a.title, "UTF-16 文章");
    assert_eq!(a.encoding, "UTF-16LE");
    assert_eq!(date_attr(&a).as_deref(), Some("2021-08-09"));
}

#[test]
fn mixed_text_keeps_both_scripts() {
    let a = edge("mixed-cjk-latin.md");
    assert!(a.text.contains("混合的文本") && a.text.contains("English words"));
    assert!(a.counts.cjk_chars > 10 && a.counts.words >= 4);
}
