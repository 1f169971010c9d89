//! The reader's choices: each one is shown at once (through the state) and kept for the next
//! visit (`browser::settings`, read again before the first paint).

use std::rc::Rc;

use yew::prelude::*;

use super::Dispatch;
use crate::browser::{fetch, page, settings};
use crate::i18n::Lang;
use crate::state::{Action, Images, Layout, RemoteImages, Theme};
use crate::ui::pictures::Pictures;

pub fn choose_theme(dispatcher: &Dispatch, theme: Theme) {
    settings::choose_theme(theme);
    dispatcher.dispatch(Action::SetTheme(theme));
}

pub fn choose_lang(dispatcher: &Dispatch, lang: Lang) {
    settings::choose_lang(lang);
    dispatcher.dispatch(Action::SetLang(lang));
}

pub fn choose_layout(dispatcher: &Dispatch, layout: Layout) {
    settings::choose_layout(layout);
    dispatcher.dispatch(Action::SetLayout(layout));
}

pub fn choose_remote_images(dispatcher: &Dispatch, mode: RemoteImages) {
    settings::choose_remote_images(mode);
    dispatcher.dispatch(Action::SetRemoteImages(mode));
}

pub fn allow_images_from(dispatcher: &Dispatch, host: String) {
    settings::allow_images_from(&host);
    dispatcher.dispatch(Action::AllowImagesFrom(host));
}

/// The pictures rule for the components' context, made again only when it changes: every card
/// reads it, so a new value each render would render every card again.
#[hook]
pub fn use_pictures_rule(dispatcher: &Dispatch, images: &Images) -> Rc<Pictures> {
    let dispatcher = dispatcher.clone();
    use_memo(images.clone(), move |images| pictures(&dispatcher, images))
}

/// The pictures rule as the components read it, choosing through the effects above.
fn pictures(dispatcher: &Dispatch, images: &Images) -> Pictures {
    let page_origin = page::origin();
    let library_host = fetch::foreign_origin().and_then(|origin| {
        articles::remote_media::remote_host(&format!("{origin}/"), &page_origin)
    });
    Pictures {
        images: images.clone(),
        page_origin: page_origin.into(),
        library_host: library_host.map(AttrValue::from),
        on_allow: {
            let dispatcher = dispatcher.clone();
            Callback::from(move |host| allow_images_from(&dispatcher, host))
        },
        on_choose: {
            let dispatcher = dispatcher.clone();
            Callback::from(move |mode| choose_remote_images(&dispatcher, mode))
        },
    }
}
