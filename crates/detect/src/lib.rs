//! Lectern's encoding detector: [chardetng] (Firefox's) in a WebAssembly module of its own.
//!
//! Its tables are some 150 KB gzipped, a sixth of the parsing worker, and only a file that is
//! neither UTF-8 nor marked by a byte-order mark needs them; so the worker fetches and compiles
//! this module the first time such a file comes (`src/browser/in_worker/legacy.rs`) and no
//! reader of UTF-8 files ever downloads it. It has no imports and no allocator: the caller
//! writes a file into [`input`] a piece at a time, calls [`feed`] after each piece, then
//! [`guess`], which writes the encoding's WHATWG name into the same buffer.
//!
//! Built for `wasm32-unknown-unknown` by `cargo xtask detector` (run by Trunk after each build).

#![cfg_attr(target_arch = "wasm32", no_std)]

use core::cell::UnsafeCell;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};

/// Bytes the caller writes at a time, and room for the longest encoding name.
pub const INPUT: usize = 64 * 1024;

/// The detector and its input buffer. A WebAssembly instance runs on one thread and its exports
/// are called one at a time, so no two borrows of these ever overlap.
struct State {
    detector: UnsafeCell<Option<EncodingDetector>>,
    input: UnsafeCell<[u8; INPUT]>,
}

// SAFETY: wasm32-unknown-unknown without threads: one thread, and calls into the module never
// interleave (see `State`). Native builds (tests) call these functions from one test only.
unsafe impl Sync for State {}

static STATE: State = State {
    detector: UnsafeCell::new(None),
    input: UnsafeCell::new([0; INPUT]),
};

/// Where the caller writes the next piece of the file ([`INPUT`] bytes at most).
#[no_mangle]
pub extern "C" fn input() -> *mut u8 {
    STATE.input.get().cast()
}

/// Feeds the first `length` bytes of [`input`]; `last` (non-zero) says they end the file.
#[no_mangle]
pub extern "C" fn feed(length: usize, last: u32) {
    // SAFETY: see `State`: nothing else borrows the detector or the buffer during this call.
    let (detector, input) = unsafe { (&mut *STATE.detector.get(), &*STATE.input.get()) };
    let detector = detector.get_or_insert_with(|| EncodingDetector::new(Iso2022JpDetection::Deny));
    detector.feed(&input[..length.min(INPUT)], last != 0);
}

/// The encoding of the bytes fed since the last guess, its name written at [`input`]; returns
/// the name's length. The next [`feed`] starts a new file.
#[no_mangle]
pub extern "C" fn guess() -> usize {
    // SAFETY: as in `feed`.
    let (detector, input) = unsafe { (&mut *STATE.detector.get(), &mut *STATE.input.get()) };
    let detector = detector
        .take()
        .unwrap_or_else(|| EncodingDetector::new(Iso2022JpDetection::Deny));
    let name = detector.guess(None, Utf8Detection::Allow).name().as_bytes();
    input[..name.len()].copy_from_slice(name);
    name.len()
}

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file fed a piece at a time, as the worker does.
    fn detect(bytes: &[u8]) -> String {
        let pieces: Vec<&[u8]> = bytes.chunks(INPUT).collect();
        for (n, piece) in pieces.iter().enumerate() {
            // SAFETY: one test at a time touches the buffer (see `State`).
            unsafe { std::ptr::copy_nonoverlapping(piece.as_ptr(), input(), piece.len()) };
            feed(piece.len(), u32::from(n + 1 == pieces.len()));
        }
        let length = guess();
        // SAFETY: as above; `guess` wrote `length` bytes there.
        let name = unsafe { std::slice::from_raw_parts(input(), length) };
        String::from_utf8_lossy(name).into_owned()
    }

    #[test]
    fn guesses_legacy_encodings_across_pieces_and_files() {
        // "中文编码的文章，用来测试检测。" in GBK, long enough to cross a piece.
        let gbk = b"\xd6\xd0\xce\xc4\xb1\xe0\xc2\xeb\xb5\xc4\xce\xc4\xd5\xc2\xa3\xac\xd3\xc3\xc0\xb4\xb2\xe2\xca\xd4\xbc\xec\xb2\xe2\xa1\xa3";
        assert_eq!(detect(&gbk.repeat(5_000)), "GBK");
        // "日本語の文章です。" in Shift_JIS: a new file after a guess starts afresh.
        let sjis = b"\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x95\xb6\x8f\xcd\x82\xc5\x82\xb7\x81\x42";
        assert_eq!(detect(&sjis.repeat(20)), "Shift_JIS");
        assert_eq!(detect(b"caf\xe9 cr\xe8me"), "windows-1252");
    }
}
