//! A generated library for tests and benchmarks: articles in English and Chinese that read like
//! real ones, written to a folder and indexed like a real one. Their vocabulary, its frequencies
//! and their lengths (paragraphs per article, words per paragraph and sentence, clauses,
//! headings) are measured at run time from the corpora in the repository (the Hexo documentation
//! in English and Chinese, the Jekyll posts, the reference article); one in eight is shaped like
//! the reference article (an HTML body of long paragraphs). A library of a few dozen repeated
//! words compresses, parses and indexes far faster than real text and hides the real cost.
//! Deterministic: article n comes from a xorshift seeded with n. `tests/bench/generate.mjs`
//! generates the same way for the browser benchmarks.
//!
//! The end-to-end tests (`tests/e2e/hosting.spec.mjs`) count and open articles by their titles
//! (`<topic> note <n>`), dates, topics and the word "details", so those stay as they were: the
//! title and date follow from n, the topic words are only in titles and categories, the text has
//! no digits and a "Details" heading.

mod corpus;

use std::collections::BTreeMap;
use std::path::Path;
use std::thread;

use articles::catalog::{newest_first, Summary};
use articles::{parse, ParseOptions};

use crate::index;
use crate::run::{root, Result};
use corpus::{
    blocks, categories, collect, field, han_runs, is_han, is_paragraph, latin_words, prose_of,
    split_front_matter, value_of,
};

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

/// Where the measured texts are, under `crates/articles/tests`, and the Hexo translations left
/// out: only English and Chinese are generated.
const SOURCES: &[&str] = &["corpora", "fixtures/seed"];
const OTHER_LANGUAGES: &[&str] = &["/es/", "/ja/", "/ko/", "/pt-br/", "/ru/", "/th/"];
const CHINESE: &[&str] = &["/zh-cn/", "/zh-tw/", "/seed/"];

/// Chinese is sampled in runs of two characters, about a word: whole runs between punctuation
/// are too few in the corpus (a few thousand) and single characters lose its texture.
const RUN: usize = 2;

/// Words before the "Details" heading, which the end-to-end tests find every article by: early,
/// so short articles have it too.
const LEAD_WORDS: usize = 120;

/// Writes `count` articles under `dir` (in a few folders) and their catalog, in shards of
/// `shard_size` articles.
pub fn library(dir: &Path, count: usize, shard_size: usize) -> Result<usize> {
    write_articles(dir, count)?;
    index::write(
        dir,
        index::Options {
            shard_size,
            ..index::Options::default()
        },
    )
}

/// Writes the files of a generated library of `count` articles (no catalog) into `dir`,
/// replacing what was there: the same articles as [`catalog`] lists.
pub fn write_articles(dir: &Path, count: usize) -> Result {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let model = Model::measure()?;
    for n in 0..count {
        let path = dir.join(path_of(n));
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
        }
        std::fs::write(path, model.article(n)).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The catalog entries (summary and body text, newest first) of a generated library of `count`
/// articles, without writing them: each is generated and parsed in memory, on every core. For
/// the 100 000-article catalog benchmark.
pub fn catalog(count: usize) -> Result<Vec<(Summary, String)>> {
    let model = Model::measure()?;
    let cores = thread::available_parallelism().map_or(1, usize::from);
    let mut all: Vec<(Summary, String)> = thread::scope(|scope| {
        let workers: Vec<_> = (0..cores)
            .map(|core| {
                let model = &model;
                scope.spawn(move || {
                    (core..count)
                        .step_by(cores)
                        .map(|n| {
                            let path = path_of(n);
                            let text = model.article(n);
                            let article = parse(&path, text.as_bytes(), &ParseOptions::default());
                            (Summary::of(&path, &article), article.text)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .map_err(|_| "a generating thread panicked".to_owned())
            })
            .collect::<Result<Vec<_>>>()
    })?
    .into_iter()
    .flatten()
    .collect();
    all.sort_by(|(a, _), (b, _)| newest_first(a, b));
    Ok(all)
}

/// Generated article `n`, parsed: its summary and text, as [`catalog`] lists it; for a library
/// too large to hold in memory (`bench scale`), generated a part at a time.
pub fn parser() -> Result<impl Fn(usize) -> (Summary, String) + Sync> {
    let model = Model::measure()?;
    Ok(move |n: usize| {
        let path = path_of(n);
        let article = parse(&path, model.article(n).as_bytes(), &ParseOptions::default());
        (Summary::of(&path, &article), article.text)
    })
}

/// The generated articles' numbers in list order (newest first, as [`newest_first`] orders
/// their summaries), from their dates alone.
pub fn newest_first_order(count: usize) -> Vec<usize> {
    let when = |n: usize| {
        let (year, month, day) = date_of(n);
        (year, month, day, minute_of(n))
    };
    let paths: Vec<String> = (0..count).map(path_of).collect();
    let mut order: Vec<usize> = (0..count).collect();
    // Newest first; among equal dates by id (the path without its extension, so the path).
    order.sort_unstable_by(|&a, &b| when(b).cmp(&when(a)).then_with(|| paths[a].cmp(&paths[b])));
    order
}

/// The minute of generated article `n`'s time (10:mm).
fn minute_of(n: usize) -> usize {
    n % 60
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

/// xorshift32: tiny, fast, and plenty for picking words (and the benchmarks' queries).
pub struct Random(u32);

impl Random {
    pub fn new(n: usize) -> Random {
        // Only the low bits of n matter for a seed; truncation is fine.
        let mut random =
            Random(((n as u32).wrapping_add(1).wrapping_mul(0x9e37_79b9) ^ 0x5bd1_e995).max(1));
        for _ in 0..4 {
            random.next();
        }
        random
    }

    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.next() as usize % n.max(1)
    }

    /// True `part` times in `whole`.
    fn chance(&mut self, part: usize, whole: usize) -> bool {
        (f64::from(self.next()) / 2f64.powi(32)) * (whole as f64) < part as f64
    }

    /// An element of a list: a list of observations with repeats is sampled by frequency.
    fn pick<'a, T>(&mut self, list: &'a [T]) -> Option<&'a T> {
        list.get(self.below(list.len()))
    }

    /// A measured length, 0 when nothing was measured.
    fn length(&mut self, list: &[usize]) -> usize {
        self.pick(list).copied().unwrap_or(0)
    }

    /// A measured name, empty when none was found.
    fn name<'a>(&mut self, list: &'a [String]) -> &'a str {
        self.pick(list).map_or("", String::as_str)
    }
}

/// Tokens with their counts, sampled by frequency through a cumulative table.
#[derive(Default)]
struct Vocabulary {
    counts: BTreeMap<String, usize>,
    tokens: Vec<String>,
    cumulative: Vec<usize>,
}

impl Vocabulary {
    fn add(&mut self, token: &str) {
        *self.counts.entry(token.to_owned()).or_default() += 1;
    }

    /// Fixes the table, leaving out the tokens `keep` refuses.
    fn seal(&mut self, keep: impl Fn(&str) -> bool) {
        let mut total = 0;
        for (token, count) in &self.counts {
            if keep(token) {
                total += count;
                self.tokens.push(token.clone());
                self.cumulative.push(total);
            }
        }
    }

    fn sample(&self, random: &mut Random) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(0);
        let target = random.below(total);
        let at = self.cumulative.partition_point(|&c| c <= target);
        self.tokens.get(at).map_or("", String::as_str)
    }

    /// The most frequent tokens of at least `min` characters.
    fn common(&self, min: usize, take: usize) -> Vec<String> {
        let mut tokens: Vec<&String> = self
            .tokens
            .iter()
            .filter(|t| t.chars().count() >= min)
            .collect();
        tokens.sort_by_key(|t| std::cmp::Reverse(self.counts[*t]));
        tokens.into_iter().take(take).cloned().collect()
    }
}

/// What one kind of article looks like, measured: lengths are lists of observations (words for
/// English, characters for Chinese); for Chinese, its clauses (runs of characters between
/// punctuation), how many end a sentence and how many are followed by English.
#[derive(Default)]
struct Shape {
    titles: Vec<usize>,
    paragraphs: Vec<usize>,
    lengths: Vec<usize>,
    headings: usize,
    blocks: usize,
    clauses: Vec<usize>,
    ends: usize,
    latin: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    English,
    Chinese,
    Reference,
}

#[derive(Default)]
struct Model {
    english_shape: Shape,
    chinese_shape: Shape,
    reference: Shape,
    english: Vocabulary,
    chinese: Vocabulary,
    sentences: Vec<usize>,
    commas: usize,
    words: usize,
    categories: Vec<String>,
    authors: Vec<String>,
    tags: Vec<String>,
}

impl Model {
    /// Reads the corpora: vocabularies, lengths, categories and authors.
    fn measure() -> Result<Model> {
        let tests = root().join("crates/articles/tests");
        let mut paths = Vec::new();
        for source in SOURCES {
            collect(&tests.join(source), &mut paths)
                .map_err(|e| format!("cannot read the corpora in {}: {e}", tests.display()))?;
        }
        paths.sort();
        let mut model = Model::default();
        for path in paths {
            let source =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path.to_string_lossy().replace('\\', "/");
            let kind = if name.contains("/seed/") {
                Kind::Reference
            } else if CHINESE.iter().any(|c| name.contains(c)) {
                Kind::Chinese
            } else {
                Kind::English
            };
            model.read(&source, kind);
        }
        model.english.seal(|word| {
            let word = word.to_lowercase();
            !TOPICS.iter().any(|t| word.starts_with(&t.to_lowercase()))
        });
        model
            .chinese
            .seal(|run| !TOPICS.iter().any(|t| run.contains(t)));
        // Tags: the corpora have next to none, so articles are tagged with their common words.
        model.tags = model.english.common(5, 200);
        model.tags.extend(model.chinese.common(2, 100));
        Ok(model)
    }

    fn shape(&self, kind: Kind) -> &Shape {
        match kind {
            Kind::English => &self.english_shape,
            Kind::Chinese => &self.chinese_shape,
            Kind::Reference => &self.reference,
        }
    }

    fn shape_mut(&mut self, kind: Kind) -> &mut Shape {
        match kind {
            Kind::English => &mut self.english_shape,
            Kind::Chinese => &mut self.chinese_shape,
            Kind::Reference => &mut self.reference,
        }
    }

    /// Measures one corpus file.
    fn read(&mut self, source: &str, kind: Kind) {
        let chinese = kind != Kind::English;
        let (front, body) = split_front_matter(source);
        // Taken out while measuring, which also adds to the vocabularies.
        let mut shape = std::mem::take(self.shape_mut(kind));
        if let Some(title) = field(front, "title") {
            shape.titles.push(if chinese {
                han_runs(title).map(|r| r.chars().count()).sum()
            } else {
                title.split_whitespace().count()
            });
        }
        self.authors.extend(
            front
                .lines()
                .filter_map(|l| value_of(l, "author").map(str::to_owned)),
        );
        self.categories.extend(categories(front));
        let text = prose_of(body);
        let mut paragraphs = 0;
        for block in blocks(&text) {
            if !chinese {
                for word in latin_words(&block) {
                    self.english.add(word);
                }
            }
            for run in han_runs(&block) {
                let chars: Vec<char> = run.chars().collect();
                for piece in chars.chunks(RUN) {
                    self.chinese.add(&piece.iter().collect::<String>());
                }
            }
            shape.blocks += 1;
            if block.starts_with('#') {
                shape.headings += 1;
            }
            if !is_paragraph(&block) {
                continue;
            }
            paragraphs += 1;
            if chinese {
                self.measure_chinese(&block, &mut shape);
            } else {
                self.measure_english(&block, &mut shape);
            }
        }
        shape.paragraphs.push(paragraphs);
        *self.shape_mut(kind) = shape;
    }

    fn measure_chinese(&mut self, block: &str, shape: &mut Shape) {
        let runs: Vec<&str> = han_runs(block).collect();
        shape
            .lengths
            .push(runs.iter().map(|r| r.chars().count()).sum());
        shape.clauses.extend(runs.iter().map(|r| r.chars().count()));
        // What follows each run: the end of a sentence, English, or a comma.
        for gap in block.split(is_han).skip(1).filter(|g| !g.is_empty()) {
            if gap.contains(['。', '！', '？']) {
                shape.ends += 1;
            } else if gap.contains(|c: char| c.is_ascii_alphabetic()) {
                shape.latin += 1;
            }
        }
    }

    fn measure_english(&mut self, block: &str, shape: &mut Shape) {
        let words = latin_words(block).count();
        shape.lengths.push(words);
        self.words += words;
        self.commas += block.matches(", ").count();
        for sentence in block.replace(['!', '?'], ".").split(". ") {
            let n = latin_words(sentence).count();
            if n > 0 {
                self.sentences.push(n);
            }
        }
    }

    /// Article `n`: front matter and body, with its own sequence of random numbers.
    fn article(&self, n: usize) -> String {
        let mut random = Random::new(n);
        let kind = match random.below(8) {
            0..=3 => Kind::English,
            4..=6 => Kind::Chinese,
            _ => Kind::Reference,
        };
        let shape = self.shape(kind);
        let topic = TOPICS[n % TOPICS.len()];
        let (year, month, day) = date_of(n);
        let mut tags: Vec<&str> = (0..random.below(4))
            .map(|_| random.name(&self.tags))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        let mut text = format!(
            "---\ntitle: \"{topic} note {n}\"\ndate: {year}-{month:02}-{day:02} 10:{:02}:00 +0800\nauthor: {}\ncategories:\n  - {topic}\n  - {}\ntags: [{}]\n---\n\n",
            minute_of(n),
            random.name(&self.authors),
            random.name(&self.categories),
            tags.join(", "),
        );
        let count = random.length(&shape.paragraphs).max(2);
        let mut blocks = Vec::with_capacity(count + 1);
        for p in 0..count {
            let mut length = random.length(&shape.lengths).max(1);
            if p == 0 {
                length = length.min(LEAD_WORDS);
            }
            let paragraph = if kind == Kind::English {
                self.english_paragraph(&mut random, length)
            } else {
                self.chinese_paragraph(&mut random, shape, length)
            };
            if kind == Kind::Reference {
                let heading = if p == 1 { "<h2>Details</h2>\n" } else { "" };
                blocks.push(format!(
                    "{heading}<p cms-style=\"font-L\">　　{paragraph}</p>"
                ));
                continue;
            }
            if p == 1 {
                blocks.push("## Details".to_owned());
            } else if p > 1 && random.chance(shape.headings, shape.blocks) {
                let words = random.length(&shape.titles).max(1);
                blocks.push(format!("## {}", self.heading(&mut random, kind, words)));
            }
            blocks.push(paragraph);
        }
        if kind == Kind::Reference {
            text.push_str(&format!("<div>\n{}\n</div>\n", blocks.join("\n")));
        } else {
            text.push_str(&blocks.join("\n\n"));
            text.push('\n');
        }
        text
    }

    fn heading(&self, random: &mut Random, kind: Kind, length: usize) -> String {
        if kind == Kind::English {
            let words: Vec<String> = (0..length)
                .map(|_| capital(self.english.sample(random)))
                .collect();
            words.join(" ")
        } else {
            self.han(random, length)
        }
    }

    /// An English paragraph of `words` words, in sentences of measured lengths.
    fn english_paragraph(&self, random: &mut Random, words: usize) -> String {
        let mut sentences = Vec::new();
        let mut left = words;
        while left > 0 {
            let length = random.length(&self.sentences).clamp(1, left);
            left -= length;
            let mut sentence = String::new();
            for i in 0..length {
                let word = self.english.sample(random);
                if i == 0 {
                    sentence.push_str(&capital(word));
                } else {
                    sentence.push(' ');
                    sentence.push_str(word);
                }
                if i + 1 < length && random.chance(self.commas, self.words) {
                    sentence.push(',');
                }
            }
            sentence.push('.');
            sentences.push(sentence);
        }
        sentences.join(" ")
    }

    /// A Chinese paragraph of about `characters` characters: runs of measured lengths, each
    /// followed by a comma, a full stop or an English word, as often as in the corpus.
    fn chinese_paragraph(&self, random: &mut Random, shape: &Shape, characters: usize) -> String {
        let mut text = String::new();
        let mut left = characters;
        while left > 0 {
            let length = random.length(&shape.clauses).clamp(1, left);
            left -= length;
            text.push_str(&self.han(random, length));
            if left == 0 || random.chance(shape.ends, shape.clauses.len()) {
                text.push('。');
            } else if random.chance(shape.latin, shape.clauses.len()) {
                text.push(' ');
                text.push_str(self.english.sample(random));
                text.push(' ');
            } else {
                text.push('，');
            }
        }
        text
    }

    /// `length` Chinese characters in runs sampled by frequency, never making a topic word
    /// where two runs meet.
    fn han(&self, random: &mut Random, length: usize) -> String {
        let mut text = String::new();
        let mut chars = 0;
        while chars < length {
            let run = self.chinese.sample(random);
            let start = text.len();
            text.push_str(run);
            if TOPICS.iter().any(|t| text.contains(t)) {
                text.truncate(start);
                continue;
            }
            chars += run.chars().count();
        }
        text.chars().take(length).collect()
    }
}

fn capital(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
