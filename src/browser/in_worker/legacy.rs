//! Files not in UTF-8, read with the browser's help so this worker carries no tables of legacy
//! encodings (some 150 KB gzipped): the engine is built without them and lent these
//! (`articles::decode::use_legacy`). A file's bytes are decoded by the browser's own
//! `TextDecoder`; its encoding, when neither UTF-8 nor marked by a byte-order mark, is guessed
//! by the encoding detector (`crates/detect`, chardetng), loaded the first time a file needs
//! it: most readers never drop such a file, and never download it.
//!
//! Where the detector cannot be loaded (offline before it was ever fetched), the engine reads
//! the file as windows-1252 and says so, and the reader can choose its encoding.

use web_sys::{TextDecoder, TextDecoderOptions};

use super::modules::{Instance, Loaded, OnDemand};

/// The detector's module (see `modules`).
const MODULE: OnDemand = OnDemand {
    file: "lectern-detect.wasm",
    global: "lecternDetect",
};

/// Bytes written into the module at a time: the size of its input buffer (`INPUT`).
const PIECE: usize = 64 * 1024;

thread_local! {
    /// Loaded at the first guess (again later, if it could not be).
    static DETECTOR: Loaded<Detector> = const { Loaded::new() };
}

/// What the engine is lent.
pub const LEGACY: articles::decode::Legacy = articles::decode::Legacy { detect, decode };

/// The WHATWG name of the encoding `bytes` are in, or `None` when the detector cannot be
/// loaded.
fn detect(bytes: &[u8]) -> Option<String> {
    DETECTOR.with(|detector| {
        detector
            .get(js_sys::Date::now(), Detector::load)?
            .guess(bytes)
    })
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

/// The detector's instance.
struct Detector(Instance);

impl Detector {
    fn load() -> Option<Detector> {
        Instance::new(&MODULE.compile()?).map(Detector)
    }

    /// Writes `bytes` into the module a piece at a time, then asks for its guess.
    fn guess(&self, bytes: &[u8]) -> Option<String> {
        let Detector(module) = self;
        let at = module.call("input", &[])?;
        let pieces = bytes.len().div_ceil(PIECE);
        for (n, piece) in bytes.chunks(PIECE).enumerate() {
            module.write(at, piece)?;
            let last = u32::from(n + 1 == pieces);
            module.call("feed", &[piece.len() as u32, last])?;
        }
        let length = module.call("guess", &[])? as usize;
        String::from_utf8(module.read(at, length.min(PIECE))?).ok()
    }
}
