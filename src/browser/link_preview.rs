//! The browser's side of link previews (`ui/link_preview.rs`): which article link an event
//! came from, where that link is in the window, the link's `aria-describedby`, and the
//! window's listeners while a preview shows.

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent, Node};

/// A link's box in the window, and the window's size, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seen {
    pub left: f64,
    pub top: f64,
    pub bottom: f64,
    pub window_width: f64,
    pub window_height: f64,
}

/// The link to another article (`#/read/…`, `#/find/…`) an event came from, or from inside.
pub fn article_link(event: &Event) -> Option<Element> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    target
        .closest("a[href^='#/read/'], a[href^='#/find/']")
        .ok()?
}

/// Whether a pointer leaving `link` went to something outside it (moving onto its `<code>`,
/// say, is not leaving it).
pub fn left(link: &Element, event: &web_sys::MouseEvent) -> bool {
    let to = event
        .related_target()
        .and_then(|t| t.dyn_into::<Node>().ok());
    !to.is_some_and(|to| link.contains(Some(&to)))
}

/// Where `link` is now, with the window's size; `None` without a window.
pub fn seen(link: &Element) -> Option<Seen> {
    let window = web_sys::window()?;
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
    let rect = link.get_bounding_client_rect();
    Some(Seen {
        left: rect.left(),
        top: rect.top(),
        bottom: rect.bottom(),
        window_width: size(window.inner_width())?,
        window_height: size(window.inner_height())?,
    })
}

/// Names (or, with `None`, stops naming) the element `id` as what describes `link`.
pub fn describe(link: &Element, id: Option<&str>) {
    // A link the page has already dropped takes no attribute: nothing to describe.
    let _ = match id {
        Some(id) => link.set_attribute("aria-describedby", id),
        None => link.remove_attribute("aria-describedby"),
    };
}

/// The window's listeners while a preview shows: Esc calls `on_escape` (in the capture phase,
/// before the page's shortcuts see it, so it closes only the preview), a scroll `on_scroll`.
/// They stop when dropped.
pub fn listen_while_open(
    on_escape: impl Fn() + 'static,
    on_scroll: impl Fn() + 'static,
) -> Option<(EventListener, EventListener)> {
    let window = web_sys::window()?;
    let capture = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: true,
    };
    let escape = EventListener::new_with_options(&window, "keydown", capture, move |event| {
        if event
            .dyn_ref::<KeyboardEvent>()
            .is_some_and(|key| key.key() == "Escape")
        {
            event.stop_propagation();
            on_escape();
        }
    });
    let scroll = EventListener::new(&window, "scroll", move |_| on_scroll());
    Some((escape, scroll))
}
