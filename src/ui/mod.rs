//! The components, one per file. They render props and report events through callbacks; the
//! state lives in `app.rs`.

pub mod about_file;
pub mod breadcrumbs;
pub mod byline;
pub mod card;
pub mod connections;
pub mod drop_overlay;
pub mod filters;
pub mod header;
pub mod import_progress;
pub mod library;
pub mod link_preview;
pub mod local_graph;
pub mod notice;
pub mod outline;
pub mod pictures;
pub mod progress;
pub mod reader;
pub mod shortcuts;
