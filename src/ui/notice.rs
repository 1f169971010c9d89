//! The message bar about the reader's files, in the interface's language, with "Undo" right
//! after a removal.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::state::Notice;

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Notice,
    pub lang: Lang,
    pub on_undo: Callback<()>,
}

#[function_component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let on_undo = props.on_undo.reform(|_: MouseEvent| ());
    html! {
        <div class="notice" aria-live="polite">
            <p>{ props.notice.text(props.lang) }</p>
            if props.notice.undo() {
                <button type="button" class="button" onclick={on_undo}>{ props.lang.text().undo }</button>
            }
        </div>
    }
}
