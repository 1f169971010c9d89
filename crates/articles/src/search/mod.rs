//! Search: folding ([`fold`]), queries ([`Query`]), the index ([`SearchIndex`]) and the
//! highlighting of hits ([`highlight`]). Pure Rust, so it runs natively in tests and in the
//! browser as wasm alike.

pub mod fold;
pub mod highlight;
pub mod index;
pub mod query;

pub use fold::fold;
pub use index::{in_list_order, DocId, Document, Found, SearchIndex};
pub use query::{Query, Term, TermKind};
