//! What the library shows: the search, the facet selections, the date range and the order. It
//! lives in the address (`#/?q=…&tag=…`), so a filtered view is a link that survives a reload.
//!
//! ```text
//! #/?q=<query>&cat=<a/b>&tag=<t>&author=<a>&year=<2022>&lang=<zh>&source=<hosted|dropped>
//!   &from=<2021-03>&to=<2022-12>&sort=<newest|oldest|title|relevance>&unread=1
//! ```
//!
//! Keys may repeat (several values of a facet); an empty value is the facet's "(none)". Values
//! are percent-encoded UTF-8, a category path segment by segment.

use articles::facets::{Facet, Filters, Month};
use articles::links::{decode_path, encode_path};
use std::rc::Rc;

/// How the list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first while searching, newest first otherwise.
    #[default]
    Auto,
    Newest,
    Oldest,
    Title,
    Relevance,
}

impl Sort {
    const NAMES: [(Sort, &'static str); 4] = [
        (Sort::Newest, "newest"),
        (Sort::Oldest, "oldest"),
        (Sort::Title, "title"),
        (Sort::Relevance, "relevance"),
    ];

    pub fn name(self) -> &'static str {
        Sort::NAMES
            .iter()
            .find(|(sort, _)| *sort == self)
            .map_or("", |(_, name)| name)
    }

    pub fn from_name(name: &str) -> Sort {
        Sort::NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map_or(Sort::Auto, |(sort, _)| *sort)
    }
}

/// The library's view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
    /// Only the articles the reader has not finished.
    pub unread: bool,
}

impl View {
    /// Reads the part of a hash after `?` (or an empty string).
    pub fn parse(params: &str) -> View {
        let mut view = View::default();
        for pair in params.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode_path(&value.replace('+', " "));
            let filters = &mut view.filters;
            if let Some(facet) = Facet::with_key(key) {
                let mut values = facet.selected(filters);
                values.push(facet.read(&value));
                facet.select(filters, values);
                continue;
            }
            match key {
                "q" => view.query = value,
                "from" => filters.from = parse_month(&value),
                "to" => filters.to = parse_month(&value),
                "sort" => view.sort = Sort::from_name(&value),
                "unread" => view.unread = value == "1",
                // Unknown keys (a newer Lectern's) are ignored.
                _ => {}
            }
        }
        view
    }

    /// The parameters, in a fixed order; empty for the plain library.
    pub fn to_params(&self) -> String {
        let mut pairs: Vec<String> = Vec::new();
        let mut add = |key: &str, value: &str| pairs.push(format!("{key}={}", encode_path(value)));
        if !self.query.is_empty() {
            add("q", &self.query);
        }
        let f = &self.filters;
        for facet in Facet::LISTED {
            for value in facet.selected(f) {
                add(facet.key(), &facet.write(&value));
            }
        }
        if let Some(from) = f.from {
            add("from", &month_text(from));
        }
        if let Some(to) = f.to {
            add("to", &month_text(to));
        }
        if self.sort != Sort::Auto {
            add("sort", self.sort.name());
        }
        if self.unread {
            add("unread", "1");
        }
        pairs.join("&")
    }

    /// The library's address with this view: `#/` or `#/?…`.
    pub fn to_hash(&self) -> String {
        match self.to_params() {
            params if params.is_empty() => "#/".to_owned(),
            params => format!("#/?{params}"),
        }
    }

    /// The view in a library address (`#/?…`); the default for any other.
    pub fn from_hash(hash: &str) -> View {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        path.strip_prefix('?')
            .map_or_else(View::default, View::parse)
    }

    /// The order in effect: `Auto` resolved.
    pub fn order(&self) -> Sort {
        match (self.sort, self.query.trim().is_empty()) {
            (Sort::Auto, true) => Sort::Newest,
            (Sort::Auto, false) => Sort::Relevance,
            (sort, _) => sort,
        }
    }
}

/// A comparison of two titles.
type CompareTitles = dyn Fn(&str, &str) -> std::cmp::Ordering;

/// How two titles compare; plain code-point order unless the app supplies the browser's.
#[derive(Clone)]
pub struct TitleOrder(Rc<CompareTitles>);

impl TitleOrder {
    pub fn new(compare: impl Fn(&str, &str) -> std::cmp::Ordering + 'static) -> TitleOrder {
        TitleOrder(Rc::new(compare))
    }

    pub fn compare(&self, a: &str, b: &str) -> std::cmp::Ordering {
        (self.0)(a, b)
    }
}

impl Default for TitleOrder {
    fn default() -> TitleOrder {
        TitleOrder::new(|a, b| a.cmp(b))
    }
}

impl PartialEq for TitleOrder {
    fn eq(&self, other: &TitleOrder) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for TitleOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("TitleOrder")
    }
}

/// `2022-03`.
pub fn month_text((year, month): Month) -> String {
    format!("{year:04}-{month:02}")
}

/// Reads `2022-03`.
pub fn parse_month(text: &str) -> Option<Month> {
    let (year, month) = text.split_once('-')?;
    let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some((year.parse().ok()?, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_survives_the_address() {
        let view = View {
            query: "脱贫 \"hello world\" -x&y".into(),
            filters: Filters {
                categories: vec![vec!["金融".into(), "新浪财经".into()], vec![]],
                folders: vec![vec!["posts".into(), "2024 年".into()], vec![]],
                tags: vec!["a b".into(), String::new()],
                authors: vec!["林小雨".into()],
                years: vec!["2022".into()],
                langs: vec!["zh-CN".into()],
                sources: vec!["dropped".into()],
                from: Some((2021, 3)),
                to: Some((2022, 12)),
            },
            sort: Sort::Title,
            unread: true,
        };
        let params = view.to_params();
        assert!(params.starts_with("q=%E8%84%B1"), "{params}");
        assert!(params.contains("&cat=%E9%87%91%E8%9E%8D/"), "{params}");
        assert!(
            params.contains("&tag=&"),
            "an empty value is (none): {params}"
        );
        assert_eq!(View::parse(&params), view);
        assert_eq!(View::from_hash(&view.to_hash()), view);
        assert_eq!(View::from_hash("#/read/a?q=b"), View::default());
    }

    #[test]
    fn the_plain_library_has_no_parameters_and_nonsense_is_ignored() {
        assert_eq!(View::default().to_params(), "");
        let view = View::parse("sort=sideways&from=2021-13&zzz=1&q=a+b");
        assert_eq!(view.sort, Sort::Auto);
        assert_eq!(view.filters.from, None);
        assert_eq!(view.query, "a b");
    }

    #[test]
    fn the_default_order_follows_the_search() {
        assert_eq!(View::default().order(), Sort::Newest);
        let searching = View {
            query: "x".into(),
            ..View::default()
        };
        assert_eq!(searching.order(), Sort::Relevance);
        let chosen = View {
            query: "x".into(),
            sort: Sort::Oldest,
            ..View::default()
        };
        assert_eq!(chosen.order(), Sort::Oldest);
    }
}
