//! The page itself: its address (hash routes), its language, scrolling.

use wasm_bindgen::JsCast;

use crate::i18n::Lang;
use crate::route::Route;

/// The route in the address bar now.
pub fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::parse(&hash)
}

/// Sets the address to `route`, adding a history entry (the `hashchange` listener follows).
pub fn go(route: &Route) {
    if let Some(window) = web_sys::window() {
        // Setting the hash cannot fail for a well-formed ASCII hash; nothing to recover if it does.
        let _ = window.location().set_hash(&route.to_hash());
    }
}

/// Makes the address show `route` without a new history entry (after a `#/find/` link was
/// resolved to the article's own route).
pub fn show(route: &Route) {
    if current_route() == *route {
        return;
    }
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&route.to_hash()),
        );
    }
}

/// The interface language from the browser's preferences.
pub fn browser_lang() -> Lang {
    let tag = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    Lang::from_tag(&tag)
}

/// Sets `<html lang>` to the interface language, for screen readers and fonts.
pub fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Scrolls to the top, as a new page would.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Scrolls the element with `id` into view; returns whether there was one.
pub fn scroll_to_id(id: &str) -> bool {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    match element {
        Some(element) => {
            element.scroll_into_view();
            if let Ok(html) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = html.focus();
            }
            true
        }
        None => false,
    }
}
