//! Lectern's publisher: a WebAssembly program the page starts in a Web Worker when a reader
//! publishes the library as a static site, and only then. It writes the library's catalog and
//! search index beside the articles, as `cargo xtask index` does (the engine parses every
//! article again for it), and packs the site into one `.zip` archive: the writers are some
//! 70 KB gzipped that the parsing worker every reader downloads need not carry
//! (`lectern::browser::in_worker`).
//!
//! It says [`FromWorker::Ready`](lectern::parse_job::FromWorker::Ready) once it listens, then
//! answers a publish with the site's archive.

use articles::catalog::{library_catalog, SHARD_DIR};
use articles::front_matter::CategoryMode;
use lectern::browser::in_worker::{self, archives};
use lectern::parse_job::Task;
use lectern::reader_file::ReaderFile;
use lectern::site::SITE_LIBRARY;

fn main() {
    // The catalog reads the articles as the parsing worker does: files not in UTF-8, and math.
    in_worker::lend_the_engine();
    in_worker::listen(|job, files| match &job.task {
        Task::Publish => archives::pack(&job, &files, with_catalog),
        // The other programs' tasks, never sent here.
        Task::Parse(_)
        | Task::ParseEach(_)
        | Task::Read
        | Task::WarmUp
        | Task::Unpack
        | Task::Pack => {}
    });
}

/// A site's files: the library's catalog written beside its articles (replacing any file of
/// the reader's at the catalog's paths, as `cargo xtask index` does), all in path order.
fn with_catalog(mut files: Vec<ReaderFile>) -> Result<Vec<ReaderFile>, String> {
    let catalog = library_catalog(
        files.iter().filter_map(|file| {
            Some((file.path.strip_prefix(SITE_LIBRARY)?, file.bytes.as_slice()))
        }),
        CategoryMode::default(),
    );
    let written: Vec<ReaderFile> = catalog
        .files
        .into_iter()
        .map(|(path, bytes)| ReaderFile {
            path: format!("{SITE_LIBRARY}{path}"),
            bytes,
        })
        .collect();
    let index_dir = format!("{SITE_LIBRARY}{SHARD_DIR}");
    files.retain(|file| {
        !file.path.starts_with(&index_dir) && written.iter().all(|w| w.path != file.path)
    });
    files.extend(written);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
