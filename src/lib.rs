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

/// Every program of the app (the page and its workers) allocates with Talc rather than Rust's
/// default for WebAssembly, dlmalloc: smaller (−3 KB gzipped on the page, −3 KB in the parsing
/// worker) and no slower (A/B in one run, eight fresh contexts each: imports 0.98–1.04).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
