//! The overlay shown while files are dragged over the page.

use yew::prelude::*;

use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct DropOverlayProps {
    pub visible: bool,
    pub lang: Lang,
}

#[function_component]
pub fn DropOverlay(props: &DropOverlayProps) -> Html {
    if !props.visible {
        return html! {};
    }
    html! {
        <div class="drop-overlay" aria-hidden="true">
            <p>{ props.lang.text().drop_here }</p>
        </div>
    }
}
