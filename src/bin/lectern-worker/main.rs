//! Lectern's parsing worker: a second WebAssembly program, started by the page in Web Workers,
//! that parses articles, so that no file, however large, holds up the page, and the page's own
//! download carries none of that code. Archives are another program's (`lectern-archiver`), and
//! so is publishing a site (`lectern-publisher`): every reader downloads this one, few need
//! those (`lectern::browser::in_worker`).
//!
//! It says [`FromWorker::Ready`] once it listens, then answers the files of a parse a few at a
//! time with [`FromWorker::Parsed`], as they are parsed, the bodies (metadata, HTML and text,
//! in UTF-8) in a buffer handed over without a copy (the messages: `lectern::parse_job`). It
//! also reads a drop's files for the page ([`Task::Read`]), before they come back to be parsed.
//! Code blocks are coloured here (`articles::code`). Asked to warm up ([`Task::WarmUp`]), it
//! parses sample articles until its first job comes (`warm_up`). Files not in UTF-8 are read
//! with the browser's decoder and a detector loaded when one needs it, TeX math by a module
//! loaded when an article has a formula (`in_worker::lend_the_engine`).

mod warm_up;

use warm_up::WarmUp;

use std::borrow::Cow;
use std::rc::Rc;

use articles::code::highlight_code;
use articles::Article;
use js_sys::{Array, Uint8Array};
use lectern::browser::in_worker::{self, post, post_with, read_bytes, UNREADABLE};
use lectern::parse_job::{Context, FromWorker, Job, Lengths, Parsed, Task};
use web_sys::{Blob, FileReaderSync};

fn main() {
    in_worker::lend_the_engine();
    let warm_up = Rc::new(WarmUp::default());
    in_worker::listen(move |job, files| match &job.task {
        Task::WarmUp => warm_up.start(),
        Task::Parse(context) => {
            warm_up.job_came();
            parse(&job, context, &files, Answers::FEW);
        }
        Task::ParseEach(context) => parse(&job, context, &files, Answers::EACH),
        Task::Read => {
            // A drop is coming: its parsing is what warms up now.
            warm_up.job_came();
            read(&job, &files);
        }
        // The other programs' tasks, never sent here.
        Task::Unpack | Task::Pack | Task::Publish => {}
    });
}

/// Parses the files of a job, answering them as [`Answers`] says.
fn parse(job: &Job, context: &Context, files: &Array, mut answers: Answers) {
    let parse = context.parser();
    answers.job = job.id;
    for (index, path) in job.paths.iter().enumerate() {
        let bytes = read_bytes(&files.get(index as u32));
        // A large file is answered apart from the ones before it: the page times the worker
        // by the first file it has no answer for.
        if bytes.as_ref().is_some_and(|b| b.len() > ANSWERED_APART) {
            answers.send();
        }
        let article = match bytes {
            Some(bytes) => parse(path, &bytes),
            None => Article::unreadable(path, UNREADABLE),
        };
        answers.add(index, answer(article));
    }
    answers.send();
}

/// A file larger than this is answered on its own.
const ANSWERED_APART: usize = 256 << 10;

/// Articles parsed and not yet sent to the page: sent together once the first of them has
/// waited some milliseconds, so a job of small files is a few messages, not one a file, and
/// the page still hears of its articles as they come.
struct Answers {
    job: u32,
    /// How long the first waits at most (0: each is sent at once).
    wait_millis: f64,
    first: usize,
    since: f64,
    lengths: Vec<Lengths>,
    body: Vec<u8>,
}

impl Answers {
    const FEW: Answers = Answers::waiting(20.0);
    const EACH: Answers = Answers::waiting(0.0);

    const fn waiting(wait_millis: f64) -> Answers {
        Answers {
            job: 0,
            wait_millis,
            first: 0,
            since: 0.0,
            lengths: Vec::new(),
            body: Vec::new(),
        }
    }

    /// The article of the file at `index`.
    fn add(&mut self, index: usize, parsed: Parsed) {
        if self.lengths.is_empty() {
            self.first = index;
            self.since = js_sys::Date::now();
        }
        self.lengths.push(parsed.write_to(&mut self.body));
        if js_sys::Date::now() - self.since >= self.wait_millis {
            self.send();
        }
    }

    /// Sends the articles waiting, if any.
    fn send(&mut self) {
        if self.lengths.is_empty() {
            return;
        }
        let reply = FromWorker::Parsed {
            job: self.job,
            first: self.first,
            articles: std::mem::take(&mut self.lengths),
        };
        post(&reply, Some(&self.body));
        self.body.clear();
    }
}

/// Reads the files of a job (a group of a drop's) as one blob made of them, and hands their
/// bytes to the page as one buffer, never copied into this program's memory: the page cuts it
/// into files by their sizes.
fn read(job: &Job, files: &Array) {
    let read = Blob::new_with_blob_sequence(files)
        .and_then(|all| FileReaderSync::new()?.read_as_array_buffer(&all));
    match read {
        Ok(buffer) => post_with(
            &FromWorker::Read {
                job: job.id,
                result: Ok(()),
            },
            &Uint8Array::new(&buffer),
        ),
        // A file removed or changed since it was chosen: the page reads them one at a time.
        Err(_) => post(
            &FromWorker::Read {
                job: job.id,
                result: Err(UNREADABLE.to_owned()),
            },
            None,
        ),
    }
}

/// An article as the page takes it: its code coloured (here, so the page's own program does not
/// carry the highlighter), then ready to be written into an answer's body (see
/// [`FromWorker::Parsed`]).
fn answer(mut article: Article) -> Parsed {
    if let Cow::Owned(html) = highlight_code(&article.html) {
        article.html = html;
    }
    Parsed::of(article)
}
