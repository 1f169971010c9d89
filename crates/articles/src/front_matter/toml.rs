//! TOML front matter (Hugo's and Zola's `+++` blocks), read as JSON written by `lectern-toml`.
//!
//! Read by that crate when the engine is built with the `toml` feature, on by default. A
//! program built without it lends the engine a reader with [`use_toml`]: Lectern's parsing
//! worker loads that crate as a module of its own, only for a file with TOML front matter.
//! With no reader, the block is not read, and the article says why.

use std::sync::OnceLock;

/// A TOML block read: its JSON, or why it is not TOML (the message, and the 1-based line within
/// the block).
pub type TomlAsJson = Result<String, (String, Option<usize>)>;

/// What reads a TOML block; `None` when the reader could not run (its module could not be
/// loaded).
pub type ReadToml = fn(&str) -> Option<TomlAsJson>;

static LENT: OnceLock<ReadToml> = OnceLock::new();

/// Lends the engine `read` for TOML front matter; the first one lent stays. An engine built
/// with the `toml` feature reads it itself and never asks.
pub fn use_toml(read: ReadToml) {
    // A second call changes nothing: one program reads TOML one way.
    let _ = LENT.set(read);
}

/// The TOML `block` as JSON, or why it is not TOML; `None` when it cannot be read here.
#[cfg(feature = "toml")]
pub(super) fn to_json(block: &str) -> Option<TomlAsJson> {
    Some(lectern_toml::to_json(block).map_err(|error| (error.message, error.line)))
}

/// The TOML `block` as JSON by the reader lent, or why it is not TOML; `None` when it cannot
/// be read here.
#[cfg(not(feature = "toml"))]
pub(super) fn to_json(block: &str) -> Option<TomlAsJson> {
    LENT.get().and_then(|read| read(block))
}

#[cfg(test)]
mod tests {
    use super::super::{read, Reading};
    use crate::value::Value;

    const BLOCK: &str = "+++\ntitle = \"Hugo\"\nratio = 1.0\ndate = 2024-05-06\n+++\nBody";

    #[cfg(feature = "toml")]
    #[test]
    fn reads_toml_through_json_keeping_kinds_and_order() {
        let front = read(BLOCK);
        assert_eq!(front.reading, Reading::Read);
        assert_eq!(
            front.fields,
            Value::Map(vec![
                ("title".to_owned(), Value::String("Hugo".to_owned())),
                ("ratio".to_owned(), Value::Float(1.0)),
                ("date".to_owned(), Value::String("2024-05-06".to_owned())),
            ])
        );
        let broken = read("+++\ntitle = \"ok\"\nnope\n+++\nBody");
        assert!(
            broken.diagnostics[0]
                .message
                .contains("invalid TOML on line 3"),
            "{:?}",
            broken.diagnostics
        );
    }

    #[cfg(not(feature = "toml"))]
    #[test]
    fn without_a_reader_the_block_is_ignored_and_the_article_says_why() {
        let front = read(BLOCK);
        assert_eq!(front.reading, Reading::Failed);
        assert_eq!(front.fields, Value::Map(Vec::new()));
        assert_eq!(front.body, "Body");
        assert!(
            front.diagnostics[0]
                .message
                .contains("TOML front matter could not be read here"),
            "{:?}",
            front.diagnostics
        );
    }
}
