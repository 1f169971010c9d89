//! The library list's paging and place on the page: cards a page at a time (more as the
//! reader nears the end), a new search from the top, and, back from an article, the same list
//! as it was left (as many cards, scrolled as far). The place is kept in the state
//! (`State::list_place`) while the list is off the page.

use gloo_events::EventListener;
use yew::prelude::*;

use crate::browser::page;
use crate::browser::visibility::when_near_view;
use crate::shared::Shared;
use crate::state::ListPlace;

/// Cards added at a time: a screenful or more (nine at 1280 × 720, fifteen at 2560 × 1440),
/// few enough to draw within a frame. The cards are most of a keystroke's work: a new search
/// drew 60 in some 20 ms on a 2-core machine, 24 in some 12.
pub const PAGE: usize = 24;

/// How many cards to show, growing by [`PAGE`] as the `more` button nears the viewport.
/// `returning` is the place the list was left at (used when its request is this one);
/// `on_leave` gets the place as the list leaves the page.
#[hook]
pub fn use_list_paging(
    request: String,
    shown: Shared<Vec<usize>>,
    more: NodeRef,
    returning: Option<ListPlace>,
    on_leave: Callback<ListPlace>,
) -> UseStateHandle<usize> {
    // Back from an article to the same list: as many cards as before, scrolled as before.
    let returning = use_mut_ref(|| returning.filter(|place| place.request == request));
    let limit = use_state(|| returning.borrow().as_ref().map_or(PAGE, |p| p.limit));
    let first_request = use_mut_ref(|| Some(request.clone()));
    {
        // A new search starts again from its first page, at the top: left scrolled down, the
        // short new list would at once grow again. Articles arriving do not move the reader.
        let (limit, first_request) = (limit.setter(), first_request.clone());
        let scroll = returning.borrow().as_ref().map_or(0.0, |p| p.scroll);
        use_effect_with(request.clone(), move |request| {
            if first_request.borrow_mut().take().as_ref() == Some(request) {
                page::scroll_to(scroll);
            } else {
                limit.set(PAGE);
                page::scroll_to_top();
            }
        });
    }
    // The place as of now, handed over when the list leaves the page (to read an article). The
    // scroll is followed as it happens: by the time the list is gone, the page may be shorter.
    let here = use_mut_ref(|| ListPlace {
        request: String::new(),
        limit: PAGE,
        // Where the list is restored to, before any scroll event says so.
        scroll: returning.borrow().as_ref().map_or(0.0, |p| p.scroll),
    });
    {
        let mut place = here.borrow_mut();
        place.request = request;
        place.limit = *limit;
    }
    {
        let here = here.clone();
        use_effect_with((), move |_| {
            let follow = {
                let here = here.clone();
                web_sys::window().map(|window| {
                    EventListener::new(&window, "scroll", move |_| {
                        here.borrow_mut().scroll = page::scroll_position();
                    })
                })
            };
            move || {
                drop(follow);
                on_leave.emit(here.borrow().clone());
            }
        });
    }
    {
        let limit = limit.clone();
        use_effect_with((*limit, shown), move |(current, _)| {
            let next = *current + PAGE;
            let watch = when_near_view(&more, move || limit.set(next));
            move || drop(watch)
        });
    }
    limit
}
