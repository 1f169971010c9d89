//! What runs inside Lectern's worker programs rather than on the page: how each listens for the
//! page's jobs, reads the files they carry and answers (this file), and what the engine is lent
//! there (`legacy`, `math`, `toml`, loaded as modules of their own by `modules`). The page never calls
//! any of it, so its build links none of it.
//!
//! There are three programs (`src/bin/`), so that the one every reader downloads carries only
//! parsing: `lectern-worker` parses articles; `lectern-archiver` unpacks and packs `.zip`
//! archives, fetched the first time a reader drops one or exports; `lectern-publisher` writes a
//! library's catalog and packs a site, fetched only to publish one. The page starts each
//! (`super::worker`).

pub mod archives;
pub mod legacy;
pub mod math;
pub mod modules;
pub mod toml;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

use crate::parse_job::wire::{self, read_job};
use crate::parse_job::{FromWorker, Job};

/// Lends the engine what this build of it leaves out: the browser's decoder and the encoding
/// detector for files not in UTF-8, the TeX math module and the TOML module.
pub fn lend_the_engine() {
    articles::decode::use_legacy(legacy::LEGACY);
    articles::body::use_math(math::render);
    articles::front_matter::use_toml(toml::to_json);
}

/// Calls `on_job` with each job the page sends and its files, then says this worker is ready.
pub fn listen(on_job: impl Fn(Job, Array) + 'static) {
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        // The page sends nothing else; anything else is not a job and is ignored.
        if let Some((job, files)) = read_job(&event.data()) {
            on_job(job, files);
        }
    });
    let scope = scope();
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The listener lives as long as the worker.
    on_message.forget();
    post(&FromWorker::Ready, None);
}

/// Answers the page: `reply`, with `body` handed over without a copy.
pub fn post(reply: &FromWorker, body: Option<&[u8]>) {
    let (message, transfer) = wire::reply(reply, body);
    // A page that went away no longer listens.
    let _ = scope().post_message_with_transfer(&message, &transfer);
}

/// Answers the page with `body`, bytes the browser read outside wasm memory, handed over
/// without a copy.
pub fn post_with(reply: &FromWorker, body: &Uint8Array) {
    let (message, transfer) = wire::reply_with(reply, body);
    let _ = scope().post_message_with_transfer(&message, &transfer);
}

/// Why a file the page sent could not be read here.
pub const UNREADABLE: &str = "the worker could not read the file";

/// A file's bytes as the page sent them: bytes, or (a large file) a blob read here.
pub fn read_bytes(value: &JsValue) -> Option<Vec<u8>> {
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

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}
