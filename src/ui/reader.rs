//! The reading view: title, byline, category path, cover, notes about the file, and the body.
//!
//! The body is the engine's sanitized HTML. In-article links to `#anchors` are handled here,
//! because under hash routing the browser's default would replace the route.

use std::rc::Rc;

use articles::links::Target;
use articles::script::Script;
use articles::search::Query;
use articles::{Article, Diagnostic};
use yew::prelude::*;

use crate::effects::link_preview::{use_link_previews, LinkTargets};
use crate::effects::reading::{follow_in_article_anchors, use_marks_and_place};
use crate::i18n::Lang;
use crate::route::Route;
use crate::shared::Shared;
use crate::state::{ArticleConnections, Loadable, Problem, SEARCHED_BYTES};
use crate::ui::about_file::AboutFile;
use crate::ui::breadcrumbs::Breadcrumbs;
use crate::ui::byline::{Byline, Categories};
use crate::ui::card::hide_broken_image;
use crate::ui::connections::Connections;
use crate::ui::link_preview::LinkPreview;
use crate::ui::local_graph::LocalGraph;
use crate::ui::outline::Outline;
use crate::ui::pictures::{use_pictures, HeldPictures};
use crate::ui::progress::ReadingProgress;

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub article: Loadable<Shared<Article>>,
    pub lang: Lang,
    /// Removes the article from the library; only for articles the reader brought in.
    #[prop_or_default]
    pub on_remove: Option<Callback<()>>,
    /// The search the article was opened from: its hits are marked, the first scrolled to.
    #[prop_or_default]
    pub query: Option<Rc<Query>>,
    /// The library's address to go back to (with its search and filters).
    #[prop_or(AttrValue::from("#/"))]
    pub back: AttrValue,
    /// The articles before and after this one in the library's list: id and title.
    #[prop_or_default]
    pub previous: Option<(String, String)>,
    #[prop_or_default]
    pub next: Option<(String, String)>,
    #[prop_or_default]
    pub reading: Reading,
}

/// What the reading view does with the open article beyond showing it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    /// The article's id, for its reading position.
    pub id: AttrValue,
    /// Its file's path within its library, for the folders it is in.
    pub path: AttrValue,
    /// Called when the reader reaches the end.
    pub on_read: Callback<String>,
    /// Reads the article's file again in another encoding.
    pub on_reread: Callback<String>,
    /// Its backlinks, related articles and links leading out of the library.
    pub connections: Shared<ArticleConnections>,
    /// The articles its links lead to, for their previews.
    pub link_targets: LinkTargets,
}

#[function_component]
pub fn Reader(props: &ReaderProps) -> Html {
    let text = props.lang.text();
    let remove = props.on_remove.as_ref().map(|on_remove| {
        let on_click = on_remove.reform(|_: MouseEvent| ());
        html! { <button type="button" class="button button-quiet" onclick={on_click}>{ text.remove }</button> }
    });
    let back = html! {
        <nav class="reader-nav" aria-label={text.back_to_library}>
            <a href={props.back.clone()}>{ "← " }{ text.back_to_library }</a>
            { for remove }
        </nav>
    };
    let content = match &props.article {
        Loadable::Loading => html! { <p class="count" role="status">{ text.loading }</p> },
        Loadable::Failed(Problem::NotFound) => html! {
            <p class="problem" role="alert">{ text.not_found }</p>
        },
        Loadable::Failed(Problem::Failed(message)) => html! {
            <p class="problem" role="alert">{ format!("{}: {message}", text.article_failed) }</p>
        },
        Loadable::Ready(article) => {
            html! {
                <ArticleView article={article.clone()} lang={props.lang} query={props.query.clone()}
                    reading={props.reading.clone()} own={props.on_remove.is_some()} />
            }
        }
    };
    let pager = (props.previous.is_some() || props.next.is_some()).then(|| {
        let link = |target: &Option<(String, String)>, label: &str, class: &str, rel: &str| {
            target.as_ref().map_or_else(
                || html! { <span></span> },
                |(id, title)| html! {
                    <a class={classes!("pager-link", class.to_owned())} rel={rel.to_owned()}
                        href={Route::Read { id: id.clone() }.to_hash()}>
                        <span class="pager-label">{ label }</span>
                        <span class="pager-title">{ title }</span>
                    </a>
                },
            )
        };
        html! {
            <nav class="article-pager" aria-label={format!("{} / {}", text.previous_article, text.next_article)}>
                { link(&props.previous, text.previous_article, "pager-previous", "prev") }
                { link(&props.next, text.next_article, "pager-next", "next") }
            </nav>
        }
    });
    html! { <div class="reader-page">{ back }{ content }{ for pager }</div> }
}

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub article: Shared<Article>,
    pub lang: Lang,
    #[prop_or_default]
    pub query: Option<Rc<Query>>,
    #[prop_or_default]
    pub reading: Reading,
    /// One of the reader's own articles: searched in memory, a huge one in its first part.
    #[prop_or_default]
    pub own: bool,
}

#[function_component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let meta = &article.meta;
    let body = use_node_ref();
    // The text's own script sets the measure, and its language when the front matter is silent.
    let script = *use_memo(props.article.clone(), |article| Script::of(&article.text));
    let lang = meta
        .lang
        .clone()
        .or_else(|| script.lang().map(str::to_owned));
    let measure = if script.is_cjk() {
        "script-cjk"
    } else {
        "script-latin"
    };
    use_marks_and_place(props.article.clone(), body.clone(), props.query.clone());
    let pictures = use_pictures();
    // Other sites' pictures the reader has not allowed are made inert before they reach the
    // page (a picture starts loading as soon as its element exists).
    let held = use_memo(
        (
            props.article.clone(),
            pictures.images.clone(),
            pictures.library_host.clone(),
        ),
        {
            let pictures = pictures.clone();
            move |(article, ..)| pictures.hold(&article.html)
        },
    );
    let held_cover = meta.cover.as_ref().and_then(|src| pictures.holds(src));
    let cover = meta.cover.as_ref().map(|src| match &held_cover {
        Some(host) => pictures.placeholder(host, props.lang, "reader-cover"),
        None => html! {
            <figure class="reader-cover">
                <img src={src.clone()} alt={article.title.clone()} loading="lazy" decoding="async"
                    referrerpolicy="no-referrer" onerror={hide_broken_image()} />
            </figure>
        },
    });
    let mut held_hosts = held.hosts.clone();
    if let Some(host) = held_cover.filter(|host| !held_hosts.contains(host)) {
        held_hosts.insert(0, host);
    }
    let previews = use_link_previews(props.reading.link_targets.clone());
    let searched_part = (props.own && article.text.len() > SEARCHED_BYTES)
        .then(|| props.lang.searched_part(SEARCHED_BYTES, article.text.len()));
    let unresolved: Vec<String> = props
        .reading
        .connections
        .unresolved
        .iter()
        .map(|link| match &link.target {
            Target::Id(name) | Target::Name(name) => name.clone(),
        })
        .collect();
    html! {
        <article class={classes!("reader", measure)} lang={lang}
            onmouseover={previews.on_mouse_over} onmouseout={previews.on_mouse_out}
            onfocusin={previews.on_focus_in} onfocusout={previews.on_focus_out}
            ontouchstart={previews.on_touch_start} ontouchend={previews.on_touch_end.clone()}
            ontouchmove={previews.on_touch_end} onclick={previews.on_click}
            oncontextmenu={previews.on_context_menu}>
            <ReadingProgress id={props.reading.id.clone()} body={body.clone()} lang={props.lang}
                on_read={props.reading.on_read.clone()} />
            <header class="reader-header">
                <Breadcrumbs path={props.reading.path.clone()} lang={props.lang} />
                <Categories paths={meta.categories.clone()} />
                <h1>{ &article.title }</h1>
                <Byline date={meta.date.clone()} authors={meta.authors.clone()}
                    reading_minutes={article.counts.reading_minutes} lang={props.lang} />
            </header>
            <HeldPictures hosts={held_hosts} lang={props.lang} />
            { for cover }
            <Diagnostics diagnostics={article.diagnostics.clone()} searched_part={searched_part} lang={props.lang} />
            <Outline headings={article.outline.clone()} lang={props.lang} on_click={follow_in_article_anchors(&props.reading.id)} />
            <div class="reader-body" ref={body.clone()} onclick={follow_in_article_anchors(&props.reading.id)}>
                { Html::from_html_unchecked(AttrValue::from(held.html.clone())) }
            </div>
            <Connections connections={props.reading.connections.clone()} lang={props.lang} />
            <LocalGraph title={article.title.clone()} connections={props.reading.connections.clone()} lang={props.lang} />
            <AboutFile article={article.clone()} lang={props.lang} on_reread={props.reading.on_reread.clone()}
                unresolved={unresolved} />
            if let Some(open) = previews.open {
                <LinkPreview {open} lang={props.lang} />
            }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct DiagnosticsProps {
    diagnostics: Vec<Diagnostic>,
    /// That search looks through only the first part of the article's text, if so.
    searched_part: Option<String>,
    lang: Lang,
}

/// What went wrong reading the file, in plain words, so nothing is silently lost.
#[function_component]
fn Diagnostics(props: &DiagnosticsProps) -> Html {
    if props.diagnostics.is_empty() && props.searched_part.is_none() {
        return html! {};
    }
    html! {
        <aside class="diagnostics" aria-label={props.lang.text().notes_about_file}>
            <h2>{ props.lang.text().notes_about_file }</h2>
            <ul>
                { for props.diagnostics.iter().map(|d| html! { <li>{ &d.message }</li> }) }
                { for props.searched_part.iter().map(|note| html! { <li>{ note }</li> }) }
            </ul>
        </aside>
    }
}
