//! The top bar: the app's name (home), whose library it is when it comes from another site,
//! the search field, "Open files" and "Open folder", and
//! the theme and language switches.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::route::Route;
use crate::state::Theme;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub query: String,
    pub lang: Lang,
    pub on_search: Callback<String>,
    pub on_files: Callback<Option<web_sys::FileList>>,
    /// The theme on screen; the button offers the other one.
    #[prop_or(Theme::Light)]
    pub theme: Theme,
    #[prop_or_default]
    pub on_theme: Callback<()>,
    #[prop_or_default]
    pub on_lang: Callback<()>,
    /// The origin of a library from another site (`?library=`): whose articles these are.
    #[prop_or_default]
    pub library_from: Option<AttrValue>,
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
            if let Some(origin) = &props.library_from {
                <p class="library-from">{ text.library_from }<strong>{ origin.clone() }</strong></p>
            }
            <input class="search" type="search" aria-label={text.search}
                placeholder={text.search_placeholder} value={props.query.clone()} oninput={on_input} />
            <label class="button button-quiet open-folder">
                { text.open_folder }
                <input class="visually-hidden" type="file" webkitdirectory=true multiple=true
                    onchange={on_change.clone()} />
            </label>
            <label class="button open-files">
                { text.open_files }
                <input class="visually-hidden" type="file" multiple=true
                    accept=".md,.markdown,.mdx,.txt,.html,.htm" onchange={on_change} />
            </label>
            <div class="switches">
                <button type="button" class="icon-button" onclick={props.on_theme.reform(|_| ())}
                    aria-label={match props.theme { Theme::Light => text.theme_dark, Theme::Dark => text.theme_light }}
                    title={match props.theme { Theme::Light => text.theme_dark, Theme::Dark => text.theme_light }}>
                    <span aria-hidden="true">{ match props.theme { Theme::Light => "☾", Theme::Dark => "☀" } }</span>
                </button>
                <button type="button" class="icon-button" onclick={props.on_lang.reform(|_| ())}
                    aria-label={text.other_language_label} lang={props.lang.other().tag()}>
                    { text.other_language }
                </button>
            </div>
        </header>
    }
}
