//! Writing the hosted index: articles are added in catalog order, each term's postings encoded
//! as they come; then the terms, in dictionary order, are cut into files (see the module's
//! documentation for the format, and [`super::emit`]).

use foldhash::HashMap;

use std::convert::Infallible;

use super::emit::Emitter;
use super::pairs::{Adjacent, CommonWords};
use super::varint::{put, Reader};
use super::{prefix_key, Meta, LABEL_HIT, OTHER_HITS, PREFIX_LETTERS, TITLE_HIT};
use crate::search::fold::{canonical_into, is_cjk_letter};
use crate::search::index::Document;
use crate::search::tokens::{following, touching, Positions, Token};

/// The index being written, in memory (see [`super::SpillingWriter`] for a library larger
/// than memory).
#[derive(Debug, Default)]
pub struct Writer {
    terms: HashMap<Box<str>, Postings>,
    documents: u32,
    /// Which words are common, so that pairs of them are terms too.
    common: CommonWords,
    /// Bytes the terms take, about: see [`Writer::held`].
    held: usize,
}

/// A term's map entry beside its text and postings: the key's and four vectors' headers, the
/// counts, the map's own slot.
const TERM_OVERHEAD: usize = 160;

/// One term's postings so far, encoded as they come.
#[derive(Debug, Default)]
pub(super) struct Postings {
    pub(super) count: u32,
    pub(super) last: u32,
    docs: Vec<u8>,
    scores: Vec<u8>,
    lengths: Vec<u8>,
    positions: Vec<u8>,
}

/// A term's hits in the article being added.
#[derive(Debug, Default)]
pub(super) struct Hits {
    score: u8,
    positions: Vec<u32>,
}

/// Where in an article a field is, for its hits' score.
#[derive(Clone, Copy, Debug)]
pub(super) enum Field {
    Title,
    Label,
    Other,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    /// A writer deciding common words on its first `articles` articles rather than
    /// [`SAMPLE`](super::SAMPLE): tests of small libraries.
    #[cfg(test)]
    pub(super) fn sampling(articles: u32) -> Writer {
        Writer {
            common: CommonWords::sampling(articles),
            ..Writer::default()
        }
    }

    /// Adds the next article (numbered in the order added).
    pub fn add(&mut self, document: &Document) {
        let mut fields = vec![(Field::Title, document.title)];
        fields.extend(document.labels.iter().map(|l| (Field::Label, *l)));
        fields.push((Field::Other, document.summary));
        fields.push((Field::Other, document.body));
        let texts: Vec<(Field, String)> = fields
            .into_iter()
            .map(|(field, text)| {
                let mut canonical = String::new();
                canonical_into(text, &mut canonical);
                (field, canonical)
            })
            .collect();
        let mut hits: HashMap<&str, Hits> = HashMap::default();
        // Each two words one separator apart, for pairs of common words.
        let mut adjacent = Vec::new();
        let mut walk = Positions::default();
        for (field, text) in &texts {
            let mut tokens = Vec::new();
            walk.field(text, |at, token| tokens.push((at, token)));
            // The previous token, if a CJK letter touching this one: with it, a pair.
            let mut letter: Option<(u32, &str)> = None;
            // The previous token, if a word.
            let mut word: Option<(u32, &str)> = None;
            for (at, token) in tokens {
                let here = token.text();
                hits.entry(here).or_default().hit(*field, Some(at));
                let Token::Letter(_) = token else {
                    if let Some((before, first)) = word {
                        if following(before, 3) == Some(at) {
                            adjacent.push(Adjacent {
                                at: before,
                                first,
                                second: here,
                                field: *field,
                            });
                        }
                    }
                    word = Some((at, here));
                    letter = None;
                    continue;
                };
                word = None;
                // A pair is where its first letter is.
                if let Some((first, before)) = letter.filter(|&(before, _)| touching(before, at)) {
                    let pair = joined(text, before, here);
                    hits.entry(pair).or_default().hit(*field, Some(first));
                }
                letter = Some((at, here));
            }
        }
        let prefixes = prefixes_of(&hits);
        let doc = self.documents;
        let words = hits.keys().copied().filter(|term| is_word(term));
        for (doc, pairs) in self.common.article(doc, words, &adjacent) {
            for (key, hits) in pairs {
                self.push(&key, doc, hits);
            }
        }
        for (key, hits) in hits {
            self.push(key, doc, hits);
        }
        for (prefix, score) in prefixes {
            let hits = Hits {
                score,
                positions: Vec::new(),
            };
            self.push(&prefix_key(prefix), doc, hits);
        }
        self.documents += 1;
    }

    /// Adds an article's hits to a term's postings.
    fn push(&mut self, key: &str, doc: u32, hits: Hits) {
        let postings = match self.terms.get_mut(key) {
            Some(postings) => postings,
            None => {
                self.held += key.len() + TERM_OVERHEAD;
                self.terms.entry(key.into()).or_default()
            }
        };
        let before = postings.size();
        postings.push(doc, hits);
        self.held += postings.size() - before;
    }

    /// The index's files (name, bytes) and what the catalog says of them.
    pub fn finish(self) -> (Meta, Vec<(String, Vec<u8>)>) {
        let mut files = Vec::new();
        let meta = self.finish_into(|name, bytes| {
            files.push((name, bytes));
            Ok::<(), Infallible>(())
        });
        match meta {
            Ok(meta) => (meta, files),
            Err(never) => match never {},
        }
    }

    /// The index's files, each handed to `sink` (name, bytes) as soon as it is complete; what
    /// the catalog says of them.
    pub fn finish_into<E>(
        mut self,
        sink: impl FnMut(String, Vec<u8>) -> Result<(), E>,
    ) -> Result<Meta, E> {
        let mut emitter = Emitter::new(sink, self.documents);
        for (key, term) in self.take_sorted() {
            emitter.term(&key, &term, self.is_common(&key))?;
        }
        emitter.finish()
    }

    /// Whether `term` is a common word (see [`CommonWords`]).
    pub(super) fn is_common(&self, term: &str) -> bool {
        self.common.is_common(term)
    }

    /// How many articles were added.
    pub(super) fn documents(&self) -> u32 {
        self.documents
    }

    /// About how many bytes the terms take: their text and postings, and a hash map entry each.
    pub(super) fn held(&self) -> usize {
        self.held
    }

    /// The terms so far in dictionary order, taken: the writer goes on with none.
    pub(super) fn take_sorted(&mut self) -> Vec<(Box<str>, Postings)> {
        self.held = 0;
        let mut terms: Vec<(Box<str>, Postings)> =
            std::mem::take(&mut self.terms).into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        terms
    }
}

impl Postings {
    fn push(&mut self, doc: u32, hits: Hits) {
        put(
            &mut self.docs,
            u64::from(doc - if self.count == 0 { 0 } else { self.last }),
        );
        self.last = doc;
        self.count += 1;
        self.scores.push(hits.score);
        // A short prefix's entry has no positions, nor lengths of them (nothing reads them).
        if hits.positions.is_empty() {
            return;
        }
        let before = self.positions.len();
        let mut last = 0;
        for at in hits.positions {
            put(&mut self.positions, u64::from(at - last));
            last = at;
        }
        put(&mut self.lengths, (self.positions.len() - before) as u64);
    }

    /// Bytes held.
    fn size(&self) -> usize {
        self.docs.len() + self.scores.len() + self.lengths.len() + self.positions.len()
    }

    /// Its encoded parts: article numbers, score bytes (these two the postings stream's),
    /// lengths of positions (the lengths stream's) and positions.
    pub(super) fn parts(&self) -> [&[u8]; 4] {
        [&self.docs, &self.scores, &self.lengths, &self.positions]
    }

    /// Postings read back from their parts (article numbers, scores, lengths, positions).
    pub(super) fn from_parts(count: u32, last: u32, parts: [Vec<u8>; 4]) -> Postings {
        let [docs, scores, lengths, positions] = parts;
        Postings {
            count,
            last,
            docs,
            scores,
            lengths,
            positions,
        }
    }

    /// Appends the postings of later articles. Their first article number is absolute (they
    /// were begun afresh); here it follows this one's last, so it is coded again as the gap.
    pub(super) fn append(&mut self, later: Postings) {
        if self.count == 0 {
            *self = later;
            return;
        }
        let mut numbers = Reader::new(&later.docs);
        let first = numbers.number().unwrap_or(self.last);
        let rest = later
            .docs
            .get(later.docs.len() - numbers.remaining()..)
            .unwrap_or_default();
        put(&mut self.docs, u64::from(first.saturating_sub(self.last)));
        self.docs.extend_from_slice(rest);
        self.scores.extend_from_slice(&later.scores);
        self.lengths.extend_from_slice(&later.lengths);
        self.positions.extend_from_slice(&later.positions);
        self.count += later.count;
        self.last = later.last;
    }
}

impl Hits {
    /// Counts a hit in `field`, at `position` if the term keeps positions.
    pub(super) fn hit(&mut self, field: Field, position: Option<u32>) {
        self.score = scored(self.score, field);
        self.positions.extend(position);
    }
}

/// Whether a term is a word: CJK letters and pairs are terms of their own.
fn is_word(term: &str) -> bool {
    term.chars().next().is_some_and(|c| !is_cjk_letter(c))
}

/// The short prefixes (up to [`PREFIX_LETTERS`] letters) of the words among an article's
/// `hits`, each with one score byte for all the words it begins ([`prefix_score`]).
fn prefixes_of<'a>(hits: &HashMap<&'a str, Hits>) -> HashMap<&'a str, u8> {
    let mut prefixes: HashMap<&str, u8> = HashMap::default();
    for (&term, hits) in hits.iter().filter(|(term, _)| is_word(term)) {
        for (at, c) in term.char_indices().take(PREFIX_LETTERS) {
            let joined = prefixes.entry(&term[..at + c.len_utf8()]).or_insert(0);
            *joined |= prefix_score(hits.score);
        }
    }
    prefixes
}

/// A prefix's score byte from a word's: whether the word is in the title, in a label, and one
/// hit for the rest. A short prefix's entry lists most of a large library, and its hit counts
/// were most of its gzipped bytes; bytes nearly all the same gzip to next to nothing, and a
/// query's first letters need no finer ranking.
fn prefix_score(score: u8) -> u8 {
    score & (TITLE_HIT | LABEL_HIT) | 1
}

/// Two touching slices of `text` as one.
fn joined<'a>(text: &'a str, first: &'a str, second: &'a str) -> &'a str {
    let start = first.as_ptr() as usize - text.as_ptr() as usize;
    text.get(start..start + first.len() + second.len())
        .unwrap_or(first)
}

/// A score byte with one more hit in `field`.
fn scored(score: u8, field: Field) -> u8 {
    match field {
        Field::Title => score | TITLE_HIT,
        Field::Label => score | LABEL_HIT,
        Field::Other if score & OTHER_HITS < OTHER_HITS => score + 1,
        Field::Other => score,
    }
}
