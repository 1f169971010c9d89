//! Lectern's worker: a second WebAssembly program, started by the page in a Web Worker, that
//! does all the work on the bytes of files (parsing articles, unpacking and packing `.zip`
//! archives), so that no file, however large, holds up the page, and the page's own download
//! carries none of that code.
//!
//! It says [`FromWorker::Ready`] once it listens, then answers each [`Job`]: each file of a
//! parse with [`FromWorker::Parsed`] as soon as it is parsed, the body (HTML then text, in
//! UTF-8) in a buffer handed over without a copy; each archive of an unpack with
//! [`FromWorker::Unpacked`]; a pack with [`FromWorker::Packed`] (the messages:
//! `lectern::parse_job`). Code blocks are coloured here (`articles::code`). Asked to warm up
//! ([`Task::WarmUp`]), it parses sample articles until its first job comes (`warm_up`). Files
//! not in UTF-8 are read with the browser's decoder and a detector loaded when one needs it
//! (`legacy`); TeX math by a module loaded when an article has a formula (`math`); both
//! modules are loaded alike (`modules`).

mod legacy;
mod math;
mod modules;
mod warm_up;

use warm_up::WarmUp;

use std::borrow::Cow;
use std::rc::Rc;

use articles::catalog::{library_catalog, SHARD_DIR};
use articles::code::highlight_code;
use articles::front_matter::CategoryMode;
use articles::Article;
use js_sys::{Array, Uint8Array};
use lectern::archive;
use lectern::parse_job::wire::{self, read_job};
use lectern::parse_job::{Context, FromWorker, Job, Parsed, Task};
use lectern::reader_file::ReaderFile;
use lectern::site::SITE_LIBRARY;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

fn main() {
    articles::decode::use_legacy(legacy::LEGACY);
    articles::body::use_math(math::render);
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let warm_up = Rc::new(WarmUp::default());
    let on_job = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        // The page sends nothing else; anything else is not a job and is ignored.
        if let Some((job, files)) = read_job(&event.data()) {
            match job.task {
                Task::WarmUp => warm_up.start(),
                _ => {
                    warm_up.job_came();
                    run(&replies, &job, &files);
                }
            }
        }
    });
    scope.set_onmessage(Some(on_job.as_ref().unchecked_ref()));
    // The listener lives as long as the worker.
    on_job.forget();
    post(&scope, &FromWorker::Ready, None);
}

/// Does one job.
fn run(scope: &DedicatedWorkerGlobalScope, job: &Job, files: &Array) {
    match &job.task {
        Task::WarmUp => {}
        Task::Parse(context) => parse(scope, job, context, files),
        Task::Unpack => unpack(scope, job, files),
        Task::Pack => pack(scope, job, files, Ok),
        Task::Publish => pack(scope, job, files, with_catalog),
    }
}

/// Parses the files of a job, answering each as soon as it is done.
fn parse(scope: &DedicatedWorkerGlobalScope, job: &Job, context: &Context, files: &Array) {
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
        post(scope, &reply, Some(&body));
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

/// Unpacks the archives of a job, answering each with its files' paths and lengths, their
/// bytes one after another in the body.
fn unpack(scope: &DedicatedWorkerGlobalScope, job: &Job, files: &Array) {
    for index in 0..job.paths.len() {
        let unpacked = read_bytes(&files.get(index as u32))
            .ok_or_else(|| UNREADABLE.to_owned())
            .and_then(|bytes| archive::unpack(&bytes, ""));
        let mut body = Vec::new();
        let files = unpacked.map(|files| {
            files
                .into_iter()
                .map(|file| {
                    body.extend_from_slice(&file.bytes);
                    (file.path, file.bytes.len())
                })
                .collect()
        });
        let reply = FromWorker::Unpacked {
            job: job.id,
            index,
            files,
        };
        post(scope, &reply, Some(&body));
    }
}

/// Packs the files of a job into one archive.
/// Packs the files of a job into one archive, after `finish` has made of them what is to be
/// packed.
fn pack(
    scope: &DedicatedWorkerGlobalScope,
    job: &Job,
    files: &Array,
    finish: impl FnOnce(Vec<ReaderFile>) -> Result<Vec<ReaderFile>, String>,
) {
    let packed = job
        .paths
        .iter()
        .enumerate()
        .map(|(index, path)| {
            let bytes =
                read_bytes(&files.get(index as u32)).ok_or_else(|| UNREADABLE.to_owned())?;
            Ok(ReaderFile {
                path: path.clone(),
                bytes,
            })
        })
        .collect::<Result<Vec<_>, String>>()
        .and_then(finish)
        .and_then(|files| archive::pack(&files));
    let (result, body) = match packed {
        Ok(archive) => (Ok(()), archive),
        Err(reason) => (Err(reason), Vec::new()),
    };
    let reply = FromWorker::Packed {
        job: job.id,
        result,
    };
    post(scope, &reply, Some(&body));
}

/// A site's files: the library's catalog written beside its articles (replacing any file of
/// the reader's at the catalog's paths, as `cargo xtask index` does), all in path order.
fn with_catalog(mut files: Vec<ReaderFile>) -> Result<Vec<ReaderFile>, String> {
    let catalog = library_catalog(
        files.iter().filter_map(|file| {
            Some((file.path.strip_prefix(SITE_LIBRARY)?, file.bytes.as_slice()))
        }),
        CategoryMode::default(),
    );
    let written: Vec<ReaderFile> = catalog
        .files
        .into_iter()
        .map(|(path, bytes)| ReaderFile {
            path: format!("{SITE_LIBRARY}{path}"),
            bytes,
        })
        .collect();
    let index_dir = format!("{SITE_LIBRARY}{SHARD_DIR}");
    files.retain(|file| {
        !file.path.starts_with(&index_dir) && written.iter().all(|w| w.path != file.path)
    });
    files.extend(written);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Why a file the page sent could not be read here.
const UNREADABLE: &str = "the worker could not read the file";

fn post(scope: &DedicatedWorkerGlobalScope, reply: &FromWorker, body: Option<&[u8]>) {
    let (message, transfer) = wire::reply(reply, body);
    // A page that went away no longer listens.
    let _ = scope.post_message_with_transfer(&message, &transfer);
}

/// A file's bytes as the page sent them: bytes, or (a large file) a blob read here.
fn read_bytes(value: &JsValue) -> Option<Vec<u8>> {
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        return Some(array.to_vec());
    }
    let blob = value.dyn_ref::<Blob>()?;
    let buffer = FileReaderSync::new()
        .ok()?
        .read_as_array_buffer(blob)
        .ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}
