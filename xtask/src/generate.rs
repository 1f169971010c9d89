//! A generated library for tests and benchmarks: many small articles in Chinese and English
//! with varied front matter, written to a folder and indexed like a real one.

use std::path::Path;

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
        let folder = dir.join(format!("year-{}", 2015 + n % 10));
        std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
        let topic = TOPICS[n % TOPICS.len()];
        let author = AUTHORS[n % AUTHORS.len()];
        let body: Vec<&str> = (0..60)
            .map(|i| WORDS[(n * 7 + i * 3) % WORDS.len()])
            .collect();
        let text = format!(
            "---\ntitle: \"{topic} note {n}\"\ndate: {}-{:02}-{:02} 10:{:02}:00 +0800\nauthor: {author}\ncategories:\n  - {topic}\ntags: [generated, t{}]\n---\n\n# {topic} note {n}\n\n{}\n\n## Details\n\n{}\n",
            2015 + n % 10,
            1 + n % 12,
            1 + n % 28,
            n % 60,
            n % 5,
            body[..30].join(" "),
            body[30..].join(" "),
        );
        std::fs::write(folder.join(format!("note-{n:05}.md")), text).map_err(|e| e.to_string())?;
    }
    index::write(
        dir,
        index::Options {
            shard_size,
            ..index::Options::default()
        },
    )
}
