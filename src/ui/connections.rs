//! The end of an article: the articles that link to it ("Linked from", each with the sentence
//! of its link) and the articles related to it, each saying why.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::route::Route;
use crate::shared::Shared;
use crate::state::ArticleConnections;

#[derive(Properties, PartialEq)]
pub struct ConnectionsProps {
    pub connections: Shared<ArticleConnections>,
    pub lang: Lang,
}

#[function_component]
pub fn Connections(props: &ConnectionsProps) -> Html {
    let text = props.lang.text();
    let connections = &props.connections;
    let backlinks = connections.backlinks.iter().map(|(summary, context)| {
        let context =
            (!context.is_empty()).then(|| html! { <p class="connection-context">{ context }</p> });
        (summary.id.as_str(), summary.title.as_str(), context)
    });
    let related = connections.related.iter().map(|(summary, related)| {
        let why = html! { <p class="connection-why">{ props.lang.related_because(related) }</p> };
        (summary.id.as_str(), summary.title.as_str(), Some(why))
    });
    html! {
        <>
            { section("backlinks", text.linked_from, backlinks) }
            { section("related", text.related_articles, related) }
        </>
    }
}

/// A list of articles under a heading, each a link with a line about it; nothing when empty.
fn section<'a>(
    kind: &'static str,
    heading: &'static str,
    items: impl ExactSizeIterator<Item = (&'a str, &'a str, Option<Html>)>,
) -> Html {
    if items.len() == 0 {
        return Html::default();
    }
    let heading_id = format!("{kind}-heading");
    html! {
        <section class={classes!("connections", kind)} aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id}>{ heading }</h2>
            <ul>
                { for items.map(|(id, title, about)| html! {
                    <li>
                        <a class="connection-title" href={Route::Read { id: id.to_owned() }.to_hash()}>{ title }</a>
                        { for about }
                    </li>
                }) }
            </ul>
        </section>
    }
}
