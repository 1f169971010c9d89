//! Files not in UTF-8, read with the browser's help so this worker carries no tables of legacy
//! encodings (some 150 KB gzipped): the engine is built without them and lent these
//! (`articles::decode::use_legacy`). A file's bytes are decoded by the browser's own
//! `TextDecoder`; its encoding, when neither UTF-8 nor marked by a byte-order mark, is guessed
//! by the encoding detector (`crates/detect`, chardetng), loaded the first time a file needs
//! it: most readers never drop such a file, and never download it.
//!
//! The engine asks in the middle of a parse, which does not wait, so the module is fetched and
//! compiled synchronously, as a worker may: from the bytes the single file put in this worker's
//! global `lecternDetect` (xtask/src/single_file/boot.js), else from the site beside this
//! worker, of its own build. Where it cannot be loaded (offline before it was ever fetched),
//! the engine reads the file as windows-1252 and says so, and the reader can choose its
//! encoding.

use std::cell::OnceCell;

use js_sys::{ArrayBuffer, Function, Object, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    DedicatedWorkerGlobalScope, TextDecoder, TextDecoderOptions, XmlHttpRequest,
    XmlHttpRequestResponseType,
};

/// The module's file, beside this worker's.
const FILE: &str = "lectern-detect.wasm";

/// Bytes written into the module at a time: the size of its input buffer (`INPUT`).
const PIECE: usize = 64 * 1024;

thread_local! {
    /// Loaded at the first guess; `None` if it could not be.
    static DETECTOR: OnceCell<Option<Detector>> = const { OnceCell::new() };
}

/// What the engine is lent.
pub const LEGACY: articles::decode::Legacy = articles::decode::Legacy { detect, decode };

/// The WHATWG name of the encoding `bytes` are in, or `None` when the detector cannot be
/// loaded.
fn detect(bytes: &[u8]) -> Option<String> {
    DETECTOR.with(|detector| detector.get_or_init(Detector::load).as_ref()?.guess(bytes))
}

/// `bytes` read by the browser in the encoding `name` names, and whether some could not be
/// (read strictly first; only then again, with replacement characters).
fn decode(bytes: &[u8], name: &str) -> Option<articles::decode::Text> {
    let decoder = |fatal: bool| {
        let options = TextDecoderOptions::new();
        options.set_fatal(fatal);
        TextDecoder::new_with_label_and_options(name, &options).ok()
    };
    if let Ok(text) = decoder(true)?.decode_with_u8_array(bytes) {
        return Some((text, false));
    }
    let text = decoder(false)?.decode_with_u8_array(bytes).ok()?;
    Some((text, true))
}

/// An instance of the module and its exports.
struct Detector {
    memory: WebAssembly::Memory,
    input: Function,
    feed: Function,
    guess: Function,
}

impl Detector {
    fn load() -> Option<Detector> {
        let bytes = carried().or_else(fetched)?;
        let module = WebAssembly::Module::new(&bytes).ok()?;
        let instance = WebAssembly::Instance::new(&module, &Object::new()).ok()?;
        let exports = instance.exports();
        let export = |name: &str| Reflect::get(&exports, &JsValue::from_str(name)).ok();
        Some(Detector {
            memory: export("memory")?.dyn_into().ok()?,
            input: export("input")?.dyn_into().ok()?,
            feed: export("feed")?.dyn_into().ok()?,
            guess: export("guess")?.dyn_into().ok()?,
        })
    }

    /// Writes `bytes` into the module a piece at a time, then asks for its guess.
    fn guess(&self, bytes: &[u8]) -> Option<String> {
        let at = self.input.call0(&JsValue::NULL).ok()?.as_f64()? as u32;
        let pieces = bytes.len().div_ceil(PIECE);
        for (n, piece) in bytes.chunks(PIECE).enumerate() {
            self.view(at, piece.len())?.copy_from(piece);
            let last = u32::from(n + 1 == pieces);
            let length = JsValue::from(piece.len() as u32);
            self.feed
                .call2(&JsValue::NULL, &length, &JsValue::from(last))
                .ok()?;
        }
        let length = self.guess.call0(&JsValue::NULL).ok()?.as_f64()? as usize;
        String::from_utf8(self.view(at, length)?.to_vec()).ok()
    }

    /// `length` bytes of the module's memory from `at`.
    fn view(&self, at: u32, length: usize) -> Option<Uint8Array> {
        let buffer = self.memory.buffer().dyn_into::<ArrayBuffer>().ok()?;
        let length = u32::try_from(length.min(PIECE)).ok()?;
        Some(Uint8Array::new_with_byte_offset_and_length(
            &buffer, at, length,
        ))
    }
}

/// The module as the single file carries it, inflated before this worker started.
fn carried() -> Option<JsValue> {
    Reflect::get(&js_sys::global(), &JsValue::from_str("lecternDetect"))
        .ok()
        .filter(|bytes| bytes.is_instance_of::<ArrayBuffer>())
}

/// The module fetched from beside this worker, of the same build (the worker's own query).
fn fetched() -> Option<JsValue> {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().dyn_into().ok()?;
    let build = scope.location().search();
    let request = XmlHttpRequest::new().ok()?;
    request
        .open_with_async("GET", &format!("./{FILE}{build}"), false)
        .ok()?;
    request.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
    request.send().ok()?;
    (request.status().ok()? == 200)
        .then(|| request.response().ok())
        .flatten()
}
