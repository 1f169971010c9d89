//! Every term's postings (the articles that have it, each with a score), and the counting of
//! an article's hits as it is added.

use super::{DocId, Found, TermId};

/// Hits counted in the rest of an article, at most.
const REST_HITS: u32 = 999;

/// Every term's postings, and an article's hits as it is added.
#[derive(Debug, Default)]
pub(super) struct Postings {
    /// The articles with each term, in document order.
    lists: Vec<List>,
    /// Each term's [`Lead`], if it is a word that has one.
    leads: Vec<Option<Lead>>,
    /// For each lead, the articles with words that start with it, each scored as the sum of
    /// those words' scores: what a one-letter prefix finds. The first key typed matches most
    /// of a library, and summing the postings of every word it begins (a fifth of the words
    /// and postings of a library of 100 000) was most of that keystroke.
    by_lead: Vec<Vec<Found>>,
    /// The hits of each term in the article being added (`(0, 0)`: none yet), kept by term
    /// number so counting one is an array index, not a hash lookup; emptied after each article.
    hits: Vec<(u32, u32)>,
    /// The terms with hits in the article being added.
    touched: Vec<TermId>,
}

/// The first letter of a word, an ASCII letter or digit (words are in canonical form, so
/// lowercase), as an index into [`Postings::by_lead`].
pub(super) type Lead = u8;

/// The lead of a word, if it has one.
pub(super) fn lead(word: &str) -> Option<Lead> {
    let &first = word.as_bytes().first()?;
    first.is_ascii_alphanumeric().then_some(first)
}

/// The lead a prefix of one letter is (as typed, in canonical form).
pub(super) fn letter(prefix: &str) -> Option<Lead> {
    (prefix.len() == 1).then(|| lead(prefix)).flatten()
}

impl Postings {
    /// The postings of a term (none for `None`, a term not in the index).
    pub(super) fn of(&self, term: Option<TermId>) -> &[Found] {
        term.and_then(|t| self.lists.get(t as usize))
            .map_or(&[], List::as_slice)
    }

    /// The articles with words that start with `lead`, each with their words' scores summed.
    pub(super) fn of_lead(&self, lead: Lead) -> &[Found] {
        self.by_lead
            .get(usize::from(lead))
            .map_or(&[], Vec::as_slice)
    }

    /// Numbers a new term, a word led by `lead` or none.
    pub(super) fn new_term(&mut self, lead: Option<Lead>) -> TermId {
        let term = TermId::try_from(self.lists.len()).unwrap_or(TermId::MAX);
        self.lists.push(List::Empty);
        self.leads.push(lead);
        self.hits.push((0, 0));
        term
    }

    /// Counts a hit of `term` in the article being added.
    pub(super) fn hit(&mut self, term: TermId, weight: u32) {
        if let Some(hits) = self.hits.get_mut(term as usize) {
            if *hits == (0, 0) {
                self.touched.push(term);
            }
            add_hit(hits, weight);
        }
    }

    /// Adds the article `doc` to the postings of the terms it has (and of their leads), and
    /// forgets its hits.
    pub(super) fn close(&mut self, doc: DocId) {
        // Scored as a prefix's matching adds its words' postings up.
        let mut by_lead = [0_u32; 128];
        for term in self.touched.drain(..) {
            let at = term as usize;
            if let (Some(hits), Some(list)) = (self.hits.get_mut(at), self.lists.get_mut(at)) {
                let hit = found(doc, std::mem::take(hits));
                list.push(hit);
                if let Some(score) = self
                    .leads
                    .get(at)
                    .copied()
                    .flatten()
                    .and_then(|lead| by_lead.get_mut(usize::from(lead)))
                {
                    *score = score.saturating_add(hit.score.max(1));
                }
            }
        }
        for (lead, &score) in by_lead.iter().enumerate().filter(|(_, &s)| s > 0) {
            if self.by_lead.len() <= lead {
                self.by_lead.resize_with(lead + 1, Vec::new);
            }
            if let Some(list) = self.by_lead.get_mut(lead) {
                list.push(Found { doc, score });
            }
        }
    }
}

/// One term's postings. Most terms are in one article (a library's pairs of CJK letters
/// most of all): that one is kept in place, not in an allocation of its own.
#[derive(Debug)]
enum List {
    Empty,
    One(Found),
    Many(Vec<Found>),
}

impl List {
    fn as_slice(&self) -> &[Found] {
        match self {
            List::Empty => &[],
            List::One(found) => std::slice::from_ref(found),
            List::Many(list) => list,
        }
    }

    fn push(&mut self, hit: Found) {
        match self {
            List::Empty => *self = List::One(hit),
            List::One(first) => *self = List::Many(vec![*first, hit]),
            List::Many(list) => list.push(hit),
        }
    }
}

/// Counts a hit: `(weighted hits in title and labels, hits elsewhere)`.
pub(super) fn add_hit(hits: &mut (u32, u32), weight: u32) {
    if weight > 1 {
        hits.0 = hits.0.saturating_add(weight);
    } else {
        hits.1 = hits.1.saturating_add(1);
    }
}

pub(super) fn found(doc: DocId, (weighted, rest): (u32, u32)) -> Found {
    Found {
        doc,
        score: weighted.saturating_add(rest.min(REST_HITS)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terms_postings_stay_in_document_order_as_it_grows_past_one() {
        let mut postings = Postings::default();
        let term = postings.new_term(lead("map"));
        let never = postings.new_term(None);
        for doc in 0..4 {
            postings.hit(term, 1);
            postings.hit(term, if doc == 2 { 1_000 } else { 1 });
            postings.close(doc);
            let docs: Vec<DocId> = postings.of(Some(term)).iter().map(|f| f.doc).collect();
            assert_eq!(docs, (0..=doc).collect::<Vec<_>>());
        }
        let scores: Vec<u32> = postings.of(Some(term)).iter().map(|f| f.score).collect();
        assert_eq!(scores, [2, 2, 1_001, 2]);
        assert_eq!(postings.of_lead(b'm'), postings.of(Some(term)));
        assert!(postings.of(Some(never)).is_empty());
        assert!(postings.of(None).is_empty());
    }
}
