//! How fast the search index is built: the bundled corpora (Hexo's documentation in ten
//! languages, Jekyll's posts) and the seed article (Chinese news), parsed once and repeated to
//! 10 000 documents, added to a `SearchIndex` as the app adds arriving articles. Prints MB/s and
//! documents/s for folding alone and for adding, the memory the index holds per document, and a
//! digest of the results (with scores) of a fixed set of queries, so a change to the index can
//! be checked to give exactly the same answers. Times are on-CPU time where Linux tells it.
//!
//! `cargo run --release -p articles --example index_build [documents] [rounds] [folder]`
//! (a folder of articles instead of the corpora: say, `node tests/bench/generate.mjs`'s)

use std::alloc::{GlobalAlloc, Layout, System};
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use articles::search::{fold, Document, Query, SearchIndex};
use articles::{parse, Article, ParseOptions};

#[path = "../tests/corpus_paths/mod.rs"]
mod corpus_paths;

/// Counts the bytes allocated and not yet freed, to tell what the index holds.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// An article as the app hands it to the index.
struct Fields {
    title: String,
    labels: Vec<String>,
    summary: String,
    body: String,
}

impl Fields {
    fn of(article: &Article, body_bytes: usize) -> Fields {
        let mut end = article.text.len().min(body_bytes);
        while !article.text.is_char_boundary(end) {
            end -= 1;
        }
        Fields {
            title: article.title.clone(),
            labels: article
                .meta
                .authors
                .iter()
                .chain(&article.meta.tags)
                .cloned()
                .chain(article.meta.categories.iter().map(|path| path.join("/")))
                .collect(),
            summary: article.excerpt.clone(),
            body: article.text[..end].to_owned(),
        }
    }

    fn bytes(&self) -> usize {
        self.title.len()
            + self.labels.iter().map(String::len).sum::<usize>()
            + self.summary.len()
            + self.body.len()
    }

    fn document<'a>(&'a self, id: &'a str) -> Document<'a> {
        Document {
            id,
            title: &self.title,
            labels: self.labels.iter().map(String::as_str).collect(),
            summary: &self.summary,
            body: &self.body,
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut numbers = args.iter().filter_map(|a| a.parse().ok());
    let documents: usize = numbers.next().unwrap_or(10_000);
    let rounds: usize = numbers.next().unwrap_or(5);
    // A folder of articles named, or the bundled corpora.
    let paths = match args.iter().find(|a| a.parse::<usize>().is_err()) {
        Some(dir) => std::fs::read_dir(dir)
            .map(|entries| entries.filter_map(|e| Some(e.ok()?.path())).collect())
            .unwrap_or_default(),
        None => corpus_paths::under(&["tests/corpora", "tests/fixtures/seed"]),
    };
    let articles: Vec<Article> = paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            Some(parse(
                &p.display().to_string(),
                &bytes,
                &ParseOptions::default(),
            ))
        })
        .collect();
    println!(
        "{} articles parsed; {documents} documents, best of {rounds} rounds",
        articles.len()
    );
    // Whole articles (a dropped library), then the hosted catalog's search text (its first
    // 2 000 characters, some 1.4 KB of the app's profile).
    for (label, body_bytes) in [("whole text", usize::MAX), ("catalog text", 2_000)] {
        let fields: Vec<Fields> = articles
            .iter()
            .map(|a| Fields::of(a, body_bytes))
            .cycle()
            .take(documents)
            .collect();
        let ids: Vec<String> = (0..documents).map(|n| n.to_string()).collect();
        let bytes: usize = fields.iter().map(Fields::bytes).sum();
        println!(
            "\n{label}: {:.1} MB, {:.0} bytes per document",
            bytes as f64 / 1e6,
            bytes as f64 / documents as f64
        );
        let fold_time = best_of(rounds, || {
            for f in &fields {
                std::hint::black_box(fold(&f.title));
                for label in &f.labels {
                    std::hint::black_box(fold(label));
                }
                std::hint::black_box(fold(&f.summary));
                std::hint::black_box(fold(&f.body));
            }
        });
        report("fold", bytes, documents, fold_time);
        let build = || {
            let mut index = SearchIndex::new();
            for (f, id) in fields.iter().zip(&ids) {
                index.add(&f.document(id));
            }
            index
        };
        let add_time = best_of(rounds, build);
        report("add", bytes, documents, add_time);
        // Built once more, to count what it holds.
        let empty = LIVE.load(Ordering::Relaxed);
        let index = build();
        let held = LIVE.load(Ordering::Relaxed).saturating_sub(empty);
        println!(
            "  index holds {:.1} MB, {:.0} bytes per document ({:.2}x its text)",
            held as f64 / 1e6,
            held as f64 / documents as f64,
            held as f64 / bytes as f64
        );
        println!("  results digest {:016x}", digest(&index, &fields));
    }
}

/// The shortest of `rounds` runs of `run`, in seconds (what it returns is dropped untimed).
fn best_of<T>(rounds: usize, mut run: impl FnMut() -> T) -> f64 {
    (0..rounds.max(1))
        .map(|_| {
            let (start, wall) = (on_cpu(), Instant::now());
            let made = run();
            let seconds = match (start, on_cpu()) {
                (Some(start), Some(end)) => end.saturating_sub(start) as f64 / 1e9,
                _ => wall.elapsed().as_secs_f64(),
            };
            drop(made);
            seconds
        })
        .fold(f64::INFINITY, f64::min)
}

/// Nanoseconds this thread has run on a CPU (Linux): on a shared machine the wall clock also
/// counts the time other processes had the CPU.
fn on_cpu() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn report(what: &str, bytes: usize, documents: usize, seconds: f64) {
    println!(
        "  {what:>5}: {:8.1} ms {:8.1} MB/s {:10.0} documents/s",
        seconds * 1e3,
        bytes as f64 / 1e6 / seconds,
        documents as f64 / seconds
    );
}

/// A hash of every result (document and score) of queries taken from the documents themselves:
/// Latin prefixes and whole words, Chinese and Japanese runs, phrases, exclusions.
fn digest(index: &SearchIndex, fields: &[Fields]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut queries = vec![String::from("-the"), String::from("部署 -hexo")];
    for f in fields.iter().step_by(97).take(60) {
        let text = fold(&format!("{} {}", f.title, f.body));
        let chars: Vec<char> = text.chars().collect();
        let words: Vec<&str> = text.split_whitespace().collect();
        for n in [3_usize, 17, 41] {
            if let Some(word) = words.get(n * 7 % words.len().max(1)) {
                queries.push((*word).to_owned());
                queries.push(word.chars().take(2).collect());
                queries.push(format!("\"{word}\""));
            }
            if let Some(pair) = words.get(n..n + 2) {
                queries.push(format!("\"{} {}\"", pair[0], pair[1]));
            }
            let start = n * 13 % chars.len().max(1);
            queries.push(chars.iter().skip(start).take(1 + n % 4).collect());
        }
    }
    for query in &queries {
        query.hash(&mut hasher);
        for found in index.search(&Query::parse(query)).unwrap_or_default() {
            (index.id(found.doc), found.score).hash(&mut hasher);
        }
    }
    hasher.finish()
}
