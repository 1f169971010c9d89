//! Search: folding ([`fold`](mod@fold)), queries ([`Query`]), the index ([`SearchIndex`]), the list's
//! order ([`order`]) and the highlighting of hits ([`highlight`]). Pure Rust, so it runs natively in tests and in the
//! browser as wasm alike.

pub mod fold;
pub mod highlight;
pub mod hosted;
pub mod index;
pub mod order;
pub mod query;
pub mod tokens;

pub use fold::fold;
pub use index::{DocId, Document, Found, SearchIndex, Similar};
pub use order::{by_relevance, in_list_order, listed_matches};
pub use query::{Query, Term, TermKind};
