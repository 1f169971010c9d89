//! Narrowing a library by its articles' fields: categories (as a tree), tags, authors, year,
//! language and source, plus a date range; and the live counts the filter panel shows.
//!
//! Several values of one facet mean any of them; different facets must all hold. Every facet has
//! a "(none)" value ([`NONE`], or the empty path for categories) so articles missing the field
//! are always reachable. A facet's counts reflect all the *other* active filters, so they say
//! what ticking a value would give.

use std::collections::BTreeMap;

use foldhash::HashMap;

/// The value standing for "this field is missing" in every facet but categories, where the
/// empty path does.
pub const NONE: &str = "";

/// A year and month, `(2022, 2)`.
pub type Month = (i32, u8);

/// What the facets see of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts<'a> {
    pub categories: &'a [Vec<String>],
    pub tags: &'a [String],
    pub authors: &'a [String],
    pub month: Option<Month>,
    pub lang: Option<&'a str>,
    pub source: &'a str,
}

/// The reader's selections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Category paths: an article in a path or below it matches. The empty path is "(none)".
    pub categories: Vec<Vec<String>>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    /// Years as written (`"2022"`), or [`NONE`].
    pub years: Vec<String>,
    pub langs: Vec<String>,
    pub sources: Vec<String>,
    /// The first and last month of the date range, inclusive; undated articles are outside any
    /// range.
    pub from: Option<Month>,
    pub to: Option<Month>,
}

/// The facets, in the order they are checked and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    Category,
    Tag,
    Author,
    Year,
    Lang,
    Source,
    Dates,
}

/// Every facet: the listed ones, then the date range.
const FACETS: [Facet; 7] = {
    let mut all = [Facet::Dates; 7];
    let mut at = 0;
    while at < Facet::LISTED.len() {
        all[at] = Facet::LISTED[at];
        at += 1;
    }
    all
};

impl Facet {
    /// The facets whose values are listed to tick, in the order the filter panel shows them
    /// (the date range is set apart, by its bounds).
    pub const LISTED: [Facet; 6] = [
        Facet::Category,
        Facet::Tag,
        Facet::Author,
        Facet::Year,
        Facet::Lang,
        Facet::Source,
    ];

    /// Its key in the library's address (`#/?tag=…`); the date range writes `from` and `to`.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Category => "cat",
            Facet::Tag => "tag",
            Facet::Author => "author",
            Facet::Year => "year",
            Facet::Lang => "lang",
            Facet::Source => "source",
            Facet::Dates => "dates",
        }
    }

    /// The facet whose address key is `key`.
    pub fn with_key(key: &str) -> Option<Facet> {
        Facet::LISTED.into_iter().find(|facet| facet.key() == key)
    }

    /// Whether its values are paths shown as a tree (categories), not single values.
    pub fn is_tree(self) -> bool {
        self == Facet::Category
    }

    /// Its values as written in the address: a path joined with `/`.
    pub fn write(self, value: &[String]) -> String {
        value.join("/")
    }

    /// A value read from the address.
    pub fn read(self, text: &str) -> Vec<String> {
        if self.is_tree() {
            text.split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        } else {
            vec![text.to_owned()]
        }
    }

    /// The values selected in this facet, each as a path (one segment for single values).
    pub fn selected(self, filters: &Filters) -> Vec<Vec<String>> {
        let single = |values: &[String]| values.iter().map(|v| vec![v.clone()]).collect();
        match self {
            Facet::Category => filters.categories.clone(),
            Facet::Dates => Vec::new(),
            other => single(filters.values(other)),
        }
    }

    /// Selects `values` (paths, as [`Facet::selected`] gives them) in this facet.
    pub fn select(self, filters: &mut Filters, values: Vec<Vec<String>>) {
        let single = |values: Vec<Vec<String>>| values.into_iter().flatten().collect();
        match self {
            Facet::Category => filters.categories = values,
            Facet::Tag => filters.tags = single(values),
            Facet::Author => filters.authors = single(values),
            Facet::Year => filters.years = single(values),
            Facet::Lang => filters.langs = single(values),
            Facet::Source => filters.sources = single(values),
            Facet::Dates => {}
        }
    }

    /// Each value of this facet and how many articles it would give, in order.
    pub fn counted(self, counts: &Counts) -> Vec<(Vec<String>, usize)> {
        let single = |map: &BTreeMap<String, usize>| {
            map.iter().map(|(k, &n)| (vec![k.clone()], n)).collect()
        };
        match self {
            Facet::Category => counts
                .categories
                .iter()
                .map(|(k, &n)| (k.clone(), n))
                .collect(),
            Facet::Tag => single(&counts.tags),
            Facet::Author => single(&counts.authors),
            // Newest year first.
            Facet::Year => {
                let mut years: Vec<_> = single(&counts.years);
                years.reverse();
                years
            }
            Facet::Lang => single(&counts.langs),
            Facet::Source => single(&counts.sources),
            Facet::Dates => Vec::new(),
        }
    }
}

/// How many articles each value of each facet would give.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Every category path and each of its parents (an article counts once per path).
    pub categories: BTreeMap<Vec<String>, usize>,
    pub tags: BTreeMap<String, usize>,
    pub authors: BTreeMap<String, usize>,
    pub years: BTreeMap<String, usize>,
    pub langs: BTreeMap<String, usize>,
    pub sources: BTreeMap<String, usize>,
    /// Articles per month, for the date histogram (undated articles are not in it).
    pub months: BTreeMap<Month, usize>,
}

impl Counts {
    /// Adds the counts of more articles (counted with the same filters).
    pub fn absorb(&mut self, more: Counts) {
        fn sum<K: Ord>(into: &mut BTreeMap<K, usize>, from: BTreeMap<K, usize>) {
            for (key, n) in from {
                *into.entry(key).or_default() += n;
            }
        }
        sum(&mut self.categories, more.categories);
        sum(&mut self.tags, more.tags);
        sum(&mut self.authors, more.authors);
        sum(&mut self.years, more.years);
        sum(&mut self.langs, more.langs);
        sum(&mut self.sources, more.sources);
        sum(&mut self.months, more.months);
    }
}

impl Filters {
    /// The single values selected in a facet of single values (empty for categories and dates).
    fn values(&self, facet: Facet) -> &[String] {
        match facet {
            Facet::Tag => &self.tags,
            Facet::Author => &self.authors,
            Facet::Year => &self.years,
            Facet::Lang => &self.langs,
            Facet::Source => &self.sources,
            Facet::Category | Facet::Dates => &[],
        }
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether an article passes one facet's selection.
    pub fn passes(&self, facts: &Facts, facet: Facet) -> bool {
        match facet {
            Facet::Category => {
                self.categories.is_empty()
                    || self.categories.iter().any(|chosen| {
                        if chosen.is_empty() {
                            facts.categories.is_empty()
                        } else {
                            facts.categories.iter().any(|path| path.starts_with(chosen))
                        }
                    })
            }
            Facet::Tag => any_of(&self.tags, facts.tags),
            Facet::Author => any_of(&self.authors, facts.authors),
            // The year is written out only when years are chosen (this runs per article).
            Facet::Year => {
                self.years.is_empty()
                    || one_of(
                        &self.years,
                        facts.month.map(|(y, _)| y.to_string()).as_deref(),
                    )
            }
            Facet::Lang => one_of(&self.langs, facts.lang),
            Facet::Source => one_of(&self.sources, Some(facts.source)),
            Facet::Dates => match (self.from, self.to) {
                (None, None) => true,
                (from, to) => facts.month.is_some_and(|month| {
                    from.is_none_or(|from| month >= from) && to.is_none_or(|to| month <= to)
                }),
            },
        }
    }

    /// Whether an article passes every selection.
    pub fn accepts(&self, facts: &Facts) -> bool {
        FACETS.iter().all(|&facet| self.passes(facts, facet))
    }
}

/// Values chosen in a list field: any chosen value present, or (none) for an empty list.
fn any_of(chosen: &[String], values: &[String]) -> bool {
    chosen.is_empty()
        || chosen.iter().any(|c| {
            if c == NONE {
                values.is_empty()
            } else {
                values.contains(c)
            }
        })
}

/// Values chosen in a single field.
fn one_of(chosen: &[String], value: Option<&str>) -> bool {
    chosen.is_empty() || chosen.iter().any(|c| c == value.unwrap_or(NONE))
}

/// Counts the facets over `articles` (those the search let through): each article counts in a
/// facet when it passes every other facet. Returns which articles pass all filters, and counts.
pub fn count<'a>(
    articles: impl Iterator<Item = Facts<'a>>,
    filters: &Filters,
) -> (Vec<bool>, Counts) {
    let mut tally = Tally::default();
    let mut accepted = Vec::new();
    for facts in articles {
        // The facets this article fails, as bits (one per facet, in `FACETS` order).
        let failing = FACETS
            .iter()
            .enumerate()
            .filter(|&(_, &facet)| !filters.passes(&facts, facet))
            .fold(0_u8, |bits, (at, _)| bits | 1 << at);
        accepted.push(failing == 0);
        // Counted in every facet when it passes them all; when it fails one, in that one only.
        if failing.count_ones() <= 1 {
            for (at, &facet) in FACETS.iter().enumerate() {
                if failing == 0 || failing == 1 << at {
                    tally.add(&facts, facet);
                }
            }
        }
    }
    (accepted, tally.into_counts())
}

/// Counts as they are taken: hashed, keyed by the articles' own values (no copy, no string
/// comparisons per article: a search matching 100 000 articles counts them on each key
/// typed), and sorted into [`Counts`] once at the end.
#[derive(Default)]
struct Tally<'a> {
    categories: HashMap<&'a [String], usize>,
    tags: HashMap<&'a str, usize>,
    authors: HashMap<&'a str, usize>,
    years: HashMap<Option<i32>, usize>,
    langs: HashMap<&'a str, usize>,
    sources: HashMap<&'a str, usize>,
    months: HashMap<Month, usize>,
}

impl<'a> Tally<'a> {
    fn add(&mut self, facts: &Facts<'a>, facet: Facet) {
        match facet {
            Facet::Category => {
                if facts.categories.is_empty() {
                    *self.categories.entry(&[]).or_default() += 1;
                }
                let mut seen: Vec<&[String]> = Vec::new();
                for path in facts.categories {
                    for depth in 1..=path.len() {
                        let prefix = &path[..depth];
                        if !seen.contains(&prefix) {
                            seen.push(prefix);
                            *self.categories.entry(prefix).or_default() += 1;
                        }
                    }
                }
            }
            Facet::Tag => list(&mut self.tags, facts.tags),
            Facet::Author => list(&mut self.authors, facts.authors),
            Facet::Year => *self.years.entry(facts.month.map(|(y, _)| y)).or_default() += 1,
            Facet::Lang => *self.langs.entry(facts.lang.unwrap_or(NONE)).or_default() += 1,
            Facet::Source => *self.sources.entry(facts.source).or_default() += 1,
            Facet::Dates => {
                if let Some(month) = facts.month {
                    *self.months.entry(month).or_default() += 1;
                }
            }
        }
    }

    fn into_counts(self) -> Counts {
        let owned = |map: HashMap<&str, usize>| {
            map.into_iter()
                .map(|(key, n)| (key.to_owned(), n))
                .collect()
        };
        Counts {
            categories: self
                .categories
                .into_iter()
                .map(|(path, n)| (path.to_vec(), n))
                .collect(),
            tags: owned(self.tags),
            authors: owned(self.authors),
            years: self
                .years
                .into_iter()
                .map(|(year, n)| (year.map_or_else(String::new, |y| y.to_string()), n))
                .collect(),
            langs: owned(self.langs),
            sources: owned(self.sources),
            months: self.months.into_iter().collect(),
        }
    }
}

/// Counts each distinct value of a list once, or (none) for an empty list.
fn list<'a>(map: &mut HashMap<&'a str, usize>, values: &'a [String]) {
    if values.is_empty() {
        *map.entry(NONE).or_default() += 1;
    }
    let mut seen: Vec<&String> = Vec::new();
    for value in values {
        if !seen.contains(&value) {
            seen.push(value);
            *map.entry(value.as_str()).or_default() += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_listed_facet_is_described_once_and_round_trips() {
        let mut filters = Filters::default();
        for facet in Facet::LISTED {
            assert_eq!(Facet::with_key(facet.key()), Some(facet));
            let value = facet.read(&format!("{}/x", facet.key()));
            assert_eq!(facet.read(&facet.write(&value)), value);
            facet.select(&mut filters, vec![value.clone(), facet.read("")]);
            assert_eq!(facet.selected(&filters), [value, facet.read("")]);
        }
        // Every listed facet lands in its own field: all of them are now selected.
        assert_eq!(filters.tags, ["tag/x", ""]);
        assert_eq!(
            filters.categories,
            [vec!["cat".to_owned(), "x".into()], vec![]]
        );
        assert!(Facet::LISTED
            .iter()
            .all(|f| f.selected(&filters).len() == 2));
    }
}
