//! Lectern's archiver: a WebAssembly program the page starts in a Web Worker the first time a
//! reader drops or opens a `.zip` archive, or exports the library as one. It unpacks and packs
//! archives (`lectern::archive`: the `zip` crate, deflate in pure Rust), which the parsing
//! worker every reader downloads need not carry (`lectern::browser::in_worker`).
//!
//! It says [`FromWorker::Ready`](lectern::parse_job::FromWorker::Ready) once it listens, then
//! answers each archive of an unpack with its files, and a pack with the archive.

use lectern::browser::in_worker::{self, archives};
use lectern::parse_job::Task;

fn main() {
    in_worker::listen(|job, files| match &job.task {
        Task::Unpack => archives::unpack(&job, &files),
        Task::Pack => archives::pack(&job, &files, Ok),
        // The other programs' tasks, never sent here.
        Task::Parse(_) | Task::ParseEach(_) | Task::Read | Task::WarmUp | Task::Publish => {}
    });
}
