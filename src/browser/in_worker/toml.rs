//! TOML front matter (Hugo's and Zola's), read by `crates/toml` (the `toml` crate) loaded as a
//! module of its own the first time a file has it: the engine is built without it and lent
//! [`to_json`] (`articles::front_matter::use_toml`). Where the module cannot be loaded (offline
//! before it was ever fetched), the block is not read and the article says why.

use articles::front_matter::TomlAsJson;

use super::modules::{Kept, OnDemand};

thread_local! {
    /// The TOML module (see `modules`).
    static TOML: Kept = const {
        Kept::new(OnDemand {
            file: "lectern-toml.wasm",
            global: "lecternToml",
        })
    };
}

/// The TOML `block` as JSON, or why it is not TOML (the message and the line within the
/// block); `None` when the module cannot be loaded.
pub fn to_json(block: &str) -> Option<TomlAsJson> {
    let answer = TOML.with(|toml| toml.ask("read", block, &[]))?;
    Some(match answer {
        Some((json, false)) => Ok(json),
        // The line within the block (0: not known), a line feed, then the message.
        Some((why, true)) => {
            let (line, message) = why.split_once('\n').unwrap_or(("0", &why));
            let line = line.parse().ok().filter(|&line: &usize| line > 0);
            Err((message.to_owned(), line))
        }
        None => Err(("the TOML module stopped on it".to_owned(), None)),
    })
}
