//! Which words are common, and each article's pairs of them (see the module's documentation).
//! The common words are decided on the library's first [`SAMPLE`] articles, so until then
//! their pairs of words are kept, a few bytes each; once the sample is complete, the pairs of
//! common words among them are given back article by article, and every later article's as it
//! comes. Postings go in article order, and no pair term exists before the decision, so the
//! sample's pairs can be added late.

use foldhash::{HashMap, HashSet};

use super::write::{Field, Hits};
use super::{pair_key, COMMON_SHARE, SAMPLE};

/// Two words one separator apart in an article: where the first is, in which field.
#[derive(Clone, Copy, Debug)]
pub(super) struct Adjacent<'a> {
    pub(super) at: u32,
    pub(super) first: &'a str,
    pub(super) second: &'a str,
    pub(super) field: Field,
}

/// An article (by number) and the hits of its pairs of common words, by key.
pub(super) type PairHits = (u32, HashMap<String, Hits>);

/// The words decided common, or the sample they are decided on.
#[derive(Debug)]
pub(super) enum CommonWords {
    Sampling(Sample),
    Decided(HashSet<Box<str>>),
}

/// The first articles' words and pairs of them.
#[derive(Debug, Default)]
pub(super) struct Sample {
    /// Articles to sample.
    size: u32,
    /// Each word seen, numbered.
    numbers: HashMap<Box<str>, u32>,
    /// By number: the word and how many sampled articles have it.
    words: Vec<(Box<str>, u32)>,
    /// Each sampled article's pairs: first and second word by number, where, which field.
    articles: Vec<Vec<(u32, u32, u32, Field)>>,
}

impl Default for CommonWords {
    fn default() -> CommonWords {
        CommonWords::sampling(SAMPLE)
    }
}

impl CommonWords {
    /// Common words to be decided on the first `articles` articles.
    pub(super) fn sampling(articles: u32) -> CommonWords {
        CommonWords::Sampling(Sample {
            size: articles,
            ..Sample::default()
        })
    }

    /// Takes article `doc`'s words (each once) and pairs of them; the pair hits of every
    /// article whose pairs are now known, in article order.
    pub(super) fn article<'a>(
        &mut self,
        doc: u32,
        words: impl Iterator<Item = &'a str>,
        adjacent: &[Adjacent],
    ) -> Vec<PairHits> {
        match self {
            CommonWords::Decided(common) => {
                let pairs = adjacent
                    .iter()
                    .filter(|pair| common.contains(pair.first) && common.contains(pair.second))
                    .map(|pair| (pair_key(pair.first, pair.second), pair.at, pair.field));
                vec![(doc, hits_of(pairs))]
            }
            CommonWords::Sampling(sample) => {
                sample.add(words, adjacent);
                if sample.articles.len() < sample.size as usize {
                    return Vec::new();
                }
                let (common, hits) = std::mem::take(sample).decide();
                *self = CommonWords::Decided(common);
                hits
            }
        }
    }

    /// Whether `word` is common (never before the sample is complete).
    pub(super) fn is_common(&self, word: &str) -> bool {
        matches!(self, CommonWords::Decided(common) if common.contains(word))
    }
}

impl Sample {
    fn add<'a>(&mut self, words: impl Iterator<Item = &'a str>, adjacent: &[Adjacent]) {
        for word in words {
            let number = self.number(word);
            if let Some((_, articles)) = self.words.get_mut(number as usize) {
                *articles += 1;
            }
        }
        let pairs = adjacent
            .iter()
            .map(|pair| {
                let first = self.number(pair.first);
                (first, self.number(pair.second), pair.at, pair.field)
            })
            .collect();
        self.articles.push(pairs);
    }

    fn number(&mut self, word: &str) -> u32 {
        if let Some(&number) = self.numbers.get(word) {
            return number;
        }
        let number = self.words.len() as u32;
        self.numbers.insert(word.into(), number);
        self.words.push((word.into(), 0));
        number
    }

    /// The common words, and the sampled articles' pairs of them.
    fn decide(self) -> (HashSet<Box<str>>, Vec<PairHits>) {
        let common: Vec<bool> = self
            .words
            .iter()
            .map(|&(_, articles)| articles.saturating_mul(COMMON_SHARE) >= self.size)
            .collect();
        let is_common = |number: u32| common.get(number as usize).copied().unwrap_or(false);
        let word = |number: u32| {
            self.words
                .get(number as usize)
                .map_or("", |(word, _)| word.as_ref())
        };
        let hits = (0..)
            .zip(&self.articles)
            .map(|(doc, pairs)| {
                let pairs = pairs
                    .iter()
                    .filter(|&&(first, second, _, _)| is_common(first) && is_common(second))
                    .map(|&(first, second, at, field)| {
                        (pair_key(word(first), word(second)), at, field)
                    });
                (doc, hits_of(pairs))
            })
            .collect();
        let words = (self.words.iter().zip(&common))
            .filter(|(_, &common)| common)
            .map(|((word, _), _)| word.clone())
            .collect();
        (words, hits)
    }
}

/// Pair terms' hits from their occurrences (key, where, which field).
fn hits_of(pairs: impl Iterator<Item = (String, u32, Field)>) -> HashMap<String, Hits> {
    let mut hits: HashMap<String, Hits> = HashMap::default();
    for (key, at, field) in pairs {
        hits.entry(key).or_default().hit(field, Some(at));
    }
    hits
}
