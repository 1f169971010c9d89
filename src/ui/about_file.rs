//! "About this file": where the article came from, the encoding it was read in, and every front
//! matter field as a typed table (lists, maps and nested values included), so nothing in the
//! file is hidden from the reader; for a file Lectern could not read, "Try again".

use articles::{Article, Value};
use yew::prelude::*;

use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct AboutFileProps {
    pub article: crate::shared::Shared<Article>,
    pub lang: Lang,
    /// Reads the file again in the encoding named (a WHATWG label), or as detected (empty).
    #[prop_or_default]
    pub on_reread: Callback<String>,
    /// The articles its links name that the library does not have.
    #[prop_or_default]
    pub unresolved: Vec<String>,
}

/// Encodings offered for reading a file again: the ones articles are found in.
const ENCODINGS: &[&str] = &[
    "UTF-8",
    "GBK",
    "gb18030",
    "Big5",
    "Shift_JIS",
    "EUC-JP",
    "EUC-KR",
    "windows-1252",
    "UTF-16LE",
    "UTF-16BE",
];

#[function_component]
pub fn AboutFile(props: &AboutFileProps) -> Html {
    let text = props.lang.text();
    let article = &props.article;
    let unreadable = article.is_unreadable();
    html! {
        <details class="about-file">
            <summary>{ text.about_file }</summary>
            <dl class="file-facts">
                <dt>{ text.file_source }</dt>
                <dd><code>{ &article.name }</code></dd>
                <dt><label for="file-encoding">{ text.file_encoding }</label></dt>
                <dd>
                    <select id="file-encoding" onchange={{
                        let on_reread = props.on_reread.clone();
                        Callback::from(move |event: Event| {
                            if let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() {
                                on_reread.emit(select.value());
                            }
                        })
                    }}>
                        { for encodings(&article.encoding).into_iter().map(|name| html! {
                            <option value={name.clone()} selected={name.eq_ignore_ascii_case(&article.encoding)}>{ &name }</option>
                        }) }
                    </select>
                </dd>
            </dl>
            if unreadable {
                // A file Lectern could not read (it stopped the parser, say) can be tried again.
                <button type="button" class="button" onclick={props.on_reread.reform(|_| String::new())}>
                    { text.try_again }
                </button>
            }
            if !props.unresolved.is_empty() {
                <h3>{ text.links_not_in_library }</h3>
                <ul class="unresolved-links">
                    { for props.unresolved.iter().map(|name| html! { <li><code>{ name }</code></li> }) }
                </ul>
            }
            if matches!(&article.fields, Value::Map(entries) if !entries.is_empty()) {
                <h3>{ text.front_matter }</h3>
                { value(&article.fields) }
            }
        </details>
    }
}

/// The encodings to offer, the one the file was read in first among them.
fn encodings(current: &str) -> Vec<String> {
    let mut names: Vec<String> = ENCODINGS.iter().map(|&e| e.to_owned()).collect();
    if !current.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(current)) {
        names.insert(0, current.to_owned());
    }
    names
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
        Value::Int(i) => html! { <span class="field-number">{ i.to_string() }</span> },
        // Written by the browser (`1.5`, `1e+21`, `Infinity`): Rust's float formatting would
        // cost the page 10 KB for this one use.
        Value::Float(f) => {
            let written = js_sys::Number::from(*f)
                .to_string_with_radix(10)
                .ok()
                .and_then(|s| s.as_string());
            html! { <span class="field-number">{ written.unwrap_or_default() }</span> }
        }
        Value::Bool(b) => html! { <span class="field-bool">{ b.to_string() }</span> },
        Value::Null => html! { <span class="field-null">{ "null" }</span> },
    }
}
