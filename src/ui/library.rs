//! The library view: how many articles are shown, and their cards in a responsive grid.
//!
//! Cards are added a page at a time as the reader scrolls (or presses "Show more"), so a library
//! of a hundred thousand articles costs one page of cards to show.

use std::cell::Cell;
use std::rc::Rc;

use articles::search::Query;
use gloo_events::EventListener;
use yew::prelude::*;

use crate::browser::page;
use crate::browser::visibility::when_near_view;
use crate::i18n::Lang;
use crate::shared::Shared;
use crate::state::{Bodies, Entry, Layout, Loadable, Problem};
use crate::ui::card::Card;

/// Cards added at a time.
const PAGE: usize = 60;

/// Where the reader was in a list when they left it.
struct Place {
    request: String,
    limit: usize,
    scroll: f64,
}

thread_local! {
    /// The list's place, kept while an article is open (the list is not on the page then).
    static RETURN_TO: Cell<Option<Place>> = const { Cell::new(None) };
}

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub entries: Shared<Vec<Entry>>,
    /// Positions in `entries` of the articles to list, in order.
    pub shown: Shared<Vec<usize>>,
    /// What the reader asked for (the search); a new request starts the list from its top.
    #[prop_or_default]
    pub request: String,
    /// The search, when there is one: cards mark its hits.
    #[prop_or_default]
    pub query: Option<Rc<Query>>,
    /// The articles the reader has finished.
    #[prop_or_default]
    pub read: Shared<std::collections::HashSet<String>>,
    /// Hosted articles' search text, for the passage a card shows around a hit.
    #[prop_or_default]
    pub bodies: Shared<Bodies>,
    /// Whether anything is in the library at all (to tell "empty" from "no match").
    pub library_size: usize,
    pub catalog: Loadable<()>,
    pub lang: Lang,
    /// The search does not see hosted articles' text yet (it is loading).
    #[prop_or_default]
    pub without_text: bool,
    /// How many of the articles the reader brought in (they can be exported and removed).
    #[prop_or_default]
    pub dropped: usize,
    /// A grid of cards, or a compact list; the toggle asks for the other.
    #[prop_or_default]
    pub layout: Layout,
    #[prop_or_default]
    pub on_layout: Callback<Layout>,
    #[prop_or_default]
    pub on_export: Callback<()>,
    #[prop_or_default]
    pub on_remove_all: Callback<()>,
}

#[function_component]
pub fn Library(props: &LibraryProps) -> Html {
    let text = props.lang.text();
    let list = props.layout == Layout::List;
    let toggle_layout = props.on_layout.reform(
        move |_: MouseEvent| {
            if list {
                Layout::Grid
            } else {
                Layout::List
            }
        },
    );
    // Back from an article to the same list: as many cards as before, scrolled as before.
    let returning = use_mut_ref(|| {
        RETURN_TO
            .with(Cell::take)
            .filter(|place| place.request == props.request)
    });
    let limit = use_state(|| returning.borrow().as_ref().map_or(PAGE, |p| p.limit));
    let first_request = use_mut_ref(|| Some(props.request.clone()));
    {
        // A new search starts again from its first page, at the top: left scrolled down, the
        // short new list would at once grow again. Articles arriving do not move the reader.
        let (limit, first_request) = (limit.setter(), first_request.clone());
        let scroll = returning.borrow().as_ref().map_or(0.0, |p| p.scroll);
        use_effect_with(props.request.clone(), move |request| {
            if first_request.borrow_mut().take().as_ref() == Some(request) {
                page::scroll_to(scroll);
            } else {
                limit.set(PAGE);
                page::scroll_to_top();
            }
        });
    }
    // The place as of now, kept when the list leaves the page (to read an article). The scroll
    // is followed as it happens: by the time the list is gone, the page may be shorter.
    let here = use_mut_ref(|| Place {
        request: String::new(),
        limit: PAGE,
        // Where the list is restored to, before any scroll event says so.
        scroll: returning.borrow().as_ref().map_or(0.0, |p| p.scroll),
    });
    {
        let mut place = here.borrow_mut();
        place.request = props.request.clone();
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
                let place = here.replace(Place {
                    request: String::new(),
                    limit: PAGE,
                    scroll: 0.0,
                });
                RETURN_TO.with(|slot| slot.set(Some(place)));
            }
        });
    }
    let more = use_node_ref();
    {
        let (more, limit) = (more.clone(), limit.clone());
        use_effect_with((*limit, props.shown.clone()), move |(current, _)| {
            let next = *current + PAGE;
            let watch = when_near_view(&more, move || limit.set(next));
            move || drop(watch)
        });
    }
    let status = match (&props.catalog, props.library_size) {
        (Loadable::Loading, 0) => text.loading_library.to_owned(),
        _ if props.without_text => format!(
            "{} {}",
            props.lang.article_count(props.shown.len()),
            text.text_loading
        ),
        _ => props.lang.article_count(props.shown.len()),
    };
    let problem = match &props.catalog {
        Loadable::Failed(Problem::Failed(message)) => html! {
            <p class="problem" role="alert">{ format!("{}: {message}", text.catalog_failed) }</p>
        },
        _ => html! {},
    };
    let body = if props.library_size == 0 && props.catalog != Loadable::Loading {
        html! {
            <div class="empty">
                <h2>{ text.empty_title }</h2>
                <p>{ text.empty_help }</p>
            </div>
        }
    } else if props.shown.is_empty() && props.library_size > 0 {
        html! { <p class="empty">{ text.no_matches }</p> }
    } else {
        let remaining = props.shown.len().saturating_sub(*limit);
        let show_more = {
            let (limit, next) = (limit.setter(), *limit + PAGE);
            Callback::from(move |_: MouseEvent| limit.set(next))
        };
        html! {
            <>
                <div class={classes!("grid", list.then_some("grid-list"))}>
                    { for props.shown.iter().take(*limit).map(|&at| {
                        let entry = &props.entries[at];
                        let body = entry.body_text(&props.bodies);
                        html! {
                            <Card key={entry.summary.id.clone()} summary={entry.summary.clone()}
                                lang={props.lang} query={props.query.clone()} body={body}
                                read={props.read.contains(&entry.summary.id)} />
                        }
                    }) }
                </div>
                if remaining > 0 {
                    <button type="button" class="button button-quiet show-more" ref={more}
                        onclick={show_more}>{ props.lang.show_more(remaining.min(PAGE), remaining) }</button>
                }
            </>
        }
    };
    let tools = (props.dropped > 0).then(|| {
        html! {
            <div class="library-tools">
                <button type="button" class="button button-quiet"
                    onclick={props.on_export.reform(|_: MouseEvent| ())}>{ text.export }</button>
                <button type="button" class="button button-quiet"
                    onclick={props.on_remove_all.reform(|_: MouseEvent| ())}>{ text.remove_all }</button>
            </div>
        }
    });
    html! {
        <section class="library" aria-labelledby="library-count">
            <div class="library-head">
                <p id="library-count" class="count" role="status" aria-live="polite">{ status }</p>
                { for tools }
                <button type="button" class="icon-button layout-toggle" aria-pressed={list.to_string()}
                    onclick={toggle_layout}>{ text.list_layout }</button>
            </div>
            { problem }
            { body }
        </section>
    }
}
