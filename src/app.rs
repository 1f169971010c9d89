//! The root component: holds the state, starts the effects (`effects/`) that feed it, turns
//! the components' callbacks into actions and workflows, and lays out the page.

use std::collections::HashSet;
use std::rc::Rc;

use articles::search::Query;
use yew::prelude::*;

use crate::browser::intake::Given;
use crate::browser::keys::{self, Shortcut};
use crate::browser::reading::read_ids;
use crate::browser::{collate, fetch, files, page, settings, time};
use crate::calendar::Calendar;
use crate::effects::hooks::{use_address, use_drops, use_first_paint, use_library, use_shortcuts};
use crate::effects::hosted_search::Searches;
use crate::effects::library_files::{self, Imports};
use crate::effects::link_preview::LinkTargets;
use crate::effects::list_place::PAGE;
use crate::effects::{article, reading, settings as choose};
use crate::route::Route;
use crate::shared::Shared;
use crate::state::{Action, Entry, ListPlace, State, Unlisted};
use crate::ui::drop_overlay::DropOverlay;
use crate::ui::filters::FilterPanel;
use crate::ui::header::Header;
use crate::ui::import_progress::ImportProgress;
use crate::ui::library::Library;
use crate::ui::notice::NoticeBar;
use crate::ui::pictures::Pictures;
use crate::ui::reader::{Reader, Reading};
use crate::ui::shortcuts::ShortcutsHelp;
use crate::view::View;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        State::with_view(
            settings::saved_lang().unwrap_or_else(page::browser_lang),
            page::current_route(),
            page::current_view(),
        )
        .with_settings(settings::saved())
        .with_titles(collate::titles())
        .with_read(read_ids())
    });
    let dragging = use_state(|| false);
    let help = use_state(|| false);
    let calendar = use_memo((), |_| time::calendar());
    let library_from = use_state(|| fetch::foreign_origin().map(AttrValue::from));
    let imports = use_memo((), |_| Imports::default());
    let searches = use_memo((), |_| Searches::default());
    use_address(&state);
    use_library(&state, &searches);
    let dispatcher = state.dispatcher();
    let lang = state.lang;
    let pictures = choose::use_pictures_rule(&dispatcher, &state.images);

    let add_files = {
        let (dispatcher, imports) = (dispatcher.clone(), imports.clone());
        Callback::from(move |given| library_files::import(dispatcher.clone(), &imports, given))
    };
    use_drops(dragging.setter(), add_files.clone());
    let on_cancel_import = {
        let (dispatcher, imports) = (dispatcher.clone(), imports.clone());
        Callback::from(move |_| imports.cancel(&dispatcher))
    };
    let on_search = {
        let (dispatcher, route, view) =
            (dispatcher.clone(), state.route.clone(), state.view.clone());
        let (hosted, searches) = (state.hosted_search.clone(), searches.clone());
        Callback::from(move |query: String| {
            if route == Route::Library {
                // The hosted index is asked as the key arrives, before the list is drawn.
                let typed = searches.ask(&query);
                if let Some((meta, query)) = hosted.wanted(&query) {
                    searches.start(dispatcher.clone(), meta, query, typed);
                }
                dispatcher.dispatch(Action::Search(query));
            } else {
                // Searching from an article goes back to the library, a step Back can undo.
                page::go_view(&View {
                    query,
                    ..view.clone()
                });
            }
        })
    };
    let first_paint = use_first_paint(&state, on_search.clone());
    let on_undo = {
        let (dispatcher, removed) = (dispatcher.clone(), state.removed.clone());
        Callback::from(move |_| library_files::undo(dispatcher.clone(), &removed))
    };
    // What these two act on is gathered when they are chosen, not on every render: with 10 000
    // of the reader's files, copying their ids made each render of a reload slower.
    let on_remove_all = {
        let (dispatcher, state) = (dispatcher.clone(), state.clone());
        Callback::from(move |_| library_files::remove_all(dispatcher.clone(), state.dropped_ids()))
    };
    let on_export = {
        let (dispatcher, state) = (dispatcher.clone(), state.clone());
        Callback::from(move |_| {
            // With a search or filters, the export holds the articles shown (and every picture).
            let narrowed = !state.view.query.trim().is_empty() || !state.view.filters.is_empty();
            let shown: Option<HashSet<String>> = narrowed.then(|| {
                let visible = state.visible();
                visible
                    .iter()
                    .filter_map(|e| e.origin.file_path().map(str::to_owned))
                    .collect()
            });
            library_files::export(dispatcher.clone(), shown)
        })
    };
    let on_theme = {
        let (dispatcher, theme) = (dispatcher.clone(), state.theme);
        Callback::from(move |_: ()| choose::choose_theme(&dispatcher, theme.other()))
    };
    let on_lang = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: ()| choose::choose_lang(&dispatcher, lang.other()))
    };
    let reading_id = match &state.route {
        Route::Read { id } => Some(id.clone()),
        _ => None,
    };
    let open = reading_id.as_deref().and_then(|id| state.entry(id));
    let (previous, next) = reading_id.as_deref().map_or((None, None), |id| {
        let (before, after) = state.neighbours(id);
        let link = |e: &Entry| (e.summary.id.clone(), e.summary.title.clone());
        (before.map(link), after.map(link))
    });
    let on_shortcut = shortcuts(
        &help,
        &on_theme,
        &state.view,
        reading_id.is_some(),
        &previous,
        &next,
    );
    use_shortcuts(
        on_shortcut,
        (
            reading_id.clone(),
            previous.clone(),
            next.clone(),
            *help,
            state.view.clone(),
            state.theme,
        ),
    );
    // Worked out once per article opened and per change of the library, not per render.
    let connections = {
        let state = state.clone();
        use_memo(
            (
                reading_id.clone(),
                state.entries.clone(),
                state.fetched.clone(),
                state.hosted_connections.clone(),
            ),
            move |(id, ..)| {
                Shared::new(
                    id.as_deref()
                        .map_or_else(Default::default, |id| state.connections_of(id)),
                )
            },
        )
    };
    if first_paint.waiting {
        // The page's first screen stands until this app has a list of its own to draw; the
        // rest is not even built (the first renders run cold, compiled as they go).
        return html! {};
    }
    let reading = Reading {
        connections: (*connections).clone(),
        link_targets: {
            let state = state.clone();
            LinkTargets(Callback::from(move |href: String| {
                state.linked_summary(&href)
            }))
        },
        id: AttrValue::from(reading_id.clone().unwrap_or_default()),
        path: open.map_or_else(AttrValue::default, |e| e.summary.path.clone().into()),
        on_read: {
            let dispatcher = dispatcher.clone();
            Callback::from(move |id: String| reading::mark_read(&dispatcher, id))
        },
        on_reread: {
            let open = open.map(|e| {
                (
                    e.summary.id.clone(),
                    e.summary.path.clone(),
                    e.origin.clone(),
                )
            });
            let dispatcher = dispatcher.clone();
            Callback::from(move |encoding: String| {
                if let Some((id, path, origin)) = open.clone() {
                    article::reread(dispatcher.clone(), id, path, origin, encoding);
                }
            })
        },
    };
    // The reader's own files can be removed from the reader.
    let on_remove = open.filter(|e| e.origin.file().is_some()).map(|entry| {
        let (dispatcher, entry) = (dispatcher.clone(), entry.clone());
        Callback::from(move |_| library_files::remove(dispatcher.clone(), &entry))
    });
    let query = Some(Rc::new(Query::parse(&state.view.query))).filter(|q| !q.is_empty());
    let view = match &state.reading {
        Some((_, article)) => html! {
            <Reader article={article.clone()} lang={lang} query={query.clone()}
                back={AttrValue::from(state.view.to_hash())} previous={previous} next={next}
                reading={reading} on_remove={on_remove} />
        },
        None => {
            // Counted over the hosted index's matches: once a render, for both.
            let unlisted = state.unlisted();
            html! {
            <div class="library-layout">
            if !first_paint.behind {
                <FilterPanel view={state.view.clone()} counts={state.counts.clone()} lang={lang}
                    partial={unlisted != Unlisted::None}
                    on_view={dispatcher.to_callback().reform(Action::ChooseView)} />
            }
            <Library entries={state.entries.clone()} shown={state.shown.clone()} request={state.view.to_params()}
                query={query} read={state.read.clone()}
                library_size={state.entries.len()} catalog={state.catalog.listing.clone()} lang={lang}
                searching={state.hosted_search_pending()} indexing={state.unindexed() > 0} search_failed={state.hosted_search_failure()}
                unlisted={unlisted} listing_more={state.catalog.busy()}
                on_list_more={dispatcher.to_callback().reform(|()| Action::ListMore)}
                returning={first_paint.scrolled.map(|scroll| ListPlace { request: state.view.to_params(), limit: PAGE, scroll }).or_else(|| state.list_place.clone())} on_leave={dispatcher.to_callback().reform(Action::ListLeft)}
                layout={state.layout} on_layout={{ let dispatcher = dispatcher.clone(); Callback::from(move |layout| choose::choose_layout(&dispatcher, layout)) }}
                dropped={state.dropped_count()} on_export={on_export} on_remove_all={on_remove_all}
                on_publish={{ let d = dispatcher.clone(); Callback::from(move |_| library_files::publish(d.clone())) }} />
            </div>
            }
        }
    };
    let skip_to_content = Callback::from(|event: MouseEvent| {
        // The hash is the route: move the focus instead of following `#content`.
        event.prevent_default();
        keys::focus("#content");
    });
    html! {
        <ContextProvider<Calendar> context={(*calendar).clone()}>
        <ContextProvider<Pictures> context={(*pictures).clone()}>
            <a class="skip-link" href="#content" onclick={skip_to_content}>{ lang.text().skip_to_content }</a>
            <Header query={state.view.query.clone()} lang={lang} on_search={on_search}
                on_files={add_files.reform(|list| Given::Files(files::from_list(list)))}
                theme={state.theme} on_theme={on_theme} on_lang={on_lang} library_from={(*library_from).clone()} />
            <main id="content" tabindex="-1">
                if let Some((done, total)) = state.importing {
                    <ImportProgress done={done} total={total} lang={lang} on_cancel={on_cancel_import} />
                }
                if let Some(notice) = &state.notice {
                    <NoticeBar notice={notice.clone()} lang={lang} on_undo={on_undo} />
                }
                { view }
            </main>
            if let Some(bytes) = state.storage_used {
                <footer class="site-footer"><p>{ lang.storage_used(bytes) }</p></footer>
            }
            <DropOverlay visible={*dragging} lang={lang} />
            if *help {
                <ShortcutsHelp lang={lang} on_close={{ let help = help.clone(); Callback::from(move |_: ()| help.set(false)) }} />
            }
        </ContextProvider<Pictures>>
        </ContextProvider<Calendar>>
    }
}

/// What each keyboard shortcut does, knowing the open article's neighbours in the list.
fn shortcuts(
    help: &UseStateHandle<bool>,
    on_theme: &Callback<()>,
    view: &View,
    reading: bool,
    previous: &Option<(String, String)>,
    next: &Option<(String, String)>,
) -> Callback<Shortcut> {
    let (help, on_theme, view) = (help.clone(), on_theme.clone(), view.clone());
    let (previous, next) = (previous.clone(), next.clone());
    Callback::from(move |shortcut: Shortcut| match shortcut {
        Shortcut::Search => keys::focus("input.search"),
        Shortcut::NextInList => keys::step_through_cards(true),
        Shortcut::PreviousInList => keys::step_through_cards(false),
        Shortcut::Back if *help => help.set(false),
        Shortcut::Back if reading => page::go_view(&view),
        Shortcut::Back => {}
        Shortcut::PreviousArticle | Shortcut::NextArticle => {
            let target = if shortcut == Shortcut::NextArticle {
                &next
            } else {
                &previous
            };
            if let Some((id, _)) = target {
                page::go(&Route::Read { id: id.clone() });
            }
        }
        Shortcut::Theme => on_theme.emit(()),
        Shortcut::Help => help.set(!*help),
    })
}
