//! How far the reader is in an article: a thin bar at the top of the page, a "Continue
//! reading" offer of the position kept from last time, and `on_read` at its end (the scroll
//! is followed, and the position kept, by `effects::reading`).

use yew::prelude::*;

use crate::effects::reading::{kept_position, scroll_to_fraction, use_scroll_progress};
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// The article's id (empty: nothing is remembered).
    pub id: AttrValue,
    /// The element holding the article's body.
    pub body: NodeRef,
    pub lang: Lang,
    /// Called once when the reader reaches the end.
    #[prop_or_default]
    pub on_read: Callback<String>,
}

/// Fractions between which a kept position is worth offering.
const OFFER: std::ops::Range<f64> = 0.05..0.95;

#[function_component]
pub fn ReadingProgress(props: &ProgressProps) -> Html {
    let bar = use_node_ref();
    let offer = use_state(|| kept_position(&props.id).filter(|f| OFFER.contains(f)));
    let on_fraction = {
        let bar = bar.clone();
        // Drawn straight on the bar: a scroll is too frequent to render the view again.
        Callback::from(move |fraction: f64| {
            if let Some(bar) = bar.cast::<web_sys::HtmlElement>() {
                // In ten-thousandths, written with integers: formatting a float would link the
                // float printer (kilobytes) into the page for this one line.
                let parts = (fraction.clamp(0.0, 1.0) * 10_000.0).round() as u32;
                let scale = format!("scaleX({}.{:04})", parts / 10_000, parts % 10_000);
                let _ = bar.style().set_property("transform", &scale);
            }
        })
    };
    use_scroll_progress(
        props.id.clone(),
        props.body.clone(),
        on_fraction,
        props.on_read.clone(),
    );
    let resume = offer.map(|fraction| {
        let (body, offer) = (props.body.clone(), offer.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            scroll_to_fraction(&body, fraction);
            offer.set(None);
        });
        html! {
            <button type="button" class="button button-quiet resume" {onclick}>
                { props.lang.continue_reading(fraction) }
            </button>
        }
    });
    html! {
        <>
            <div class="reading-progress" aria-hidden="true"><div ref={bar}></div></div>
            { for resume }
        </>
    }
}
