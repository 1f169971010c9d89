//! The root component: owns the state, wires the browser's events to actions, lays out the page.

use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::archive;
use crate::browser::fetch;
use crate::browser::intake::{drop_listeners, pasted_name, Given};
use crate::browser::keys::{self, Shortcut};
use crate::browser::store::{self, StoredFile};
use crate::browser::{
    collate, download, files, folder_drop, page, parser, quarantine, reading, settings,
};
use crate::loading;
use crate::parse_job::Context;
use crate::parts::{in_parts, one_task_each};
use crate::route::Route;
use crate::shared::Shared;
use crate::state::{Action, State};
use crate::ui::drop_overlay::DropOverlay;
use crate::ui::filters::FilterPanel;
use crate::ui::header::Header;
use crate::ui::import_progress::ImportProgress;
use crate::ui::library::Library;
use crate::ui::notice::NoticeBar;
use crate::ui::reader::{Reader, Reading};
use crate::ui::shortcuts::ShortcutsHelp;
use crate::view::View;
use articles::search::Query;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        State::with_view(
            settings::saved_lang().unwrap_or_else(page::browser_lang),
            page::current_route(),
            page::current_view(),
        )
        .with_titles(collate::titles())
        .with_read(reading::read_ids())
    });
    let dragging = use_state(|| false);
    let theme = use_state(settings::current_theme);
    let help = use_state(|| false);
    let library_from = use_state(|| fetch::foreign_origin().map(AttrValue::from));

    use_effect_with(state.lang, |lang| page::set_document_lang(*lang));
    // A new article opens at its top (or at the section its link names, where the reader
    // goes); the library keeps (and restores) its own place.
    use_effect_with(state.route.clone(), |route| {
        if *route != Route::Library && page::current_place().is_none() {
            page::scroll_to_top();
        }
    });
    // Typing and resolved links rewrite the address in place; facets go through `go_view`.
    use_effect_with(
        (state.route.clone(), state.view.clone()),
        |(route, view)| page::show(route, view),
    );
    {
        // The reader's own files first, then the hosted library.
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            spawn_local(loading::library(dispatcher));
        });
    }
    {
        // Hosted articles' text arrives when the reader first searches.
        let dispatcher = state.dispatcher();
        use_effect_with(state.search_text_wanted(), move |wanted| {
            if let Some(paths) = wanted.clone() {
                dispatcher.dispatch(Action::SearchTextRequested);
                spawn_local(loading::search_text(dispatcher.clone(), paths));
            }
        });
    }
    {
        // An undo is offered for a few seconds.
        let dispatcher = state.dispatcher();
        use_effect_with(state.removed.len(), move |removed| {
            let timer = (*removed > 0).then(|| {
                Timeout::new(UNDO_MILLIS, move || {
                    dispatcher.dispatch(Action::ForgetRemoved)
                })
            });
            move || drop(timer)
        });
    }
    {
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
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.pending_fetch(), move |pending| {
            if let Some((id, path)) = pending.clone() {
                spawn_local(async move {
                    let library = fetch::library_dir();
                    let result = match fetch::bytes(&format!("{library}{path}")).await {
                        Ok(bytes) => {
                            let context = Context {
                                asset_root: Some(library),
                                ..Context::default()
                            };
                            Ok(Shared::new(parser::parse_one(&context, &path, bytes).await))
                        }
                        Err(reason) => Err(reason),
                    };
                    dispatcher.dispatch(Action::ArticleLoaded { id, result });
                });
            }
        });
    }
    let cancel_import = use_mut_ref(|| Rc::new(Cell::new(false)));
    let add_files = {
        let dispatcher = state.dispatcher();
        let cancel_import = cancel_import.clone();
        Callback::from(move |given: Given| {
            let dispatcher = dispatcher.clone();
            // A new flag for each import, so cancelling one never cancels the next.
            let cancelled = Rc::new(Cell::new(false));
            *cancel_import.borrow_mut() = cancelled.clone();
            let import = files::Import {
                cancelled,
                progress: {
                    let dispatcher = dispatcher.clone();
                    Callback::from(move |(done, total)| {
                        dispatcher.dispatch(Action::Importing(Some((done, total))))
                    })
                },
            };
            spawn_local(async move {
                let outcome = match given {
                    Given::Files(chosen) => files::read(chosen, &import).await,
                    Given::Entries(entries) => {
                        files::read(folder_drop::files(entries).await, &import).await
                    }
                    Given::Text(text) => Some((
                        vec![StoredFile::new(pasted_name(), text.into_bytes())],
                        Vec::new(),
                    )),
                };
                let Some((kept, skipped)) = outcome.filter(|(k, s)| !k.is_empty() || !s.is_empty())
                else {
                    dispatcher.dispatch(Action::Importing(None));
                    return;
                };
                let kept: Vec<Rc<StoredFile>> = kept.into_iter().map(Rc::new).collect();
                let Some(entries) = files::ingest(&kept, Some(&import)).await else {
                    dispatcher.dispatch(Action::Importing(None));
                    return;
                };
                dispatcher.dispatch(Action::Importing(None));
                // A large drop joins the list in parts; the last tells what the drop did.
                let mut skipped = skipped;
                one_task_each(in_parts(entries, ARRIVING_PART, |_| 1), |part, more| {
                    dispatcher.dispatch(if more {
                        Action::FilesArriving(part)
                    } else {
                        Action::FilesAdded {
                            entries: part,
                            skipped: std::mem::take(&mut skipped),
                        }
                    })
                })
                .await;
                keep(&dispatcher, store::save(&kept).await).await;
            });
        })
    };
    let on_cancel_import = {
        let dispatcher = state.dispatcher();
        let lang = state.lang;
        Callback::from(move |_| {
            cancel_import.borrow().set(true);
            // The worker may be deep in a large file: stopping it ends the import now.
            parser::stop();
            dispatcher.dispatch(Action::Importing(None));
            dispatcher.dispatch(Action::Say(lang.text().import_cancelled.to_owned()));
        })
    };
    {
        let dragging = dragging.setter();
        let add_files = add_files.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|w| drop_listeners(&w, dragging, add_files));
            move || drop(listeners)
        });
    }
    let on_search = {
        let dispatcher = state.dispatcher();
        let (route, view) = (state.route.clone(), state.view.clone());
        Callback::from(move |query: String| {
            if route == Route::Library {
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
    let on_view = Callback::from(|view: View| page::go_view(&view));

    let cleared = use_mut_ref(Vec::<Rc<StoredFile>>::new);
    let on_remove = {
        let dispatcher = state.dispatcher();
        let state = state.clone();
        let snapshot = cleared.clone();
        Callback::from(move |id: String| {
            let paths: Vec<String> = state
                .entry(&id)
                .and_then(|e| e.original.as_ref())
                .map(|file| vec![file.path.clone()])
                .unwrap_or_default();
            snapshot.borrow_mut().clear();
            dispatcher.dispatch(Action::Remove(vec![id]));
            let dispatcher = dispatcher.clone();
            spawn_local(async move { keep(&dispatcher, store::remove(&paths).await).await });
        })
    };
    let on_undo = {
        let dispatcher = state.dispatcher();
        let snapshot = cleared.clone();
        let removed: Vec<Rc<StoredFile>> = state
            .removed
            .iter()
            .filter_map(|e| e.original.clone())
            .collect();
        Callback::from(move |_| {
            dispatcher.dispatch(Action::Undo);
            // After "remove all", everything comes back, pictures included.
            let files = match std::mem::take(&mut *snapshot.borrow_mut()) {
                everything if !everything.is_empty() => everything,
                _ => removed.clone(),
            };
            let dispatcher = dispatcher.clone();
            spawn_local(async move { keep(&dispatcher, store::save(&files).await).await });
        })
    };
    let on_remove_all = {
        let dispatcher = state.dispatcher();
        let snapshot = cleared.clone();
        let ids = state.dropped_ids();
        Callback::from(move |_| {
            let (dispatcher, snapshot, ids) = (dispatcher.clone(), snapshot.clone(), ids.clone());
            spawn_local(async move {
                *snapshot.borrow_mut() = store::load_all()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .map(Rc::new)
                    .collect();
                dispatcher.dispatch(Action::Remove(ids));
                keep(&dispatcher, store::clear().await).await;
            });
        })
    };
    let on_export = {
        let dispatcher = state.dispatcher();
        let lang = state.lang;
        // With a search or filters, the export holds the articles shown (and every picture).
        let narrowed = !state.view.query.trim().is_empty() || !state.view.filters.is_empty();
        let shown: Option<HashSet<String>> = narrowed.then(|| {
            state
                .visible()
                .iter()
                .filter_map(|e| e.original.as_ref().map(|f| f.path.clone()))
                .collect()
        });
        Callback::from(move |_| {
            let (dispatcher, shown) = (dispatcher.clone(), shown.clone());
            spawn_local(async move {
                let exported = store::load_all().await.and_then(|files| {
                    let chosen: Vec<StoredFile> = files
                        .into_iter()
                        .filter(|f| {
                            shown
                                .as_ref()
                                .is_none_or(|s| s.contains(&f.path) || !files::is_article(&f.path))
                        })
                        .collect();
                    let bytes = archive::pack(&chosen)?;
                    download::save(EXPORT_NAME, "application/zip", &bytes)
                });
                if let Err(reason) = exported {
                    dispatcher.dispatch(Action::Say(format!(
                        "{}: {reason}",
                        lang.text().export_failed
                    )));
                }
            });
        })
    };
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |_: ()| {
            let next = theme.other();
            settings::choose_theme(next);
            theme.set(next);
        })
    };
    let on_lang = {
        let (dispatcher, lang) = (state.dispatcher(), state.lang);
        Callback::from(move |_: ()| {
            settings::choose_lang(lang.other());
            dispatcher.dispatch(Action::SetLang(lang.other()));
        })
    };
    let reading_id = match &state.route {
        Route::Read { id } => Some(id.clone()),
        _ => None,
    };
    let (previous, next) = reading_id.as_deref().map_or((None, None), |id| {
        let (before, after) = state.neighbours(id);
        let link = |e: &crate::state::Entry| (e.summary.id.clone(), e.summary.title.clone());
        (before.map(link), after.map(link))
    });
    let on_shortcut = {
        let (help, on_theme, view) = (help.clone(), on_theme.clone(), state.view.clone());
        let (reading, previous, next) = (reading_id.is_some(), previous.clone(), next.clone());
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
    };
    {
        // Re-listened when the handler changes (it knows the open article's neighbours).
        let on_shortcut = on_shortcut.clone();
        use_effect_with(
            (
                reading_id.clone(),
                previous.clone(),
                next.clone(),
                *help,
                state.view.clone(),
            ),
            move |_| {
                let listener = web_sys::window().map(|w| keys::listen(&w, on_shortcut));
                move || drop(listener)
            },
        );
    }
    let close_help = {
        let help = help.clone();
        Callback::from(move |_: ()| help.set(false))
    };
    let on_read = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: String| dispatcher.dispatch(Action::MarkRead(id)))
    };
    let reading_attr = AttrValue::from(reading_id.clone().unwrap_or_default());
    let on_reread = {
        let dispatcher = state.dispatcher();
        let open = reading_id
            .as_deref()
            .and_then(|id| state.entry(id))
            .map(|e| {
                (
                    e.summary.id.clone(),
                    e.summary.path.clone(),
                    e.original.clone(),
                )
            });
        Callback::from(move |encoding: String| {
            let Some((id, path, original)) = open.clone() else {
                return;
            };
            let dispatcher = dispatcher.clone();
            spawn_local(async move {
                // The reader's own file is at hand; a hosted one is fetched again (from cache).
                let (context, path, bytes) = match original {
                    Some(file) => (
                        Context {
                            id_root: files::DROPPED_PREFIX.to_owned(),
                            ..Context::default()
                        },
                        file.path.clone(),
                        Ok(file.bytes.clone()),
                    ),
                    None => {
                        let library = fetch::library_dir();
                        let bytes = fetch::bytes(&format!("{library}{path}")).await;
                        (
                            Context {
                                asset_root: Some(library),
                                ..Context::default()
                            },
                            path,
                            bytes,
                        )
                    }
                };
                match bytes {
                    Ok(bytes) => {
                        // Asked for by the reader: a file set aside is read again.
                        quarantine::release(&path);
                        let context = Context {
                            encoding: (!encoding.is_empty()).then_some(encoding),
                            ..context
                        };
                        let article = parser::parse_one(&context, &path, bytes).await;
                        dispatcher.dispatch(Action::Reread {
                            id,
                            article: Shared::new(article),
                        });
                    }
                    Err(reason) => dispatcher.dispatch(Action::Say(reason)),
                }
            });
        })
    };
    let skip_to_content = Callback::from(|event: MouseEvent| {
        // The hash is the route: move the focus instead of following `#content`.
        event.prevent_default();
        keys::focus("#content");
    });
    let reading = Reading {
        id: reading_attr,
        on_read,
        on_reread,
    };
    let removable = match &state.route {
        Route::Read { id } => state.entry(id).is_some_and(|e| e.original.is_some()),
        _ => false,
    };
    let query = Some(Rc::new(Query::parse(&state.view.query))).filter(|q| !q.is_empty());
    let back = AttrValue::from(state.view.to_hash());
    let view = match (&state.reading, &state.route) {
        (Some((_, article)), Route::Read { id }) if removable => {
            let on_remove = on_remove.clone();
            let id = id.clone();
            html! {
                <Reader article={article.clone()} lang={state.lang} query={query.clone()} back={back.clone()}
                    previous={previous.clone()} next={next.clone()} reading={reading.clone()}
                    on_remove={Some(Callback::from(move |_| on_remove.emit(id.clone())))} />
            }
        }
        (Some((_, article)), _) => html! {
            <Reader article={article.clone()} lang={state.lang} query={query.clone()} back={back.clone()}
                previous={previous.clone()} next={next.clone()} reading={reading.clone()} />
        },
        (None, _) => html! {
            <div class="library-layout">
            <FilterPanel view={state.view.clone()} counts={state.counts.clone()} lang={state.lang}
                on_view={on_view} />
            <Library entries={state.entries.clone()} shown={state.shown.clone()} request={state.view.to_params()}
                query={query.clone()} read={state.read.clone()} bodies={state.bodies.clone()}
                library_size={state.entries.len()} catalog={state.catalog.clone()} lang={state.lang}
                without_text={state.searching_without_text()}
                dropped={state.dropped_ids().len()} on_export={on_export} on_remove_all={on_remove_all} />
            </div>
        },
    };
    html! {
        <>
            <a class="skip-link" href="#content" onclick={skip_to_content}>{ state.lang.text().skip_to_content }</a>
            <Header query={state.view.query.clone()} lang={state.lang} on_search={on_search}
                on_files={add_files.reform(|list| Given::Files(files::from_list(list)))}
                theme={*theme} on_theme={on_theme} on_lang={on_lang} library_from={(*library_from).clone()} />
            <main id="content" tabindex="-1">
                if let Some((done, total)) = state.importing {
                    <ImportProgress done={done} total={total} lang={state.lang} on_cancel={on_cancel_import} />
                }
                if let Some(notice) = &state.notice {
                    <NoticeBar notice={notice.clone()} lang={state.lang} on_undo={on_undo} />
                }
                { view }
            </main>
            if let Some(bytes) = state.storage_used {
                <footer class="site-footer"><p>{ state.lang.storage_used(bytes) }</p></footer>
            }
            <DropOverlay visible={*dragging} lang={state.lang} />
            if *help {
                <ShortcutsHelp lang={state.lang} on_close={close_help} />
            }
        </>
    }
}

/// The file name of an export.
const EXPORT_NAME: &str = "lectern-library.zip";

/// Entries a large drop adds to the list at a time.
const ARRIVING_PART: usize = 200;

/// How long an undo is offered after a removal.
const UNDO_MILLIS: u32 = 8_000;

/// After a write to storage: report a failure, or how much is now stored.
async fn keep(dispatcher: &UseReducerDispatcher<State>, written: Result<(), String>) {
    match written {
        Ok(()) => {
            if let Some(bytes) = store::persist_and_measure().await {
                dispatcher.dispatch(Action::StorageUsed(bytes));
            }
        }
        Err(reason) => dispatcher.dispatch(Action::StorageFailed(reason)),
    }
}
