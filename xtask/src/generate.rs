//! A generated library for tests and benchmarks: many small articles in Chinese and English
//! with varied front matter, written to a folder and indexed like a real one.

use std::path::Path;

use articles::catalog::{article_id, newest_first, Summary};
use articles::{parse, ParseOptions};

use crate::index;
use crate::run::Result;

const TOPICS: &[&str] = &[
    "Rust",
    "WebAssembly",
    "读书",
    "旅行",
    "Hexo",
    "静态网站",
    "Typography",
    "数据库",
];
const AUTHORS: &[&str] = &["Ada", "林小雨", "Grace", "张伟"];
const WORDS: &[&str] = &[
    "reading",
    "articles",
    "browser",
    "library",
    "文章",
    "阅读",
    "浏览器",
    "搜索",
    "quiet",
    "light",
    "静态",
    "页面",
    "engine",
    "render",
    "标题",
    "日期",
];

/// Writes `count` articles under `dir` (in a few folders) and their catalog, in shards of
/// `shard_size` articles.
pub fn library(dir: &Path, count: usize, shard_size: usize) -> Result<usize> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    for n in 0..count {
        let path = dir.join(path_of(n));
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
        }
        std::fs::write(path, text_of(n)).map_err(|e| e.to_string())?;
    }
    index::write(
        dir,
        index::Options {
            shard_size,
            ..index::Options::default()
        },
    )
}

/// The catalog entries (summary and body text, newest first) of a generated library of `count`
/// articles, without writing or parsing them all: a few dozen are parsed, the rest are copies
/// with their own path, title and date. For the 100 000-article catalog benchmark.
pub fn catalog(count: usize) -> Vec<(Summary, String)> {
    const PARSED: usize = 64;
    let parsed: Vec<(Summary, String)> = (0..PARSED.min(count))
        .map(|n| {
            let path = path_of(n);
            let article = parse(&path, text_of(n).as_bytes(), &ParseOptions::default());
            (Summary::of(&path, &article), article.text)
        })
        .collect();
    let mut all: Vec<(Summary, String)> = (0..count)
        .map(|n| {
            let (template, text) = &parsed[n % PARSED];
            let path = path_of(n);
            let mut summary = template.clone();
            summary.id = article_id(&path);
            summary.title = format!("{} note {n}", TOPICS[n % TOPICS.len()]);
            summary.path = path;
            if let Some(date) = &mut summary.date {
                (date.year, date.month, date.day) = date_of(n);
            }
            (summary, text.clone())
        })
        .collect();
    all.sort_by(|(a, _), (b, _)| newest_first(a, b));
    all
}

fn path_of(n: usize) -> String {
    format!("year-{}/note-{n:05}.md", date_of(n).0)
}

/// Year, month and day of generated article `n`.
fn date_of(n: usize) -> (i32, u8, u8) {
    // Small numbers: the casts cannot truncate.
    (
        2015 + (n % 10) as i32,
        1 + (n % 12) as u8,
        1 + (n % 28) as u8,
    )
}

fn text_of(n: usize) -> String {
    let topic = TOPICS[n % TOPICS.len()];
    let author = AUTHORS[n % AUTHORS.len()];
    let body: Vec<&str> = (0..60)
        .map(|i| WORDS[(n * 7 + i * 3) % WORDS.len()])
        .collect();
    let (year, month, day) = date_of(n);
    format!(
        "---\ntitle: \"{topic} note {n}\"\ndate: {year}-{month:02}-{day:02} 10:{:02}:00 +0800\nauthor: {author}\ncategories:\n  - {topic}\ntags: [generated, t{}]\n---\n\n# {topic} note {n}\n\n{}\n\n## Details\n\n{}\n",
        n % 60,
        n % 5,
        body[..30].join(" "),
        body[30..].join(" "),
    )
}
