//! The reference article (a Hexo-style Chinese news repost) must come out as its author meant it.

use articles::{parse, Article, ParseOptions};

fn reference() -> Article {
    let bytes = include_bytes!("fixtures/seed/000_6ceb1ec26c302d42.md");
    parse(
        "news/000_6ceb1ec26c302d42.md",
        bytes,
        &ParseOptions::default(),
    )
}

#[test]
fn metadata() {
    let article = reference();
    assert_eq!(article.title, "人民日报：夯实脱贫群众就业增收基本盘");
    let date = article.meta.date.as_ref().expect("a date");
    assert_eq!(date.datetime_attr(), "2022-02-17T23:32:20Z");
    assert_eq!(date.instant_seconds(), Some(1_645_140_740));
    assert_eq!(article.meta.authors, vec!["新浪财经"]);
    assert_eq!(
        article.meta.categories,
        vec![vec!["金融", "新浪财经", "新浪财经－国內"]]
    );
    assert_eq!(
        article.meta.cover.as_deref(),
        Some("https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png")
    );
    assert!(article.diagnostics.is_empty(), "{:?}", article.diagnostics);
}

#[test]
fn body_is_html_with_paragraphs_and_no_noise() {
    let article = reference();
    let html = &article.html;
    assert_eq!(article.body_kind, articles::body::BodyKind::Html);
    assert!(html.matches("<p>").count() >= 8, "{html}");
    assert!(html.contains("拓展就地就近就业"), "{html}");
    for noise in [
        "<pre",
        "<code",
        "&#123;",
        "appendQr_wrap{",
        "<!--",
        "<style",
        "float:left",
    ] {
        assert!(!html.contains(noise), "found {noise:?} in {html}");
    }
    for noise in ["&#123;", "border:1px", "news_keyword", "正文下iframe"] {
        assert!(!article.text.contains(noise), "found {noise:?} in the text");
    }
    assert!(article.text.contains("责任编辑：邓健"));
}

#[test]
fn images_are_lazy_without_referrer() {
    let html = reference().html;
    let img = html.split("<img").nth(1).expect("an image");
    let tag = &img[..img.find('>').expect("closed tag")];
    assert!(tag.contains("loading=\"lazy\""), "{tag}");
    assert!(tag.contains("referrerpolicy=\"no-referrer\""), "{tag}");
}

#[test]
fn excerpt_starts_with_the_text() {
    let article = reference();
    assert!(
        article
            .excerpt
            .starts_with("原标题：夯实脱贫群众就业增收基本盘"),
        "{}",
        article.excerpt
    );
    assert!(article.excerpt.chars().count() <= 161);
}
