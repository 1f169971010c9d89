//! How the articles of a library connect: which link to which (backlinks, each with the
//! sentence around its link), which links lead nowhere in the library, and which articles are
//! related (shared tags and categories, links either way, similar words).
//!
//! One [`Graph`] serves both places Lectern has a library: `cargo xtask index` (and Publish…)
//! writes every article's connections into small shards beside the catalog ([`shard_of`]), and
//! the app connects the files a reader brought in, in memory.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};

use serde::{Deserialize, Serialize};

use crate::catalog::Summary;
use crate::links::{Link, Target};
use crate::search::SearchIndex;

/// Related articles shown at the end of an article, at most.
pub const RELATED: usize = 5;
/// A tag or category on more articles than this relates none of them: comparing costs its
/// articles' count, and a label that broad says little.
const BROADEST_LABEL: usize = 1_000;
/// Articles per shard of connections, on average: a shard is what opening one article
/// fetches (about 25 KB, 4 KB gzipped, for generated articles with five related each).
pub const PER_SHARD: usize = 100;

/// An article as the graph sees it: its summary and the links in its body.
#[derive(Clone, Copy, Debug)]
pub struct Node<'a> {
    pub summary: &'a Summary,
    pub links: &'a [Link],
}

/// An article's connections, as a shard stores them and the reader shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Connections {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backlinks: Vec<Backlink>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Connections {
    pub fn is_empty(&self) -> bool {
        self.backlinks.is_empty() && self.related.is_empty()
    }
}

/// An article linking to another, and the sentence its link is in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backlink {
    pub from: String,
    pub context: String,
}

/// An article related to another, and why.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub id: String,
    /// Tags both have.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub tags: usize,
    /// Whether they share a category.
    #[serde(default, skip_serializing_if = "is_false")]
    pub category: bool,
    /// Whether one links to the other.
    #[serde(default, skip_serializing_if = "is_false")]
    pub linked: bool,
    /// Whether their words are alike.
    #[serde(default, skip_serializing_if = "is_false")]
    pub alike: bool,
    /// Distinctive words both use (at most three), when their words are alike: Latin words
    /// only (see [`crate::search::Similar`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
}

pub(crate) fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !b
}

/// A library's links, resolved: each article's links out and in.
#[derive(Debug)]
pub struct Graph<'a> {
    nodes: &'a [Node<'a>],
    by_id: HashMap<&'a str, usize>,
    /// By file name (an id's last segment) and by title, in ASCII lower case (as
    /// [`crate::links::names`] compares); the first article of a name wins, as in the app.
    by_file: HashMap<String, usize>,
    by_title: HashMap<String, usize>,
    /// Each article's links that lead into the library: (article, link number).
    out: Vec<Vec<(usize, usize)>>,
    /// Each article's links in: (the article linking, its link number).
    back: Vec<Vec<(usize, usize)>>,
    /// Articles by tag and by category (its path), in ASCII lower case.
    by_label: HashMap<(bool, String), Vec<usize>>,
}

impl<'a> Graph<'a> {
    pub fn new(nodes: &'a [Node<'a>]) -> Graph<'a> {
        let mut graph = Graph {
            nodes,
            by_id: HashMap::with_capacity(nodes.len()),
            by_file: HashMap::with_capacity(nodes.len()),
            by_title: HashMap::with_capacity(nodes.len()),
            out: vec![Vec::new(); nodes.len()],
            back: vec![Vec::new(); nodes.len()],
            by_label: HashMap::new(),
        };
        for (at, node) in nodes.iter().enumerate() {
            let id = node.summary.id.as_str();
            graph.by_id.entry(id).or_insert(at);
            let file = id.rsplit('/').next().unwrap_or(id);
            graph.by_file.entry(file.to_ascii_lowercase()).or_insert(at);
            let title = node.summary.title.trim().to_ascii_lowercase();
            graph.by_title.entry(title).or_insert(at);
            for label in labels(node.summary) {
                let articles = graph.by_label.entry(label).or_default();
                if articles.last() != Some(&at) {
                    articles.push(at);
                }
            }
        }
        for (from, node) in nodes.iter().enumerate() {
            for (number, link) in node.links.iter().enumerate() {
                if let Some(to) = graph.resolve(&link.target).filter(|&to| to != from) {
                    graph.out[from].push((to, number));
                    graph.back[to].push((from, number));
                }
            }
        }
        graph
    }

    /// The article at `at`, by its id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The article a link leads to, if it is in the library.
    pub fn resolve(&self, target: &Target) -> Option<usize> {
        match target {
            Target::Id(id) => self.by_id.get(id.as_str()).copied(),
            Target::Name(name) => {
                let name = name.trim().trim_end_matches(".md").to_ascii_lowercase();
                self.by_file
                    .get(&name)
                    .or_else(|| self.by_title.get(&name))
                    .copied()
            }
        }
    }

    /// The articles linking to the article at `at`, each once (with its first such link's
    /// sentence), in library order.
    pub fn backlinks(&self, at: usize) -> Vec<Backlink> {
        let mut backlinks: Vec<Backlink> = Vec::new();
        for &(from, number) in self.back.get(at).map_or(&[][..], Vec::as_slice) {
            let node = &self.nodes[from];
            if backlinks.last().is_some_and(|b| b.from == node.summary.id) {
                continue;
            }
            backlinks.push(Backlink {
                from: node.summary.id.clone(),
                context: node
                    .links
                    .get(number)
                    .map(|l| l.context.clone())
                    .unwrap_or_default(),
            });
        }
        backlinks
    }

    /// The ids of the articles the article at `at` links to, each once, in the order of its
    /// links.
    pub fn links_to(&self, at: usize) -> Vec<&'a str> {
        let mut ids: Vec<&'a str> = Vec::new();
        for &(to, _) in self.out.get(at).map_or(&[][..], Vec::as_slice) {
            let id = self.nodes[to].summary.id.as_str();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// The links of the article at `at` that lead to no article of the library.
    pub fn unresolved(&self, at: usize) -> Vec<&'a Link> {
        let Some(node) = self.nodes.get(at) else {
            return Vec::new();
        };
        node.links
            .iter()
            .filter(|link| self.resolve(&link.target).is_none())
            .collect()
    }

    /// Up to [`RELATED`] articles related to the one at `at`, most related first: by tags
    /// and categories shared, links either way, and (where `index` holds the library's text)
    /// words alike.
    pub fn related(&self, at: usize, index: &SearchIndex) -> Vec<Related> {
        let Some(node) = self.nodes.get(at) else {
            return Vec::new();
        };
        // Each candidate's reasons and score.
        let mut candidates: BTreeMap<usize, (Related, f32)> = BTreeMap::new();
        let mut candidate = |other: usize, score: f32, why: &dyn Fn(&mut Related)| {
            if other != at {
                let entry = candidates.entry(other).or_insert_with(|| {
                    let id = self.nodes[other].summary.id.clone();
                    (
                        Related {
                            id,
                            ..Related::default()
                        },
                        0.0,
                    )
                });
                why(&mut entry.0);
                entry.1 += score;
            }
        };
        for label in labels(node.summary) {
            let articles = self.by_label.get(&label).map_or(&[][..], Vec::as_slice);
            if articles.len() > BROADEST_LABEL {
                continue;
            }
            for &other in articles {
                if label.0 {
                    candidate(other, 1.5, &|r| r.category = true);
                } else {
                    candidate(other, 2.0, &|r| r.tags += 1);
                }
            }
        }
        let linked = self.out[at]
            .iter()
            .chain(&self.back[at])
            .map(|&(other, _)| other);
        for other in linked {
            candidate(other, 3.0, &|r| r.linked = true);
        }
        if let Some(doc) = index.doc(&node.summary.id) {
            for similar in index.similar(doc, RELATED * 4) {
                if let Some(other) = self.find(index.id(similar.doc)) {
                    let words = similar.terms.clone();
                    candidate(other, 6.0 * similar.likeness, &move |r| {
                        r.alike = true;
                        r.words = words.clone();
                    });
                }
            }
        }
        let ranked = best(
            candidates
                .into_values()
                // One shared category alone, or a faint likeness, relates nothing.
                .filter(|(_, score)| *score >= 2.0),
            RELATED,
            |a, b| a.1 > b.1,
        );
        ranked.into_iter().map(|(related, _)| related).collect()
    }

    /// The connections of the article at `at`.
    pub fn connections(&self, at: usize, index: &SearchIndex) -> Connections {
        Connections {
            backlinks: self.backlinks(at),
            related: self.related(at, index),
        }
    }
}

/// An article's tags (`false`) and categories (`true`, by their whole path), in ASCII lower
/// case (as names compare; Unicode's case tables would cost the page more than they give).
fn labels(summary: &Summary) -> impl Iterator<Item = (bool, String)> + '_ {
    let tags = summary
        .tags
        .iter()
        .map(|t| (false, t.trim().to_ascii_lowercase()));
    let categories = summary
        .categories
        .iter()
        .map(|path| (true, path.join("/").to_ascii_lowercase()));
    tags.chain(categories)
        .filter(|(_, label)| !label.is_empty())
}

/// The `k` best of `items` by `better` (a strict order), best first; of equals, the first
/// given. Instead of sorting: the lists are short, and each sort's code is kilobytes of wasm.
pub(crate) fn best<T>(
    items: impl IntoIterator<Item = T>,
    k: usize,
    better: impl Fn(&T, &T) -> bool,
) -> Vec<T> {
    let mut kept: Vec<T> = Vec::with_capacity(k + 1);
    for item in items {
        let at = kept
            .iter()
            .position(|other| better(&item, other))
            .unwrap_or(kept.len());
        if at < k {
            kept.insert(at, item);
            kept.truncate(k);
        }
    }
    kept
}

/// The shard of connections holding the article `id`, of `shards` (FNV-1a of the id: the app
/// computes the same to fetch one file).
pub fn shard_of(id: &str, shards: usize) -> usize {
    let hash = id.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    hash as usize % shards.max(1)
}

/// The path of shard `n` of the build whose folder is `dir` ([`crate::Catalog::build_dir`]),
/// relative to the catalog.
pub fn shard_path(dir: &str, n: usize) -> String {
    format!("{dir}connections/{n}.json")
}

/// Every article's connections in shards (none for a library without any): how many, and each
/// shard's path and its articles' connections by id.
pub fn shards(graph: &Graph, index: &SearchIndex) -> Vec<(String, BTreeMap<String, Connections>)> {
    let count = graph.nodes.len().div_ceil(PER_SHARD);
    let mut shards: Vec<BTreeMap<String, Connections>> = vec![BTreeMap::new(); count];
    for (at, node) in graph.nodes.iter().enumerate() {
        let connections = graph.connections(at, index);
        if !connections.is_empty() {
            let id = node.summary.id.clone();
            shards[shard_of(&id, count)].insert(id, connections);
        }
    }
    if shards.iter().all(BTreeMap::is_empty) {
        return Vec::new();
    }
    shards
        .into_iter()
        .enumerate()
        .map(|(n, shard)| (shard_path(crate::catalog::SHARD_DIR, n), shard))
        .collect()
}
