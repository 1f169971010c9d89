//! Lectern's search engine, exposed to JavaScript so the benchmark page can time it beside
//! MiniSearch on the same articles (`tests/bench/search.mjs`, run by `cargo xtask bench`).
//!
//! It times what a keystroke costs in the app (`src/state/listing.rs`, `refresh_shown`):
//! parsing the query, searching the index, mapping the matches to list positions, counting the
//! facets over them and ordering what is shown (by relevance, the order a search lists in).
//! Left out: the "unread only" switch (off by default) and the title order's collation.

use articles::facets::{count, Facts, Filters};
use articles::search::{Document, Query, SearchIndex};
use wasm_bindgen::prelude::*;

/// The facet fields of one article, as a library entry holds them.
struct Fields {
    categories: Vec<Vec<String>>,
    tags: Vec<String>,
    authors: Vec<String>,
    month: (i32, u8),
    lang: Option<String>,
}

/// An index and the facet fields of its articles.
#[wasm_bindgen]
#[derive(Default)]
pub struct Bench {
    index: SearchIndex,
    /// In the order the articles were added (the index's documents).
    fields: Vec<Fields>,
    /// The list order, newest first, as positions of `fields`: the app keeps its entries so.
    list: Vec<usize>,
    /// Each document's position in `list`.
    positions: Vec<Option<usize>>,
}

#[wasm_bindgen]
impl Bench {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Bench {
        Bench::default()
    }

    /// Indexes one article; `tags` are comma-separated, `lang` empty for none.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        title: &str,
        author: &str,
        category: &str,
        tags: &str,
        body: &str,
        year: i32,
        month: u8,
        lang: &str,
    ) {
        let id = self.fields.len().to_string();
        let tags: Vec<String> = tags.split(',').map(str::to_owned).collect();
        let labels = [author]
            .into_iter()
            .chain(tags.iter().map(String::as_str))
            .chain([category])
            .collect();
        self.index.add(&Document {
            id: &id,
            title,
            labels,
            summary: "",
            body,
        });
        self.fields.push(Fields {
            categories: vec![vec![category.to_owned()]],
            tags,
            authors: vec![author.to_owned()],
            month: (year, month),
            lang: (!lang.is_empty()).then(|| lang.to_owned()),
        });
    }

    /// Puts the articles in list order, newest first, once all are added.
    pub fn arrange(&mut self) {
        let mut list: Vec<usize> = (0..self.fields.len()).collect();
        list.sort_by(|&a, &b| self.fields[b].month.cmp(&self.fields[a].month));
        self.positions = vec![None; self.fields.len()];
        for (at, &doc) in list.iter().enumerate() {
            self.positions[doc] = Some(at);
        }
        self.list = list;
    }

    /// What a keystroke costs: returns how many articles are shown.
    pub fn search(&self, query: &str) -> usize {
        let found = self.index.search(&Query::parse(query));
        let candidates: Vec<(usize, u32)> = match found {
            None => (0..self.list.len()).map(|at| (at, 0)).collect(),
            Some(found) => found
                .iter()
                .filter_map(|f| Some(((*self.positions.get(f.doc as usize)?)?, f.score)))
                .collect(),
        };
        let (accepted, _) = count(
            candidates.iter().map(|&(at, _)| {
                let fields = &self.fields[self.list[at]];
                Facts {
                    categories: &fields.categories,
                    tags: &fields.tags,
                    authors: &fields.authors,
                    month: Some(fields.month),
                    lang: fields.lang.as_deref(),
                    source: "hosted",
                }
            }),
            &Filters::default(),
        );
        let mut shown: Vec<(usize, u32)> = candidates
            .into_iter()
            .zip(accepted)
            .filter_map(|(candidate, accepted)| accepted.then_some(candidate))
            .collect();
        shown.sort_by(|&(a, a_score), &(b, b_score)| b_score.cmp(&a_score).then(a.cmp(&b)));
        shown.len()
    }
}
