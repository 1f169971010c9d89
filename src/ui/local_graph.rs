//! A small map of an article's links: the article in the middle, the articles it links to and
//! those linking to it around it, each one a link. Drawn (as SVG) only once the reader opens
//! it: most readers never do, and a drawing of many links costs a render.

use std::rc::Rc;

use articles::Summary;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::route::Route;
use crate::shared::Shared;
use crate::state::ArticleConnections;

/// Neighbours drawn at most; the lists below the article name them all.
const MOST: usize = 12;
/// The ellipse the neighbours sit on, in the drawing's units.
const RX: f64 = 150.0;
const RY: f64 = 105.0;
/// Characters of a title drawn (the whole title is the node's tooltip).
const LABEL_CHARS: usize = 18;
/// The [`MOST`] places around the middle, clockwise from the top (cosine and sine at every
/// 30°): a table, because the page would otherwise carry a sine and a cosine (8 KB) for this.
const PLACES: [(f64, f64); MOST] = [
    (0.0, -1.0),
    (0.5, -0.866),
    (0.866, -0.5),
    (1.0, 0.0),
    (0.866, 0.5),
    (0.5, 0.866),
    (0.0, 1.0),
    (-0.5, 0.866),
    (-0.866, 0.5),
    (-1.0, 0.0),
    (-0.866, -0.5),
    (-0.5, -0.866),
];

/// Which way a neighbour is linked.
#[derive(Clone, Copy, PartialEq)]
enum Way {
    /// The article links to it.
    To,
    /// It links to the article.
    From,
    Both,
}

#[derive(Properties, PartialEq)]
pub struct LocalGraphProps {
    pub title: AttrValue,
    pub connections: Shared<ArticleConnections>,
    pub lang: Lang,
}

#[function_component]
pub fn LocalGraph(props: &LocalGraphProps) -> Html {
    let open = use_state(|| false);
    let neighbours = neighbours(&props.connections);
    if neighbours.is_empty() {
        return html! {};
    }
    let text = props.lang.text();
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            if let Some(details) = event.target_dyn_into::<web_sys::Element>() {
                open.set(details.has_attribute("open"));
            }
        })
    };
    html! {
        <details class="local-graph" ontoggle={on_toggle}>
            <summary>{ text.graph }</summary>
            if *open {
                <nav aria-label={text.graph}>
                    { drawing(&props.title, &neighbours) }
                </nav>
                <p class="graph-legend">{ text.graph_legend }</p>
            }
        </details>
    }
}

/// The articles linked either way, each once, at most [`MOST`].
fn neighbours(connections: &ArticleConnections) -> Vec<(Rc<Summary>, Way)> {
    let mut neighbours: Vec<(Rc<Summary>, Way)> = connections
        .links_to
        .iter()
        .map(|summary| (summary.clone(), Way::To))
        .collect();
    for (summary, _) in &connections.backlinks {
        match neighbours.iter_mut().find(|(s, _)| s.id == summary.id) {
            Some((_, way)) => *way = Way::Both,
            None => neighbours.push((summary.clone(), Way::From)),
        }
    }
    neighbours.truncate(MOST);
    neighbours
}

fn drawing(title: &str, neighbours: &[(Rc<Summary>, Way)]) -> Html {
    let count = neighbours.len().max(1);
    let nodes = neighbours.iter().enumerate().map(|(i, (summary, way))| {
        // Spread evenly over the places (all twelve when there are twelve).
        let (cos, sin) = PLACES[i * MOST / count];
        let (x, y) = (RX * cos, RY * sin);
        // Whole units, written as integers (formatting floats costs the page kilobytes).
        let at = |v: f64| (v.round() as i32).to_string();
        // Labels stand away from the middle: to the right on the right, and so on.
        let (anchor, dx, dy) = match cos {
            c if c > 0.3 => ("start", 10.0, 4.0),
            c if c < -0.3 => ("end", -10.0, 4.0),
            _ if y < 0.0 => ("middle", 0.0, -12.0),
            _ => ("middle", 0.0, 18.0),
        };
        let edge = match way {
            Way::To => "edge",
            Way::From => "edge edge-from",
            Way::Both => "edge edge-both",
        };
        html! {
            <g key={summary.id.clone()}>
                <line class={edge} x1="0" y1="0" x2={at(x)} y2={at(y)} />
                <a href={Route::Read { id: summary.id.clone() }.to_hash()}>
                    <title>{ &summary.title }</title>
                    // A finger-sized target around the dot, reaching its label.
                    <circle class="hit" cx={at(x)} cy={at(y)} r="16" />
                    <circle class="node" cx={at(x)} cy={at(y)} r="6" />
                    <text x={at(x + dx)} y={at(y + dy)}
                        text-anchor={anchor}>{ short(&summary.title) }</text>
                </a>
            </g>
        }
    });
    html! {
        <svg class="graph" viewBox="-260 -150 520 300" xmlns="http://www.w3.org/2000/svg">
            { for nodes }
            <circle class="node node-here" cx="0" cy="0" r="8" />
            <text class="label-here" x="0" y="24" text-anchor="middle">{ short(title) }</text>
        </svg>
    }
}

fn short(title: &str) -> String {
    if title.chars().count() <= LABEL_CHARS {
        return title.to_owned();
    }
    let mut cut: String = title.chars().take(LABEL_CHARS - 1).collect();
    cut.push('…');
    cut
}
