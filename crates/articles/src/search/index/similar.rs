//! Articles whose words are like an article's: the text half of "related articles", read off
//! the postings the index already keeps (no second index).
//!
//! An article's distinctive terms are its words and CJK letter pairs weighted by tf-idf, the
//! commonest (in more than a fifth of the library, or than [`MAX_POSTINGS`] articles: "the",
//! "的是") left out as they say nothing and cost a pass over most postings. Another article's
//! likeness is the share of that weight it holds too, so it reads as a fraction (0 to 1).

use foldhash::{HashMap, HashMapExt};

use super::{is_cjk_letter, is_word_char, pair_key, DocId, SearchIndex, TermId};
use crate::connections::best;

/// Terms of an article compared with the rest, at most: its most distinctive.
const TERMS: usize = 24;
/// Terms in more articles than this are passed over: comparing costs their postings' length.
const MAX_POSTINGS: usize = 2_000;

/// An article like another, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Similar {
    pub doc: DocId,
    /// The share of the article's distinctive weight this one shares, 0 to 1.
    pub likeness: f32,
    /// The shared words, most distinctive first (at most three), in canonical form. CJK
    /// letter pairs count in the likeness but are not shown: many straddle two words (`个分`).
    pub terms: Vec<String>,
}

impl SearchIndex {
    /// The articles most like `doc` by their words, best first, at most `limit`.
    pub fn similar(&self, doc: DocId, limit: usize) -> Vec<Similar> {
        let Some(text) = self.docs.get(doc as usize).filter(|d| d.live).map(|d| {
            // Labels and body: the title's words are mostly in the body too.
            d.text.get(d.labels_at..).unwrap_or_default()
        }) else {
            return Vec::new();
        };
        let live = self.len().max(1) as f32;
        let most = (self.len() / 5).clamp(2, MAX_POSTINGS);
        let weighted = self
            .term_counts(text)
            .into_iter()
            .filter_map(|(term, (text, count))| {
                let postings = self.postings.of(Some(term)).len();
                (2..=most).contains(&postings).then(|| {
                    let idf = (live / postings as f32).ln().max(0.0);
                    (term, text, (1.0 + (count as f32).ln()) * idf)
                })
            });
        // Ties go to the term seen first (numbered first), whatever the hash order.
        let terms = best(weighted, TERMS, |a, b| (a.2, b.0) > (b.2, a.0));
        let whole: f32 = terms.iter().map(|t| t.2).sum();
        if whole <= 0.0 {
            return Vec::new();
        }
        let mut shared: HashMap<DocId, (f32, Vec<usize>)> = HashMap::new();
        for (rank, (term, _, weight)) in terms.iter().enumerate() {
            for hit in self.postings.of(Some(*term)) {
                let live = self.docs.get(hit.doc as usize).is_some_and(|d| d.live);
                if hit.doc != doc && live {
                    let entry = shared.entry(hit.doc).or_default();
                    entry.0 += weight;
                    entry.1.push(rank);
                }
            }
        }
        let similar = shared.into_iter().map(|(other, (weight, ranks))| Similar {
            doc: other,
            likeness: weight / whole,
            terms: ranks
                .iter()
                .map(|&r| &terms[r].1)
                .filter(|term| !term.chars().any(is_cjk_letter))
                .take(3)
                .cloned()
                .collect(),
        });
        // Ties go to the earlier article, whatever the hash order.
        best(similar, limit, |a, b| {
            (a.likeness, b.doc) > (b.likeness, a.doc)
        })
    }

    /// Each indexed term of `text` (canonical) with its text and how often it occurs: its
    /// words, and its CJK letter pairs (single letters say too little).
    fn term_counts(&self, text: &str) -> HashMap<TermId, (String, u32)> {
        let mut counts: HashMap<TermId, (String, u32)> = HashMap::new();
        let mut count = |term: Option<TermId>, text: &str| {
            if let Some(term) = term {
                counts.entry(term).or_insert_with(|| (text.to_owned(), 0)).1 += 1;
            }
        };
        for word in text.split(|c: char| !is_word_char(c)) {
            // Letters and digits only: shorter words, numbers and lone letters say little.
            if word.chars().count() >= 3 && !word.bytes().all(|b| b.is_ascii_digit()) {
                count(self.words.get(word), word);
            }
        }
        let mut previous: Option<(usize, char)> = None;
        for (at, c) in text.char_indices() {
            if !is_cjk_letter(c) {
                previous = None;
                continue;
            }
            if let Some((start, p)) = previous {
                let pair = text.get(start..at + c.len_utf8()).unwrap_or_default();
                count(self.pairs.get(&pair_key(p, c)).copied(), pair);
            }
            previous = Some((at, c));
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use crate::search::{Document, SearchIndex};

    fn index(bodies: &[(&str, &str)]) -> SearchIndex {
        let mut index = SearchIndex::new();
        for (id, body) in bodies {
            index.add(&Document {
                id,
                body,
                ..Document::default()
            });
        }
        index
    }

    #[test]
    fn the_article_sharing_rare_words_comes_first() {
        let index = index(&[
            ("a", "the gardener prunes roses and tulips in spring"),
            ("b", "roses and tulips need a gardener"),
            ("c", "the train leaves the station in spring"),
            ("d", "the station clock"),
            ("e", "nothing alike here at all"),
            ("f", "the end"),
        ]);
        let a = index.doc("a").unwrap_or_default();
        let similar = index.similar(a, 5);
        let ids: Vec<&str> = similar.iter().map(|s| index.id(s.doc)).collect();
        assert_eq!(ids.first(), Some(&"b"), "{similar:?}");
        assert!(!ids.contains(&"a") && !ids.contains(&"e"));
        assert!(similar[0].likeness > 0.5 && similar[0].likeness <= 1.0);
        assert!(similar[0].terms.contains(&"gardener".to_owned()));
    }

    #[test]
    fn chinese_text_is_compared_by_letter_pairs() {
        let index = index(&[
            ("a", "脱贫群众就业增收，稳岗就业"),
            ("b", "群众就业是民生之本"),
            ("c", "今天天气很好"),
            ("d", "天气预报"),
            ("e", "其他内容"),
            ("f", "别的文章"),
        ]);
        let similar = index.similar(index.doc("a").unwrap_or_default(), 5);
        assert_eq!(similar.first().map(|s| index.id(s.doc)), Some("b"));
        assert!(similar[0].likeness > 0.3, "{similar:?}");
        assert!(
            similar[0].terms.is_empty(),
            "pairs are not shown: {similar:?}"
        );
    }

    #[test]
    fn removed_and_unknown_articles_have_no_likes() {
        let mut index = index(&[("a", "rare words"), ("b", "rare words")]);
        index.remove("b");
        assert!(index.similar(0, 5).is_empty());
        assert!(index.similar(99, 5).is_empty());
    }
}
