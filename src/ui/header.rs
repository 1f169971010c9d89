//! The top bar: the app's name (home), the search field and the "Open files" button.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub query: String,
    pub lang: Lang,
    pub on_search: Callback<String>,
    pub on_files: Callback<Option<web_sys::FileList>>,
}

#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let text = props.lang.text();
    let on_input = {
        let on_search = props.on_search.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                on_search.emit(input.value());
            }
        })
    };
    let on_change = {
        let on_files = props.on_files.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                on_files.emit(input.files());
                // Let the same file be chosen again later.
                input.set_value("");
            }
        })
    };
    html! {
        <header class="topbar">
            <a class="brand" href={Route::Library.to_hash()}>{ text.app_name }</a>
            <input class="search" type="search" aria-label={text.search}
                placeholder={text.search_placeholder} value={props.query.clone()} oninput={on_input} />
            <label class="button open-files">
                { text.open_files }
                <input class="visually-hidden" type="file" multiple=true
                    accept=".md,.markdown,.mdx,.txt,.html,.htm" onchange={on_change.clone()} />
            </label>
            <label class="button button-quiet open-folder">
                { text.open_folder }
                <input class="visually-hidden" type="file" webkitdirectory=true multiple=true
                    onchange={on_change} />
            </label>
        </header>
    }
}
