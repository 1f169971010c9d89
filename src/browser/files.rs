//! Files the reader brings in: read from a drop or a file input, sorted into articles, assets
//! (a folder's images, shown from `blob:` URLs) and files Lectern skips, and parsed.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use articles::{Article, Summary};
use futures::{Stream, StreamExt};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, Url};
use yew::Callback;

use crate::archive;
use crate::browser::store::{bytes_of, StoredFile};
use crate::browser::worker::{self, Reply};
use crate::browser::{archives, download, parser, quarantine};
use crate::parse_job::Context;
use crate::parts::{next_task, Slices};
use crate::reader_file::{tell_apart, Twin};
use crate::shared::Shared;
use crate::state::{Entry, Origin};

/// Extensions kept beside articles so their relative links show, with their media types.
const ASSET_TYPES: &[(&str, &str)] = &[
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("avif", "image/avif"),
    ("svg", SVG_TYPE),
    ("bmp", "image/bmp"),
    ("ico", "image/x-icon"),
    ("mp4", "video/mp4"),
    ("webm", "video/webm"),
    ("mp3", "audio/mpeg"),
];

/// Where dropped files live in the id space, apart from hosted articles.
pub const DROPPED_PREFIX: &str = "dropped/";

/// Files the reader chose or dropped, in order, as the browser gave them: taken while their
/// event lasts, with one call ([`from_list`]), and named later ([`named`]).
pub struct Chosen(js_sys::Array);

/// The files of a `FileList` (from a file input, a drop without folders, a paste). One call to
/// the browser, however many files: ten thousand taken one by one, and named, in the event
/// were a long task of their own.
pub fn from_list(list: Option<web_sys::FileList>) -> Chosen {
    Chosen(list.map_or_else(js_sys::Array::new, |list| js_sys::Array::from(&list)))
}

/// The files with their paths, a slice of them a task: a file from a folder input knows its
/// path inside the folder.
pub async fn named(Chosen(files): Chosen) -> Vec<(String, web_sys::File)> {
    let mut named = Vec::with_capacity(files.length() as usize);
    let mut slices = Slices::start();
    for file in files
        .iter()
        .filter_map(|file| file.dyn_into::<web_sys::File>().ok())
    {
        if slices.due() {
            slices.breathe().await;
        }
        // `webkitRelativePath` is not in web-sys's bindings.
        let relative = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
            .ok()
            .and_then(|p| p.as_string())
            .filter(|p| !p.is_empty());
        named.push((relative.unwrap_or_else(|| file.name()), file));
    }
    named
}

/// A running import: it reports progress and can be cancelled.
#[derive(Clone)]
pub struct Import {
    pub cancelled: Rc<Cell<bool>>,
    /// Files done and files in all.
    pub progress: Callback<(usize, usize)>,
}

impl Import {
    fn report(&self, done: usize, total: usize) {
        self.progress.emit((done, total));
    }
}

/// Groups of files being read at once: enough to keep the browser's reading busy, few enough
/// that a drop of large files is not all in memory twice.
const READ_AHEAD: usize = 4;

/// Files read together, as one blob made of them, and their bytes at most: each read the page
/// starts costs its main thread some 0.2 ms however small the file, a tenth of a second for 500
/// files, where one read of 64 costs about as much as one.
const READ_TOGETHER: usize = 64;
const READ_TOGETHER_BYTES: f64 = 4e6;

/// How often an import reports its progress, in milliseconds.
const REPORT_MILLIS: f64 = 100.0;

/// What a drop or a pick gave, read.
pub struct Picked {
    /// The articles and assets, each under a name of its own.
    pub kept: Vec<StoredFile>,
    /// The files skipped (not an article or an image, unreadable), by name.
    pub skipped: Vec<String>,
    /// The new names of files kept beside another of the same name.
    pub beside: Vec<String>,
}

/// Reads the files worth keeping (articles and assets, also from inside `.zip` archives);
/// returns them and the names of the files skipped, or `None` when cancelled.
pub async fn read(files: Vec<(String, web_sys::File)>, import: &Import) -> Option<Picked> {
    let mut kept = Vec::new();
    let mut skipped = Vec::new();
    let mut zips = Vec::new();
    let total = files.len();
    let mut groups: Vec<Vec<(String, web_sys::File)>> = Vec::new();
    let mut group_bytes = 0.0;
    // Told at once: the reader sees the drop taken, and the app holds its own work back
    // (registering the service worker) until it is in.
    import.report(0, total);
    // Each step in tasks of its own: naming the files, grouping them, and the first reads
    // (making a blob of 64 files is some milliseconds) made one long task of a large drop.
    let mut slices = Slices::start();
    slices.breathe().await;
    for (path, file) in files {
        if slices.due() {
            slices.breathe().await;
        }
        if !archive::is_zip(&path) && !is_article(&path) && media_type(&path).is_none() {
            skipped.push(path);
            continue;
        }
        let full = groups.last().is_none_or(|group| {
            group.len() >= READ_TOGETHER || group_bytes + file.size() > READ_TOGETHER_BYTES
        });
        if full {
            groups.push(Vec::new());
            group_bytes = 0.0;
        }
        group_bytes += file.size();
        if let Some(group) = groups.last_mut() {
            group.push((path, file));
        }
    }
    slices.breathe().await;
    // Several groups read at once, taken in order: the browser reads them side by side.
    let mut reads = futures::stream::iter(groups.into_iter().enumerate().map(read_together))
        .buffered(READ_AHEAD);
    let mut done = skipped.len();
    while let Some(group) = reads.next().await {
        if import.cancelled.get() {
            return None;
        }
        // Groups already read come back without a wait, each starting the next group's blob:
        // taken one after another, they made one long task.
        if slices.due() {
            slices.breathe().await;
        }
        import.report(done, total);
        done += group.len();
        for (path, read) in group {
            let Ok((bytes, blob)) = read else {
                skipped.push(path);
                continue;
            };
            let zip = archive::is_zip(&path);
            let stored = StoredFile::new(path, bytes).with_blob(blob);
            if zip {
                zips.push(Rc::new(stored));
            } else {
                kept.push(stored);
            }
        }
    }
    for (zip, unpacked) in zips.iter().zip(archives::unpack(&zips).await) {
        match unpacked {
            Ok(files) => {
                let (wanted, other): (Vec<_>, Vec<_>) = files
                    .into_iter()
                    .partition(|f| is_article(&f.path) || media_type(&f.path).is_some());
                skipped.extend(other.into_iter().map(|f| f.path));
                kept.extend(wanted.into_iter().map(|f| StoredFile::from(Rc::new(f))));
            }
            Err(reason) => skipped.push(format!("{} ({reason})", zip.path)),
        }
    }
    if import.cancelled.get() {
        return None;
    }
    Some(told_apart(kept, skipped))
}

/// A file as read: its bytes and itself as a blob, or why it could not be read.
type Read = (String, Result<(Vec<u8>, Blob), JsValue>);

/// Reads a group of files (the drop's `at`th) with one read of a blob made of them all, then
/// cuts it into each file's bytes; where that fails (a file gone or unreadable), one file at a
/// time, so only such a file is skipped. The blob is made and read by a parsing worker, the
/// groups dealt to the workers in turn: making it costs the thread that makes it some 0.1 ms a
/// file (a second of the page's time for 10 000 files), and the workers have nothing to do
/// until the drop is read. Where no worker starts, the page makes it.
async fn read_together((at, group): (usize, Vec<(String, web_sys::File)>)) -> Vec<Read> {
    // Each group in a task of its own: the first groups start together, and making four blobs
    // of 64 files on the page was one task of 40–60 ms (the Hexo corpus dropped as the page
    // starts).
    next_task().await;
    if group.len() > 1 {
        // A group the worker could not read as one is read a file at a time, not made into
        // the same blob again here.
        let all = match read_in_worker(at, &group).await {
            Some(read) => read.ok(),
            None => read_on_page(&group).await,
        };
        if let Some(cut) = all.and_then(|all| cut(&group, &all)) {
            return cut;
        }
    }
    let mut read = Vec::with_capacity(group.len());
    for (path, file) in group {
        let blob: Blob = file.into();
        let bytes = bytes_of(&blob).await;
        read.push((path, bytes.map(|bytes| (bytes, blob))));
    }
    read
}

/// The bytes of `group`, one file's after another, as a parsing worker read them, or why it
/// could not; `None` when no worker answered (none started, or it stopped).
async fn read_in_worker(
    at: usize,
    group: &[(String, web_sys::File)],
) -> Option<Result<Uint8Array, String>> {
    let worker = worker::running_at(at % worker::pool_size()).await?;
    match worker.read(group).next().await {
        Some(Reply::Answered(_, answer)) => Some(answer.read()),
        _ => None,
    }
}

/// The bytes of `group`, one file's after another, read by the page.
async fn read_on_page(group: &[(String, web_sys::File)]) -> Option<Uint8Array> {
    let parts = js_sys::Array::new();
    for (_, file) in group {
        parts.push(file);
    }
    let all = Blob::new_with_blob_sequence(&parts).ok()?;
    let buffer = JsFuture::from(all.array_buffer()).await.ok()?;
    Some(Uint8Array::new(&buffer))
}

/// The bytes of each file of `group` in `all` (theirs one after another), if their sizes add
/// up to it.
fn cut(group: &[(String, web_sys::File)], all: &Uint8Array) -> Option<Vec<Read>> {
    let mut start = 0;
    let mut read = Vec::with_capacity(group.len());
    for (path, file) in group {
        let end = start + file.size() as u32;
        if end > all.length() {
            return None;
        }
        let bytes = all.subarray(start, end).to_vec();
        read.push((path.clone(), Ok((bytes, file.clone().into()))));
        start = end;
    }
    (start == all.length()).then_some(read)
}

/// `kept` with no file of the drop replacing another (see [`tell_apart`]).
pub fn told_apart(kept: Vec<StoredFile>, skipped: Vec<String>) -> Picked {
    let twins = tell_apart(&kept.iter().map(|f| &*f.file).collect::<Vec<_>>());
    let mut beside = Vec::new();
    let kept = kept
        .into_iter()
        .zip(twins)
        .filter_map(|(file, twin)| match twin {
            Twin::Keep => Some(file),
            Twin::Same => None,
            Twin::Beside(name) => {
                beside.push(name.clone());
                Some(file.renamed(name))
            }
        })
        .collect();
    Picked {
        kept,
        skipped,
        beside,
    }
}

/// The reader's stored files again, at the start of a visit, as storage yields them (a batch
/// at a time), handed to `take` in parts, so the first are listed at once, however many there
/// are. An article this build parsed before comes back as it was stored; the others are parsed
/// once every batch is in (and returned, with their articles, to be stored again). A file set
/// aside for stopping the parser before is listed without being parsed, until the reader asks
/// to try it again. A parsed file whose summary was not `listed` (stored by an earlier version)
/// is returned too, to be stored with it.
pub async fn restore(
    mut batches: impl Stream<Item = Vec<StoredFile>> + Unpin,
    listed: &HashSet<String>,
    mut take: impl FnMut(Vec<Entry>),
) -> Vec<StoredFile> {
    let mut parsed = Vec::new();
    let mut to_parse = Vec::new();
    let mut part = Vec::new();
    let mut slices = Slices::start();
    while let Some(batch) = batches.next().await {
        for mut file in batch {
            let set_aside = is_article(&file.path)
                .then(|| quarantine::reason(&file.path, file.bytes.len()))
                .flatten();
            // Taken out of the file: the strings become the article's without a copy.
            let cached = file.parsed.take().filter(|_| is_article(&file.path));
            let unlisted = !listed.contains(&file.path);
            let article = match (set_aside, cached) {
                (Some(reason), _) => Some((
                    Article::unreadable(
                        &file.path,
                        &format!("on an earlier visit, {reason}. It is not read at the start until you choose Try again"),
                    ),
                    None,
                )),
                // Stored by this build, yet unreadable: parsed again.
                (None, Some(parsed)) => {
                    let parsed = Rc::try_unwrap(parsed).unwrap_or_else(|shared| (*shared).clone());
                    // Stored before `listing` was: stored again, with its summary.
                    let read = parsed.article().ok();
                    read.map(|(article, meta)| (article, unlisted.then_some(meta)))
                }
                (None, None) => None,
            };
            let Some((article, meta)) = article else {
                to_parse.push(Rc::new(file));
                continue;
            };
            let entry = entry(&file, article);
            if unlisted {
                if let Some(article) = &entry.article {
                    parsed.push(file.with_parsed(article, meta, &entry.summary));
                }
            }
            part.push(entry);
            if part.len() >= RESTORED_PART || slices.due() {
                take(std::mem::take(&mut part));
                slices.breathe().await;
            }
        }
        // What this batch brought is listed before the next is awaited.
        if !part.is_empty() {
            take(std::mem::take(&mut part));
        }
    }
    let mut handed = js_sys::Date::now();
    let by_path: HashMap<&str, &Rc<StoredFile>> =
        to_parse.iter().map(|f| (f.path.as_str(), f)).collect();
    if to_parse.iter().any(|file| is_article(&file.path)) {
        ingest(&to_parse, None, |entry, meta| {
            let file = entry
                .origin
                .file()
                .and_then(|original| by_path.get(original.path.as_str()));
            if let (Some(file), Some(article)) = (file, &entry.article) {
                parsed.push(file.with_parsed(article, meta, &entry.summary));
            }
            part.push(entry);
            if part.len() >= RESTORED_PART || js_sys::Date::now() - handed > REPORT_MILLIS {
                take(std::mem::take(&mut part));
                handed = js_sys::Date::now();
            }
        })
        .await;
    }
    if !part.is_empty() {
        take(part);
    }
    parsed
}

/// Restored entries listed at a time, at most (a part also ends when its task has run its
/// time). Their text is indexed later, when the page is idle, so a part costs a merge into the
/// list and one rendering: parts of 100 rendered the list a hundred times for 10 000 stored
/// articles, a fifth of the reload.
const RESTORED_PART: usize = 1000;

/// Turns stored files into library entries, handing each to `take` as soon as it is parsed (in
/// order) with its article's metadata as the worker wrote it (to store): the assets become
/// `blob:` URLs that the articles' relative links resolve to, and the articles are parsed off
/// the page (see [`parser`]). `false` when the import is cancelled.
pub async fn ingest(
    files: &[Rc<StoredFile>],
    import: Option<&Import>,
    mut take: impl FnMut(Entry, Option<String>),
) -> bool {
    let mut context = Context {
        id_root: DROPPED_PREFIX.to_owned(),
        ..Context::default()
    };
    // Inserted, not collected: collecting into a map is a stable sort the page would carry.
    for file in files {
        if let Some(url) = media_type(&file.path).and_then(|kind| asset_url(file, kind)) {
            context.assets.insert(file.path.clone(), url);
        }
    }
    let articles: Vec<Rc<StoredFile>> = files
        .iter()
        .filter(|file| is_article(&file.path))
        .cloned()
        .collect();
    let total = articles.len();
    let mut reported = js_sys::Date::now();
    let cancelled = || import.is_some_and(|i| i.cancelled.get());
    parser::parse_all(&context, articles.clone(), |index, arrived| {
        if cancelled() {
            return false;
        }
        if let Some(import) = import.filter(|_| js_sys::Date::now() - reported > REPORT_MILLIS) {
            import.report(index, total);
            reported = js_sys::Date::now();
        }
        take(entry(&articles[index], arrived.article), arrived.meta);
        true
    })
    .await;
    !cancelled()
}

/// The URL an asset is shown from. Pictures, video and sound get `blob:` URLs. An SVG gets a
/// `data:` URL instead: an SVG can hold script, and a `blob:` URL has the page's origin, so
/// opening one in a tab ("open image in new tab") would run that script as Lectern; a `data:`
/// document has an origin of its own, and in an `<img>` an SVG never runs script at all.
fn asset_url(file: &StoredFile, media_type: &str) -> Option<String> {
    if media_type == SVG_TYPE {
        return Some(data_url(media_type, &file.bytes));
    }
    Url::create_object_url_with_blob(&download::blob(&file.bytes, media_type)?).ok()
}

const SVG_TYPE: &str = "image/svg+xml";

/// `data:<type>,<bytes>`, percent-encoded (SVG is mostly ASCII text, so this is about as
/// small as base64 and needs no encoder).
fn data_url(media_type: &str, bytes: &[u8]) -> String {
    let mut url = String::with_capacity(media_type.len() + 6 + bytes.len() * 11 / 10);
    url.push_str("data:");
    url.push_str(media_type);
    url.push(',');
    for &byte in bytes {
        // Everything but `%`, `#`, spaces, quotes, brackets, controls and non-ASCII is safe
        // as it is in a data URL.
        if byte.is_ascii_alphanumeric() || b"-_.~!*()/:;=?@&+$,".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// The library entry of one of the reader's files.
fn entry(file: &StoredFile, article: Article) -> Entry {
    Entry {
        summary: Rc::new(Summary::of(
            &format!("{DROPPED_PREFIX}{}", file.path),
            &article,
        )),
        article: Some(Shared::new(article)),
        origin: Origin::Reader(file.file.clone()),
    }
}

fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
}

/// Whether a path names an article (by its extension).
pub fn is_article(path: &str) -> bool {
    articles::catalog::is_article_file(path)
}

fn media_type(path: &str) -> Option<&'static str> {
    let ext = extension(path)?;
    ASSET_TYPES.iter().find(|(e, _)| *e == ext).map(|(_, t)| *t)
}
