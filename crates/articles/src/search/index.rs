//! The search index: built one article at a time as articles arrive, queried on every keystroke.
//!
//! Each article is kept in canonical form ([`fold`](mod@super::fold): folded, separators one space) as one text: title, then the other short fields
//! (authors, tags, categories, summary), then the body. Latin words go into a sorted dictionary
//! (so a typed prefix finds every word it begins); Chinese, Japanese and Korean text, which has
//! no spaces, goes in by single characters and character pairs, so any run of such characters
//! is found: a pair's postings are exactly the articles containing it, and longer runs are
//! checked against the candidates' text. Every match is confirmed on the text itself, so results
//! equal a plain substring search, only faster.

mod postings;
mod similar;
mod word_pairs;
mod words;

use std::collections::VecDeque;

use foldhash::HashMap;

use memchr::memmem::Finder;

use super::fold::{canonical_into, is_cjk_letter};
use super::highlight::{bounded, is_word_char, places};
use super::query::{Query, Term, TermKind};

use postings::{add_hit, found, letter, Postings};
pub use similar::Similar;
use word_pairs::{pair, pairs_in, WordPairs};
use words::Words;

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
pub(crate) const TITLE_WEIGHT: u32 = 1_000_000;
pub(crate) const LABEL_WEIGHT: u32 = 1_000;

#[derive(Debug, Default)]
pub struct SearchIndex {
    docs: Vec<Doc>,
    by_id: HashMap<String, DocId>,
    words: Words,
    /// CJK letter pairs, keyed by [`pair_key`].
    pairs: HashMap<u64, TermId>,
    singles: HashMap<char, TermId>,
    postings: Postings,
    /// Documents reserved (listed, filtered, counted) whose text is not indexed yet, in
    /// document order: text is indexed in that order, so every posting list stays sorted.
    waiting: VecDeque<DocId>,
}

/// A word, CJK pair or CJK letter, numbered as it is first seen: its postings are at that place.
type TermId = u32;

#[derive(Debug)]
struct Doc {
    id: String,
    /// Folded title, labels and summary, body, each field ending in a newline.
    text: String,
    /// Where the labels and the rest begin in `text`.
    labels_at: usize,
    rest_at: usize,
    /// Its words one space apart, for ruling out phrases without reading `text`.
    pairs: WordPairs,
    /// Replaced by a newer version, or removed.
    live: bool,
    /// Indexed [ahead](SearchIndex::index_ahead) of its listing, and not listed yet.
    ahead: bool,
}

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// Adds an article and indexes its text; one with the same id is replaced. In an index
    /// where documents [wait](Self::reserve) for their text, it waits behind them.
    pub fn add(&mut self, document: &Document) -> DocId {
        let doc = self.reserve(document.id);
        if self.waiting.len() == 1 {
            self.fill_next(Some(document));
        }
        doc
    }

    /// Numbers an article now and indexes its text later ([`fill_next`](Self::fill_next)): an
    /// app lists thousands of stored articles first and makes them searchable a slice at a time
    /// after, instead of keeping the reader from their library while it reads every word. One
    /// with the same id is replaced. Until its text is in, the article is not found.
    ///
    /// An article indexed [ahead](Self::index_ahead) keeps its document, text and all: the
    /// caller lists the version it indexed ahead.
    pub fn reserve(&mut self, id: &str) -> DocId {
        if let Some(doc) = self.ahead_doc(id) {
            if let Some(slot) = self.docs.get_mut(doc as usize) {
                slot.ahead = false;
            }
            return doc;
        }
        self.remove(id);
        let doc = DocId::try_from(self.docs.len()).unwrap_or(DocId::MAX);
        self.by_id.insert(id.to_owned(), doc);
        self.docs.push(Doc {
            id: id.to_owned(),
            text: String::new(),
            labels_at: 0,
            rest_at: 0,
            pairs: WordPairs::default(),
            live: true,
            ahead: false,
        });
        self.waiting.push_back(doc);
        doc
    }

    /// Indexes the text of an article that is not listed yet, so that listing it later
    /// ([`reserve`](Self::reserve)) reads nothing: an app indexes a drop's articles as the
    /// parsing workers hand them over, while the page would otherwise only wait for them. Not
    /// found by a search until listed (the app lists only what it has placed), and let go by
    /// [`forget_ahead`](Self::forget_ahead) if never listed. Done only where it keeps every
    /// posting list in document order, when no document waits for its text; and not for an
    /// article listed under the same id, which stays found as it is until its new version is
    /// listed (an article indexed ahead under the same id is replaced: the last one wins).
    /// Whether it was indexed.
    pub fn index_ahead(&mut self, document: &Document) -> bool {
        let listed = self.by_id.contains_key(document.id) && self.ahead_doc(document.id).is_none();
        if !self.waiting.is_empty() || listed {
            return false;
        }
        let doc = self.add(document);
        if let Some(slot) = self.docs.get_mut(doc as usize) {
            slot.ahead = true;
        }
        true
    }

    /// Lets go of the articles `ids` indexed ahead and never listed (a cancelled import, or one
    /// whose later version was not indexed ahead in time); listed articles stay.
    pub fn forget_ahead<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        for id in ids {
            if self.ahead_doc(id).is_some() {
                self.remove(id);
            }
        }
    }

    /// The document of `id`, if it was indexed ahead and is not listed yet.
    fn ahead_doc(&self, id: &str) -> Option<DocId> {
        let doc = self.doc(id)?;
        self.docs.get(doc as usize)?.ahead.then_some(doc)
    }

    /// The document whose text is to be indexed next, if any waits.
    pub fn next_waiting(&self) -> Option<DocId> {
        self.waiting.front().copied()
    }

    /// How many documents wait for their text.
    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }

    /// Indexes the text of the [next waiting](Self::next_waiting) document, which `document`
    /// is (its `id` is not read: the document was named when reserved). `None`, or a document
    /// removed since it was reserved, is let go unindexed.
    pub fn fill_next(&mut self, document: Option<&Document>) {
        let Some(doc) = self.waiting.pop_front() else {
            return;
        };
        let live = self.docs.get(doc as usize).is_some_and(|d| d.live);
        if let (Some(document), true) = (document, live) {
            self.fill(doc, document);
        }
    }

    /// Puts `document`'s text in the index as the document `doc`, the last one filled.
    fn fill(&mut self, doc: DocId, document: &Document) {
        let fields = [document.title, document.summary, document.body];
        let length = fields.iter().chain(&document.labels).map(|f| f.len() + 1);
        // Folding keeps most text at its length: one allocation, seldom grown.
        let mut text = String::with_capacity(length.sum());
        canonical_into(document.title, &mut text);
        text.push('\n');
        let labels_at = text.len();
        for label in &document.labels {
            canonical_into(label, &mut text);
            text.push('\n');
        }
        let rest_at = text.len();
        canonical_into(document.summary, &mut text);
        text.push('\n');
        canonical_into(document.body, &mut text);
        text.push('\n');
        let pairs = self.post(doc, &text, labels_at, rest_at);
        if let Some(slot) = self.docs.get_mut(doc as usize) {
            slot.text = text;
            slot.labels_at = labels_at;
            slot.rest_at = rest_at;
            slot.pairs = pairs;
        }
    }

    /// Removes the article `id`, if indexed.
    pub fn remove(&mut self, id: &str) {
        if let Some(doc) = self.by_id.remove(id) {
            if let Some(doc) = self.docs.get_mut(doc as usize) {
                doc.live = false;
                // Its text is no longer needed; postings to it are skipped.
                doc.text = String::new();
                doc.pairs = WordPairs::default();
            }
        }
    }

    /// The id of an indexed article.
    pub fn id(&self, doc: DocId) -> &str {
        self.docs.get(doc as usize).map_or("", |d| d.id.as_str())
    }

    /// How many documents the index has held (ids up to this; replaced ones included).
    pub fn documents(&self) -> usize {
        self.docs.len()
    }

    /// How many articles are indexed (those indexed ahead of their listing too).
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The articles matching `query`, in index order, each with its score (higher is better):
    /// the caller orders them as its list needs, so a query matching most of the library is not
    /// sorted twice. `None` for an empty query, which every article matches.
    pub fn search(&self, query: &Query) -> Option<Vec<Found>> {
        let (excluded, included): (Vec<&Term>, Vec<&Term>) =
            query.terms.iter().partition(|t| t.excluded);
        if included.is_empty() && excluded.is_empty() {
            return None;
        }
        // Scores by document, 0 for no match: dense, so combining terms is a pass over arrays.
        // Replaced documents still have postings; they are dropped once, at the end.
        let mut total: Option<Vec<u32>> = None;
        for term in &included {
            let matched = self.matching(term, total.as_deref());
            total = Some(match total {
                None => matched,
                Some(mut total) => {
                    for (score, more) in total.iter_mut().zip(matched) {
                        *score = if *score > 0 && more > 0 {
                            score.saturating_add(more)
                        } else {
                            0
                        };
                    }
                    total
                }
            });
        }
        let mut total = total.unwrap_or_else(|| vec![1; self.docs.len()]);
        for term in &excluded {
            let matched = self.matching(term, Some(&total));
            for (score, hit) in total.iter_mut().zip(matched) {
                if hit > 0 {
                    *score = 0;
                }
            }
        }
        Some(
            (0..)
                .zip(total.into_iter().zip(&self.docs))
                .filter(|&(_, (score, doc))| score > 0 && doc.live)
                .map(|(doc, (score, _))| Found { doc, score })
                .collect(),
        )
    }

    /// The document of an indexed article.
    pub fn doc(&self, id: &str) -> Option<DocId> {
        self.by_id.get(id).copied()
    }

    /// The scores of one term by document (0: no match). Postings are added as they are, in
    /// one tight pass (a common prefix adds millions); `within` (the matches so far, if any)
    /// only spares checking the text of documents already left out.
    fn matching(&self, term: &Term, within: Option<&[u32]>) -> Vec<u32> {
        let mut scores = vec![0_u32; self.docs.len()];
        let mut add = |hit: &Found| {
            if let Some(score) = scores.get_mut(hit.doc as usize) {
                *score = score.saturating_add(hit.score.max(1));
            }
        };
        match term.kind {
            TermKind::Prefix => match letter(&term.text) {
                Some(lead) => self.postings.of_lead(lead).iter().for_each(&mut add),
                None => {
                    for word in self.words.starting(&term.text) {
                        self.postings.of(Some(word)).iter().for_each(&mut add);
                    }
                }
            },
            TermKind::Word => {
                self.postings
                    .of(self.words.get(&term.text))
                    .iter()
                    .for_each(&mut add);
            }
            TermKind::Exact | TermKind::Phrase => {
                let phrase = term.kind == TermKind::Phrase;
                let (candidates, exact) = self.candidates(&term.text, phrase);
                if exact {
                    // A lone character or pair: its postings are the answer, with their scores.
                    self.exact_postings(&term.text).iter().for_each(&mut add);
                    return scores;
                }
                let Some(pairs) = pairs_in(&term.text, phrase, |word| self.words.get(word)) else {
                    return scores;
                };
                let finder = Finder::new(term.text.as_bytes());
                let allowed = |doc: DocId| {
                    let at = doc as usize;
                    self.docs
                        .get(at)
                        .is_some_and(|d| d.live && d.pairs.may_have_all(&pairs))
                        && within.is_none_or(|w| w.get(at).is_some_and(|&score| score > 0))
                };
                for doc in candidates.into_iter().filter(|&doc| allowed(doc)) {
                    let score = self
                        .docs
                        .get(doc as usize)
                        .map_or(0, |d| exact_score(d, &term.text, &finder, phrase));
                    if let Some(slot) = scores.get_mut(doc as usize) {
                        *slot = score;
                    }
                }
            }
        }
        scores
    }

    /// Articles that may contain `text` as written: those with all its character pairs (or its
    /// characters) and all its whole words (every word of a phrase; of an unquoted term, all
    /// but the last, which may be the start of a longer one); else every article. The second value says
    /// whether that is already exact (a lone character or pair needs no check against the text);
    /// a word or pair the index lacks leaves no candidates to check.
    fn candidates(&self, text: &str, phrase: bool) -> (Vec<DocId>, bool) {
        let letters: Vec<char> = text.chars().collect();
        let mut sets: Vec<&[Found]> = Vec::new();
        let mut words: Vec<&str> = text
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .collect();
        if !phrase && text.ends_with(is_word_char) {
            words.pop();
        }
        {
            for word in words {
                match self.words.get(word) {
                    Some(term) => sets.push(self.postings.of(Some(term))),
                    None => return (Vec::new(), false),
                }
            }
        }
        let pairs: Vec<(char, char)> = letters
            .windows(2)
            .filter(|p| is_cjk_letter(p[0]) && is_cjk_letter(p[1]))
            .map(|p| (p[0], p[1]))
            .collect();
        for pair in &pairs {
            match self.pairs.get(&pair_key(pair.0, pair.1)) {
                Some(&term) => sets.push(self.postings.of(Some(term))),
                None => return (Vec::new(), false),
            }
        }
        if pairs.is_empty() {
            // No two CJK letters side by side: each one alone narrows the search.
            for &c in letters.iter().filter(|&&c| is_cjk_letter(c)) {
                match self.singles.get(&c) {
                    Some(&term) => sets.push(self.postings.of(Some(term))),
                    None => return (Vec::new(), false),
                }
            }
        }
        // A lone CJK letter or pair (unquoted): its postings are exactly its articles.
        let exact = !phrase && letters.len() <= 2 && letters.iter().all(|&c| is_cjk_letter(c));
        sets.sort_unstable_by_key(|s| s.len());
        let Some((smallest, others)) = sets.split_first() else {
            let all = (0..self.docs.len())
                .filter_map(|d| DocId::try_from(d).ok())
                .collect();
            return (all, false);
        };
        // Postings are in document order: each further set narrows by a merge.
        let mut docs: Vec<DocId> = smallest.iter().map(|hit| hit.doc).collect();
        for set in others {
            let mut other = set.iter().map(|hit| hit.doc).peekable();
            docs.retain(|&doc| {
                while other.next_if(|&d| d < doc).is_some() {}
                other.peek() == Some(&doc)
            });
        }
        (docs, exact)
    }

    /// The postings of a lone CJK character or pair.
    fn exact_postings(&self, text: &str) -> &[Found] {
        let mut chars = text.chars();
        let term = match (chars.next(), chars.next()) {
            (Some(a), Some(b)) => self.pairs.get(&pair_key(a, b)),
            (Some(a), None) => self.singles.get(&a),
            _ => None,
        };
        self.postings.of(term.copied())
    }

    /// Counts the terms of an article's `text` (in canonical form) and adds it to their postings;
    /// its word pairs. Each word, pair
    /// or letter read is one hash lookup to its term; the counting is by term number.
    fn post(&mut self, doc: DocId, text: &str, labels_at: usize, rest_at: usize) -> WordPairs {
        let weight = |at: usize| match at {
            at if at < labels_at => TITLE_WEIGHT,
            at if at < rest_at => LABEL_WEIGHT,
            _ => 1,
        };
        let postings = &mut self.postings;
        let bytes = text.as_bytes();
        let mut previous_cjk: Option<char> = None;
        // The last word and where it ended, and the pairs of words one space apart.
        let mut previous_word: Option<(TermId, usize)> = None;
        let mut pairs = Vec::new();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            // ASCII, most of any text, is read byte by byte, without the Unicode tables.
            let c = match byte {
                b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => None,
                _ if byte.is_ascii() => {
                    previous_cjk = None;
                    at += 1;
                    continue;
                }
                _ => match text.get(at..).and_then(|rest| rest.chars().next()) {
                    Some(c) => Some(c),
                    None => break,
                },
            };
            // In canonical form every character but a space, a newline or a CJK letter is a
            // word's: no Unicode tables here (they were most of indexing Chinese text).
            if c.is_none_or(|c| !is_cjk_letter(c)) {
                let end = word_end(text, at);
                let word = text.get(at..end).unwrap_or_default();
                let term = self.words.get_or_add(word, postings);
                postings.hit(term, weight(at));
                if let Some((before, ended)) = previous_word {
                    if ended + 1 == at && bytes.get(ended) == Some(&b' ') {
                        pairs.push(pair(before, term));
                    }
                }
                previous_word = Some((term, end));
                previous_cjk = None;
                at = end;
                continue;
            }
            let Some(c) = c else { break };
            if is_cjk_letter(c) {
                let single = *self
                    .singles
                    .entry(c)
                    .or_insert_with(|| postings.new_term(None));
                postings.hit(single, weight(at));
                if let Some(p) = previous_cjk {
                    let pair = *self
                        .pairs
                        .entry(pair_key(p, c))
                        .or_insert_with(|| postings.new_term(None));
                    postings.hit(pair, weight(at));
                }
                previous_cjk = Some(c);
            } else {
                previous_cjk = None;
            }
            at += c.len_utf8();
        }
        postings.close(doc);
        WordPairs::of(&pairs)
    }
}

/// A CJK letter pair as one number.
fn pair_key(first: char, second: char) -> u64 {
    u64::from(first) << 32 | u64::from(second)
}

/// Where the word starting at `start` in `text`, which is in canonical form, ends: at a space,
/// a newline or a CJK letter, the only characters of that form that are not a word's.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while let Some(&byte) = bytes.get(end) {
        // ASCII letters and digits, most words, byte by byte.
        if byte.is_ascii_alphanumeric() {
            end += 1;
            continue;
        }
        match text.get(end..).and_then(|rest| rest.chars().next()) {
            Some(c) if !byte.is_ascii() && !is_cjk_letter(c) => end += c.len_utf8(),
            _ => break,
        }
    }
    end
}

/// The score of an exact term or phrase in a document: its hits weighted by where they are; 0
/// if none. A hit starts at the start of a word, and a phrase's ends at the end of one.
fn exact_score(doc: &Doc, term: &str, finder: &Finder, phrase: bool) -> u32 {
    let text = doc.text.as_str();
    let mut hits = (0, 0);
    for at in places(finder, text.as_bytes()) {
        let end = at + term.len();
        let word_start = !text[..at].chars().next_back().is_some_and(is_word_char);
        let word_end = !phrase || !text[end..].chars().next().is_some_and(is_word_char);
        if !bounded(term, word_start, word_end) {
            continue;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every article's score, by document, from `hits`.
    fn scores(hits: impl IntoIterator<Item = Found>, docs: usize) -> Vec<u32> {
        let mut scores = vec![0_u32; docs];
        for hit in hits {
            scores[hit.doc as usize] = scores[hit.doc as usize].saturating_add(hit.score.max(1));
        }
        scores
    }

    #[test]
    fn a_letter_finds_what_the_words_it_begins_find_scored_alike() {
        let mut index = SearchIndex::new();
        let words = [
            "map", "Mail", "m", "mix", "9lives", "90", "zebra", "émile", "ma", "Ma",
        ];
        for n in 0..300_usize {
            let pick = |k: usize| words[(n * 7 + k * 3) % words.len()];
            let body = (0..n % 40).map(pick).collect::<Vec<_>>().join(" ");
            let title = format!("{} 标题 {}", pick(1), pick(2));
            index.add(&Document {
                id: &n.to_string(),
                title: &title,
                labels: vec![pick(3)],
                summary: pick(4),
                body: &body,
            });
        }
        index.remove("17");
        let docs = index.documents();
        for letter in ('a'..='z').chain('0'..='9') {
            let prefix = letter.to_string();
            let lead = super::letter(&prefix).expect("a letter");
            let by_words = index
                .words
                .starting(&prefix)
                .flat_map(|word| index.postings.of(Some(word)).iter().copied());
            assert_eq!(
                scores(index.postings.of_lead(lead).iter().copied(), docs),
                scores(by_words, docs),
                "{letter}"
            );
        }
        assert_eq!(super::letter("é"), None);
        assert_eq!(super::letter("ma"), None);
    }
}
