//! A preview of the article a link leads to: its cover, title, date and first lines, in a
//! tooltip beside the link. When and where it shows is `effects::link_preview`'s.

use yew::prelude::*;

use crate::effects::link_preview::{Open, Place, PREVIEW_ID};
use crate::i18n::Lang;
use crate::ui::byline::Byline;
use crate::ui::card::hide_broken_image;
use crate::ui::pictures::use_pictures;

/// Where the preview sits, as its style.
fn style(place: &Place) -> String {
    // Whole pixels, written as integers: formatting floats costs the page kilobytes.
    let px = |v: f64| v.round() as i32;
    let mut style = format!(
        "left:{}px;width:{}px;max-height:{}px;",
        px(place.left),
        px(place.width),
        px(place.max_height)
    );
    if let Some(top) = place.top {
        style.push_str(&format!("top:{}px;", px(top)));
    }
    if let Some(bottom) = place.bottom {
        style.push_str(&format!("bottom:{}px;", px(bottom)));
    }
    style
}

#[derive(Properties, PartialEq)]
pub struct LinkPreviewProps {
    pub open: Open,
    pub lang: Lang,
}

/// The preview: a tooltip (nothing in it takes a click or the focus).
#[function_component]
pub fn LinkPreview(props: &LinkPreviewProps) -> Html {
    let pictures = use_pictures();
    let summary = &props.open.summary;
    let cover = summary
        .cover
        .as_ref()
        .filter(|src| pictures.holds(src).is_none())
        .map(|src| {
            html! {
                <img class="link-preview-cover" src={src.clone()} alt="" loading="lazy"
                    decoding="async" referrerpolicy="no-referrer" onerror={hide_broken_image()} />
            }
        });
    html! {
        <div id={PREVIEW_ID} role="tooltip" class="link-preview" style={style(&props.open.place)}>
            { for cover }
            <strong class="link-preview-title">{ &summary.title }</strong>
            <Byline date={summary.date.clone()} authors={summary.authors.clone()}
                reading_minutes={summary.reading_minutes} lang={props.lang} brief=true />
            if !summary.excerpt.is_empty() {
                <p class="link-preview-excerpt">{ &summary.excerpt }</p>
            }
        </div>
    }
}
