//! The module's side of the calls Lectern's parsing worker makes into the plain WebAssembly
//! modules it loads when a file needs them (`crates/math`, `crates/toml`; the worker's side is
//! `Kept::ask` in `src/browser/in_worker/modules.rs`). One buffer in the module's memory
//! carries a text in and the answer out: the worker asks [`input`] for room, writes the text
//! there, calls the module's export, which answers with [`answer`], and reads the result at
//! [`output`]. Each module exports these under its own `#[no_mangle]` names; no imports, no
//! wasm-bindgen.

use std::cell::RefCell;

thread_local! {
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Makes the buffer `length` bytes long and returns where the caller writes its text.
pub fn input(length: usize) -> *mut u8 {
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        buffer.resize(length, 0);
        buffer.as_mut_ptr()
    })
}

/// Where the result of the last [`answer`] is.
pub fn output() -> *const u8 {
    BUFFER.with_borrow(|buffer| buffer.as_ptr())
}

/// Defines a module's `input` and `output` exports, [`input`] and [`output`] (the module
/// defines the export that answers beside them, with [`answer`]).
#[macro_export]
macro_rules! buffer_exports {
    () => {
        /// Room for a text of `length` bytes (see `lectern_module::input`).
        #[no_mangle]
        pub extern "C" fn input(length: usize) -> *mut u8 {
            $crate::input(length)
        }

        /// Where the answer is (see `lectern_module::output`).
        #[no_mangle]
        pub extern "C" fn output() -> *const u8 {
            $crate::output()
        }
    };
}

/// Runs `respond` on the text in the first `length` bytes of the buffer (invalid UTF-8 read as
/// U+FFFD) and writes its answer, or why not, at the buffer's start. Returns the result's
/// length times two, plus one when it is an error.
pub fn answer(length: usize, respond: impl FnOnce(&str) -> Result<String, String>) -> usize {
    BUFFER.with_borrow_mut(|buffer| {
        let result = match buffer.get(..length) {
            Some(text) => respond(&String::from_utf8_lossy(text)),
            None => Err("the text was not written".to_owned()),
        };
        let (text, error) = match &result {
            Ok(text) => (text, 0),
            Err(why) => (why, 1),
        };
        buffer.clear();
        buffer.extend_from_slice(text.as_bytes());
        text.len() * 2 + error
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_goes_in_and_its_answer_comes_out_with_its_kind() {
        let text = "héllo";
        let at = input(text.len());
        // SAFETY: `input` made the buffer `text.len()` bytes long at `at`.
        unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), at, text.len()) };
        let length = answer(text.len(), |text| Ok(text.to_uppercase()));
        assert_eq!(length % 2, 0);
        // SAFETY: `answer` wrote `length / 2` bytes at `output`.
        let out = unsafe { std::slice::from_raw_parts(output(), length / 2) };
        assert_eq!(out, "HÉLLO".as_bytes());
        assert_eq!(answer(text.len() + 1, |_| Ok(String::new())) % 2, 1);
        assert_eq!(answer(0, |_| Err("no".to_owned())), 2 * 2 + 1);
    }
}
