//! Lectern's parsing worker: a second WebAssembly program, started by the page in Web Workers,
//! that parses articles, so that no file, however large, holds up the page, and the page's own
//! download carries none of that code. Archives are another program's (`lectern-archiver`), and
//! so is publishing a site (`lectern-publisher`): every reader downloads this one, few need
//! those (`lectern::browser::in_worker`).
//!
//! It says [`FromWorker::Ready`] once it listens, then answers each file of a parse with
//! [`FromWorker::Parsed`] as soon as it is parsed, the body (HTML then text, in UTF-8) in a
//! buffer handed over without a copy (the messages: `lectern::parse_job`). It also reads a
//! drop's files for the page ([`Task::Read`]), before they come back to be parsed. Code blocks are
//! coloured here (`articles::code`). Asked to warm up ([`Task::WarmUp`]), it parses sample
//! articles until its first job comes (`warm_up`). Files not in UTF-8 are read with the
//! browser's decoder and a detector loaded when one needs it, TeX math by a module loaded when
//! an article has a formula (`in_worker::lend_the_engine`).

mod warm_up;

use warm_up::WarmUp;

use std::borrow::Cow;
use std::rc::Rc;

use articles::code::highlight_code;
use articles::Article;
use js_sys::{Array, Uint8Array};
use lectern::browser::in_worker::{self, post, post_with, read_bytes, UNREADABLE};
use lectern::parse_job::{Context, FromWorker, Job, Parsed, Task};
use web_sys::{Blob, FileReaderSync};

fn main() {
    in_worker::lend_the_engine();
    let warm_up = Rc::new(WarmUp::default());
    in_worker::listen(move |job, files| match &job.task {
        Task::WarmUp => warm_up.start(),
        Task::Parse(context) => {
            warm_up.job_came();
            parse(&job, context, &files);
        }
        Task::Read => {
            // A drop is coming: its parsing is what warms up now.
            warm_up.job_came();
            read(&job, &files);
        }
        // The other programs' tasks, never sent here.
        Task::Unpack | Task::Pack | Task::Publish => {}
    });
}

/// Parses the files of a job, answering each as soon as it is done.
fn parse(job: &Job, context: &Context, files: &Array) {
    let parse = context.parser();
    for (index, path) in job.paths.iter().enumerate() {
        let article = match read_bytes(&files.get(index as u32)) {
            Some(bytes) => parse(path, &bytes),
            None => Article::unreadable(path, UNREADABLE),
        };
        let (body, meta_length, html_length) = answer(article);
        let reply = FromWorker::Parsed {
            job: job.id,
            index,
            meta_length,
            html_length,
        };
        post(&reply, Some(&body));
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
/// carry the highlighter), then written as an answer's body, its metadata's length and its
/// HTML's (see [`FromWorker::Parsed`]).
fn answer(mut article: Article) -> (Vec<u8>, usize, usize) {
    if let Cow::Owned(html) = highlight_code(&article.html) {
        article.html = html;
    }
    Parsed::of(article).body()
}
