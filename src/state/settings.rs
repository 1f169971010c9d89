//! The reader's settings as the state holds them (`browser::settings` keeps them between
//! visits), and where they left the library's list.

use std::collections::BTreeSet;
use std::rc::Rc;

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

/// Whether pictures and media from other sites load in articles and on cards: at once (as
/// on any web page), once the reader allows their site, or never. Another site's picture tells
/// that site the reader opened the article (a tracking pixel is just that).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RemoteImages {
    #[default]
    Load,
    Ask,
    Never,
}

impl RemoteImages {
    pub const ALL: [RemoteImages; 3] = [RemoteImages::Load, RemoteImages::Ask, RemoteImages::Never];

    /// The name written in storage and in the setting's `<select>`.
    pub fn name(self) -> &'static str {
        match self {
            RemoteImages::Load => "load",
            RemoteImages::Ask => "ask",
            RemoteImages::Never => "never",
        }
    }

    pub fn from_name(name: &str) -> Option<RemoteImages> {
        RemoteImages::ALL
            .into_iter()
            .find(|mode| mode.name() == name)
    }
}

/// The reader's rule for other sites' pictures: the setting and the sites allowed under *ask*.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Images {
    pub mode: RemoteImages,
    pub allowed: Rc<BTreeSet<String>>,
}

impl Images {
    /// Whether a picture from `host` (another site's) may load now.
    pub fn shows(&self, host: &str) -> bool {
        match self.mode {
            RemoteImages::Load => true,
            RemoteImages::Ask => self.allowed.contains(host),
            RemoteImages::Never => false,
        }
    }
}

/// Where the reader was in the library's list when they left it: the search (as the address
/// writes it), how many cards were shown, and how far the page was scrolled.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListPlace {
    pub request: String,
    pub limit: usize,
    pub scroll: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_sites_pictures_load_as_the_reader_chose() {
        let allowed = Rc::new(BTreeSet::from(["img.example".to_owned()]));
        let images = |mode| Images {
            mode,
            allowed: allowed.clone(),
        };
        assert!(images(RemoteImages::Load).shows("pixel.example"));
        assert!(images(RemoteImages::Ask).shows("img.example"));
        assert!(!images(RemoteImages::Ask).shows("pixel.example"));
        assert!(!images(RemoteImages::Never).shows("img.example"));
        for mode in RemoteImages::ALL {
            assert_eq!(RemoteImages::from_name(mode.name()), Some(mode));
        }
        assert_eq!(RemoteImages::from_name("sometimes"), None);
    }
}
