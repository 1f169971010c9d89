//! Workflows on the reader's own files: importing (reading, parsing, listing in parts, storing),
//! cancelling an import, removing one or all with an undo, exporting them as a zip, and
//! publishing them as a static site.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use articles::fidelity::Fidelity;
use articles::{Article, Summary};
use wasm_bindgen_futures::spawn_local;

use super::index_ahead::IndexAhead;
use super::{keep, Dispatch};
use crate::browser::intake::{pasted_name, Given};
use crate::browser::store::{self, StoredFile};
use crate::browser::{archives, download, files, folder_drop, site, worker};
use crate::parts::{in_parts, next_task, one_task_each};
use crate::shared::Shared;
use crate::site::{library_paths, SITE_ARCHIVE};
use crate::state::{index_slices, Action, Entry, Notice, Removal};

/// An imported article as it is stored with its file: with its summary and its metadata as
/// the worker wrote it.
type Storable = (Shared<Article>, Rc<Summary>, Option<String>);

/// Entries a large drop adds to the list at a time.
const ARRIVING_PART: usize = 200;

/// About how many bytes of files (and so of their articles) are readied for storing in one
/// task, each file counted with [`STORING_COST`] more: some 200 small files a task.
const STORING_PART: usize = 600_000;
const STORING_COST: usize = 1_500;

/// The file name of an export.
const EXPORT_NAME: &str = "lectern-library.zip";

/// The running import's cancel flag: a new flag for each import, so cancelling one never
/// cancels the next.
#[derive(Clone, Default)]
pub struct Imports(Rc<RefCell<Rc<Cell<bool>>>>);

impl Imports {
    fn start(&self) -> Rc<Cell<bool>> {
        let cancelled = Rc::new(Cell::new(false));
        *self.0.borrow_mut() = cancelled.clone();
        cancelled
    }

    /// Stops the running import now: the worker may be deep in a large file.
    pub fn cancel(&self, dispatcher: &Dispatch) {
        self.0.borrow().set(true);
        worker::stop();
        dispatcher.dispatch(Action::Importing(None));
        dispatcher.dispatch(Action::Notify(Notice::ImportCancelled));
    }
}

/// Articles in a drop from which the notice also says what Lectern made of them.
const LARGE_DROP: usize = 20;

/// Reads, parses, lists (a large drop in parts) and stores what the reader gave.
pub fn import(dispatcher: Dispatch, imports: &Imports, given: Given) {
    let import = files::Import {
        cancelled: imports.start(),
        progress: {
            let dispatcher = dispatcher.clone();
            yew::Callback::from(move |(done, total)| {
                dispatcher.dispatch(Action::Importing(Some((done, total))))
            })
        },
    };
    spawn_local(async move {
        let outcome = match given {
            Given::Files(chosen) => files::read(files::named(chosen).await, &import).await,
            Given::Entries(entries) => {
                files::read(folder_drop::files(entries).await, &import).await
            }
            Given::Text(text) => Some(files::told_apart(
                vec![StoredFile::new(pasted_name(), text.into_bytes())],
                Vec::new(),
            )),
        };
        let outcome =
            outcome.filter(|picked| !picked.kept.is_empty() || !picked.skipped.is_empty());
        let Some(files::Picked {
            kept,
            mut skipped,
            mut beside,
        }) = outcome
        else {
            dispatcher.dispatch(Action::Importing(None));
            return;
        };
        let kept: Vec<Rc<StoredFile>> = kept.into_iter().map(Rc::new).collect();
        let mut entries = Vec::with_capacity(kept.len());
        // Each article, to store with its file: a reload need not parse it again.
        let mut articles: HashMap<String, Storable> = HashMap::new();
        let ahead = IndexAhead::new(dispatcher.clone());
        let finished = files::ingest(&kept, Some(&import), |entry, meta| {
            if let (Some(file), Some(article)) = (entry.origin.file(), &entry.article) {
                let kept = (article.clone(), entry.summary.clone(), meta);
                articles.insert(file.path.clone(), kept);
            }
            ahead.arrived(&entry);
            entries.push(entry)
        })
        .await;
        ahead.close(&entries, !finished);
        dispatcher.dispatch(Action::Importing(None));
        if !finished {
            return;
        }
        // After a large drop, what Lectern made of it, at a glance.
        let fidelity = (entries.len() >= LARGE_DROP)
            .then(|| Fidelity::of(entries.iter().filter_map(|e| e.article.as_deref())));
        let slices = index_slices(&entries);
        // A large drop joins the list in parts; the last tells what the drop did.
        one_task_each(in_parts(entries, ARRIVING_PART, |_| 1), |part, more| {
            dispatcher.dispatch(if more {
                Action::FilesArriving(part)
            } else {
                Action::FilesAdded {
                    entries: part,
                    skipped: std::mem::take(&mut skipped),
                    beside: std::mem::take(&mut beside),
                    fidelity,
                }
            })
        })
        .await;
        // The text its parts did not index as they were listed, a slice a task, before storing
        // (searchable matters more than stored; waiting for idle time, the slices came 300 ms
        // late behind the storing). A slice with nothing left to index changes nothing.
        for _ in 0..slices {
            next_task().await;
            dispatcher.dispatch(Action::IndexSome);
        }
        // Once searchable: each article's HTML and text are copied for storage (beside the
        // metadata the worker wrote), which for a large drop is a long task of its own unless
        // done a part at a time (by bytes: a 21 MB article is a part of its own).
        let mut to_store = Vec::with_capacity(kept.len());
        let parts = in_parts(kept.iter().collect(), STORING_PART, |file| {
            file.bytes.len() + STORING_COST
        });
        for part in parts {
            next_task().await;
            to_store.extend(
                part.into_iter()
                    .map(|file| match articles.remove(&file.path) {
                        Some((article, summary, meta)) => {
                            file.with_parsed(&article, meta, &summary)
                        }
                        None => StoredFile::clone(file),
                    }),
            );
        }
        keep(&dispatcher, store::save(&to_store).await).await;
    });
}

/// Removes one of the reader's articles, from storage and then from the list.
///
/// The list changes only once storage has: a reload (or a closed tab) right after a removal
/// the reader saw would otherwise abort the write and bring the article back.
pub fn remove(dispatcher: Dispatch, entry: &Entry) {
    let paths: Vec<String> = entry
        .origin
        .file_path()
        .map(str::to_owned)
        .into_iter()
        .collect();
    let ids = vec![entry.summary.id.clone()];
    spawn_local(async move {
        let removed = store::remove(&paths).await;
        dispatcher.dispatch(Action::Remove { ids, files: None });
        keep(&dispatcher, removed).await;
    });
}

/// Removes every file the reader brought in, pictures included, keeping them for an undo; the
/// list empties once storage has, as [`remove`] says why.
pub fn remove_all(dispatcher: Dispatch, ids: Vec<String>) {
    spawn_local(async move {
        let files = store::load_all()
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|stored| stored.file)
            .collect();
        let cleared = store::clear().await;
        dispatcher.dispatch(Action::Remove {
            ids,
            files: Some(files),
        });
        keep(&dispatcher, cleared).await;
    });
}

/// Takes the last removal back: this stores the files again, then the state puts the entries
/// back (storage first, as [`remove`] says why).
pub fn undo(dispatcher: Dispatch, removal: &Removal) {
    let files: Vec<StoredFile> = removal
        .files
        .iter()
        .cloned()
        .map(StoredFile::from)
        .collect();
    spawn_local(async move {
        let saved = store::save(&files).await;
        dispatcher.dispatch(Action::Undo);
        keep(&dispatcher, saved).await;
    });
}

/// Saves the reader's files as a zip; with `shown`, only those articles (and every picture).
pub fn export(dispatcher: Dispatch, shown: Option<HashSet<String>>) {
    spawn_local(async move {
        let exported = async {
            let chosen: Vec<Rc<StoredFile>> = store::load_all()
                .await?
                .into_iter()
                .filter(|f| {
                    shown
                        .as_ref()
                        .is_none_or(|s| s.contains(&f.path) || !files::is_article(&f.path))
                })
                .map(Rc::new)
                .collect();
            let bytes = archives::pack(&chosen).await?;
            download::save(EXPORT_NAME, "application/zip", &bytes)
        };
        if let Err(reason) = exported.await {
            dispatcher.dispatch(Action::Notify(Notice::ExportFailed(reason)));
        }
    });
}

/// Publishes the reader's files as a static site: the app's own files, the reader's under the
/// site's library, and the catalog and search index the worker writes for them, saved as one
/// archive to unpack onto any static host.
pub fn publish(dispatcher: Dispatch) {
    spawn_local(async move {
        let published = async {
            let mut files: Vec<Rc<StoredFile>> =
                site::own_files().await?.into_iter().map(Rc::new).collect();
            let stored = store::load_all().await?;
            let paths = library_paths(stored.iter().map(|f| f.path.as_str()));
            files.extend(
                stored
                    .iter()
                    .zip(paths)
                    .map(|(file, path)| Rc::new(file.renamed(path))),
            );
            let bytes = archives::publish(&files).await?;
            download::save(SITE_ARCHIVE, "application/zip", &bytes)
        };
        dispatcher.dispatch(Action::Notify(match published.await {
            Ok(()) => Notice::Published,
            Err(reason) => Notice::PublishFailed(reason),
        }));
    });
}
