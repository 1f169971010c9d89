//! The line under a title: date, authors, reading time; and the category paths above it.

use articles::ArticleDate;
use yew::prelude::*;

use crate::calendar::Calendar;
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct BylineProps {
    pub date: Option<ArticleDate>,
    pub authors: Vec<String>,
    pub reading_minutes: usize,
    pub lang: Lang,
    /// A card's short date (relative when recent) rather than the reader's full one.
    #[prop_or_default]
    pub brief: bool,
}

/// `<time datetime>` in the reader's zone · authors · reading time.
#[function_component]
pub fn Byline(props: &BylineProps) -> Html {
    // The reader's clock, from the app; UTC where none was given (tests).
    let calendar = use_context::<Calendar>().unwrap_or_default();
    let mut parts: Vec<Html> = Vec::new();
    if let Some(date) = &props.date {
        let full = calendar.full(date, props.lang);
        parts.push(html! {
            <time datetime={date.datetime_attr()} title={full.clone()}>
                { if props.brief { calendar.brief(date, props.lang) } else { full } }
            </time>
        });
    }
    if !props.authors.is_empty() {
        parts.push(html! { <span class="byline-authors">{ props.authors.join(", ") }</span> });
    }
    parts.push(html! { <span>{ props.lang.reading_time(props.reading_minutes) }</span> });
    let last = parts.len().saturating_sub(1);
    html! {
        <p class="byline">
            { for parts.into_iter().enumerate().map(|(i, part)| html! {
                <>{ part }if i < last { <span class="sep" aria-hidden="true">{ " · " }</span> }</>
            }) }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct CategoriesProps {
    pub paths: Vec<Vec<String>>,
}

/// Each category path as `金融 › 新浪财经 › …`.
#[function_component]
pub fn Categories(props: &CategoriesProps) -> Html {
    if props.paths.is_empty() {
        return html! {};
    }
    html! {
        <ul class="categories">
            { for props.paths.iter().map(|path| html! {
                <li>{ path.join(" › ") }</li>
            }) }
        </ul>
    }
}
