//! The article's place in its library's folders: each folder a link back to the library
//! narrowed to it (the folder facet), so a Hugo `content/` or Obsidian vault reads as folders.

use articles::facets::{folders_of, Filters};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::ui::filters::folder_name;
use crate::view::View;

#[derive(Properties, PartialEq)]
pub struct BreadcrumbsProps {
    /// The file's path within its library (`dropped/…` for the reader's own).
    pub path: AttrValue,
    pub lang: Lang,
}

#[function_component]
pub fn Breadcrumbs(props: &BreadcrumbsProps) -> Html {
    let folders: Vec<String> = folders_of(&props.path).map(str::to_owned).collect();
    if folders.is_empty() {
        return html! {};
    }
    let crumbs = (1..=folders.len()).map(|depth| {
        let view = View {
            filters: Filters {
                folders: vec![folders[..depth].to_vec()],
                ..Filters::default()
            },
            ..View::default()
        };
        html! {
            <li><a href={view.to_hash()}>{ folder_name(&folders[..depth], props.lang) }</a></li>
        }
    });
    html! {
        <nav class="breadcrumbs" aria-label={props.lang.text().folder_path}>
            <ol>{ for crumbs }</ol>
        </nav>
    }
}
