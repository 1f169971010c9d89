//! The reading view's dealings with the page and storage, as hooks and handlers the reader's
//! components use: following the scroll (the progress bar, the position kept, the end reached),
//! marking a search's hits and going to a section, following in-article anchors, and keeping
//! read marks.

use std::rc::Rc;

use articles::search::Query;
use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Dispatch;
use crate::browser::highlight::mark_hits;
use crate::browser::{page, reading};
use crate::state::Action;

/// From here an article counts as read.
const FINISHED: f64 = 0.97;
/// The smallest change of position worth writing down.
const STEP: f64 = 0.02;

/// How far into the article `id` the reader got on an earlier visit.
pub fn kept_position(id: &str) -> Option<f64> {
    reading::position(id)
}

/// The reader finished the article `id`: kept, and marked in the list.
pub fn mark_read(dispatcher: &Dispatch, id: String) {
    reading::mark_read(&id);
    dispatcher.dispatch(Action::MarkRead(id));
}

/// Follows the scroll while the article `id` is open: `on_fraction` gets how much of `body`
/// has been read (0 to 1) at each scroll, the position is kept as it changes, and `on_read`
/// is called once the end is reached.
#[hook]
pub fn use_scroll_progress(
    id: AttrValue,
    body: NodeRef,
    on_fraction: Callback<f64>,
    on_read: Callback<String>,
) {
    use_effect_with(id, move |id| {
        let id = id.to_string();
        let mut kept = reading::position(&id).unwrap_or(0.0);
        let mut finished = false;
        let listener = web_sys::window().map(|window| {
            EventListener::new(&window, "scroll", move |_| {
                let Some(fraction) = fraction_read(&body) else {
                    return;
                };
                on_fraction.emit(fraction);
                if id.is_empty() {
                    return;
                }
                if (fraction - kept).abs() >= STEP {
                    kept = fraction;
                    reading::keep_position(&id, fraction);
                }
                if fraction >= FINISHED && !finished {
                    finished = true;
                    on_read.emit(id.clone());
                }
            })
        });
        move || drop(listener)
    });
}

/// Scrolls the page to where `fraction` of `body` has been read.
pub fn scroll_to_fraction(body: &NodeRef, fraction: f64) {
    let Some(body) = body.cast::<web_sys::Element>() else {
        return;
    };
    let Some(height) = viewport_height() else {
        return;
    };
    let rect = body.get_bounding_client_rect();
    let top = page::scroll_position() + rect.top();
    page::scroll_to(top + fraction * (rect.height() - height).max(0.0));
}

/// How much of the body has scrolled past the top of the window, from 0 to 1.
fn fraction_read(body: &NodeRef) -> Option<f64> {
    let body = body.cast::<web_sys::Element>()?;
    let height = viewport_height()?;
    let rect = body.get_bounding_client_rect();
    let travel = rect.height() - height;
    Some(if travel <= 0.0 {
        1.0
    } else {
        (-rect.top() / travel).clamp(0.0, 1.0)
    })
}

fn viewport_height() -> Option<f64> {
    web_sys::window()?.inner_height().ok()?.as_f64()
}

/// Once an article (`key`) is on screen: the search's hits in `body` are marked, and the page
/// goes to the section the address names, else to the first hit.
#[hook]
pub fn use_marks_and_place<K: PartialEq + 'static>(
    key: K,
    body: NodeRef,
    query: Option<Rc<Query>>,
) {
    use_effect_with((key, query), move |(_, query)| {
        let first = query
            .as_ref()
            .and_then(|query| mark_hits(&body.cast::<web_sys::Element>()?, query));
        if page::current_place().is_some_and(|at| page::scroll_to_id(&at)) {
            return;
        }
        if let Some(first) = first {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            first.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
}

/// Scrolls to in-article anchors (`#a-…`, the sanitizer's id prefix) instead of letting the
/// browser replace the hash route; the address then links to that place in the article `id`.
pub fn follow_in_article_anchors(id: &str) -> Callback<MouseEvent> {
    let article = id.to_owned();
    Callback::from(move |event: MouseEvent| {
        let link = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='#']").ok().flatten());
        let Some(href) = link.and_then(|a| a.get_attribute("href")) else {
            return;
        };
        if let Some(id) = href.strip_prefix('#') {
            if page::scroll_to_id(id) {
                event.prevent_default();
                if !article.is_empty() {
                    page::show_place(&article, id);
                }
            }
        }
    })
}

/// Whether the window is wide enough to show the contents beside the text, open.
pub fn is_wide() -> bool {
    /// Window width from which the contents show beside the text (the stylesheet agrees).
    const WIDE: f64 = 1100.0;
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= WIDE)
}
