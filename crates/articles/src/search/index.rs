//! The search index: built one article at a time as articles arrive, queried on every keystroke.
//!
//! Each article is kept folded ([`fold`]) as one text: title, then the other short fields
//! (authors, tags, categories, summary), then the body. Latin words go into a sorted dictionary
//! (so a typed prefix finds every word it begins); Chinese, Japanese and Korean text, which has
//! no spaces, goes in by single characters and character pairs, so any run of such characters
//! is found: a pair's postings are exactly the articles containing it, and longer runs are
//! checked against the candidates' text. Every match is confirmed on the text itself, so results
//! equal a plain substring search, only faster.

use std::collections::{BTreeMap, HashMap};

use memchr::memmem::Finder;

use super::fold::{fold, is_cjk_letter};
use super::query::{Query, Term, TermKind};

/// An article as search sees it.
#[derive(Clone, Debug, Default)]
pub struct Document<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// Authors, tags, categories: short fields whose hits rank high.
    pub labels: Vec<&'a str>,
    pub summary: &'a str,
    pub body: &'a str,
}

/// A position in the index's list of documents.
pub type DocId = u32;

/// One article found, and how well it matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub doc: DocId,
    pub score: u32,
}

/// Weights of a hit by where it is: a title hit outranks any number of body hits.
const TITLE_WEIGHT: u32 = 1_000_000;
const LABEL_WEIGHT: u32 = 1_000;
/// Hits counted in the rest of an article, at most.
const REST_HITS: u32 = 999;

#[derive(Debug, Default)]
pub struct SearchIndex {
    docs: Vec<Doc>,
    by_id: HashMap<String, DocId>,
    words: BTreeMap<Box<str>, Vec<Found>>,
    pairs: HashMap<(char, char), Vec<Found>>,
    singles: HashMap<char, Vec<Found>>,
}

#[derive(Debug)]
struct Doc {
    id: String,
    /// Folded title, labels and summary, body, each field ending in a newline.
    text: String,
    /// Where the labels and the rest begin in `text`.
    labels_at: usize,
    rest_at: usize,
    /// Replaced by a newer version, or removed.
    live: bool,
}

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// Adds an article; one with the same id is replaced.
    pub fn add(&mut self, document: &Document) -> DocId {
        self.remove(document.id);
        let mut text = fold(document.title);
        text.push('\n');
        let labels_at = text.len();
        for label in &document.labels {
            text.push_str(&fold(label));
            text.push('\n');
        }
        let rest_at = text.len();
        text.push_str(&fold(document.summary));
        text.push('\n');
        text.push_str(&fold(document.body));
        text.push('\n');
        let doc = DocId::try_from(self.docs.len()).unwrap_or(DocId::MAX);
        self.post(doc, &text, labels_at, rest_at);
        self.by_id.insert(document.id.to_owned(), doc);
        self.docs.push(Doc {
            id: document.id.to_owned(),
            text,
            labels_at,
            rest_at,
            live: true,
        });
        doc
    }

    /// Removes the article `id`, if indexed.
    pub fn remove(&mut self, id: &str) {
        if let Some(doc) = self.by_id.remove(id) {
            if let Some(doc) = self.docs.get_mut(doc as usize) {
                doc.live = false;
                // Its text is no longer needed; postings to it are skipped.
                doc.text = String::new();
            }
        }
    }

    /// The id of an indexed article.
    pub fn id(&self, doc: DocId) -> &str {
        self.docs.get(doc as usize).map_or("", |d| d.id.as_str())
    }

    /// How many articles are indexed.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The articles matching `query`, best first (ties in index order); `None` for an empty
    /// query, which every article matches.
    pub fn search(&self, query: &Query) -> Option<Vec<Found>> {
        let (excluded, included): (Vec<&Term>, Vec<&Term>) =
            query.terms.iter().partition(|t| t.excluded);
        if included.is_empty() && excluded.is_empty() {
            return None;
        }
        let mut scores: Option<HashMap<DocId, u32>> = None;
        for term in &included {
            let matched = self.matching(term, scores.as_ref());
            scores = Some(match scores {
                None => matched,
                Some(before) => before
                    .into_iter()
                    .filter_map(|(doc, score)| {
                        matched
                            .get(&doc)
                            .map(|more| (doc, score.saturating_add(*more)))
                    })
                    .collect(),
            });
        }
        let mut scores = scores.unwrap_or_else(|| self.live_docs().map(|doc| (doc, 0)).collect());
        for term in &excluded {
            let matched = self.matching(term, Some(&scores));
            scores.retain(|doc, _| !matched.contains_key(doc));
        }
        let mut found: Vec<Found> = scores
            .into_iter()
            .map(|(doc, score)| Found { doc, score })
            .collect();
        found.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        Some(found)
    }

    fn live_docs(&self) -> impl Iterator<Item = DocId> + '_ {
        self.by_id.values().copied()
    }

    /// The articles matching one term, with its score in each; only among `within` if given.
    fn matching(&self, term: &Term, within: Option<&HashMap<DocId, u32>>) -> HashMap<DocId, u32> {
        let allowed = |doc: DocId| {
            self.docs.get(doc as usize).is_some_and(|d| d.live)
                && within.is_none_or(|w| w.contains_key(&doc))
        };
        let mut matched = HashMap::new();
        match term.kind {
            TermKind::Prefix => {
                let range = self.words.range::<str, _>((
                    std::ops::Bound::Included(term.text.as_str()),
                    std::ops::Bound::Unbounded,
                ));
                for (_, postings) in range.take_while(|(word, _)| word.starts_with(&term.text)) {
                    for hit in postings.iter().filter(|hit| allowed(hit.doc)) {
                        let score: &mut u32 = matched.entry(hit.doc).or_default();
                        *score = score.saturating_add(hit.score);
                    }
                }
            }
            TermKind::Word => {
                for hit in self.words.get(term.text.as_str()).into_iter().flatten() {
                    if allowed(hit.doc) {
                        matched.insert(hit.doc, hit.score);
                    }
                }
            }
            TermKind::Exact => {
                let finder = Finder::new(term.text.as_bytes());
                for doc in self.candidates(&term.text, within) {
                    if !allowed(doc) {
                        continue;
                    }
                    let Some(d) = self.docs.get(doc as usize) else {
                        continue;
                    };
                    let score = exact_score(d, &finder);
                    if score > 0 {
                        matched.insert(doc, score);
                    }
                }
            }
        }
        matched
    }

    /// Articles that may contain `text` as written: those with all its character pairs (or its
    /// single character), else every article.
    fn candidates(&self, text: &str, within: Option<&HashMap<DocId, u32>>) -> Vec<DocId> {
        let letters: Vec<char> = text.chars().collect();
        let mut sets: Vec<&Vec<Found>> = Vec::new();
        for pair in letters.windows(2) {
            if is_cjk_letter(pair[0]) && is_cjk_letter(pair[1]) {
                match self.pairs.get(&(pair[0], pair[1])) {
                    Some(postings) => sets.push(postings),
                    None => return Vec::new(),
                }
            }
        }
        if sets.is_empty() {
            for &c in letters.iter().filter(|&&c| is_cjk_letter(c)) {
                match self.singles.get(&c) {
                    Some(postings) => sets.push(postings),
                    None => return Vec::new(),
                }
            }
        }
        let Some(smallest) = sets.iter().min_by_key(|s| s.len()) else {
            return match within {
                Some(w) => w.keys().copied().collect(),
                None => self.live_docs().collect(),
            };
        };
        smallest.iter().map(|hit| hit.doc).collect()
    }

    fn post(&mut self, doc: DocId, text: &str, labels_at: usize, rest_at: usize) {
        let weight = |at: usize| match at {
            at if at < labels_at => TITLE_WEIGHT,
            at if at < rest_at => LABEL_WEIGHT,
            _ => 1,
        };
        let mut words: HashMap<&str, (u32, u32)> = HashMap::new();
        let mut pairs: HashMap<(char, char), (u32, u32)> = HashMap::new();
        let mut singles: HashMap<char, (u32, u32)> = HashMap::new();
        let mut word_start = None;
        let mut previous: Option<char> = None;
        for (at, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), '\n')))
        {
            let in_word = c.is_alphanumeric() && !is_cjk_letter(c);
            match (in_word, word_start) {
                (true, None) => word_start = Some(at),
                (false, Some(start)) => {
                    add_hit(words.entry(&text[start..at]).or_default(), weight(start));
                    word_start = None;
                }
                _ => {}
            }
            if is_cjk_letter(c) {
                add_hit(singles.entry(c).or_default(), weight(at));
                if let Some(p) = previous.filter(|&p| is_cjk_letter(p)) {
                    add_hit(pairs.entry((p, c)).or_default(), weight(at));
                }
            }
            previous = Some(c);
        }
        for (word, hits) in words {
            self.words
                .entry(word.into())
                .or_default()
                .push(found(doc, hits));
        }
        for (pair, hits) in pairs {
            self.pairs.entry(pair).or_default().push(found(doc, hits));
        }
        for (c, hits) in singles {
            self.singles.entry(c).or_default().push(found(doc, hits));
        }
    }
}

/// Counts a hit: `(weighted hits in title and labels, hits elsewhere)`.
fn add_hit(hits: &mut (u32, u32), weight: u32) {
    if weight > 1 {
        hits.0 = hits.0.saturating_add(weight);
    } else {
        hits.1 = hits.1.saturating_add(1);
    }
}

fn found(doc: DocId, (weighted, rest): (u32, u32)) -> Found {
    Found {
        doc,
        score: weighted.saturating_add(rest.min(REST_HITS)),
    }
}

/// The score of an exact term in a document: its hits weighted by where they are; 0 if none.
fn exact_score(doc: &Doc, finder: &Finder) -> u32 {
    let mut hits = (0, 0);
    for at in finder.find_iter(doc.text.as_bytes()) {
        let weight = match at {
            at if at < doc.labels_at => TITLE_WEIGHT,
            at if at < doc.rest_at => LABEL_WEIGHT,
            _ => 1,
        };
        add_hit(&mut hits, weight);
    }
    if hits == (0, 0) {
        0
    } else {
        found(0, hits).score.max(1)
    }
}
