//! Keyboard shortcuts: which key means what, and moving through the list of cards.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::Callback;

/// What a shortcut asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    Search,
    NextInList,
    PreviousInList,
    Back,
    PreviousArticle,
    NextArticle,
    Theme,
    Help,
}

/// The shortcut for a key, if any (`/`, `j`, `k`, `Esc`, `Backspace`, `[`, `]`, `t`, `?`;
/// `Enter` opens a focused card's link by itself).
pub fn shortcut(key: &str) -> Option<Shortcut> {
    Some(match key {
        "/" => Shortcut::Search,
        "j" => Shortcut::NextInList,
        "k" => Shortcut::PreviousInList,
        "Escape" | "Backspace" => Shortcut::Back,
        "[" => Shortcut::PreviousArticle,
        "]" => Shortcut::NextArticle,
        "t" => Shortcut::Theme,
        "?" => Shortcut::Help,
        _ => return None,
    })
}

/// Listens for shortcuts on the page. Keys typed into a field, or with Ctrl, Alt or Meta, are
/// the field's and the browser's, never Lectern's.
pub fn listen(window: &web_sys::Window, on_shortcut: Callback<Shortcut>) -> EventListener {
    // Not passive: a shortcut's key must not also type or scroll.
    let options = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(window, "keydown", options, move |event| {
        let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        if event.ctrl_key() || event.alt_key() || event.meta_key() || typing(event) {
            return;
        }
        if let Some(shortcut) = shortcut(&event.key()) {
            event.prevent_default();
            on_shortcut.emit(shortcut);
        }
    })
}

fn typing(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || element.is_content_editable()
        })
}

/// Focuses the first element matching `selector`.
pub fn focus(selector: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Moves the focus to the next (or previous) card of the list, from the focused one.
pub fn step_through_cards(forward: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(links) = document.query_selector_all(".card-title a") else {
        return;
    };
    let links: Vec<HtmlElement> = (0..links.length())
        .filter_map(|i| links.item(i)?.dyn_into().ok())
        .collect();
    let active = document.active_element();
    let current = links.iter().position(|link| {
        active
            .as_ref()
            .is_some_and(|a| a == link.unchecked_ref::<web_sys::Element>())
    });
    let next = match (current, forward) {
        (None, _) => Some(0),
        (Some(at), true) => Some((at + 1).min(links.len().saturating_sub(1))),
        (Some(at), false) => at.checked_sub(1).or(Some(0)),
    };
    if let Some(link) = next.and_then(|at| links.get(at)) {
        let _ = link.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_what_they_do() {
        assert_eq!(shortcut("/"), Some(Shortcut::Search));
        assert_eq!(shortcut("Escape"), Some(Shortcut::Back));
        assert_eq!(shortcut("]"), Some(Shortcut::NextArticle));
        assert_eq!(shortcut("x"), None);
        assert_eq!(shortcut("Enter"), None, "links open themselves");
    }
}
