//! The reader's settings as the state holds them (`browser::settings` keeps them between
//! visits), and where they left the library's list.

/// The colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    /// The name written in storage and on `<html data-theme>`.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// How the library lays out its articles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// Cards in a grid.
    #[default]
    Grid,
    /// A compact list.
    List,
}

/// Where the reader was in the library's list when they left it: the search (as the address
/// writes it), how many cards were shown, and how far the page was scrolled.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListPlace {
    pub request: String,
    pub limit: usize,
    pub scroll: f64,
}
