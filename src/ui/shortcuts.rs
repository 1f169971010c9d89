//! The keyboard shortcuts help, shown with `?`: a small dialog the reader closes with its
//! button or `Esc`.

use yew::prelude::*;

use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct ShortcutsProps {
    pub lang: Lang,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn ShortcutsHelp(props: &ShortcutsProps) -> Html {
    let text = props.lang.text();
    let close = use_node_ref();
    {
        // Focus moves into the dialog, so a keyboard user is where the dialog is.
        let close = close.clone();
        use_effect_with((), move |_| {
            if let Some(button) = close.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
                <h2 id="shortcuts-title">{ text.shortcuts }</h2>
                <dl class="shortcut-list">
                    { for text.shortcut_list.iter().map(|(keys, what)| html! {
                        <>
                            <dt><kbd>{ *keys }</kbd></dt>
                            <dd>{ *what }</dd>
                        </>
                    }) }
                </dl>
                <button type="button" class="button" ref={close}
                    onclick={props.on_close.reform(|_| ())}>{ text.close }</button>
            </div>
        </div>
    }
}
