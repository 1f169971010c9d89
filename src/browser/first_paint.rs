//! The seam with `static/first-paint.js`, which paints the library's first screen from the
//! hosted catalog before this app's WebAssembly has arrived (ARCHITECTURE.md, "First paint"):
//! the app takes the files it fetched, and takes the page over when its own list is drawn.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The global the script leaves its responses in: a promise of each, by the URL it asked.
const HANDED: &str = "lecternFetched";
/// The script's screen.
const SCREEN_ID: &str = "first-paint";
/// The global that tells the script the app is on the page.
const STARTED: &str = "lecternStarted";

/// The response the script got for `url` (the default catalog, its first shard), if it asked
/// for it: the app reads it rather than downloading it again. Taken once: a later request of
/// the same URL fetches.
pub async fn handed(url: &str) -> Option<web_sys::Response> {
    let window: JsValue = web_sys::window()?.into();
    let fetched: js_sys::Object = js_sys::Reflect::get(&window, &HANDED.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let key = JsValue::from_str(url);
    let promise: js_sys::Promise = js_sys::Reflect::get(&fetched, &key).ok()?.dyn_into().ok()?;
    let _ = js_sys::Reflect::delete_property(&fetched, &key);
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// Whether the script's screen is on the page (the app draws nothing of its own meanwhile).
pub fn showing() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(SCREEN_ID))
        .is_some()
}

/// Runs `mount`, which mounts the app on the page's body, keeping the script's screen: Yew
/// empties the element it mounts in, and the screen must stay until the app has a list to show.
/// From then on the script paints nothing (the app draws its own screen). A reader in the
/// screen's search field stays there: taking the screen off the page for a moment blurs it.
pub fn keeping_screen(mount: impl FnOnce()) {
    let window = web_sys::window();
    if let Some(window) = &window {
        let _ = js_sys::Reflect::set(window, &STARTED.into(), &JsValue::TRUE);
    }
    let document = window.and_then(|window| window.document());
    let screen = document
        .as_ref()
        .and_then(|document| document.get_element_by_id(SCREEN_ID));
    let focused = document
        .as_ref()
        .and_then(|document| document.active_element())
        .filter(|active| screen.as_ref().is_some_and(|s| s.contains(Some(active))))
        .and_then(|active| active.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(screen) = &screen {
        screen.remove();
    }
    mount();
    if let (Some(screen), Some(body)) = (screen, document.and_then(|document| document.body())) {
        let _ = body.prepend_with_node_1(&screen);
    }
    if let Some(focused) = focused {
        let _ = focused.focus();
    }
}

/// What the reader left on the script's screen when the app took it over.
pub struct Left {
    /// Typed into its search field, to be searched.
    pub typed: Option<String>,
    /// The reader was in that field: the app's is to be focused, or what they type next would
    /// go nowhere (the field they were in is gone).
    pub in_search: bool,
}

/// Removes the script's screen, if it painted one, so that the app's shows; returns what the
/// reader left there. A reader in its search field is in the app's from this same task on:
/// the app searches what they typed in an effect, which may run a task or more later, and a
/// key pressed meanwhile would otherwise go to the page's body (the field it was meant for is
/// gone) and be lost.
pub fn take_over() -> Option<Left> {
    let document = web_sys::window()?.document()?;
    let screen = document.get_element_by_id(SCREEN_ID)?;
    let field = search_field(&screen);
    let in_search = field.as_ref().is_some_and(|field| {
        document
            .active_element()
            .is_some_and(|active| &active == field.unchecked_ref::<web_sys::Element>())
    });
    let typed = field
        .map(|field| field.value())
        .filter(|typed| !typed.trim().is_empty());
    screen.remove();
    if in_search {
        if let Some(app_field) = document
            .document_element()
            .and_then(|page| search_field(&page))
        {
            let _ = app_field.focus();
        }
    }
    Some(Left { typed, in_search })
}

/// What the app's search field holds: once the screen is taken over and before what was typed
/// there is searched, the keys the reader pressed in between.
pub fn typed_since() -> Option<String> {
    let page = web_sys::window()?.document()?.document_element()?;
    search_field(&page)
        .map(|field| field.value())
        .filter(|typed| !typed.is_empty())
}

/// The first search field in `root`: the screen's, or in the page once the screen is gone, the
/// app's.
fn search_field(root: &web_sys::Element) -> Option<web_sys::HtmlInputElement> {
    root.query_selector("input.search")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}
