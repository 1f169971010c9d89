//! "About this file": where the article came from, the encoding it was read in, and every front
//! matter field as a typed table (lists, maps and nested values included), so nothing in the
//! file is hidden from the reader.

use articles::{Article, Value};
use yew::prelude::*;

use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct AboutFileProps {
    pub article: std::rc::Rc<Article>,
    pub lang: Lang,
}

#[function_component]
pub fn AboutFile(props: &AboutFileProps) -> Html {
    let text = props.lang.text();
    let article = &props.article;
    html! {
        <details class="about-file">
            <summary>{ text.about_file }</summary>
            <dl class="file-facts">
                <dt>{ text.file_source }</dt>
                <dd><code>{ &article.name }</code></dd>
                <dt>{ text.file_encoding }</dt>
                <dd>{ if article.encoding.is_empty() { "—" } else { &article.encoding } }</dd>
            </dl>
            if matches!(&article.fields, Value::Map(entries) if !entries.is_empty()) {
                <h3>{ text.front_matter }</h3>
                { value(&article.fields) }
            }
        </details>
    }
}

/// A value as HTML: a map as a table of its fields, a list as a list, a scalar with its type.
fn value(value: &Value) -> Html {
    match value {
        Value::Map(entries) => html! {
            <table class="fields">
                <tbody>
                    { for entries.iter().map(|(key, v)| html! {
                        <tr><th scope="row">{ key }</th><td>{ self::value(v) }</td></tr>
                    }) }
                </tbody>
            </table>
        },
        Value::List(items) => html! {
            <ol class="field-list">{ for items.iter().map(|v| html! { <li>{ self::value(v) }</li> }) }</ol>
        },
        Value::String(s) => html! { <span class="field-string">{ s }</span> },
        Value::Int(_) | Value::Float(_) => {
            html! { <span class="field-number">{ value.as_text().unwrap_or_default() }</span> }
        }
        Value::Bool(b) => html! { <span class="field-bool">{ b.to_string() }</span> },
        Value::Null => html! { <span class="field-null">{ "null" }</span> },
    }
}
