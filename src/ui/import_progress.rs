//! Progress of a large import, with a way to cancel it.

use yew::prelude::*;

use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct ImportProgressProps {
    pub done: usize,
    pub total: usize,
    pub lang: Lang,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn ImportProgress(props: &ImportProgressProps) -> Html {
    let label = props.lang.importing(props.done, props.total);
    html! {
        <div class="import-progress" aria-live="polite">
            <p>{ &label }</p>
            <progress max={props.total.to_string()} value={props.done.to_string()} aria-label={label.clone()} />
            <button type="button" class="button button-quiet"
                onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ props.lang.text().cancel }</button>
        </div>
    }
}
