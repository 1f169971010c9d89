//! Lectern's search engine, exposed to JavaScript so the benchmark page can time it beside
//! MiniSearch on the same articles (`tests/bench/search.mjs`, run by `cargo xtask bench`).
//!
//! It times what a keystroke costs in the app: parsing the query, searching the index, and
//! counting the facets over the matches.

use articles::facets::{count, Facts, Filters};
use articles::search::{Document, Query, SearchIndex};
use wasm_bindgen::prelude::*;

/// The facet fields of one article (the bench gives each a category, tags and a month).
struct Fields {
    categories: Vec<Vec<String>>,
    tags: Vec<String>,
    month: (i32, u8),
}

/// An index and the facet fields of its articles.
#[wasm_bindgen]
#[derive(Default)]
pub struct Bench {
    index: SearchIndex,
    fields: Vec<Fields>,
}

#[wasm_bindgen]
impl Bench {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Bench {
        Bench::default()
    }

    /// Indexes one article; `tags` are comma-separated.
    pub fn add(
        &mut self,
        title: &str,
        category: &str,
        tags: &str,
        body: &str,
        year: i32,
        month: u8,
    ) {
        let id = self.fields.len().to_string();
        let tags: Vec<String> = tags.split(',').map(str::to_owned).collect();
        let mut labels: Vec<&str> = tags.iter().map(String::as_str).collect();
        labels.push(category);
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
            month: (year, month),
        });
    }

    /// Runs a query and counts the facets over its matches; returns how many matched.
    pub fn search(&self, query: &str) -> usize {
        let Some(found) = self.index.search(&Query::parse(query)) else {
            return self.fields.len();
        };
        let facts = found.iter().filter_map(|f| {
            let fields = self
                .fields
                .get(self.index.id(f.doc).parse::<usize>().ok()?)?;
            Some(Facts {
                categories: &fields.categories,
                tags: &fields.tags,
                month: Some(fields.month),
                source: "hosted",
                ..Facts::default()
            })
        });
        let (accepted, _) = count(facts, &Filters::default());
        accepted.len()
    }
}
