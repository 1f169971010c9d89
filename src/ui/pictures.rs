//! Other sites' pictures as the reader's setting has them ("Pictures from other sites: load,
//! ask first, never"): the rule every card and article reads from context ([`Pictures`]), the
//! setting's control, and the article's bar naming the sites held back, with a button to let
//! each load (remembered per site).
//!
//! A picture on another site tells that site who opened the article, and when: a tracking
//! pixel in a cover would fire on import, before anything is read. Held pictures keep their
//! place (`data-held-*`, `articles::remote_media`), so allowing a site shows them where they
//! were.

use articles::remote_media::{self, Held};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::state::{Images, RemoteImages};

/// The rule, with what it needs to tell another site's picture from the page's own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pictures {
    pub images: Images,
    /// The page's origin (`null` from disk): its own pictures are never held.
    pub page_origin: AttrValue,
    /// The hosted library's site, when it is another one (`?library=`): its pictures are the
    /// library's own.
    pub library_host: Option<AttrValue>,
    pub on_allow: Callback<String>,
    pub on_choose: Callback<RemoteImages>,
}

impl Pictures {
    fn allows(&self, host: &str) -> bool {
        self.library_host.as_deref() == Some(host) || self.images.shows(host)
    }

    /// The site a picture at `src` would come from, when the rule holds it back.
    pub fn holds(&self, src: &str) -> Option<String> {
        remote_media::remote_host(src, &self.page_origin).filter(|host| !self.allows(host))
    }

    /// An article's HTML with the pictures the rule holds back made inert.
    pub fn hold(&self, html: &str) -> Held {
        if self.images.mode == RemoteImages::Load && self.library_host.is_none() {
            return Held {
                html: html.to_owned(),
                hosts: Vec::new(),
            };
        }
        remote_media::hold(html, &self.page_origin, &|host| self.allows(host))
    }

    /// What stands in a held picture's place: a box naming its site under *ask*, nothing
    /// under *never*.
    pub fn placeholder(&self, host: &str, lang: Lang, class: &'static str) -> Html {
        match self.images.mode {
            RemoteImages::Never => html! {},
            _ => {
                html! { <div class={classes!(class, "picture-held")}>{ lang.picture_from(host) }</div> }
            }
        }
    }
}

/// The rule in force; outside the app (a component mounted alone), pictures load.
#[hook]
pub fn use_pictures() -> Pictures {
    use_context::<Pictures>().unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct ChoiceProps {
    pub lang: Lang,
}

/// The setting: a labelled `<select>`.
#[function_component]
pub fn RemoteImagesChoice(props: &ChoiceProps) -> Html {
    let pictures = use_pictures();
    let text = props.lang.text();
    let on_change = pictures.on_choose.reform(|event: Event| {
        let name = event
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .map(|select| select.value())
            .unwrap_or_default();
        RemoteImages::from_name(&name).unwrap_or_default()
    });
    html! {
        <label class="remote-images">
            { text.remote_images }
            <select onchange={on_change}>
                { for RemoteImages::ALL.into_iter().zip(text.remote_images_modes).map(|(mode, label)| html! {
                    <option value={mode.name()} selected={mode == pictures.images.mode}>{ label }</option>
                }) }
            </select>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct HeldProps {
    /// The sites whose pictures in this article are held back, in order of appearance.
    pub hosts: Vec<String>,
    pub lang: Lang,
}

/// Above an article with pictures held back: why, and (under *ask*) a button per site.
#[function_component]
pub fn HeldPictures(props: &HeldProps) -> Html {
    let pictures = use_pictures();
    if props.hosts.is_empty() {
        return html! {};
    }
    let text = props.lang.text();
    if pictures.images.mode == RemoteImages::Never {
        return html! { <p class="pictures-held">{ text.pictures_never }</p> };
    }
    html! {
        <div class="pictures-held" role="group" aria-label={text.remote_images}>
            <p>{ text.pictures_held }</p>
            { for props.hosts.iter().map(|host| {
                let allow = pictures.on_allow.reform({
                    let host = host.clone();
                    move |_: MouseEvent| host.clone()
                });
                html! {
                    <button type="button" class="button button-quiet" onclick={allow}>
                        { props.lang.load_pictures_from(host) }
                    </button>
                }
            }) }
        </div>
    }
}
