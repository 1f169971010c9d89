//! Lectern's article engine: the bytes of one file in, a faithful, safe article out.
//!
//! Pure Rust with no browser APIs, so it is tested natively and runs unchanged in the browser
//! (as wasm) and on the command line (the catalog writer). Nothing here panics on input:
//! problems come back as [`Diagnostic`]s on the article.

mod article;
pub mod body;
pub mod catalog;
pub mod code;
pub mod connections;
pub mod date;
pub mod decode;
pub mod diagnostic;
pub mod facets;
pub mod fidelity;
pub mod front_matter;
mod html_elements;
pub mod links;
pub mod remote_media;
pub mod sanitize;
pub mod script;
pub mod search;
#[cfg(test)]
mod sequences;
pub mod text;
pub mod url;
pub mod value;

pub use article::{parse, Article, Location, ParseOptions, TitleSource};
pub use catalog::{article_id, Catalog, Summary};
pub use date::ArticleDate;
pub use diagnostic::{Diagnostic, DiagnosticKind};
pub use value::Value;
