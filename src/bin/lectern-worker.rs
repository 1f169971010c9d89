//! Lectern's parsing worker: a second WebAssembly program, started by the page in a Web Worker,
//! that parses files so that no article, however large, holds up the page.
//!
//! It says `"ready"` once it listens. A job is `[job, context JSON, paths, files]`, each file
//! its bytes or (a large one) its blob, read here; each file is answered with `[job, index,
//! metadata JSON, HTML length, body]` as soon as it is parsed, the body being the HTML then the
//! text in UTF-8, in a buffer handed over without a copy (see `lectern::parse_job`). Code blocks are coloured here (`articles::code`): articles
//! parsed on the page, where workers cannot run, show their code plain.

use std::borrow::Cow;

use articles::code::highlight_code;
use articles::Article;
use js_sys::{Array, Uint8Array};
use lectern::parse_job::{Context, Parsed};
use wasm_bindgen::prelude::*;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_job = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        run(&replies, &Array::from(&event.data()));
    });
    scope.set_onmessage(Some(on_job.as_ref().unchecked_ref()));
    // The listener lives as long as the worker.
    on_job.forget();
    let _ = scope.post_message(&"ready".into());
}

/// Parses the files of one job, answering each as soon as it is done.
fn run(scope: &DedicatedWorkerGlobalScope, job: &Array) {
    let id = job.get(0);
    // The page wrote the context; a context it cannot have meant reads as the default.
    let context: Context = job
        .get(1)
        .as_string()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let parse = context.parser();
    let paths = Array::from(&job.get(2));
    let files = Array::from(&job.get(3));
    for (index, path) in paths.iter().enumerate() {
        let path = path.as_string().unwrap_or_default();
        let mut article = match read_bytes(&files.get(index as u32)) {
            Some(bytes) => parse(&path, &bytes),
            None => Article::unreadable(&path, "the parsing worker could not read the file"),
        };
        // Code is coloured here, so the page's own program does not carry the highlighter.
        if let Cow::Owned(html) = highlight_code(&article.html) {
            article.html = html;
        }
        let parsed = Parsed::of(article);
        let (body, html_length) = parsed.body();
        let body = Uint8Array::from(body.as_slice());
        let reply = Array::of5(
            &id,
            &(index as f64).into(),
            &parsed.meta.into(),
            &(html_length as f64).into(),
            &body,
        );
        let _ = scope.post_message_with_transfer(&reply, &Array::of1(&body.buffer()));
    }
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
