//! The library view: how many articles are shown, and their cards in a responsive grid.
//!
//! Cards are added a page at a time as the reader scrolls (or presses "Show more"), so a library
//! of a hundred thousand articles costs one page of cards to show.

use std::rc::Rc;

use articles::search::Query;
use yew::prelude::*;

use crate::effects::list_place::{use_list_paging, PAGE};
use crate::i18n::Lang;
use crate::shared::Shared;
use crate::state::{Entry, Layout, ListPlace, Loadable, Problem, Unlisted};
use crate::ui::card::Card;
use crate::ui::pictures::RemoteImagesChoice;

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
    /// Whether anything is in the library at all (to tell "empty" from "no match").
    pub library_size: usize,
    pub catalog: Loadable<()>,
    pub lang: Lang,
    /// The hosted search index is still being asked (what titles and excerpts match shows).
    #[prop_or_default]
    pub searching: bool,
    /// Some listed articles' text is not in the search index yet (a search may find more soon).
    #[prop_or_default]
    pub indexing: bool,
    /// What the list leaves out of a large hosted library, for now.
    #[prop_or(Unlisted::None)]
    pub unlisted: Unlisted,
    /// A shard of the hosted catalog is on its way (the list may grow).
    #[prop_or_default]
    pub listing_more: bool,
    /// Asks for more of a large hosted library's list.
    #[prop_or_default]
    pub on_list_more: Callback<()>,
    /// Why the hosted search index could not answer, if it could not.
    #[prop_or_default]
    pub search_failed: Option<String>,
    /// How many of the articles the reader brought in (they can be exported and removed).
    #[prop_or_default]
    pub dropped: usize,
    /// Where the reader left this list last (restored when it is the same search).
    #[prop_or_default]
    pub returning: Option<ListPlace>,
    /// Gets the list's place as it leaves the page.
    #[prop_or_default]
    pub on_leave: Callback<ListPlace>,
    /// A grid of cards, or a compact list; the toggle asks for the other.
    #[prop_or_default]
    pub layout: Layout,
    #[prop_or_default]
    pub on_layout: Callback<Layout>,
    #[prop_or_default]
    pub on_export: Callback<()>,
    /// Publishes the reader's files as a static site.
    #[prop_or_default]
    pub on_publish: Callback<()>,
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
    let more = use_node_ref();
    let limit = use_list_paging(
        props.request.clone(),
        props.shown.clone(),
        more.clone(),
        props.returning.clone(),
        props.on_leave.clone(),
    );
    let status = match (&props.catalog, props.library_size) {
        (Loadable::Loading, 0) => text.loading_library.to_owned(),
        _ if props.searching => format!(
            "{} {}",
            props.lang.article_count(props.shown.len()),
            text.searching_library
        ),
        _ if props.indexing && props.query.is_some() => format!(
            "{} {}",
            props.lang.article_count(props.shown.len()),
            text.indexing_library
        ),
        _ => props.lang.article_count(props.shown.len()),
    };
    let status = match props.unlisted {
        Unlisted::None => status,
        unlisted => format!("{status} {}", props.lang.unlisted(unlisted)),
    };
    let problem = match (&props.catalog, &props.search_failed) {
        (Loadable::Failed(Problem::Failed(message)), _) => html! {
            <p class="problem" role="alert">{ format!("{}: {message}", text.catalog_failed) }</p>
        },
        (_, Some(reason)) => html! {
            <p class="problem" role="alert">{ format!("{}: {reason}", text.search_failed) }</p>
        },
        _ => html! {},
    };
    // At the end of what is listed, older articles (or more of what the search found in them).
    let list_more = (props.unlisted != Unlisted::None).then(|| {
        html! {
            <button type="button" class="button button-quiet show-more" disabled={props.listing_more}
                onclick={props.on_list_more.reform(|_: MouseEvent| ())}>{ props.lang.list_more(props.unlisted) }</button>
        }
    });
    let body = if props.library_size == 0 && props.catalog != Loadable::Loading {
        html! {
            <div class="empty">
                <h2>{ text.empty_title }</h2>
                <p>{ text.empty_help }</p>
            </div>
        }
    } else if props.shown.is_empty() && props.library_size > 0 {
        html! {
            <>
                <p class="empty">{ text.no_matches }</p>
                { list_more }
            </>
        }
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
                        let body = entry.body_text();
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
                } else {
                    { list_more }
                }
            </>
        }
    };
    let tools = (props.dropped > 0).then(|| {
        html! {
            <div class="library-tools">
                <button type="button" class="button button-quiet"
                    onclick={props.on_export.reform(|_: MouseEvent| ())}>{ text.export }</button>
                <button type="button" class="button button-quiet" title={text.publish_hint}
                    onclick={props.on_publish.reform(|_: MouseEvent| ())}>{ text.publish }</button>
                <button type="button" class="button button-quiet"
                    onclick={props.on_remove_all.reform(|_: MouseEvent| ())}>{ text.remove_all }</button>
            </div>
        }
    });
    html! {
        <section class="library" aria-labelledby="library-count"
            aria-busy={(props.searching || props.indexing || props.listing_more).then_some("true")}>
            <div class="library-head">
                <p id="library-count" class="count" role="status" aria-live="polite">{ status }</p>
                <button type="button" class="icon-button layout-toggle" aria-pressed={list.to_string()}
                    onclick={toggle_layout}>{ text.list_layout }</button>
                <RemoteImagesChoice lang={props.lang} />
                { for tools }
            </div>
            { problem }
            { body }
        </section>
    }
}
