//! The article's table of contents, from its headings: beside the text on wide screens, folded
//! above it on phones. Its links scroll to the headings (see `effects/reading.rs` for why not the hash).

use articles::text::Heading;
use yew::prelude::*;

use crate::effects::reading::is_wide;

use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    pub headings: Vec<Heading>,
    pub lang: Lang,
    pub on_click: Callback<MouseEvent>,
}

/// Headings worth a table of contents: at least this many, with ids to go to.
const MIN_HEADINGS: usize = 2;

#[function_component]
pub fn Outline(props: &OutlineProps) -> Html {
    let headings: Vec<&Heading> = props
        .headings
        .iter()
        .filter(|h| !h.id.is_empty() && h.level >= 2)
        .collect();
    if headings.len() < MIN_HEADINGS {
        return html! {};
    }
    let top = headings.iter().map(|h| h.level).min().unwrap_or(2);
    let wide = is_wide();
    let title = props.lang.text().contents;
    html! {
        <nav class="outline" aria-label={title}>
            <details open={wide}>
                <summary>{ title }</summary>
                <ol onclick={props.on_click.clone()}>
                    { for headings.iter().map(|h| html! {
                        <li style={format!("--depth: {}", h.level.saturating_sub(top))}>
                            <a href={format!("#{}", h.id)}>{ &h.text }</a>
                        </li>
                    }) }
                </ol>
            </details>
        </nav>
    }
}
