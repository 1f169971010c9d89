//! One article in the library list: cover, title linking to it, byline, categories, excerpt.

use std::rc::Rc;

use articles::search::highlight::{self, snippet, Piece};
use articles::search::Query;
use articles::Summary;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::route::Route;
use crate::state::BodyText;
use crate::ui::byline::{Byline, Categories};
use crate::ui::pictures::use_pictures;

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub summary: Rc<Summary>,
    pub lang: Lang,
    /// The search the card was found by: its hits are marked.
    #[prop_or_default]
    pub query: Option<Rc<Query>>,
    /// The article's text, when known: a hit in it is shown in place of the excerpt.
    #[prop_or_default]
    pub body: Option<BodyText>,
    /// Whether the reader has finished it.
    #[prop_or_default]
    pub read: bool,
}

/// Characters of a passage around a hit.
const SNIPPET_CHARS: usize = 160;

#[function_component]
pub fn Card(props: &CardProps) -> Html {
    let summary = &props.summary;
    let href = Route::Read {
        id: summary.id.clone(),
    }
    .to_hash();
    let excerpt = props
        .query
        .as_ref()
        .and_then(|query| {
            snippet(&summary.excerpt, query, SNIPPET_CHARS)
                .or_else(|| snippet(props.body.as_ref()?.as_str(), query, SNIPPET_CHARS))
        })
        .map_or_else(|| html! { { &summary.excerpt } }, |pieces| marked(&pieces));
    let title = match &props.query {
        Some(query) => marked(&highlight::marked(&summary.title, query)),
        None => html! { { &summary.title } },
    };
    let pictures = use_pictures();
    let cover = summary.cover.clone().map(|src| match pictures.holds(&src) {
        Some(host) => pictures.placeholder(&host, props.lang, "card-cover"),
        None => html! {
            <div class="card-cover">
                <img src={src} alt={summary.title.clone()} loading="lazy" decoding="async"
                    referrerpolicy="no-referrer" onerror={hide_broken_image()} />
            </div>
        },
    });
    html! {
        <article class={classes!("card", cover.is_none().then_some("card-plain"), props.read.then_some("card-read"))}>
            { for cover }
            <div class="card-body">
                <Categories paths={summary.categories.clone()} />
                <h2 class="card-title"><a href={href}>{ title }</a></h2>
                if props.read {
                    <p class="read-mark">{ props.lang.text().read_mark }</p>
                }
                <Byline date={summary.date.clone()} authors={summary.authors.clone()}
                    reading_minutes={summary.reading_minutes} lang={props.lang} brief=true />
                if !summary.tags.is_empty() {
                    <ul class="card-tags" aria-label={props.lang.text().tags}>
                        { for summary.tags.iter().map(|tag| html! { <li>{ tag }</li> }) }
                    </ul>
                }
                <p class="card-excerpt">{ excerpt }</p>
            </div>
        </article>
    }
}

/// Pieces of text with their hits in `<mark>`.
pub fn marked(pieces: &[Piece]) -> Html {
    html! {
        { for pieces.iter().map(|piece| if piece.hit {
            html! { <mark>{ &piece.text }</mark> }
        } else {
            html! { { &piece.text } }
        }) }
    }
}

/// A cover that fails to load is hidden, so the card looks intentional rather than broken.
pub fn hide_broken_image() -> Callback<Event> {
    Callback::from(|event: Event| {
        if let Some(image) = event.target_dyn_into::<web_sys::HtmlElement>() {
            let _ = image.style().set_property("display", "none");
        }
    })
}
