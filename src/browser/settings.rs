//! The reader's settings (theme, interface language, library layout, other sites' pictures),
//! kept in `localStorage` so they apply before the first paint of the next visit. A browser
//! that refuses storage simply forgets them.

use crate::browser::page::local_storage as storage;
use crate::i18n::Lang;
use std::collections::BTreeSet;
use std::rc::Rc;

use crate::state::{Images, Layout, RemoteImages, Theme};

const THEME_KEY: &str = "lectern.theme";
const LANG_KEY: &str = "lectern.lang";
const LIST_KEY: &str = "lectern.list";
const IMAGES_KEY: &str = "lectern.remote-images";
/// The sites whose pictures the reader allowed, one per line.
const IMAGE_HOSTS_KEY: &str = "lectern.image-hosts";

/// What the reader chose before: the theme on screen, the layout, the pictures rule.
pub fn saved() -> (Theme, Layout, Images) {
    (current_theme(), saved_layout(), saved_images())
}

/// The theme chosen before, if any; otherwise the page follows the system.
pub fn saved_theme() -> Option<Theme> {
    match storage()?.get_item(THEME_KEY).ok().flatten()?.as_str() {
        "light" => Some(Theme::Light),
        "dark" => Some(Theme::Dark),
        _ => None,
    }
}

/// The theme on screen now: the chosen one, else the system's.
pub fn current_theme() -> Theme {
    saved_theme().unwrap_or_else(|| {
        let dark = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|query| query.matches());
        if dark {
            Theme::Dark
        } else {
            Theme::Light
        }
    })
}

/// Shows `theme` and remembers it.
pub fn choose_theme(theme: Theme) {
    apply_theme(Some(theme));
    if let Some(storage) = storage() {
        let _ = storage.set_item(THEME_KEY, theme.name());
    }
}

/// Marks `<html>` with the chosen theme (the stylesheet follows the system without one).
pub fn apply_theme(theme: Option<Theme>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Some(theme) => root.set_attribute("data-theme", theme.name()),
        None => root.remove_attribute("data-theme"),
    };
}

/// The interface language chosen before, if any.
pub fn saved_lang() -> Option<Lang> {
    storage()?
        .get_item(LANG_KEY)
        .ok()
        .flatten()
        .map(|tag| Lang::from_tag(&tag))
}

/// Remembers the interface language.
pub fn choose_lang(lang: Lang) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANG_KEY, lang.tag());
    }
}

/// The library's layout chosen before (a grid of cards unless a list was chosen).
pub fn saved_layout() -> Layout {
    let list = storage()
        .and_then(|s| s.get_item(LIST_KEY).ok().flatten())
        .is_some_and(|v| v == "list");
    if list {
        Layout::List
    } else {
        Layout::Grid
    }
}

/// Remembers the library's layout.
pub fn choose_layout(layout: Layout) {
    if let Some(storage) = storage() {
        let value = match layout {
            Layout::List => "list",
            Layout::Grid => "grid",
        };
        let _ = storage.set_item(LIST_KEY, value);
    }
}

/// The rule for other sites' pictures chosen before (load unless the reader chose otherwise),
/// and the sites allowed.
pub fn saved_images() -> Images {
    let read = |key| storage().and_then(|s| s.get_item(key).ok().flatten());
    Images {
        mode: read(IMAGES_KEY)
            .and_then(|name| RemoteImages::from_name(&name))
            .unwrap_or_default(),
        allowed: Rc::new({
            // Inserted, not collected: collecting into a set is a stable sort the page would
            // carry.
            let mut allowed = BTreeSet::new();
            for host in read(IMAGE_HOSTS_KEY).unwrap_or_default().lines() {
                if !host.is_empty() {
                    allowed.insert(host.to_owned());
                }
            }
            allowed
        }),
    }
}

/// Remembers the rule for other sites' pictures.
pub fn choose_remote_images(mode: RemoteImages) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(IMAGES_KEY, mode.name());
    }
}

/// Remembers that pictures from `host` may load.
pub fn allow_images_from(host: &str) {
    let mut allowed: BTreeSet<String> = (*saved_images().allowed).clone();
    allowed.insert(host.to_owned());
    if let Some(storage) = storage() {
        let lines: Vec<String> = allowed.into_iter().collect();
        let _ = storage.set_item(IMAGE_HOSTS_KEY, &lines.join("\n"));
    }
}
