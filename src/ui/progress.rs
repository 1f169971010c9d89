//! How far the reader is in an article: a thin bar at the top of the page, the position kept
//! for next time (with a "Continue reading" offer), and the article marked read at its end.

use gloo_events::EventListener;
use yew::prelude::*;

use crate::browser::{page, reading};
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
/// From here the article counts as read.
const FINISHED: f64 = 0.97;
/// The smallest change of position worth writing down.
const STEP: f64 = 0.02;

#[function_component]
pub fn ReadingProgress(props: &ProgressProps) -> Html {
    let bar = use_node_ref();
    let offer = use_state(|| reading::position(&props.id).filter(|f| OFFER.contains(f)));
    {
        let (bar, body, id, on_read) = (
            bar.clone(),
            props.body.clone(),
            props.id.to_string(),
            props.on_read.clone(),
        );
        use_effect_with(props.id.clone(), move |_| {
            let mut kept = reading::position(&id).unwrap_or(0.0);
            let mut finished = false;
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "scroll", move |_| {
                    let Some(fraction) = fraction_read(&body) else {
                        return;
                    };
                    if let Some(bar) = bar.cast::<web_sys::HtmlElement>() {
                        let _ = bar
                            .style()
                            .set_property("transform", &format!("scaleX({fraction:.4})"));
                    }
                    if id.is_empty() {
                        return;
                    }
                    if (fraction - kept).abs() >= STEP {
                        kept = fraction;
                        reading::keep_position(&id, fraction);
                    }
                    if fraction >= FINISHED && !finished {
                        finished = true;
                        reading::mark_read(&id);
                        on_read.emit(id.clone());
                    }
                })
            });
            move || drop(listener)
        });
    }
    let resume = offer.map(|fraction| {
        let (body, offer) = (props.body.clone(), offer.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(top) = position_of(&body, fraction) {
                page::scroll_to(top);
            }
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

/// How much of the body has scrolled past the top of the window, from 0 to 1.
fn fraction_read(body: &NodeRef) -> Option<f64> {
    let body = body.cast::<web_sys::Element>()?;
    let height = web_sys::window()?.inner_height().ok()?.as_f64()?;
    let rect = body.get_bounding_client_rect();
    let travel = rect.height() - height;
    Some(if travel <= 0.0 {
        1.0
    } else {
        (-rect.top() / travel).clamp(0.0, 1.0)
    })
}

/// The page scroll at which `fraction` of the body has been read.
fn position_of(body: &NodeRef, fraction: f64) -> Option<f64> {
    let body = body.cast::<web_sys::Element>()?;
    let height = web_sys::window()?.inner_height().ok()?.as_f64()?;
    let rect = body.get_bounding_client_rect();
    let top = page::scroll_position() + rect.top();
    Some(top + fraction * (rect.height() - height).max(0.0))
}
