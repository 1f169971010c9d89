//! One article of the library as the state holds it, and its text as a card sees it.

use std::rc::Rc;

use articles::{Article, Summary};

use super::listing;
use crate::reader_file::ReaderFile;
use crate::shared::Shared;

/// One article of the library, hosted or brought in by the reader.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Shared: the list is rebuilt as shards and drops arrive, its entries only counted again.
    pub summary: Rc<Summary>,
    /// The parsed article when it is already in memory (dropped files); hosted articles are
    /// fetched when opened.
    pub article: Option<Shared<Article>>,
    pub origin: Origin,
}

/// Where an entry's article comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// The hosted library: the article is fetched when opened.
    Hosted,
    /// The reader's file as they brought it in: kept to compare with a file dropped again,
    /// and to store again after an undo.
    Reader(Rc<ReaderFile>),
    /// The reader's file (at this path) listed at the start from the summary stored beside it,
    /// while storage still reads the file and its article (see `browser::store`): a reload
    /// lists thousands at once, and they are read, searched and opened once storage brings
    /// them.
    Stored(String),
}

impl Origin {
    /// The reader's file, when it is in memory.
    pub fn file(&self) -> Option<&Rc<ReaderFile>> {
        match self {
            Origin::Reader(file) => Some(file),
            Origin::Hosted | Origin::Stored(_) => None,
        }
    }

    /// The path of the reader's file, in memory or in storage.
    pub fn file_path(&self) -> Option<&str> {
        match self {
            Origin::Reader(file) => Some(&file.path),
            Origin::Stored(path) => Some(path),
            Origin::Hosted => None,
        }
    }

    /// Whether the article is the reader's own (in memory or still being read from storage).
    pub fn is_readers(&self) -> bool {
        !matches!(self, Origin::Hosted)
    }

    /// Whether the article is the reader's, listed from its stored summary and still being
    /// read from storage.
    pub fn is_stored(&self) -> bool {
        matches!(self, Origin::Stored(_))
    }
}

/// A removal the reader can still take back: the state keeps all of it, so an undo needs
/// nothing else.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Removal {
    /// The entries taken out of the list.
    pub entries: Vec<Entry>,
    /// The files an undo stores again.
    pub files: Vec<Rc<ReaderFile>>,
}

impl Removal {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Entry {
    /// The text a card looks through for the passage around a hit: a dropped article's (a
    /// hosted article's card shows its excerpt).
    pub fn body_text(&self) -> Option<BodyText> {
        self.article.clone().map(BodyText)
    }
}

/// An article's text as a card sees it: shared, never copied, compared by identity (a
/// dropped article's text may be megabytes long, and cards are rendered often).
#[derive(Clone, Debug, PartialEq)]
pub struct BodyText(pub Shared<Article>);

impl BodyText {
    /// The part of the text search looks through.
    pub fn as_str(&self) -> &str {
        listing::searched(&self.0.text)
    }
}
