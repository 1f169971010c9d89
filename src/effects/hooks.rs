//! The hooks that start effects: when the app starts, when the state asks for something (a
//! hosted article to fetch, a search of the hosted index, text to index, an undo running out), and when the browser speaks
//! (the address changes, files are dropped, a key is pressed).

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::hosted_search::Searches;
use super::{article, loading};
use crate::browser::intake::{drop_listeners, Given};
use crate::browser::keys::{self, Shortcut};
use crate::browser::{fetch, first_paint, offline, page, worker};
use crate::parts::{idle_time, next_task};
use crate::route::Route;
use crate::shared::Shared;
use crate::state::{Action, IdLookup, Loadable, Notice, State};

/// How long an undo is offered after a removal.
const UNDO_MILLIS: u32 = 8_000;

/// The address and the document follow the state, and the state follows the address.
#[hook]
pub fn use_address(state: &UseReducerHandle<State>) {
    use_effect_with(state.lang, |lang| page::set_document_lang(*lang));
    // A new article opens at its top (or at the section its link names, where the reader
    // goes); the library keeps (and restores) its own place.
    use_effect_with(state.route.clone(), |route| {
        if *route != Route::Library && page::current_place().is_none() {
            page::scroll_to_top();
        }
    });
    // The address follows the state: a view the reader chose is a history step, anything
    // else (typing, a resolved link, the address itself) rewrites it in place. A new view of
    // the list is written a task after the render that drew it: writing it mid-render made the
    // browser bring the page's style up to date there and then, some 2–5 ms of a keystroke
    // that drew new cards. A new route (an article opened, the list again) is written at once,
    // so a reload right after it opens what the reader sees.
    let steps_seen = use_mut_ref(|| state.view_steps);
    let route_seen = use_mut_ref(|| state.route.clone());
    let unwritten = use_mut_ref(Unwritten::default);
    use_effect_with(
        (state.route.clone(), state.view.clone(), state.view_steps),
        move |(route, view, steps)| {
            let step = *steps != steps_seen.replace(*steps);
            let moved = *route != route_seen.replace(route.clone());
            let this = unwritten.borrow_mut().add(step);
            if moved {
                if let Some(step) = unwritten.borrow_mut().take(this) {
                    page::show(route, view, step);
                }
                return;
            }
            let (route, view) = (route.clone(), view.clone());
            spawn_local(async move {
                next_task().await;
                // A link followed in the meantime (an article opened the moment the list
                // changed) has moved the address on, its `hashchange` on the way: this older
                // view must not put the list back over it.
                let moved_on = page::current_route() != route;
                if let Some(step) = unwritten.borrow_mut().take(this).filter(|_| !moved_on) {
                    page::show(&route, &view, step);
                }
            });
        },
    );
    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            EventListener::new(&window, "hashchange", move |_| {
                let route = page::current_route();
                if route == Route::Library {
                    dispatcher.dispatch(Action::SetView(page::current_view()));
                }
                dispatcher.dispatch(Action::Navigate(route));
                // A link to another section of the open article: the reader stays, so go
                // there once this change has rendered.
                if let Some(at) = page::current_place() {
                    Timeout::new(0, move || {
                        page::scroll_to_id(&at);
                    })
                    .forget();
                }
            })
        });
        move || drop(listener)
    });
}

/// Changes of the address not written yet: only the latest is written, as a history step if
/// any of them was one (a facet ticked, then a key typed before the tick was written, is still
/// a step Back undoes).
#[derive(Default)]
struct Unwritten {
    latest: u64,
    step: bool,
}

impl Unwritten {
    /// Another change; its number.
    fn add(&mut self, step: bool) -> u64 {
        self.latest += 1;
        self.step |= step;
        self.latest
    }

    /// Whether the change `number` is to be written (the latest), and as a step.
    fn take(&mut self, number: u64) -> Option<bool> {
        (number == self.latest).then(|| std::mem::take(&mut self.step))
    }
}

/// The library comes in, and what the state waits for is fetched: the reader's stored files
/// then the hosted catalog at start, the hosted index's answer to each search, a hosted
/// article and its connections when it is opened; and an undo is forgotten after a while.
#[hook]
pub fn use_library(state: &UseReducerHandle<State>, searches: &Searches) {
    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        if offline::updated() {
            dispatcher.dispatch(Action::Notify(Notice::Updated));
        }
        spawn_local(loading::library(dispatcher))
    });
    let (dispatcher, searches) = (state.dispatcher(), searches.clone());
    use_effect_with(state.hosted_search_wanted(), move |wanted| {
        match wanted.clone() {
            // Most often already started by the search box's key; else come whole (the
            // address, Back).
            Some((meta, query)) => {
                searches.ask(&query);
                searches.start(dispatcher, meta, query, false)
            }
            None => searches.stop(),
        }
    });
    // The catalog's shards, one at a time: the start's, then those the state wants.
    let dispatcher = state.dispatcher();
    use_effect_with(state.catalog_shard_wanted(), move |wanted| {
        if let Some((shard, path)) = wanted.clone() {
            dispatcher.dispatch(Action::FetchingShard(shard));
            spawn_local(loading::shard(dispatcher, shard, path));
        }
    });
    // A link to an article not listed (by id or by name): the catalog's file of ids says which
    // shard holds it.
    let dispatcher = state.dispatcher();
    use_effect_with(state.id_lookup_wanted(), move |wanted| {
        if let Some(IdLookup { path, key }) = wanted.clone() {
            dispatcher.dispatch(Action::LookingUp(key.clone()));
            spawn_local(async move {
                let result = fetch::shard_holding(&path, &key).await;
                dispatcher.dispatch(Action::LookedUp { key, result });
            });
        }
    });
    let dispatcher = state.dispatcher();
    use_effect_with(state.pending_fetch(), move |pending| {
        if let Some((id, path)) = pending.clone() {
            article::open_hosted(dispatcher, id, path);
        }
    });
    let dispatcher = state.dispatcher();
    use_effect_with(state.wanted_connections(), move |wanted| {
        if let Some((shard, path)) = wanted.clone() {
            dispatcher.dispatch(Action::FetchingConnections(shard));
            spawn_local(async move {
                let result = fetch::connections(&path).await.map(Shared::new);
                dispatcher.dispatch(Action::ConnectionsLoaded { shard, result });
            });
        }
    });
    // Once the library is listed and the reader's kept files are read (not before: on a slow
    // link the workers' download would hold up the catalog's, and compiling them would slow
    // the reading), the parsing workers are started when the page is idle.
    let listing = state.catalog.listing == Loadable::Loading || state.restoring() > 0;
    use_effect_with(listing, |&loading| {
        if !loading {
            spawn_local(async {
                idle_time().await;
                worker::warm().await;
            });
        }
    });
    // The service worker is registered later still: once the library is listed and no drop is
    // being read and parsed, when the page is idle. Its install fetches and stores the whole
    // build once more: registered as the app started, its thread ran 25–47 ms inside each of
    // the start's longest tasks on a 2-core machine, taking the page's thread its CPU (and a
    // drop's workers theirs, registered during one).
    let importing = use_mut_ref(|| false);
    let registered = use_mut_ref(|| false);
    use_effect_with(
        (listing, state.importing.is_some()),
        move |&(loading, busy)| {
            *importing.borrow_mut() = busy;
            if !loading && !busy && !*registered.borrow() {
                spawn_local(async move {
                    idle_time().await;
                    // A drop begun meanwhile: its end runs this effect again.
                    if *importing.borrow() || registered.replace(true) {
                        return;
                    }
                    offline::register().await;
                });
            }
        },
    );
    // Listed articles' text goes into the search index a slice at a time when the page is idle,
    // behind any listing, by one chain at a time (every arrival changes the count: without the
    // flag, each would start one). A slice that changes nothing shown draws nothing, so the
    // chain reads the index itself; it stops where a slice indexes nothing (the text waits for
    // storage), and the next change to the count starts it again. An idle time takes as many
    // slices as it has time for (see `Idle::left`).
    let dispatcher = state.dispatcher();
    let index = state.index.clone();
    let chained = use_mut_ref(|| false);
    use_effect_with(state.unindexed(), move |&unindexed| {
        if unindexed > 0 && !chained.replace(true) {
            spawn_local(async move {
                // Slices while the idle time lasts, each taken as likely to last as long as the
                // last one did, or up to 10 ms longer: the task stays under 50 ms.
                'idle: loop {
                    let idle = idle_time().await;
                    loop {
                        let waiting = index.borrow().waiting();
                        if waiting == 0 {
                            break 'idle;
                        }
                        let started = js_sys::Date::now();
                        dispatcher.dispatch(Action::IndexSome);
                        if index.borrow().waiting() == waiting {
                            break 'idle;
                        }
                        let slice_millis = js_sys::Date::now() - started;
                        if idle.left() < slice_millis + 10.0 {
                            break;
                        }
                    }
                }
                chained.replace(false);
            });
        }
    });
    let dispatcher = state.dispatcher();
    use_effect_with(state.removed.entries.len(), move |removed| {
        let timer = (*removed > 0).then(|| {
            Timeout::new(UNDO_MILLIS, move || {
                dispatcher.dispatch(Action::ForgetRemoved)
            })
        });
        move || drop(timer)
    });
}

/// Files dropped or pasted anywhere on the page go to `add_files`; `dragging` says whether
/// files are being dragged over it.
#[hook]
pub fn use_drops(dragging: UseStateSetter<bool>, add_files: Callback<Given>) {
    use_effect_with((), move |_| {
        let listeners = web_sys::window().map(|w| drop_listeners(&w, dragging, add_files));
        move || drop(listeners)
    });
}

/// Keyboard shortcuts go to `on_shortcut`, listened to again whenever `deps` change (the
/// handler knows the open article's neighbours and the theme).
#[hook]
pub fn use_shortcuts<D: PartialEq + 'static>(on_shortcut: Callback<Shortcut>, deps: D) {
    use_effect_with(deps, move |_| {
        let listener = web_sys::window().map(|w| keys::listen(&w, on_shortcut));
        move || drop(listener)
    });
}

/// What the page's first screen (`static/first-paint.js`) means for a render of the app.
pub struct FirstPaint {
    /// The screen is still the page's: the app draws nothing of its own yet.
    pub waiting: bool,
    /// The app's screen is being drawn behind the first one (which hides it, see lectern.css),
    /// all but the filter panel: the rest comes in the next render, a task later.
    pub behind: bool,
    /// Scrolled this far on the first screen, as the app's list is first drawn: it takes its
    /// place there.
    pub scrolled: Option<f64>,
}

/// How much of its screen the app has drawn behind the first one.
#[derive(Clone, Copy, PartialEq)]
enum Drawn {
    Nothing,
    AllButFilters,
    All,
}

/// The page's first screen, painted before the app arrived, gives way once the app has
/// something of its own to show: the library listed (or found unreadable), or an article.
/// The app's screen is drawn behind it a part a task, from the task after the one that listed
/// the library: the first time the app draws, its WebAssembly and script run for the first
/// time, and are compiled as they do, so that listing and drawing it all at once was one task
/// of 70–150 ms. What the reader typed there meanwhile is searched, a reader in its search
/// field stays in the app's, and the list keeps where they scrolled.
#[hook]
pub fn use_first_paint(state: &UseReducerHandle<State>, on_search: Callback<String>) -> FirstPaint {
    let ready = state.catalog.listing != Loadable::Loading || state.route != Route::Library;
    let showing = first_paint::showing();
    let left = use_mut_ref(|| None);
    let drawn = use_state(|| Drawn::Nothing);
    let drawing = ready && showing;
    let taking_over = drawing && *drawn == Drawn::All;
    if taking_over {
        // Taken down in the render that completes the app's screen, not in an effect after
        // it: Yew may yield to the browser between a render and its effects.
        *left.borrow_mut() = first_paint::take_over();
    }
    {
        let setter = drawn.setter();
        use_effect_with((drawing, *drawn), move |&(drawing, drawn)| {
            let next = match drawn {
                Drawn::Nothing => Drawn::AllButFilters,
                _ => Drawn::All,
            };
            if drawing && drawn != Drawn::All {
                spawn_local(async move {
                    next_task().await;
                    setter.set(next);
                });
            }
        });
    }
    // Keyed on the whole screen drawn, which stays so, not on the take-over's render: Yew may
    // render again before it runs effects, and an effect keyed on that one render would be
    // skipped (what was typed then went unsearched, once in a few runs).
    use_effect_with(*drawn == Drawn::All, move |_| {
        if let Some(left) = left.borrow_mut().take() {
            let typed = left.typed.is_some();
            if let Some(query) = left.typed {
                // Keys pressed since the take-over went into the app's field (which was
                // empty), and were searched: they follow what was typed before it.
                on_search.emit(query + &first_paint::typed_since().unwrap_or_default());
            }
            if typed || left.in_search {
                keys::focus("input.search");
            }
        }
    });
    let behind = drawing && *drawn == Drawn::AllButFilters;
    FirstPaint {
        waiting: showing && !(drawing && *drawn != Drawn::Nothing),
        behind,
        // Read before the app's screen is on the page: reading it later makes the browser lay
        // that out first (some 20–40 ms). The list is first drawn then, and scrolls there.
        scrolled: behind.then(page::scroll_position),
    }
}
