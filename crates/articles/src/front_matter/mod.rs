//! Front matter: find the block, parse it within limits, and hand back typed fields.
//!
//! Whatever the block holds, the caller gets a body to render; a block that cannot be read
//! becomes a diagnostic, never an error. Unsupported languages (`---js`) are never evaluated.

mod fields;
mod limits;
mod repair;
mod salvage;
pub mod split;
mod toml;
mod yaml;

pub use fields::{meta_from_fields, CategoryMode, Meta};
pub use limits::MAX_DEPTH;
pub use split::Format;
pub use toml::{use_toml, ReadToml, TomlAsJson};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::value::Value;

/// Why a block could not be turned into fields.
#[derive(Debug, PartialEq)]
pub enum ParseError {
    /// The parser's own message and the 1-based line within the block.
    Syntax {
        message: String,
        line: Option<usize>,
    },
    /// Refused by a safety limit before or while parsing.
    Limit(String),
    /// Not read: no reader of its notation here (one loaded on demand could not be).
    Unavailable(String),
}

/// The outcome of reading the front matter of a text.
#[derive(Debug)]
pub struct FrontMatter<'a> {
    /// The notation of the block, `None` when the text has no front matter.
    pub format: Option<Format>,
    /// The fields in source order (an empty map when there are none or they were refused).
    pub fields: Value,
    pub body: &'a str,
    pub diagnostics: Vec<Diagnostic>,
    pub reading: Reading,
}

/// How a file's front matter was read, for the fidelity summary (`crate::fidelity`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reading {
    /// The file has none.
    #[default]
    Absent,
    /// Read as written.
    Read,
    /// Not strictly valid YAML, read once mended (`repair.rs`).
    Repaired,
    /// Refused even mended: some fields recovered line by line (`salvage.rs`).
    Salvaged,
    /// Refused, nothing recovered.
    Failed,
}

/// Splits `text` and parses its front matter.
pub fn read(text: &str) -> FrontMatter<'_> {
    let empty = Value::Map(Vec::new());
    let Some(split) = split::split(text) else {
        return FrontMatter {
            format: None,
            fields: empty,
            body: text,
            diagnostics: Vec::new(),
            reading: Reading::Absent,
        };
    };
    let mut diagnostics = Vec::new();
    let mut reading = Reading::Read;
    let fields = match parse_block(&split.format, split.block) {
        Ok(Value::Map(entries)) => Value::Map(entries),
        Ok(Value::Null) => empty,
        Ok(_) => {
            reading = Reading::Failed;
            diagnostics.push(
                Diagnostic::new(
                    DiagnosticKind::FrontMatter,
                    "the front matter is not a set of fields (key: value), so it was ignored",
                )
                .line(split.block_line),
            );
            empty
        }
        Err(error) if split.format == Format::Yaml => {
            let (fields, diagnostic, how) = read_leniently(split.block, error, split.block_line);
            diagnostics.push(diagnostic);
            reading = how;
            fields
        }
        Err(error) => {
            diagnostics.push(describe(error, &split.format, split.block_line, &[]));
            reading = Reading::Failed;
            empty
        }
    };
    FrontMatter {
        format: Some(split.format),
        fields,
        body: split.body,
        diagnostics,
        reading,
    }
}

/// A YAML block the parser refused, read as far as a person could: first repaired (the shapes
/// js-yaml and PyYAML accept) and parsed again within the same limits, else its interpreted
/// fields recovered line by line. The diagnostic names the line the parser stopped at, and
/// what was read.
fn read_leniently(
    block: &str,
    error: ParseError,
    block_line: usize,
) -> (Value, Diagnostic, Reading) {
    if let ParseError::Syntax { message, line } = &error {
        let repaired = repair::repair(block).map(|fixed| parse_block(&Format::Yaml, &fixed));
        if let Some(Ok(Value::Map(entries))) = repaired {
            let file_line = block_line + line.unwrap_or(1).saturating_sub(1);
            let note = Diagnostic::new(
                DiagnosticKind::FrontMatter,
                format!(
                    "the YAML on line {file_line} is not strictly valid ({message}); it was \
                     read leniently, as js-yaml and PyYAML read such blocks"
                ),
            )
            .line(file_line);
            return (Value::Map(entries), note, Reading::Repaired);
        }
    }
    let recovered = salvage::salvage(block);
    let names: Vec<&str> = recovered.iter().map(|(key, _)| key.as_str()).collect();
    let diagnostic = describe(error, &Format::Yaml, block_line, &names);
    let how = if recovered.is_empty() {
        Reading::Failed
    } else {
        Reading::Salvaged
    };
    (Value::Map(recovered), diagnostic, how)
}

fn parse_block(format: &Format, block: &str) -> Result<Value, ParseError> {
    if block.len() > limits::MAX_BLOCK_BYTES {
        return Err(ParseError::Limit(format!(
            "the front matter is larger than {} KiB",
            limits::MAX_BLOCK_BYTES / 1024
        )));
    }
    // A linear scan first, so no recursive parser ever sees deep nesting.
    let depth = match format {
        Format::Toml => limits::toml_depth(block),
        _ => limits::bracket_depth(block),
    };
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    let value = match format {
        Format::Yaml => yaml::parse(block),
        Format::Toml => parse_toml(block),
        Format::Json => parse_json(block),
        Format::Unsupported(lang) => Err(ParseError::Syntax {
            message: format!("front matter in `{lang}` is not supported and was not run"),
            line: None,
        }),
    }?;
    // The bracket count sees neither YAML's indentation (the builder counts that itself) nor
    // the braces Hexo lets JSON leave out, so the parsed value is measured too: nothing deeper
    // leaves the engine (the page reads articles through JSON, which has its own limit).
    if limits::value_depth(&value) > MAX_DEPTH {
        return Err(too_deep());
    }
    Ok(value)
}

fn too_deep() -> ParseError {
    ParseError::Limit(format!(
        "the front matter nests deeper than {MAX_DEPTH} levels"
    ))
}

fn parse_toml(block: &str) -> Result<Value, ParseError> {
    match toml::to_json(block) {
        // The JSON is the reader's, not the file's: its lines are not the block's.
        Some(Ok(json)) => json_value(&json).map_err(|e| ParseError::Syntax {
            message: e.to_string(),
            line: None,
        }),
        Some(Err((message, line))) => Err(ParseError::Syntax { message, line }),
        None => Err(ParseError::Unavailable(
            "TOML front matter could not be read here (its reader could not be loaded)".to_owned(),
        )),
    }
}

fn parse_json(block: &str) -> Result<Value, ParseError> {
    let trimmed = block.trim();
    // Hexo lets the braces be left out: `"title": "x",\n"date": "…"\n;;;`.
    let wrapped;
    let source = if trimmed.starts_with('{') || trimmed.is_empty() {
        trimmed
    } else {
        wrapped = format!("{{{trimmed}}}");
        &wrapped
    };
    if source.is_empty() {
        return Ok(Value::Null);
    }
    json_value(source).map_err(|e| ParseError::Syntax {
        message: e.to_string(),
        line: Some(e.line()),
    })
}

/// JSON text as a [`Value`], keys in order: a JSON block, or a TOML block as its reader wrote it.
fn json_value(json: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<serde_json::Value>(json).map(from_json)
}

/// The diagnostic for a block that could not be parsed; `recovered` names the fields read
/// line by line instead.
fn describe(
    error: ParseError,
    format: &Format,
    block_line: usize,
    recovered: &[&str],
) -> Diagnostic {
    let outcome = if recovered.is_empty() {
        String::new()
    } else {
        format!("; recovered line by line: {}", recovered.join(", "))
    };
    match error {
        ParseError::Limit(message) => Diagnostic::new(
            DiagnosticKind::Limit,
            if outcome.is_empty() {
                format!("{message}; the front matter was ignored")
            } else {
                format!("{message}; the front matter was not parsed{outcome}")
            },
        )
        .line(block_line),
        ParseError::Unavailable(message) => Diagnostic::new(
            DiagnosticKind::FrontMatter,
            format!("{message}; the front matter was ignored"),
        )
        .line(block_line),
        ParseError::Syntax { message, line } => {
            let kind = match format {
                Format::Unsupported(_) => DiagnosticKind::UnsupportedFrontMatter,
                _ => DiagnosticKind::FrontMatter,
            };
            let name = match format {
                Format::Yaml => "YAML",
                Format::Toml => "TOML",
                Format::Json => "JSON",
                Format::Unsupported(_) => "front matter",
            };
            let file_line = block_line + line.unwrap_or(1).saturating_sub(1);
            let text = match kind {
                DiagnosticKind::UnsupportedFrontMatter => message,
                _ => format!("invalid {name} on line {file_line}: {message}{outcome}"),
            };
            Diagnostic::new(kind, text).line(file_line)
        }
    }
}

fn from_json(value: serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Value::Int)
            .unwrap_or_else(|| Value::Float(n.as_f64().unwrap_or(f64::NAN))),
        serde_json::Value::String(s) => Value::String(s),
        serde_json::Value::Array(items) => Value::List(items.into_iter().map(from_json).collect()),
        serde_json::Value::Object(map) => {
            Value::Map(map.into_iter().map(|(k, v)| (k, from_json(v))).collect())
        }
    }
}
