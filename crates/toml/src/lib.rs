//! Lectern's TOML front matter (Hugo's and Zola's `+++` blocks): read by the `toml` crate and
//! written out as JSON, which the engine then reads as it reads JSON front matter.
//!
//! The engine reads TOML with [`to_json`] when built with its `toml` feature (natively: tests,
//! `cargo xtask index`). The `toml` crate is some 30 KB gzipped of WebAssembly and most
//! libraries' front matter is YAML, so Lectern's parsing worker is built without it and loads
//! this crate as a module of its own the first time a file has TOML front matter
//! (`src/browser/in_worker/modules.rs`), as it does TeX math. Built for
//! `wasm32-unknown-unknown` by `cargo xtask modules`, it exports `input`, `read` and `output`
//! (the `wasm` module) and imports nothing.
//!
//! JSON holds all TOML says but two things, written as strings: dates and times, as TOML writes
//! them (`1979-05-27T07:32:00Z`, as the engine always kept them), and the floats JSON has no
//! number for (`nan`, `inf`). The `toml` parser recurses into arrays and tables: the caller
//! bounds a block's size and nesting first (the engine's linear scan).

use std::fmt::Write as _;

/// Why a block is not TOML: the parser's message, and the 1-based line within the block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub line: Option<usize>,
}

/// The TOML `block` as a JSON object, keys in the order written; or why it is not TOML.
pub fn to_json(block: &str) -> Result<String, Error> {
    let table = toml::from_str::<toml::Table>(block).map_err(|error| Error {
        message: error.message().to_owned(),
        // Counted in bytes: a span need not start on a character's boundary.
        line: error.span().map(|span| {
            let before = &block.as_bytes()[..span.start.min(block.len())];
            before.iter().filter(|&&byte| byte == b'\n').count() + 1
        }),
    })?;
    let mut json = String::with_capacity(block.len() + 16);
    write_table(&table, &mut json);
    Ok(json)
}

fn write_table(table: &toml::Table, out: &mut String) {
    out.push('{');
    for (n, (key, value)) in table.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        write_string(key, out);
        out.push(':');
        write_value(value, out);
    }
    out.push('}');
}

fn write_value(value: &toml::Value, out: &mut String) {
    match value {
        toml::Value::String(text) => write_string(text, out),
        toml::Value::Integer(number) => {
            let _ = write!(out, "{number}");
        }
        // `{:?}` keeps the point (`1.0`, `1e300`): JSON's `1` would read back as an integer.
        toml::Value::Float(number) if number.is_finite() => {
            let _ = write!(out, "{number:?}");
        }
        toml::Value::Float(number) => write_string(&number.to_string(), out),
        toml::Value::Boolean(yes) => out.push_str(if *yes { "true" } else { "false" }),
        toml::Value::Datetime(when) => write_string(&when.to_string(), out),
        toml::Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        toml::Value::Table(table) => write_table(table, out),
    }
}

/// `text` as a JSON string.
fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The module's exports (see `lectern_module`): `input` gives room for a text, `output` is
/// where the answer is.
#[cfg(target_arch = "wasm32")]
pub mod wasm {
    lectern_module::buffer_exports!();

    /// Reads the first `length` bytes of the buffer as TOML: its JSON, or why it is not TOML —
    /// the line within the block (0 when unknown), a line feed, and the message (see
    /// `lectern_module::answer`).
    #[no_mangle]
    pub extern "C" fn read(length: usize) -> usize {
        lectern_module::answer(length, |block| {
            super::to_json(block)
                .map_err(|why| format!("{}\n{}", why.line.unwrap_or(0), why.message))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_kind_of_value_in_order() {
        let block = "title = \"Hello \\\"world\\\"\\n\"\ndate = 2024-01-02T03:04:05Z\n\
                     draft = false\nweight = 10\nratio = 1.0\nbig = 1e300\n\
                     tags = [\"a\", \"b\"]\n[params]\nz = 1\na = \"\\u0001\"\n";
        assert_eq!(
            to_json(block).expect("valid TOML"),
            "{\"title\":\"Hello \\\"world\\\"\\n\",\"date\":\"2024-01-02T03:04:05Z\",\
             \"draft\":false,\"weight\":10,\"ratio\":1.0,\"big\":1e300,\
             \"tags\":[\"a\",\"b\"],\"params\":{\"z\":1,\"a\":\"\\u0001\"}}"
        );
    }

    #[test]
    fn floats_json_cannot_hold_are_strings() {
        assert_eq!(
            to_json("a = nan\nb = -inf").expect("valid TOML"),
            "{\"a\":\"NaN\",\"b\":\"-inf\"}"
        );
    }

    #[test]
    fn an_error_names_its_line() {
        let error = to_json("title = \"ok\"\n日期 = \ndate = 1").expect_err("not TOML");
        assert_eq!(error.line, Some(2), "{error:?}");
        assert!(!error.message.is_empty());
        assert_eq!(to_json("").expect("empty is a table"), "{}");
    }
}
