//! Folders dropped on the page, read recursively through `webkitGetAsEntry()`.
//!
//! `dataTransfer.files` lists a dropped folder as one unreadable item, so the entries are taken
//! from the drop event (synchronously: they are gone once it returns) and walked afterwards.

use js_sys::{Array, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DataTransfer, ErrorCallback, FileSystemDirectoryEntry, FileSystemDirectoryReader,
    FileSystemEntry, FileSystemFileEntry,
};

/// The entries of a drop, or none when the browser gives no entries (then use its files).
pub fn entries(transfer: &DataTransfer) -> Vec<FileSystemEntry> {
    let items = transfer.items();
    (0..items.length())
        .filter_map(|i| items.get(i))
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect()
}

/// Every file under `entries`, with its path inside what was dropped.
pub async fn files(entries: Vec<FileSystemEntry>) -> Vec<(String, web_sys::File)> {
    let mut found = Vec::new();
    let mut pending = entries;
    while let Some(entry) = pending.pop() {
        if entry.is_directory() {
            let reader = entry
                .unchecked_into::<FileSystemDirectoryEntry>()
                .create_reader();
            // A directory is read in batches until an empty one.
            loop {
                let batch = read_batch(&reader).await;
                if batch.is_empty() {
                    break;
                }
                pending.extend(batch);
            }
        } else if entry.is_file() {
            let path = entry.full_path().trim_start_matches('/').to_owned();
            if let Some(file) = file_of(entry.unchecked_ref::<FileSystemFileEntry>()).await {
                found.push((path, file));
            }
        }
    }
    found
}

async fn read_batch(reader: &FileSystemDirectoryReader) -> Vec<FileSystemEntry> {
    let promise = Promise::new(&mut |resolve, reject| {
        let error: &ErrorCallback = reject.unchecked_ref();
        if reader
            .read_entries_with_callback_and_error_callback(&resolve, error)
            .is_err()
        {
            let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &Array::new());
        }
    });
    match JsFuture::from(promise).await {
        Ok(batch) => batch
            .dyn_into::<Array>()
            .map(|a| a.iter().filter_map(|e| e.dyn_into().ok()).collect())
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

async fn file_of(entry: &FileSystemFileEntry) -> Option<web_sys::File> {
    let promise = Promise::new(&mut |resolve, reject| {
        entry.file_with_callback_and_error_callback(&resolve, reject.unchecked_ref());
    });
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}
