//! Zip archives of the reader's files: unpacked when dropped or opened, written on export.
//!
//! Pure Rust (the `zip` crate with a Rust deflate), so it runs in the browser and is tested
//! natively. Limits guard against zip bombs: an archive never expands past what a library of
//! articles plausibly holds.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::reader_file::ReaderFile;

/// The most one file of an archive may expand to.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most a whole archive may expand to.
const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
/// The most files an archive may hold.
const MAX_FILES: usize = 200_000;

/// Whether a file name is a zip archive.
pub fn is_zip(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".zip")
}

/// The files of an archive, paths prefixed with `prefix` (the archive's folder), or why not.
pub fn unpack(bytes: &[u8], prefix: &str) -> Result<Vec<ReaderFile>, String> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable zip archive ({e})"))?;
    if archive.len() > MAX_FILES {
        return Err(format!("holds more than {MAX_FILES} files"));
    }
    let mut files = Vec::new();
    let mut total = 0u64;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|e| e.to_string())?;
        if entry.is_dir() {
            continue;
        }
        // `enclosed_name` refuses `../` and absolute paths.
        let Some(path) = entry.enclosed_name() else {
            continue;
        };
        let path = path.to_string_lossy().replace('\\', "/");
        let mut data = Vec::new();
        (&mut entry)
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("{path}: {e}"))?;
        total += data.len() as u64;
        if data.len() as u64 > MAX_FILE_BYTES || total > MAX_TOTAL_BYTES {
            return Err("expands to more than a library of articles plausibly holds".to_owned());
        }
        files.push(ReaderFile {
            path: format!("{prefix}{path}"),
            bytes: data,
        });
    }
    Ok(files)
}

/// An archive of `files`, each under its path, bytes unchanged. Deterministic: the same files
/// give the same archive.
pub fn pack<'a>(files: impl IntoIterator<Item = &'a ReaderFile>) -> Result<Vec<u8>, String> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for file in files {
        writer
            .start_file(file.path.as_str(), options)
            .map_err(|e| e.to_string())?;
        writer.write_all(&file.bytes).map_err(|e| e.to_string())?;
    }
    writer
        .finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, bytes: &[u8]) -> ReaderFile {
        ReaderFile {
            path: path.to_owned(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn round_trip_is_byte_exact_and_deterministic() {
        let files = vec![
            file("notes/a.md", b"# A\n\xff\xfe raw bytes"),
            file("img/b.png", &[0, 1, 2, 255]),
        ];
        let archive = pack(&files).expect("packed");
        assert_eq!(pack(&files).expect("packed again"), archive);
        assert_eq!(unpack(&archive, "").expect("unpacked"), files);
        let prefixed = unpack(&archive, "backup/").expect("unpacked");
        assert_eq!(prefixed[0].path, "backup/notes/a.md");
    }

    #[test]
    fn garbage_is_refused_with_a_reason() {
        assert!(unpack(b"PK\x03\x04 not really", "").is_err());
        assert!(unpack(b"", "").is_err());
    }
}
