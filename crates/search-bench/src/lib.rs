//! Lectern's search engine, exposed to JavaScript so the benchmark page can time it beside
//! MiniSearch on the same articles (`tests/bench/search.mjs`, run by `cargo xtask bench`).
//!
//! It times what a keystroke costs in the app (`src/state/listing.rs`, `refresh_shown`):
//! parsing the query, searching the index, counting the facets over the listed matches (in
//! document order), putting them in list order and ordering what is shown (by relevance, the
//! order a search lists in).
//! Left out: the "unread only" switch (off by default; a set lookup per match when on) and the
//! title order's collation (an order the reader chooses).

use articles::facets::{FacetTable, Facts, Filters};
use articles::search::{by_relevance, in_list_order, listed_matches, Document, Query, SearchIndex};
use wasm_bindgen::prelude::*;

/// An index, the facet values of its articles and their list order.
#[wasm_bindgen]
#[derive(Default)]
pub struct Bench {
    index: SearchIndex,
    facets: FacetTable,
    /// Each article's year and month, in the order they were added (the index's documents).
    months: Vec<(i32, u8)>,
    /// Each document's place in the list, newest first, as the app keeps its entries.
    places: Vec<Option<usize>>,
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
        let id = self.months.len().to_string();
        let tags: Vec<String> = tags.split(',').map(str::to_owned).collect();
        let labels = [author]
            .into_iter()
            .chain(tags.iter().map(String::as_str))
            .chain([category])
            .collect();
        let doc = self.index.add(&Document {
            id: &id,
            title,
            labels,
            summary: "",
            body,
        });
        // In a folder, as the app's articles are, so the folder facet costs what it does there.
        let path = format!("{category}/{id}.md");
        self.facets.set(
            doc,
            &Facts {
                categories: &[vec![category.to_owned()]],
                path: &path,
                tags: &tags,
                authors: &[author.to_owned()],
                month: Some((year, month)),
                lang: (!lang.is_empty()).then_some(lang),
                source: "hosted",
            },
        );
        self.months.push((year, month));
    }

    /// Puts the articles in list order, newest first, once all are added.
    pub fn arrange(&mut self) {
        let mut list: Vec<usize> = (0..self.months.len()).collect();
        list.sort_by(|&a, &b| self.months[b].cmp(&self.months[a]));
        self.places = vec![None; list.len()];
        for (at, doc) in list.into_iter().enumerate() {
            self.places[doc] = Some(at);
        }
    }

    /// What a keystroke costs: returns how many articles are shown.
    pub fn search(&self, query: &str) -> usize {
        let found = self.index.search(&Query::parse(query));
        let candidates = listed_matches(found, &self.places, self.months.len());
        let (accepted, _) = self.facets.count(
            candidates.iter().map(|&(_, doc, _)| doc),
            &Filters::default(),
        );
        let kept = candidates
            .into_iter()
            .zip(accepted)
            .filter(|&(_, accepted)| accepted)
            .map(|((at, _, score), _)| (at, score))
            .collect();
        let mut shown = in_list_order(kept, self.months.len());
        by_relevance(&mut shown);
        shown.len()
    }
}
