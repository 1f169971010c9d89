//! A file as the reader brought it in, as the state keeps it: plain data, so the state and its
//! tests need no browser (`browser::store::StoredFile` adds the browser's `Blob` beside it).

/// A file the reader dropped, picked, pasted or unpacked from a zip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderFile {
    /// The path within the drop (`notes/a.md`), or the file name.
    pub path: String,
    pub bytes: Vec<u8>,
}
