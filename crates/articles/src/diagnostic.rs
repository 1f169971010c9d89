//! Diagnostics: what went wrong with a file, in words a reader can act on.
//!
//! The engine never fails on input; it returns an article and a list of these instead.

use serde::{Deserialize, Serialize};

/// One problem found while reading an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    /// The front matter field concerned, when there is one.
    pub field: Option<String>,
    pub message: String,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
}

/// What part of reading a file a diagnostic is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiagnosticKind {
    /// Bytes that could not be decoded in the detected encoding.
    Encoding,
    /// Front matter that could not be parsed; the body is still shown.
    FrontMatter,
    /// Front matter in a language Lectern does not read (and never runs).
    UnsupportedFrontMatter,
    /// Input refused because it exceeds a safety limit (size, nesting, aliases).
    Limit,
    /// A date field that could not be read.
    Date,
    /// Template syntax of another tool (Liquid, Hugo, Hexo) that was left out.
    Template,
    /// A formula that could not be rendered and is shown as TeX.
    Math,
    /// Lectern itself failed on the file (a bug): the file is kept, its text is not shown.
    Internal,
}

impl Diagnostic {
    pub fn new(kind: DiagnosticKind, message: impl Into<String>) -> Self {
        Diagnostic {
            kind,
            field: None,
            message: message.into(),
            line: None,
        }
    }

    pub fn field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }

    pub fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}
