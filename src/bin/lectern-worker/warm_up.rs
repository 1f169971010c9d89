//! The worker's warm-up: asked by the page once it is idle, the worker parses a few articles of
//! the sample library as an import would, one a task, until its first job comes.
//!
//! Why: a browser runs freshly compiled WebAssembly first as quickly compiled, slow code, and
//! compiles a function again, optimised, only once it has run hot. A drop parsed by cold
//! workers took half as long again as the same drop after another one (the Hexo corpus, 466
//! files: some 1 200 ms against 790; 500 articles like the reference article, twice as long;
//! `tests/bench/ingest.mjs`). The page asks when it is idle after listing the library
//! (`browser::worker::warm`), so this runs while the reader looks at the library, not while
//! they wait for their files.

use std::cell::Cell;
use std::rc::Rc;

use lectern::parse_job::Context;
use lectern::parts::next_task;

/// The articles parsed, each of its own kind: the reference article (front matter with an
/// RFC 2822 date and Hexo categories, an HTML body in Chinese), Hexo documentation in Chinese
/// (Markdown, tag plugins, a table, code) and in English (lists, links), and GitHub's Markdown
/// (a table, task lists, a footnote, code).
/// None needs a module the worker fetches only when a file does (TOML front matter, TeX
/// math): warming up would fetch it for every reader.
const SAMPLES: [(&str, &str); 4] = [
    (
        "news/000_6ceb1ec26c302d42.md",
        include_str!("../../../static/articles/news/000_6ceb1ec26c302d42.md"),
    ),
    (
        "hexo/zh-cn-writing.md",
        include_str!("../../../static/articles/hexo/zh-cn-writing.md"),
    ),
    (
        "hexo/2015-03-05-hexo-3-0-released.md",
        include_str!("../../../static/articles/hexo/2015-03-05-hexo-3-0-released.md"),
    ),
    (
        "samples/gfm-features.md",
        include_str!("../../../static/articles/samples/gfm-features.md"),
    ),
];

/// Times the samples are parsed: some 220 KB of articles, about what it took (the Jekyll
/// corpus's 102 posts, 0.2 MB, before the Hexo corpus made it as fast as it gets; 15 posts
/// did half).
const ROUNDS: usize = 20;

/// Whether the worker still has reason to warm up: not once a job has come (a job warms it up
/// as well, and must not wait), nor a second time.
#[derive(Default)]
pub struct WarmUp {
    asked: Cell<bool>,
    job_came: Cell<bool>,
}

impl WarmUp {
    /// A job came: any warm-up stops after the article it is on.
    pub fn job_came(&self) {
        self.job_came.set(true);
    }

    /// Starts warming up, unless it was asked before or a job came.
    pub fn start(self: &Rc<Self>) {
        if !self.asked.replace(true) && !self.job_came.get() {
            wasm_bindgen_futures::spawn_local(self.clone().rounds());
        }
    }

    /// Parses the samples [`ROUNDS`] times, each as a job's file is (its answer written, not
    /// sent), an article a task: a job's message is taken between tasks, so it waits for one
    /// article at most.
    async fn rounds(self: Rc<Self>) {
        let context = Context::default();
        let parse = context.parser();
        for (path, text) in SAMPLES.iter().cycle().take(ROUNDS * SAMPLES.len()) {
            next_task().await;
            if self.job_came.get() {
                return;
            }
            let _ = crate::answer(parse(path, text.as_bytes()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use articles::front_matter::split::split;
    use articles::front_matter::Format;

    /// Natively the engine reads TOML and renders math itself (tests build it with its default
    /// features), so a sample that would need a module shows it: its front matter's notation,
    /// MathML in its HTML.
    #[test]
    fn no_sample_needs_a_module_fetched_on_demand() {
        let context = Context::default();
        let parse = context.parser();
        for (path, text) in SAMPLES {
            let toml = split(text).is_some_and(|split| split.format == Format::Toml);
            assert!(!toml, "{path} has TOML front matter");
            let article = parse(path, text.as_bytes());
            assert!(!article.html.contains("<math"), "{path} has TeX math");
        }
    }
}
