//! The reader's settings (theme, interface language, library layout), kept in `localStorage` so they apply
//! before the first paint of the next visit. A browser that refuses storage simply forgets them.

use crate::browser::page::local_storage as storage;
use crate::i18n::Lang;
use crate::state::{Layout, Theme};

const THEME_KEY: &str = "lectern.theme";
const LANG_KEY: &str = "lectern.lang";
const LIST_KEY: &str = "lectern.list";

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
