//! The previews of the articles an article's links lead to: when one shows (the pointer resting
//! on a link, the keyboard's focus on it, a long press on a touch screen), where (beside the
//! link, never over it, following it as the page scrolls), and when it closes (Esc, leaving
//! the link). `ui::link_preview` draws it.
//!
//! Links to other articles are the engine's (`#/read/<id>`, `#/find/<name>`) inside HTML the
//! app did not draw, so the preview listens on the whole article and finds the link the event
//! came from (`browser::link_preview`). What it shows is the library's summary, already in
//! memory: nothing is fetched.

use std::cell::RefCell;
use std::rc::Rc;

use articles::Summary;
use gloo_timers::callback::Timeout;
use web_sys::Element;
use yew::prelude::*;

use crate::browser::link_preview::{self as browser, article_link, Seen};

/// The preview's element id, which the link names in `aria-describedby` while it shows.
pub const PREVIEW_ID: &str = "link-preview";
/// How long the pointer rests on a link before its preview shows: passing over it shows none.
const HOVER_MILLIS: u32 = 350;
/// How long a finger presses a link before its preview shows (a tap follows the link).
const LONG_PRESS_MILLIS: u32 = 500;
/// Room kept between the preview and the link, and the window's edges, in CSS pixels.
const GAP: f64 = 8.0;
/// The preview's widest.
const WIDTH: f64 = 352.0;

/// Where the preview sits: below the link, or above it when there is more room there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    pub left: f64,
    pub width: f64,
    /// From the window's top (below the link) or its bottom (above it).
    pub top: Option<f64>,
    pub bottom: Option<f64>,
    /// The room it has, so it is cut short rather than cover the link.
    pub max_height: f64,
}

impl Place {
    /// Beside the link `seen` in its window.
    fn beside(seen: &Seen) -> Place {
        let (width, height) = (seen.window_width, seen.window_height);
        let preview_width = WIDTH.min(width - 2.0 * GAP).max(0.0);
        let left = seen.left.min(width - preview_width - GAP).max(GAP);
        let below = height - seen.bottom - 2.0 * GAP;
        let above = seen.top - 2.0 * GAP;
        let (top, bottom, max_height) = if below >= 200.0 || below >= above {
            (Some(seen.bottom + GAP), None, below)
        } else {
            (None, Some(height - seen.top + GAP), above)
        };
        Place {
            left,
            width: preview_width,
            top,
            bottom,
            max_height: max_height.max(0.0),
        }
    }
}

/// What the reader's view needs to preview links: the handlers for the article element, and
/// the preview to draw after it (`ui::link_preview::LinkPreview`), if one shows.
pub struct LinkPreviews {
    pub on_mouse_over: Callback<MouseEvent>,
    pub on_mouse_out: Callback<MouseEvent>,
    pub on_focus_in: Callback<FocusEvent>,
    pub on_focus_out: Callback<FocusEvent>,
    pub on_touch_start: Callback<TouchEvent>,
    pub on_touch_end: Callback<TouchEvent>,
    pub on_click: Callback<MouseEvent>,
    pub on_context_menu: Callback<MouseEvent>,
    /// The preview showing, if any.
    pub open: Option<Open>,
}

/// Which article an `href` leads to, as the library knows it: `None` for a link to an article
/// it does not have (no preview then).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkTargets(pub Callback<String, Option<Rc<Summary>>>);

impl Default for LinkTargets {
    fn default() -> Self {
        LinkTargets(Callback::from(|_| None))
    }
}

/// The preview open now: the article and where it shows.
#[derive(Clone, PartialEq)]
pub struct Open {
    pub summary: Rc<Summary>,
    pub place: Place,
}

/// Previews for the links of an article, to the articles `targets` finds.
#[hook]
pub fn use_link_previews(targets: LinkTargets) -> LinkPreviews {
    let open = use_state(|| None::<Open>);
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    // A long press showed the preview: the click that ends it does not follow the link.
    let pressed = use_mut_ref(|| false);
    // The link previewed now, for the scroll listener (a state handle it kept would be stale).
    let current: Rc<RefCell<Option<Element>>> = use_mut_ref(|| None);
    let hide = {
        let (open, timer, current) = (open.clone(), timer.clone(), current.clone());
        Rc::new(move || {
            timer.borrow_mut().take();
            if let Some(link) = current.borrow_mut().take() {
                browser::describe(&link, None);
                open.set(None);
            }
        })
    };
    // Shows the preview of `link`'s article beside it, or moves it there (after a scroll); hides
    // it once the link is out of sight.
    let show = {
        let (open, targets, current, hide) =
            (open.clone(), targets.clone(), current.clone(), hide.clone());
        Rc::new(move |link: Element| {
            let Some(href) = link.get_attribute("href") else {
                return;
            };
            let Some(summary) = targets.0.emit(href) else {
                return;
            };
            let Some(seen) = browser::seen(&link) else {
                return;
            };
            if seen.bottom < 0.0 || seen.top > seen.window_height {
                hide();
                return;
            }
            let place = Place::beside(&seen);
            browser::describe(&link, Some(PREVIEW_ID));
            current.replace(Some(link));
            open.set(Some(Open { summary, place }));
        })
    };
    // While it shows, Esc closes it (and only it: the capture phase comes before the page's
    // shortcuts, where Esc goes back to the library), and it follows its link as the page
    // scrolls (focusing a link may scroll it into view).
    {
        let (hide, show, current) = (hide.clone(), show.clone(), current.clone());
        use_effect_with(open.is_some(), move |showing| {
            let listeners = showing.then(|| {
                browser::listen_while_open(
                    move || hide(),
                    move || {
                        let link = current.borrow().clone();
                        if let Some(link) = link {
                            show(link);
                        }
                    },
                )
            });
            move || drop(listeners)
        });
    }
    let later = {
        let timer = timer.clone();
        move |millis: u32, then: Box<dyn FnOnce()>| {
            timer.replace(Some(Timeout::new(millis, then)));
        }
    };
    let on_mouse_over = {
        let (show, later) = (show.clone(), later.clone());
        Callback::from(move |event: MouseEvent| {
            if let Some(link) = article_link(&event) {
                let show = show.clone();
                later(HOVER_MILLIS, Box::new(move || show(link)));
            }
        })
    };
    let on_mouse_out = {
        let hide = hide.clone();
        Callback::from(move |event: MouseEvent| {
            if article_link(&event).is_some_and(|link| browser::left(&link, &event)) {
                hide();
            }
        })
    };
    let on_focus_in = {
        let show = show.clone();
        Callback::from(move |event: FocusEvent| {
            if let Some(link) = article_link(&event) {
                show(link);
            }
        })
    };
    let on_focus_out = {
        let hide = hide.clone();
        Callback::from(move |_: FocusEvent| hide())
    };
    let on_touch_start = {
        let (show, hide, pressed) = (show.clone(), hide.clone(), pressed.clone());
        Callback::from(move |event: TouchEvent| {
            pressed.replace(false);
            // A touch anywhere else closes a preview a long press opened.
            hide();
            if let Some(link) = article_link(&event) {
                let (show, pressed) = (show.clone(), pressed.clone());
                later(
                    LONG_PRESS_MILLIS,
                    Box::new(move || {
                        pressed.replace(true);
                        show(link);
                    }),
                );
            }
        })
    };
    let on_touch_end = {
        let timer = timer.clone();
        // A tap, or a finger moving on: no long press.
        Callback::from(move |_: TouchEvent| drop(timer.borrow_mut().take()))
    };
    let on_click = {
        let pressed = pressed.clone();
        Callback::from(move |event: MouseEvent| {
            if pressed.replace(false) && article_link(&event).is_some() {
                event.prevent_default();
            }
        })
    };
    let on_context_menu = Callback::from(move |event: MouseEvent| {
        // A long press on a touch screen: the preview instead of the browser's link menu.
        if *pressed.borrow() && article_link(&event).is_some() {
            event.prevent_default();
        }
    });
    LinkPreviews {
        on_mouse_over,
        on_mouse_out,
        on_focus_in,
        on_focus_out,
        on_touch_start,
        on_touch_end,
        on_click,
        on_context_menu,
        open: (*open).clone(),
    }
}
