//! The library view: how many articles are shown, and their cards in a responsive grid.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::state::{Entry, Loadable, Problem};
use crate::ui::card::Card;

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub entries: Vec<Entry>,
    /// Whether anything is in the library at all (to tell "empty" from "no match").
    pub library_size: usize,
    pub catalog: Loadable<()>,
    pub lang: Lang,
    /// How many of the articles the reader brought in (they can be exported and removed).
    #[prop_or_default]
    pub dropped: usize,
    #[prop_or_default]
    pub on_export: Callback<()>,
    #[prop_or_default]
    pub on_remove_all: Callback<()>,
}

#[function_component]
pub fn Library(props: &LibraryProps) -> Html {
    let text = props.lang.text();
    let status = match (&props.catalog, props.library_size) {
        (Loadable::Loading, 0) => text.loading_library.to_owned(),
        _ => props.lang.article_count(props.entries.len()),
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
    } else if props.entries.is_empty() && props.library_size > 0 {
        html! { <p class="empty">{ text.no_matches }</p> }
    } else {
        html! {
            <div class="grid">
                { for props.entries.iter().map(|entry| html! {
                    <Card key={entry.summary.id.clone()} summary={entry.summary.clone()} lang={props.lang} />
                }) }
            </div>
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
            </div>
            { problem }
            { body }
        </section>
    }
}
