//! Noticing when an element scrolls near the viewport, through `IntersectionObserver`.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::NodeRef;

/// How far below the viewport an element counts as near: a screenful ahead, so the next cards
/// are there before the reader reaches the end.
const AHEAD: &str = "0px 0px 100% 0px";

/// Watches an element while it lives; dropping it stops watching.
pub struct Watch {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `near` once the element of `node` comes near the viewport; `None` when there is no
/// element (yet) or the browser has no `IntersectionObserver`.
pub fn when_near_view(node: &NodeRef, near: impl Fn() + 'static) -> Option<Watch> {
    let element = node.cast::<web_sys::Element>()?;
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let intersecting = entries.iter().any(|entry| {
            entry
                .dyn_into::<IntersectionObserverEntry>()
                .is_ok_and(|e| e.is_intersecting())
        });
        if intersecting {
            near();
        }
    });
    let options = IntersectionObserverInit::new();
    options.set_root_margin(AHEAD);
    let observer =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    observer.observe(&element);
    Some(Watch {
        observer,
        _callback: callback,
    })
}
