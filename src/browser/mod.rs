//! The app's edges: everything that talks to browser APIs. Components call these; nothing here
//! knows about components.

pub mod archives;
pub mod collate;
pub mod download;
pub mod fetch;
pub mod files;
pub mod first_paint;
pub mod folder_drop;
pub mod highlight;
pub mod in_worker;
pub mod intake;
pub mod keys;
pub mod link_preview;
pub mod offline;
pub mod page;
pub mod parser;
pub mod quarantine;
pub mod reading;
pub mod settings;
pub mod site;
pub mod store;
pub mod time;
pub mod visibility;
pub mod worker;
