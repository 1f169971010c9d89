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
    let link = |id: &str, title: &str| {
        html! {
            <a class="connection-title" href={Route::Read { id: id.to_owned() }.to_hash()}>{ title }</a>
        }
    };
    let backlinks = (!connections.backlinks.is_empty()).then(|| {
        html! {
            <section class="connections backlinks" aria-labelledby="backlinks-heading">
                <h2 id="backlinks-heading">{ text.linked_from }</h2>
                <ul>
                    { for connections.backlinks.iter().map(|(summary, context)| html! {
                        <li>
                            { link(&summary.id, &summary.title) }
                            if !context.is_empty() {
                                <p class="connection-context">{ context }</p>
                            }
                        </li>
                    }) }
                </ul>
            </section>
        }
    });
    let related = (!connections.related.is_empty()).then(|| {
        html! {
            <section class="connections related" aria-labelledby="related-heading">
                <h2 id="related-heading">{ text.related_articles }</h2>
                <ul>
                    { for connections.related.iter().map(|(summary, related)| html! {
                        <li>
                            { link(&summary.id, &summary.title) }
                            <p class="connection-why">{ props.lang.related_because(related) }</p>
                        </li>
                    }) }
                </ul>
            </section>
        }
    });
    html! { <>{ for backlinks }{ for related }</> }
}
