//! The page's and the worker's messages as the browser carries them: a two-item array of the
//! header (a [`Job`] or a [`FromWorker`], as JSON) and the payload (a job's files; a parsed
//! file's body), with the buffers to hand over without a copy. Both sides encode and decode
//! here, so neither builds or reads a message by position.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use super::{FromWorker, Job};

/// One file of a job: its bytes, or (a large file) its blob, which the worker reads itself.
pub enum JobFile<'a> {
    Bytes(&'a [u8]),
    Blob(&'a Blob),
}

/// A job's message and the buffers it hands over.
pub fn job<'a>(job: &Job, files: impl IntoIterator<Item = JobFile<'a>>) -> (JsValue, Array) {
    let payload = Array::new();
    let transfer = Array::new();
    for file in files {
        match file {
            JobFile::Blob(blob) => payload.push(blob),
            JobFile::Bytes(bytes) => {
                let array = Uint8Array::from(bytes);
                transfer.push(&array.buffer());
                payload.push(&array)
            }
        };
    }
    (message(job, &payload), transfer)
}

/// A job as the worker receives it, and its files in order; `None` for anything else.
pub fn read_job(data: &JsValue) -> Option<(Job, Array)> {
    let (header, payload) = parts(data)?;
    Some((header, payload.dyn_into().ok()?))
}

/// A reply's message and the buffers it hands over: the body, when there is one.
pub fn reply(reply: &FromWorker, body: Option<&[u8]>) -> (JsValue, Array) {
    match body {
        Some(body) => reply_with(reply, &Uint8Array::from(body)),
        None => (message(reply, &JsValue::NULL), Array::new()),
    }
}

/// A reply's message whose body is already outside wasm memory (bytes the browser read), and
/// the buffer it hands over.
pub fn reply_with(reply: &FromWorker, body: &Uint8Array) -> (JsValue, Array) {
    (message(reply, body), Array::of1(&body.buffer()))
}

/// A reply as the page receives it, with its body (empty when it has none); `None` for
/// anything else.
pub fn read_reply(data: &JsValue) -> Option<(FromWorker, Uint8Array)> {
    let (header, payload) = parts(data)?;
    let body = payload
        .dyn_into()
        .unwrap_or_else(|_| Uint8Array::new_with_length(0));
    Some((header, body))
}

fn message(header: &impl serde::Serialize, payload: &JsValue) -> JsValue {
    // The headers are plain data (numbers, strings, lists): writing them cannot fail.
    let header = serde_json::to_string(header).unwrap_or_default();
    Array::of2(&header.into(), payload).into()
}

fn parts<T: serde::de::DeserializeOwned>(data: &JsValue) -> Option<(T, JsValue)> {
    let message = data.dyn_ref::<Array>()?;
    let header = serde_json::from_str(&message.get(0).as_string()?).ok()?;
    Some((header, message.get(1)))
}
