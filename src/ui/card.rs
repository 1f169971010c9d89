//! One article in the library list: cover, title linking to it, byline, categories, excerpt.

use std::rc::Rc;

use articles::Summary;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::route::Route;
use crate::ui::byline::{Byline, Categories};

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub summary: Rc<Summary>,
    pub lang: Lang,
}

#[function_component]
pub fn Card(props: &CardProps) -> Html {
    let summary = &props.summary;
    let href = Route::Read {
        id: summary.id.clone(),
    }
    .to_hash();
    let cover = summary.cover.clone().map(|src| {
        html! {
            <div class="card-cover">
                <img src={src} alt="" loading="lazy" decoding="async"
                    referrerpolicy="no-referrer" onerror={hide_broken_image()} />
            </div>
        }
    });
    html! {
        <article class={classes!("card", cover.is_none().then_some("card-plain"))}>
            { for cover }
            <div class="card-body">
                <Categories paths={summary.categories.clone()} />
                <h2 class="card-title"><a href={href}>{ &summary.title }</a></h2>
                <Byline date={summary.date.clone()} authors={summary.authors.clone()}
                    reading_minutes={summary.reading_minutes} lang={props.lang} />
                <p class="card-excerpt">{ &summary.excerpt }</p>
            </div>
        </article>
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
