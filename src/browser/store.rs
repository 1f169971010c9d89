//! The reader's own files, kept in IndexedDB so they survive reloads and browser restarts.
//!
//! Two object stores, keyed by the file's path within what was dropped. `files`: each record
//! keeps the original bytes (a large file as a `Blob`), so a newer engine can re-read them and
//! nothing is lost, and the article this build parsed from them: a reload lists thousands of
//! stored files without parsing them again (another build parses them afresh). `listing`: the
//! summary a card shows of each parsed article, a few hundred bytes, so a reload lists every
//! card before reading one file (10 000 records of `files` are some 50 MB to read back).
//! Writes are batched: one transaction for a whole drop, over both stores, which commits
//! entirely or not at all, fed a batch of records at a time so the page stays responsive.

use std::borrow::Borrow;
use std::ops::Deref;
use std::rc::Rc;

use articles::{Article, Summary};

use js_sys::{Array, Object, Promise, Reflect, Set, Uint8Array};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, IdbDatabase, IdbKeyRange, IdbObjectStore, IdbObjectStoreParameters, IdbRequest,
    IdbTransaction, IdbTransactionMode,
};

use crate::browser::page;
use crate::parse_job::Parsed;
use crate::parts::{next_task, Slices};
use crate::reader_file::ReaderFile;

const DATABASE: &str = "lectern";
/// 2 added `listing`.
const VERSION: u32 = 2;
const FILES: &str = "files";
const LISTING: &str = "listing";

/// A file as the reader brought it in, with the browser's handle on its bytes.
#[derive(Clone, Debug)]
pub struct StoredFile {
    /// The path and bytes, shared with the entry the state keeps.
    pub file: Rc<ReaderFile>,
    /// The same bytes as a browser `Blob` (the dropped `File`, or the stored blob), kept for a
    /// large file: the worker and IndexedDB take it as it is, with no copy on the page.
    blob: Option<Blob>,
    /// The article this build parsed from it, as the worker handed it over.
    pub parsed: Option<Rc<Parsed>>,
    /// What the library lists of that article (its `Summary`, as JSON).
    listed: Option<String>,
}

impl StoredFile {
    pub fn new(path: String, bytes: Vec<u8>) -> StoredFile {
        StoredFile::from(Rc::new(ReaderFile { path, bytes }))
    }

    /// The file with its bytes also as `blob`, when it is large enough to be worth keeping.
    pub fn with_blob(mut self, blob: Blob) -> StoredFile {
        if self.file.bytes.len() > BLOB_BYTES {
            self.blob = Some(blob);
        }
        self
    }

    pub fn blob(&self) -> Option<&Blob> {
        self.blob.as_ref()
    }

    /// The same file under another path.
    pub fn renamed(&self, path: String) -> StoredFile {
        StoredFile {
            file: Rc::new(ReaderFile {
                path,
                bytes: self.file.bytes.clone(),
            }),
            blob: self.blob.clone(),
            parsed: None,
            listed: None,
        }
    }

    /// The file with the article parsed from it and its summary, to store beside it, with
    /// `meta`, the article's metadata as the worker wrote it (JSON: the page never writes an
    /// article out). Not kept: a file that could not be read (it is tried again at the next
    /// visit), and an article showing pictures of its drop (their `blob:` URLs last one
    /// visit, so it is parsed again at the next).
    pub fn with_parsed(
        &self,
        article: &Article,
        meta: Option<String>,
        summary: &Summary,
    ) -> StoredFile {
        // memmem, not `str::contains`: a 21 MB article's HTML took the latter 24 ms.
        let meta = meta.filter(|_| {
            !article.is_unreadable()
                && memchr::memmem::find(article.html.as_bytes(), b"blob:").is_none()
        });
        StoredFile {
            listed: meta
                .as_ref()
                .and_then(|_| serde_json::to_string(summary).ok()),
            parsed: meta.map(|meta| Rc::new(Parsed::written(meta, article))),
            ..self.clone()
        }
    }
}

/// A file the state kept (to store again after an undo): its blob is made again if needed.
impl From<Rc<ReaderFile>> for StoredFile {
    fn from(file: Rc<ReaderFile>) -> StoredFile {
        StoredFile {
            file,
            blob: None,
            parsed: None,
            listed: None,
        }
    }
}

impl Deref for StoredFile {
    type Target = ReaderFile;

    fn deref(&self) -> &ReaderFile {
        &self.file
    }
}

/// Every stored file.
pub async fn load_all() -> Result<Vec<StoredFile>, String> {
    let mut files = Vec::new();
    load_each(|batch| files.extend(batch)).await?;
    Ok(files)
}

/// Every stored file, handed to `take` a batch at a time as storage yields them: the first can
/// be listed while the browser reads the next (reading 10 000 stored articles is half waiting).
///
/// Read `LOAD_BATCH` records at a time, each batch in a transaction of its own: the browser
/// turns a whole `getAll` into script objects in one task (10 000 articles took 70 ms, then as
/// long again to copy them into the page), and a transaction cannot wait while the page
/// breathes between batches.
pub async fn load_each(mut take: impl FnMut(Vec<StoredFile>)) -> Result<(), String> {
    let database = open().await?;
    let files_store = || {
        database
            .transaction_with_str(FILES)
            .and_then(|transaction| transaction.object_store(FILES))
            .map_err(describe)
    };
    let keys: Array = settle(&files_store()?.get_all_keys().map_err(describe)?)
        .await?
        .unchecked_into();
    let build = page::this_build();
    let mut slices = Slices::start();
    let mut first = 0;
    while first < keys.length() {
        let last = (first + LOAD_BATCH).min(keys.length()) - 1;
        // Keys come in order, so a batch is the range from its first key to its last.
        let range = IdbKeyRange::bound(&keys.get(first), &keys.get(last)).map_err(describe)?;
        let request = files_store()?.get_all_with_key(&range).map_err(describe)?;
        let records: Array = settle(&request).await?.unchecked_into();
        let mut files = Vec::with_capacity(records.length() as usize);
        for record in records.iter() {
            files.extend(from_record(&record, &build).await);
            if slices.due() {
                slices.breathe().await;
            }
        }
        take(files);
        first = last + 1;
    }
    Ok(())
}

/// Records read from storage in one request (see `load_all`).
const LOAD_BATCH: u32 = 500;

/// Stores `files` (replacing any with the same path) in one transaction.
pub async fn save<F: Borrow<StoredFile>>(files: &[F]) -> Result<(), String> {
    put(files, false).await
}

/// Stores `files` again (with what this build parsed of them), those of them still stored
/// only: a "remove all" while they were parsed stays removed. The check and the puts are one
/// transaction, so no removal comes between them.
pub async fn refresh<F: Borrow<StoredFile>>(files: &[F]) -> Result<(), String> {
    put(files, true).await
}

/// Stores `files`, all of them or (`stored_only`) those already stored.
///
/// The puts are issued a batch at a time, each batch when the last put of the one before has
/// succeeded: the transaction stays open (it is active while a request's success is handled),
/// yet no single task copies thousands of files.
async fn put<F: Borrow<StoredFile>>(files: &[F], stored_only: bool) -> Result<(), String> {
    if files.is_empty() {
        return Ok(());
    }
    let large = large_blobs(files).await;
    let build = page::this_build();
    let (transaction, store, listing) = writable().await?;
    // A JavaScript set of the keys as IndexedDB gives them: no copy of each into a string.
    let stored = if stored_only {
        Some(Set::new(
            &settle(&store.get_all_keys().map_err(describe)?).await?,
        ))
    } else {
        None
    };
    let mut batch_bytes = 0;
    let mut last = None;
    for (index, file) in files.iter().enumerate() {
        let file = file.borrow();
        if stored
            .as_ref()
            .is_some_and(|paths| !paths.has(&JsValue::from_str(&file.path)))
        {
            continue;
        }
        if batch_bytes > BATCH_BYTES {
            if let Some(request) = last.take() {
                if let Err(reason) = settle(&request).await {
                    let _ = transaction.abort();
                    return Err(reason);
                }
            }
            batch_bytes = 0;
        }
        // A file without an article to keep is no longer listed from its summary either.
        let listed = match file.listed.as_deref().filter(|_| !build.is_empty()) {
            Some(summary) => listing.put(&listing_record(&file.path, summary, &build)),
            None => listing.delete(&JsValue::from_str(&file.path)),
        };
        match listed.and_then(|_| store.put(&to_record(file, large.get(index), &build))) {
            Ok(request) => last = Some(request),
            Err(error) => {
                // All of the drop or none of it: the puts already queued must not commit.
                let _ = transaction.abort();
                return Err(describe(error));
            }
        }
        // Each record costs its bytes (and its article's) and some fixed work.
        batch_bytes += file.bytes.len()
            + file
                .parsed
                .as_ref()
                .map_or(0, |p| p.meta.len() + p.html.len() + p.text.len())
            + RECORD_COST;
    }
    finished(&transaction).await
}

/// About how many bytes of files one task hands to IndexedDB: some 20 ms of its copying
/// (2 MB a batch made tasks of 60–90 ms).
const BATCH_BYTES: usize = 600_000;

/// What a record costs beyond its bytes, counted as bytes: 300 small files a batch.
const RECORD_COST: usize = 2_000;

/// Removes the files at `paths` in one transaction.
pub async fn remove(paths: &[String]) -> Result<(), String> {
    let (transaction, store, listing) = writable().await?;
    for path in paths {
        let key = JsValue::from_str(path);
        store.delete(&key).map_err(describe)?;
        listing.delete(&key).map_err(describe)?;
    }
    finished(&transaction).await
}

/// Removes every stored file.
pub async fn clear() -> Result<(), String> {
    let (transaction, store, listing) = writable().await?;
    store.clear().map_err(describe)?;
    listing.clear().map_err(describe)?;
    finished(&transaction).await
}

/// What the library lists of every stored file this build parsed, as (path, summary), a
/// batch at a time: read ahead of the files themselves, so a reload lists at once.
pub async fn load_listing(mut take: impl FnMut(Vec<(String, Summary)>)) -> Result<(), String> {
    let database = open().await?;
    let build = page::this_build();
    if build.is_empty() {
        return Ok(());
    }
    let mut after: Option<JsValue> = None;
    let mut slices = Slices::start();
    loop {
        let listing = database
            .transaction_with_str(LISTING)
            .and_then(|transaction| transaction.object_store(LISTING))
            .map_err(describe)?;
        // Keys come in order: each batch starts after the last key of the one before.
        let request = match &after {
            None => listing.get_all_with_key_and_limit(&JsValue::UNDEFINED, LISTING_BATCH),
            Some(last) => IdbKeyRange::lower_bound_with_open(last, true)
                .and_then(|range| listing.get_all_with_key_and_limit(&range, LISTING_BATCH)),
        }
        .map_err(describe)?;
        let records: Array = settle(&request).await?.unchecked_into();
        let mut listed = Vec::with_capacity(records.length() as usize);
        for record in records.iter() {
            let field = |key: &str| Reflect::get(&record, &key.into()).ok()?.as_string();
            let summary = (field("build").as_deref() == Some(build.as_str()))
                .then(|| field("summary"))
                .flatten()
                .and_then(|json| serde_json::from_str(&json).ok());
            if let (Some(path), Some(summary)) = (field("path"), summary) {
                listed.push((path, summary));
            }
            if slices.due() {
                slices.breathe().await;
            }
        }
        let done = records.length() < LISTING_BATCH;
        after = records
            .get(records.length().wrapping_sub(1))
            .dyn_into::<Object>()
            .ok()
            .and_then(|last| Reflect::get(&last, &"path".into()).ok());
        take(listed);
        if done || after.is_none() {
            return Ok(());
        }
    }
}

/// Summaries read from storage in one request: a few hundred kilobytes.
const LISTING_BATCH: u32 = 1_000;

/// Asks the browser to keep this site's storage under pressure, and reports the bytes used.
pub async fn persist_and_measure() -> Option<f64> {
    let storage = web_sys::window()?.navigator().storage();
    if let Ok(promise) = storage.persist() {
        // Refusal is fine: the data is still stored, only evictable.
        let _ = JsFuture::from(promise).await;
    }
    let estimate = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    Reflect::get(&estimate, &"usage".into()).ok()?.as_f64()
}

/// A read-write transaction over both stores, and the stores: `files`, then `listing`.
async fn writable() -> Result<(IdbTransaction, IdbObjectStore, IdbObjectStore), String> {
    let transaction = open()
        .await?
        .transaction_with_str_sequence_and_mode(
            &Array::of2(&FILES.into(), &LISTING.into()),
            IdbTransactionMode::Readwrite,
        )
        .map_err(describe)?;
    let store = |name| transaction.object_store(name).map_err(describe);
    let (files, listing) = (store(FILES)?, store(LISTING)?);
    Ok((transaction, files, listing))
}

async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or("this browser offers no storage here (a private window?)")?;
    let request = factory.open_with_u32(DATABASE, VERSION).map_err(describe)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let database = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|d| d.dyn_into::<IdbDatabase>().ok());
        if let Some(database) = database {
            // A store made by an earlier version is kept as it is: the files stay, and the
            // summaries of those parsed before are written as they are read back.
            for name in [FILES, LISTING] {
                if !database.object_store_names().contains(name) {
                    let parameters = IdbObjectStoreParameters::new();
                    parameters.set_key_path(&JsValue::from_str("path"));
                    let _ =
                        database.create_object_store_with_optional_parameters(name, &parameters);
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let database = settle(&request).await;
    request.set_onupgradeneeded(None);
    let database = database?.dyn_into::<IdbDatabase>().map_err(describe)?;
    // A newer build's upgrade (in another tab) is not held up by this connection.
    let closing = database.clone();
    let on_version_change = Closure::once_into_js(move |_: web_sys::Event| closing.close());
    database.set_onversionchange(Some(on_version_change.unchecked_ref()));
    Ok(database)
}

/// The result of a request, once it succeeds.
async fn settle(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(describe),
        Err(_) => Err(request.error().ok().flatten().map_or_else(
            || "the browser refused to store".to_owned(),
            |e| e.message(),
        )),
    }
}

/// Waits for a transaction to commit; its error (e.g. `QuotaExceededError`) otherwise.
async fn finished(transaction: &IdbTransaction) -> Result<(), String> {
    let promise = Promise::new(&mut |resolve, reject| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onerror(Some(&reject));
        transaction.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(transaction.error().map_or_else(
            || "the browser did not store the files".to_owned(),
            |e| format!("{}: {}", e.name(), e.message()),
        )),
    }
}

/// A file's record: its path, its bytes (a large file's as its blob), and the article parsed
/// from it with the build that parsed it (a large article's HTML and text as one blob).
fn to_record(file: &StoredFile, large: Option<&Large>, build: &str) -> Object {
    let record = Object::new();
    let _ = Reflect::set(&record, &"path".into(), &JsValue::from_str(&file.path));
    let bytes: JsValue = match large.and_then(|large| large.bytes.as_ref()) {
        Some(blob) => blob.into(),
        None => Uint8Array::from(file.bytes.as_slice()).into(),
    };
    let _ = Reflect::set(&record, &"bytes".into(), &bytes);
    if let Some(parsed) = file.parsed.as_ref().filter(|_| !build.is_empty()) {
        let cached = Object::new();
        let set = |key: &str, value: &JsValue| Reflect::set(&cached, &key.into(), value);
        let _ = set("build", &JsValue::from_str(build));
        let _ = set("meta", &JsValue::from_str(&parsed.meta));
        match large.and_then(|large| large.body.as_ref()) {
            Some(body) => {
                let _ = set("body", body);
                let _ = set("htmlBytes", &JsValue::from(parsed.html.len() as f64));
            }
            None => {
                let _ = set("html", &JsValue::from_str(&parsed.html));
                let _ = set("text", &JsValue::from_str(&parsed.text));
            }
        }
        let _ = Reflect::set(&record, &"parsed".into(), &cached);
    }
    record
}

/// A summary's record in `listing`.
fn listing_record(path: &str, summary: &str, build: &str) -> Object {
    let record = Object::new();
    for (key, value) in [("path", path), ("build", build), ("summary", summary)] {
        let _ = Reflect::set(&record, &key.into(), &JsValue::from_str(value));
    }
    record
}

/// The article stored with a record, when this build parsed it.
async fn parsed_from(record: &JsValue, build: &str) -> Option<Rc<Parsed>> {
    let cached = Reflect::get(record, &"parsed".into()).ok()?;
    let field = |key: &str| Reflect::get(&cached, &key.into()).ok();
    let string = |key: &str| field(key)?.as_string();
    (!build.is_empty() && string("build")? == build).then_some(())?;
    let (html, text) = match field("body").and_then(|body| body.dyn_into::<Blob>().ok()) {
        Some(body) => {
            let mut html = bytes_of(&body).await.ok()?;
            let at = field("htmlBytes")?.as_f64()? as usize;
            let text = html.split_off(at.min(html.len()));
            (String::from_utf8(html).ok()?, String::from_utf8(text).ok()?)
        }
        None => (string("html")?, string("text")?),
    };
    Some(Rc::new(Parsed {
        meta: string("meta")?,
        html,
        text,
    }))
}

/// A file's parts stored as blobs: its bytes, its article's HTML and text (each when large).
#[derive(Default)]
struct Large {
    bytes: Option<Blob>,
    body: Option<Blob>,
}

/// The large files and articles of `files` as blobs, in order. Made before the transaction
/// opens: each is two copies of megabytes (into JavaScript, then into the blob), given tasks
/// of their own, and a transaction closes when a task ends with none of its requests pending.
/// As strings in the record, a 21 MB article's HTML and text were a 190 ms task in `put`.
async fn large_blobs<F: Borrow<StoredFile>>(files: &[F]) -> Vec<Large> {
    let mut blobs = Vec::with_capacity(files.len());
    for file in files {
        let file = file.borrow();
        let mut large = Large::default();
        if file.bytes.len() > BLOB_BYTES {
            large.bytes = match file.blob() {
                Some(blob) => Some(blob.clone()),
                None => blob_of(&[&file.bytes]).await,
            };
        }
        if let Some(parsed) = file
            .parsed
            .as_ref()
            .filter(|p| p.html.len() + p.text.len() > BLOB_BYTES)
        {
            large.body = blob_of(&[parsed.html.as_bytes(), parsed.text.as_bytes()]).await;
        }
        blobs.push(large);
    }
    blobs
}

/// A blob of `parts` one after another, none if the browser refuses it (the record then
/// holds the parts themselves). Copied a piece of at most [`BLOB_PIECE`] bytes a task, each
/// piece into JavaScript and then into a blob made of the last one and it (which the browser
/// joins by reference): a 21 MB article's HTML and text at once were a 60–80 ms task.
async fn blob_of(parts: &[&[u8]]) -> Option<Blob> {
    let mut blob: Option<Blob> = None;
    for piece in parts.iter().flat_map(|part| part.chunks(BLOB_PIECE)) {
        next_task().await;
        let pieces = Array::new();
        if let Some(so_far) = &blob {
            pieces.push(so_far);
        }
        pieces.push(&Uint8Array::from(piece));
        blob = Some(Blob::new_with_u8_array_sequence(&pieces).ok()?);
    }
    next_task().await;
    blob
}

/// The most bytes [`blob_of`] copies in one task.
const BLOB_PIECE: usize = 4 << 20;

/// Files larger than this are stored as a `Blob`, which the browser writes out of line: as
/// bytes, a 24 MB file was a 60 ms copy on the page inside `put`. Small files stay bytes, as
/// thousands of blobs would be thousands of files on disk.
const BLOB_BYTES: usize = 1 << 20;

async fn from_record(record: &JsValue, build: &str) -> Option<StoredFile> {
    let path = Reflect::get(record, &"path".into()).ok()?.as_string()?;
    let bytes = Reflect::get(record, &"bytes".into()).ok()?;
    let file = match bytes.dyn_into::<Blob>() {
        Ok(blob) => StoredFile::new(path, bytes_of(&blob).await.ok()?).with_blob(blob),
        Err(bytes) => StoredFile::new(path, bytes.dyn_into::<Uint8Array>().ok()?.to_vec()),
    };
    Some(StoredFile {
        parsed: parsed_from(record, build).await,
        ..file
    })
}

/// A blob's bytes, copied into the page: by the promise of `Blob.arrayBuffer()`, not a
/// `FileReader` (no events dispatched on the page for each blob).
pub async fn bytes_of(blob: &Blob) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| format!("{}: {}", e.name(), e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "storage failed".to_owned())
}
