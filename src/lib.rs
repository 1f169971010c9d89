//! Lectern's browser app: a Yew front end over the `articles` engine.
//!
//! The app holds no parsing or search logic; it asks the engine. Browser APIs are confined to
//! `browser/`, state changes to `state/`, workflows and storage writes to `effects/`, and each
//! component has a file in `ui/`.

pub mod app;
pub mod archive;
pub mod browser;
pub mod calendar;
pub mod effects;
pub mod i18n;
pub mod parse_job;
pub mod parts;
pub mod reader_file;
pub mod route;
pub mod shared;
pub mod site;
pub mod state;
pub mod ui;
pub mod view;

pub use app::App;
