//! An article's connections as the reader sees them: who links to it, what is related, which
//! of its links lead nowhere. Hosted articles' come from the catalog's connection shards
//! (fetched one shard at a time, when an article of it opens); the reader's own files are
//! connected here, in memory, by the engine's [`Graph`], with the library around them.

use std::collections::BTreeMap;
use std::rc::Rc;

use articles::connections::{self, Backlink, Connections, Graph, Node, Related};
use articles::links::{Link, Target};
use articles::Summary;

use super::{Loadable, Origin, State};
use crate::shared::Shared;

/// A shard of connections: each article's, by its id (ids as the app knows them, see
/// `fetch::connections`).
pub type ConnectionShard = Shared<BTreeMap<String, Connections>>;

/// The hosted catalog's connection shards: how many it has and those fetched so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HostedConnections {
    shards: usize,
    /// The catalog's build folder, where the shards are.
    dir: String,
    loaded: BTreeMap<usize, Loadable<ConnectionShard>>,
}

impl HostedConnections {
    pub(super) fn set_shards(&mut self, shards: usize, dir: &str) {
        self.shards = shards;
        self.dir = dir.to_owned();
    }

    /// The shard holding the hosted article `catalog_id`, if the catalog has any.
    fn shard_of(&self, catalog_id: &str) -> Option<usize> {
        (self.shards > 0).then(|| connections::shard_of(catalog_id, self.shards))
    }

    pub(super) fn loaded(&mut self, shard: usize, result: Result<ConnectionShard, String>) {
        let shard_state = match result {
            Ok(shard) => Loadable::Ready(shard),
            Err(reason) => Loadable::Failed(super::Problem::Failed(reason)),
        };
        self.loaded.insert(shard, shard_state);
    }
}

/// What the reader shows below an article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleConnections {
    /// Articles linking to it, each with the sentence of its link.
    pub backlinks: Vec<(Rc<Summary>, String)>,
    pub related: Vec<(Rc<Summary>, Related)>,
    /// The articles it links to (when its links are known: read, or the reader's own).
    pub links_to: Vec<Rc<Summary>>,
    /// Its links to articles the library does not have.
    pub unresolved: Vec<Link>,
}

impl State {
    /// The connection shard the open hosted article needs and nobody fetched yet: its number
    /// and path relative to the catalog.
    pub fn wanted_connections(&self) -> Option<(usize, String)> {
        let (id, _) = self.reading.as_ref()?;
        let entry = self.entry(id).filter(|e| e.origin == Origin::Hosted)?;
        let shard = self
            .hosted_connections
            .shard_of(catalog_id(&entry.summary.id))?;
        (!self.hosted_connections.loaded.contains_key(&shard)).then(|| {
            let path = connections::shard_path(&self.hosted_connections.dir, shard);
            (shard, path)
        })
    }

    /// A shard is being fetched: it is not asked for again.
    pub(super) fn fetching_connections(&mut self, shard: usize) {
        self.hosted_connections
            .loaded
            .insert(shard, Loadable::Loading);
    }

    /// The connections of the article `id`: the catalog's (for a hosted article whose shard
    /// has come), with those the library in memory makes (the reader's files linking to it,
    /// and related articles when the catalog has none).
    pub fn connections_of(&self, id: &str) -> ArticleConnections {
        let hosted = self.hosted_connections_of(id);
        // Each article's links, borrowed: the reader's files and hosted articles already read.
        let nodes: Vec<Node> = self
            .entries
            .iter()
            .map(|entry| Node {
                summary: &entry.summary,
                links: entry
                    .article
                    .as_ref()
                    .or_else(|| self.fetched.get(&entry.summary.id))
                    .map_or(&[][..], |article| article.links.as_slice()),
            })
            .collect();
        let graph = Graph::new(&nodes);
        let Some(at) = graph.find(id) else {
            return ArticleConnections::default();
        };
        let summary = |id: &str| self.entry(id).map(|e| e.summary.clone());
        let mut backlinks: Vec<Backlink> = hosted.backlinks;
        for backlink in graph.backlinks(at) {
            if !backlinks.iter().any(|b| b.from == backlink.from) {
                backlinks.push(backlink);
            }
        }
        let related = if hosted.related.is_empty() {
            graph.related(at, &self.index.borrow())
        } else {
            hosted.related
        };
        ArticleConnections {
            backlinks: backlinks
                .into_iter()
                .filter_map(|b| Some((summary(&b.from)?, b.context)))
                .collect(),
            related: related
                .into_iter()
                .filter_map(|r| Some((summary(&r.id)?, r)))
                .collect(),
            links_to: graph.links_to(at).into_iter().filter_map(summary).collect(),
            unresolved: graph.unresolved(at).into_iter().cloned().collect(),
        }
    }

    /// The article a link of the library's HTML leads to (`#/read/<id>`, `#/find/<name>`).
    pub fn linked_summary(&self, href: &str) -> Option<Rc<Summary>> {
        let id = match Target::of_href(href)? {
            Target::Id(id) => id,
            Target::Name(name) => self.find(&name)?,
        };
        self.entry(&id).map(|e| e.summary.clone())
    }

    /// The catalog's connections of the hosted article `id`; none while its shard is on its
    /// way (or for the reader's own files).
    fn hosted_connections_of(&self, id: &str) -> Connections {
        let Some(shard) = self.hosted_connections.shard_of(catalog_id(id)) else {
            return Connections::default();
        };
        match self.hosted_connections.loaded.get(&shard) {
            Some(Loadable::Ready(shard)) => shard.get(id).cloned().unwrap_or_default(),
            _ => Connections::default(),
        }
    }
}

/// A hosted article's id in its catalog: the app marks ids that start like its own files'
/// with `~` (`fetch::hosted_id`), which the shard's name does not know.
pub fn catalog_id(id: &str) -> &str {
    id.strip_prefix('~').unwrap_or(id)
}
