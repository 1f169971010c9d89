//! Narrowing a library by its articles' fields: categories and folders (as trees), tags,
//! authors, year, language and source, plus a date range; and the live counts the filter panel
//! shows.
//!
//! Several values of one facet mean any of them; different facets must all hold. Every facet has
//! a "(none)" value ([`NONE`], or the empty path for categories and folders: the library's top
//! folder) so articles missing the field
//! are always reachable. A facet's counts reflect all the *other* active filters, so they say
//! what ticking a value would give.
//!
//! Counting runs on every key typed, over every match: a [`FacetTable`] numbers each value once,
//! as its article arrives, so a count is a pass of additions over small arrays.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::hash::Hash;

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
    /// The file's path within its library (`posts/2024/a.md`): its folders are its place in
    /// the folder tree.
    pub path: &'a str,
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
    /// Folder paths: an article in a folder or below it matches. The empty path is the
    /// library's top folder: the articles in no folder.
    pub folders: Vec<Vec<String>>,
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
    Folder,
    Tag,
    Author,
    Year,
    Lang,
    Source,
    Dates,
}

/// Every facet: the listed ones, then the date range.
const FACETS: [Facet; 8] = {
    let mut all = [Facet::Dates; 8];
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
    pub const LISTED: [Facet; 7] = [
        Facet::Category,
        Facet::Folder,
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
            Facet::Folder => "folder",
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

    /// Whether its values are paths shown as a tree (categories, folders), not single values.
    pub fn is_tree(self) -> bool {
        matches!(self, Facet::Category | Facet::Folder)
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
            Facet::Folder => filters.folders.clone(),
            Facet::Dates => Vec::new(),
            other => single(filters.values(other)),
        }
    }

    /// Selects `values` (paths, as [`Facet::selected`] gives them) in this facet.
    pub fn select(self, filters: &mut Filters, values: Vec<Vec<String>>) {
        let single = |values: Vec<Vec<String>>| values.into_iter().flatten().collect();
        match self {
            Facet::Category => filters.categories = values,
            Facet::Folder => filters.folders = values,
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
        let tree =
            |map: &BTreeMap<Vec<String>, usize>| map.iter().map(|(k, &n)| (k.clone(), n)).collect();
        match self {
            Facet::Category => tree(&counts.categories),
            Facet::Folder => tree(&counts.folders),
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
    /// Every folder and each of its parents (an article counts once per folder), the top
    /// folder (articles in no folder) as the empty path.
    pub folders: BTreeMap<Vec<String>, usize>,
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
        sum(&mut self.folders, more.folders);
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
            Facet::Category | Facet::Folder | Facet::Dates => &[],
        }
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// The facet values of a library's articles, each distinct value numbered (a slot) once, when
/// its article is set: counting then adds ones in an array indexed by slot, with no hashing, no
/// string compared and nothing allocated per article (a search matching 100 000 articles counts
/// them on each key typed). Values are turned back into [`Counts`] once per count, from the
/// slots that counted.
///
/// Rows are numbered by the caller (the app uses the search index's documents). A row set again
/// leaves its old slots unused: the app never does (a new version is a new document).
#[derive(Clone, Debug, Default)]
pub struct FacetTable {
    /// Each facet's distinct values and their slots (one numbering for all facets). Categories
    /// hold every path and each of its parents; years and languages their missing value too.
    categories: HashMap<Vec<String>, u32>,
    folders: HashMap<Vec<String>, u32>,
    tags: HashMap<String, u32>,
    authors: HashMap<String, u32>,
    years: HashMap<Option<i32>, u32>,
    langs: HashMap<String, u32>,
    sources: HashMap<String, u32>,
    months: HashMap<Month, u32>,
    /// Slots numbered so far.
    next: u32,
    /// Every row's slots, one run per facet in [`FACETS`] order, each value once.
    slots: Vec<u32>,
    /// Where each row's runs lie in `slots`: facet `f`'s from `bounds[f]` to `bounds[f + 1]`.
    rows: Vec<Bounds>,
}

type Bounds = [u32; FACETS.len() + 1];

impl FacetTable {
    pub fn new() -> FacetTable {
        FacetTable::default()
    }

    /// Numbers the facet values of an article as row `row`.
    pub fn set(&mut self, row: u32, facts: &Facts) {
        let mut bounds = Bounds::default();
        let mut run = Vec::new();
        for (at, &facet) in FACETS.iter().enumerate() {
            bounds[at] = self.offset();
            run.clear();
            self.number(facts, facet, &mut run);
            // Each value once: an article counts once per value.
            run.sort_unstable();
            run.dedup();
            self.slots.extend_from_slice(&run);
        }
        bounds[FACETS.len()] = self.offset();
        let at = row as usize;
        if self.rows.len() <= at {
            // Rows never set have no values: they count nowhere.
            self.rows.resize(at + 1, Bounds::default());
        }
        if let Some(slot) = self.rows.get_mut(at) {
            *slot = bounds;
        }
    }

    /// Counts the facets over `rows` (the articles the search let through): each row counts in
    /// a facet when it passes every other facet. Returns which rows pass all filters, and counts.
    pub fn count(
        &self,
        rows: impl IntoIterator<Item = u32>,
        filters: &Filters,
    ) -> (Vec<bool>, Counts) {
        let (active, chosen) = self.selection(filters);
        let rows = rows.into_iter();
        let mut accepted = Vec::with_capacity(rows.size_hint().0);
        let mut tally = vec![0_u32; self.next as usize];
        let unset = Bounds::default();
        for row in rows {
            let bounds = self.rows.get(row as usize).unwrap_or(&unset);
            let run = |at: usize| self.run(bounds[at], bounds[at + 1]);
            // The facets this row fails, as bits (one per facet, in `FACETS` order); none to
            // check without filters, the common case.
            let mut failing = 0_u8;
            if active != 0 {
                for at in 0..FACETS.len() {
                    if active & 1 << at != 0
                        && !run(at)
                            .iter()
                            .any(|&slot| chosen.get(slot as usize) == Some(&true))
                    {
                        failing |= 1 << at;
                    }
                }
            }
            accepted.push(failing == 0);
            // Counted in every facet when it passes them all; when it fails one, in that one only.
            let counted = match failing {
                0 => self.run(bounds[0], bounds[FACETS.len()]),
                one if one.is_power_of_two() => run(one.trailing_zeros() as usize),
                _ => continue,
            };
            for &slot in counted {
                if let Some(n) = tally.get_mut(slot as usize) {
                    *n += 1;
                }
            }
        }
        (accepted, self.counts(&tally))
    }

    /// The slots of `facet`'s values in `facts`, pushed to `run` (repeats included).
    fn number(&mut self, facts: &Facts, facet: Facet, run: &mut Vec<u32>) {
        let next = &mut self.next;
        match facet {
            Facet::Category => {
                if facts.categories.is_empty() {
                    run.push(slot(next, &mut self.categories, &[] as &[String]));
                }
                for path in facts.categories {
                    for depth in 1..=path.len() {
                        run.push(slot(next, &mut self.categories, &path[..depth]));
                    }
                }
            }
            Facet::Folder => {
                // Numbered once per article, as it is set: its folder and each parent, or the
                // top folder (the empty path) for a file in none.
                let folders: Vec<String> = folders_of(facts.path).map(str::to_owned).collect();
                if folders.is_empty() {
                    run.push(slot(next, &mut self.folders, &folders[..]));
                }
                for depth in 1..=folders.len() {
                    run.push(slot(next, &mut self.folders, &folders[..depth]));
                }
            }
            Facet::Tag => list(next, &mut self.tags, facts.tags, run),
            Facet::Author => list(next, &mut self.authors, facts.authors, run),
            Facet::Year => run.push(slot(next, &mut self.years, &facts.month.map(|(y, _)| y))),
            Facet::Lang => run.push(slot(next, &mut self.langs, facts.lang.unwrap_or(NONE))),
            Facet::Source => run.push(slot(next, &mut self.sources, facts.source)),
            Facet::Dates => run.extend(facts.month.map(|m| slot(next, &mut self.months, &m))),
        }
    }

    /// Where the next slot of a row goes.
    fn offset(&self) -> u32 {
        u32::try_from(self.slots.len()).unwrap_or(u32::MAX)
    }

    /// The slots from `start` to `end`.
    fn run(&self, start: u32, end: u32) -> &[u32] {
        self.slots.get(start as usize..end as usize).unwrap_or(&[])
    }

    /// The facets `filters` narrow, as bits in [`FACETS`] order, and which slots they choose.
    fn selection(&self, filters: &Filters) -> (u8, Vec<bool>) {
        let mut active = 0;
        let mut chosen = vec![false; self.next as usize];
        for (at, &facet) in FACETS.iter().enumerate() {
            let values = filters.values(facet);
            let slots: Vec<u32> = match facet {
                Facet::Category => filters
                    .categories
                    .iter()
                    .filter_map(|path| self.categories.get(path.as_slice()).copied())
                    .collect(),
                Facet::Folder => filters
                    .folders
                    .iter()
                    .filter_map(|path| self.folders.get(path.as_slice()).copied())
                    .collect(),
                Facet::Tag => chosen_slots(&self.tags, values),
                Facet::Author => chosen_slots(&self.authors, values),
                Facet::Year => self
                    .years
                    .iter()
                    .filter(|&(year, _)| values.contains(&year_text(*year)))
                    .map(|(_, &slot)| slot)
                    .collect(),
                Facet::Lang => chosen_slots(&self.langs, values),
                Facet::Source => chosen_slots(&self.sources, values),
                Facet::Dates => self
                    .months
                    .iter()
                    .filter(|&(month, _)| {
                        filters.from.is_none_or(|from| *month >= from)
                            && filters.to.is_none_or(|to| *month <= to)
                    })
                    .map(|(_, &slot)| slot)
                    .collect(),
            };
            let narrows = match facet {
                Facet::Category => !filters.categories.is_empty(),
                Facet::Folder => !filters.folders.is_empty(),
                Facet::Dates => filters.from.is_some() || filters.to.is_some(),
                _ => !values.is_empty(),
            };
            if narrows {
                active |= 1 << at;
                for slot in slots {
                    if let Some(chosen) = chosen.get_mut(slot as usize) {
                        *chosen = true;
                    }
                }
            }
        }
        (active, chosen)
    }

    /// The counts of the values whose slots counted.
    fn counts(&self, tally: &[u32]) -> Counts {
        Counts {
            categories: counted(&self.categories, tally, Vec::clone),
            folders: counted(&self.folders, tally, Vec::clone),
            tags: counted(&self.tags, tally, String::clone),
            authors: counted(&self.authors, tally, String::clone),
            years: counted(&self.years, tally, |year| year_text(*year)),
            langs: counted(&self.langs, tally, String::clone),
            sources: counted(&self.sources, tally, String::clone),
            months: counted(&self.months, tally, |month| *month),
        }
    }
}

/// Counts the facets over `articles` at once, through a table of them (see
/// [`FacetTable::count`]): for counts taken once. A library that changes keeps its table and
/// counts each search's matches in it.
pub fn count<'a>(
    articles: impl IntoIterator<Item = Facts<'a>>,
    filters: &Filters,
) -> (Vec<bool>, Counts) {
    let mut table = FacetTable::new();
    let mut rows = 0;
    for facts in articles {
        table.set(rows, &facts);
        rows = rows.saturating_add(1);
    }
    table.count(0..rows, filters)
}

/// The folders of a file's path, outermost first (`a/b/c.md` → `a`, `b`).
pub fn folders_of(path: &str) -> impl Iterator<Item = &str> {
    let folders = path.rsplit_once('/').map_or("", |(folders, _)| folders);
    folders.split('/').filter(|folder| !folder.is_empty())
}

/// The slot of `key`, numbered now if it is new.
fn slot<K, Q>(next: &mut u32, slots: &mut HashMap<K, u32>, key: &Q) -> u32
where
    K: Borrow<Q> + Hash + Eq,
    Q: ToOwned<Owned = K> + Hash + Eq + ?Sized,
{
    if let Some(&slot) = slots.get(key) {
        return slot;
    }
    let slot = *next;
    *next = next.saturating_add(1);
    slots.insert(key.to_owned(), slot);
    slot
}

/// The slots of a list's values, or of (none) for an empty list.
fn list(next: &mut u32, slots: &mut HashMap<String, u32>, values: &[String], run: &mut Vec<u32>) {
    if values.is_empty() {
        run.push(slot(next, slots, NONE));
    }
    run.extend(values.iter().map(|value| slot(next, slots, value.as_str())));
}

/// The slots of the chosen values that some article has.
fn chosen_slots(slots: &HashMap<String, u32>, chosen: &[String]) -> Vec<u32> {
    chosen
        .iter()
        .filter_map(|value| slots.get(value.as_str()).copied())
        .collect()
}

/// A year as the address and the counts write it; [`NONE`] for undated articles.
fn year_text(year: Option<i32>) -> String {
    year.map_or_else(String::new, |y| y.to_string())
}

/// Each value whose slot counted, named by `name`, with its count.
fn counted<K, V: Ord>(
    slots: &HashMap<K, u32>,
    tally: &[u32],
    name: impl Fn(&K) -> V,
) -> BTreeMap<V, usize> {
    // Inserted one by one rather than collected: `collect` sorts with a stable sort, a copy of
    // which per key type the page would carry.
    let mut counted = BTreeMap::new();
    for (key, &slot) in slots {
        if let Some(&n) = tally.get(slot as usize).filter(|&&n| n > 0) {
            counted.insert(name(key), n as usize);
        }
    }
    counted
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
