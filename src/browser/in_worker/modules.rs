//! WebAssembly modules of their own that this worker loads the first time a file needs one: the
//! encoding detector (`legacy`), TeX math (`math`) and TOML front matter (`toml`). Few
//! readers' files need any, and those readers never download them (together some 270 KB
//! gzipped).
//!
//! The engine asks in the middle of a parse, which does not wait, so a module is fetched and
//! compiled synchronously, as a worker may: from the bytes the single file put in one of this
//! worker's globals (xtask/src/single_file/boot.js), else from the site beside this worker, of
//! its own build. Each is a plain module (no imports, no wasm-bindgen): the worker writes its
//! input into the module's memory, calls an export, and reads the answer back.

use std::cell::{Cell, OnceCell, RefCell};

use js_sys::{ArrayBuffer, Function, Object, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, XmlHttpRequest, XmlHttpRequestResponseType};

/// Where a module is found: its file beside this worker's, and the global the single file
/// carries it in.
pub struct OnDemand {
    pub file: &'static str,
    pub global: &'static str,
}

impl OnDemand {
    /// The module compiled, or `None` where it cannot be had (offline before it was ever
    /// fetched).
    pub fn compile(&self) -> Option<WebAssembly::Module> {
        let bytes = self.carried().or_else(|| self.fetched())?;
        WebAssembly::Module::new(&bytes).ok()
    }

    /// The module as the single file carries it, inflated before this worker started.
    fn carried(&self) -> Option<JsValue> {
        Reflect::get(&js_sys::global(), &JsValue::from_str(self.global))
            .ok()
            .filter(|bytes| bytes.is_instance_of::<ArrayBuffer>())
    }

    /// The module fetched from beside this worker, of the same build (the worker's own query).
    fn fetched(&self) -> Option<JsValue> {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().dyn_into().ok()?;
        let build = scope.location().search();
        let request = XmlHttpRequest::new().ok()?;
        request
            .open_with_async("GET", &format!("./{}{build}", self.file), false)
            .ok()?;
        request.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
        request.send().ok()?;
        (request.status().ok()? == 200)
            .then(|| request.response().ok())
            .flatten()
    }
}

/// An instance of a module: its memory and its exports.
pub struct Instance {
    memory: WebAssembly::Memory,
    exports: Object,
}

impl Instance {
    pub fn new(module: &WebAssembly::Module) -> Option<Instance> {
        let instance = WebAssembly::Instance::new(module, &Object::new()).ok()?;
        let exports = instance.exports();
        let memory = Reflect::get(&exports, &JsValue::from_str("memory"))
            .ok()?
            .dyn_into()
            .ok()?;
        Some(Instance { memory, exports })
    }

    /// Calls the export `name` with `arguments` (numbers); its answer as a number. `None` when
    /// there is no such export or it trapped (a panic in the module).
    pub fn call(&self, name: &str, arguments: &[u32]) -> Option<u32> {
        let export: Function = Reflect::get(&self.exports, &JsValue::from_str(name))
            .ok()?
            .dyn_into()
            .ok()?;
        let arguments: js_sys::Array = arguments.iter().map(|&n| JsValue::from(n)).collect();
        let answer = export.apply(&JsValue::NULL, &arguments).ok()?;
        // Addresses and lengths come back as i32: read the bits as unsigned.
        Some(answer.as_f64().map_or(0, |n| n as i32 as u32))
    }

    /// Writes `bytes` into the module's memory at `at`.
    pub fn write(&self, at: u32, bytes: &[u8]) -> Option<()> {
        self.view(at, bytes.len())?.copy_from(bytes);
        Some(())
    }

    /// `length` bytes of the module's memory from `at`.
    pub fn read(&self, at: u32, length: usize) -> Option<Vec<u8>> {
        Some(self.view(at, length)?.to_vec())
    }

    /// A view of `length` bytes from `at`, if the memory holds them (a view past its end would
    /// throw).
    fn view(&self, at: u32, length: usize) -> Option<Uint8Array> {
        let buffer = self.memory.buffer().dyn_into::<ArrayBuffer>().ok()?;
        let length = u32::try_from(length).ok()?;
        let end = at.checked_add(length)?;
        (end <= buffer.byte_length())
            .then(|| Uint8Array::new_with_byte_offset_and_length(&buffer, at, length))
    }
}

/// How long a module that could not be loaded is not asked for again: a network error while
/// one file needed it is tried again for a later file, but an import of a thousand files
/// offline does not make a thousand requests.
const RETRY_MILLIS: f64 = 5_000.0;

/// A module (or what is made of it) once it could be loaded. A failure is remembered for
/// [`RETRY_MILLIS`], not for the worker's life: a moment offline would otherwise have every
/// later file read without it (legacy encodings as windows-1252, formulas left as TeX).
pub(super) struct Loaded<T> {
    value: OnceCell<T>,
    failed_at: Cell<Option<f64>>,
}

impl<T> Loaded<T> {
    pub(super) const fn new() -> Loaded<T> {
        Loaded {
            value: OnceCell::new(),
            failed_at: Cell::new(None),
        }
    }

    /// The value, loaded now by `load` unless that failed less than [`RETRY_MILLIS`] before
    /// `now` (milliseconds); `None` while it cannot be had.
    pub(super) fn get(&self, now: f64, load: impl FnOnce() -> Option<T>) -> Option<&T> {
        let failed_lately = self
            .failed_at
            .get()
            .is_some_and(|at| now - at < RETRY_MILLIS);
        if self.value.get().is_none() && !failed_lately {
            match load() {
                Some(value) => {
                    let _ = self.value.set(value);
                }
                None => self.failed_at.set(Some(now)),
            }
        }
        self.value.get()
    }
}

/// A module asked for text and answering text (TeX math, TOML): compiled the first time it is
/// asked, its instance kept between questions and made again after one traps (a panic in the
/// module may have left its memory half changed).
pub struct Kept {
    module: OnDemand,
    compiled: Loaded<WebAssembly::Module>,
    instance: RefCell<Option<Instance>>,
}

impl Kept {
    pub const fn new(module: OnDemand) -> Kept {
        Kept {
            module,
            compiled: Loaded::new(),
            instance: RefCell::new(None),
        }
    }

    /// Writes `text` into the module (its export `input` gives room for it), calls `export`
    /// with its length and `arguments`, and reads the answer (at `output`; the export returns
    /// its length times two, plus one when it is an error): the answer and whether it is an
    /// error. `None` when the module cannot be loaded; `Some(None)` when a call failed.
    pub fn ask(
        &self,
        export: &str,
        text: &str,
        arguments: &[u32],
    ) -> Option<Option<(String, bool)>> {
        let module = self
            .compiled
            .get(js_sys::Date::now(), || self.module.compile())?;
        let mut kept = self.instance.borrow_mut();
        let instance = kept.take().or_else(|| Instance::new(module));
        let answer = instance.as_ref().and_then(|instance| {
            let length = u32::try_from(text.len()).ok()?;
            let at = instance.call("input", &[length])?;
            instance.write(at, text.as_bytes())?;
            let all: Vec<u32> = std::iter::once(length)
                .chain(arguments.iter().copied())
                .collect();
            let answer = instance.call(export, &all)?;
            let at = instance.call("output", &[])?;
            let text = String::from_utf8(instance.read(at, answer as usize / 2)?).ok()?;
            Some((text, answer % 2 == 1))
        });
        if answer.is_some() {
            *kept = instance;
        }
        Some(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_not_loaded_is_asked_for_again_after_a_while_and_kept_once_loaded() {
        let loaded: Loaded<&str> = Loaded::new();
        let asked = Cell::new(0);
        let load = |answer: Option<&'static str>| {
            asked.set(asked.get() + 1);
            answer
        };
        assert_eq!(loaded.get(0.0, || load(None)), None);
        assert_eq!(loaded.get(1_000.0, || load(Some("module"))), None);
        assert_eq!(asked.get(), 1, "not asked again so soon after failing");
        let later = RETRY_MILLIS;
        assert_eq!(loaded.get(later, || load(Some("module"))), Some(&"module"));
        assert_eq!(loaded.get(later + 1.0, || load(None)), Some(&"module"));
        assert_eq!(asked.get(), 2, "kept once loaded");
    }
}
