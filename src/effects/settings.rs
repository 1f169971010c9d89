//! The reader's choices: each one is shown at once (through the state) and kept for the next
//! visit (`browser::settings`, read again before the first paint).

use super::Dispatch;
use crate::browser::settings;
use crate::i18n::Lang;
use crate::state::{Action, Layout, Theme};

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
