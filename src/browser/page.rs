//! The page itself: its address (hash routes), its language, scrolling, its build.

use wasm_bindgen::JsCast;

use crate::i18n::Lang;
use crate::route::{self, Route};
use crate::view::View;

/// The route in the address bar now.
pub fn current_route() -> Route {
    Route::parse(&current_hash())
}

/// The library's view in the address bar now (the default unless the library shows).
pub fn current_view() -> View {
    View::from_hash(&current_hash())
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Sets the address to `route`, adding a history entry (the `hashchange` listener follows).
pub fn go(route: &Route) {
    set_hash(&route.to_hash());
}

/// Goes to the library with `view` from an article, a history step (the `hashchange`
/// listener follows).
pub fn go_view(view: &View) {
    set_hash(&view.to_hash());
}

fn set_hash(hash: &str) {
    if let Some(window) = web_sys::window() {
        // Setting the hash cannot fail for a well-formed hash; nothing to recover if it does.
        let _ = window.location().set_hash(hash);
    }
}

/// Makes the address show `route` (with `view` for the library): as a new history entry when
/// `step` (a facet ticked, an order chosen: Back undoes it), else in place (a search typed, a
/// `#/find/` link resolved). Setting the address this way fires no `hashchange`.
pub fn show(route: &Route, view: &View, step: bool) {
    let hash = match route {
        Route::Library => view.to_hash(),
        other => other.to_hash(),
    };
    // An article's address may also hold a place in it (a heading), which stays.
    let current = current_route();
    if current_hash() == hash || (*route != Route::Library && current == *route) {
        return;
    }
    // The address already names another article: it moved on (Back, a link, a script) and its
    // `hashchange` is on its way; this older state must not put the address back.
    if matches!((route, &current), (Route::Read { .. }, Route::Read { .. })) {
        return;
    }
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let null = wasm_bindgen::JsValue::NULL;
        let _ = if step {
            history.push_state_with_url(&null, "", Some(&hash))
        } else {
            history.replace_state_with_url(&null, "", Some(&hash))
        };
    }
}

/// The place in the open article the address points to (a heading's element id).
pub fn current_place() -> Option<String> {
    route::place(&current_hash())
}

/// Makes the address point at the element `at` of the article `id`, without a history entry:
/// a link to the section the reader went to.
pub fn show_place(id: &str, at: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let hash = route::read_at(id, at);
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
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

/// How far the page is scrolled down, in CSS pixels.
pub fn scroll_position() -> f64 {
    web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or(0.0)
}

/// Scrolls to `top` (CSS pixels from the top).
pub fn scroll_to(top: f64) {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, top);
    }
}

/// Scrolls to the top, as a new page would.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Scrolls the element with `id` into view and moves the focus there, so that a keyboard's
/// next Tab goes on from it; returns whether there was one.
pub fn scroll_to_id(id: &str) -> bool {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    match element {
        Some(element) => {
            element.scroll_into_view();
            if let Ok(html) = element.dyn_into::<web_sys::HtmlElement>() {
                // A heading takes the focus only when told it may (from script only: -1); a
                // link or a control already can, and keeps its place in the Tab order.
                if html.tab_index() < 0 {
                    let _ = html.set_attribute("tabindex", "-1");
                }
                let _ = html.focus();
            }
            true
        }
        None => false,
    }
}

/// The page's origin (`https://example.org`; `null` from disk), empty where unknown.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The page's protocol (`https:`, `file:`…), empty where unknown.
pub fn protocol() -> String {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .unwrap_or_default()
}

/// The page's `localStorage`, where small settings live; `None` where the browser refuses it.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// This build's name: the file name of the page's own script, which Trunk hashes per build
/// (`lectern-<hash>.js`, preloaded by `index.html`), or, in the single file, which has no
/// script file, the same name in `<meta name="lectern-build">`; empty where there is none.
pub fn this_build() -> String {
    let document = web_sys::window().and_then(|w| w.document());
    let attribute = |selector: &str, name: &str| {
        document
            .as_ref()?
            .query_selector(selector)
            .ok()
            .flatten()?
            .get_attribute(name)
    };
    attribute("meta[name=lectern-build]", "content")
        .or_else(|| attribute("link[rel=modulepreload]", "href"))
        .and_then(|href| {
            let name = href.rsplit('/').next()?.trim_end_matches(".js");
            Some(js_sys::encode_uri_component(name).into())
        })
        .unwrap_or_default()
}

/// The address a worker starts from: the `blob:` URL the single file made of the worker program
/// it carries in the global `name` (`window.lecternWorker`…), if this is it.
pub fn carried_worker(name: &str) -> Option<String> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &name.into())
        .ok()?
        .as_string()
}
