//! Lectern's parsing worker: a second WebAssembly program, started by the page in a Web Worker,
//! that parses files so that no article, however large, holds up the page.
//!
//! It says [`FromWorker::Ready`] once it listens, then answers each file of a [`Job`] with
//! [`FromWorker::Parsed`] as soon as it is parsed, the body (HTML then text, in UTF-8) in a
//! buffer handed over without a copy (the messages: `lectern::parse_job`). Code blocks are
//! coloured here (`articles::code`): articles parsed on the page, where workers cannot run,
//! show their code plain.

use std::borrow::Cow;

use articles::code::highlight_code;
use articles::Article;
use js_sys::{Array, Uint8Array};
use lectern::parse_job::wire::{self, read_job};
use lectern::parse_job::{FromWorker, Job, Parsed};
use wasm_bindgen::prelude::*;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_job = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        // The page sends nothing else; anything else is not a job and is ignored.
        if let Some((job, files)) = read_job(&event.data()) {
            run(&replies, &job, &files);
        }
    });
    scope.set_onmessage(Some(on_job.as_ref().unchecked_ref()));
    // The listener lives as long as the worker.
    on_job.forget();
    post(&scope, &FromWorker::Ready, None);
}

/// Parses the files of one job, answering each as soon as it is done.
fn run(scope: &DedicatedWorkerGlobalScope, job: &Job, files: &Array) {
    let parse = job.context.parser();
    for (index, path) in job.paths.iter().enumerate() {
        let mut article = match read_bytes(&files.get(index as u32)) {
            Some(bytes) => parse(path, &bytes),
            None => Article::unreadable(path, "the parsing worker could not read the file"),
        };
        // Code is coloured here, so the page's own program does not carry the highlighter.
        if let Cow::Owned(html) = highlight_code(&article.html) {
            article.html = html;
        }
        let parsed = Parsed::of(article);
        let (body, html_length) = parsed.body();
        let reply = FromWorker::Parsed {
            job: job.id,
            index,
            meta: parsed.meta,
            html_length,
        };
        post(scope, &reply, Some(&body));
    }
}

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
