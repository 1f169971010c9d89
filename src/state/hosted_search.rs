//! The hosted library's search index as the state sees it: what the catalog says of it, each
//! hosted article's document (by catalog number), and the index's answer to the latest query,
//! which an effect fetches (`effects/hosted_search.rs`) and the list merges with the in-memory
//! index's answer for the reader's own files.

use std::ops::Range;
use std::rc::Rc;

use articles::search::hosted::Meta;
use articles::search::{DocId, Found};

/// Where a search of the hosted index stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HostedSearch {
    /// The index, when the catalog has one.
    meta: Option<Rc<Meta>>,
    /// The search index's document of each hosted article, by catalog number: `None` while its
    /// shard is not listed, `DocId::MAX` for one listed but not in the index.
    docs: Rc<Vec<Option<DocId>>>,
    /// The answer to a query (as typed), by catalog numbers, or why it could not be had.
    answer: Option<Rc<(String, Answer)>>,
}

/// The index's matches by catalog number, or why there are none.
type Answer = Result<Vec<Found>, String>;

/// What the hosted index adds to a search.
#[derive(Clone, Debug, PartialEq)]
pub enum HostedAnswer<'a> {
    /// No index, or no query: titles, labels and excerpts are all there is.
    None,
    /// Still being fetched.
    Pending,
    /// The index's matches listed so far, as documents of the in-memory index, in order.
    Found(Vec<Found>),
    /// The index could not be read: why.
    Failed(&'a str),
}

impl HostedSearch {
    pub(super) fn set_meta(&mut self, meta: Option<Meta>) {
        self.meta = meta.map(Rc::new);
        self.answer = None;
    }

    /// Hosted articles were listed as these documents, from catalog number `first` on.
    pub(super) fn listed(&mut self, first: usize, docs: Vec<DocId>) {
        let all = Rc::make_mut(&mut self.docs);
        if all.len() < first + docs.len() {
            all.resize(first + docs.len(), None);
        }
        for (slot, doc) in all[first..].iter_mut().zip(docs) {
            *slot = Some(doc);
        }
    }

    /// Whether the index's answer to `query` found any of the catalog numbers `numbers`.
    pub(super) fn found_among(&self, query: &str, numbers: Range<usize>) -> bool {
        self.answer_to(query)
            .and_then(|answer| answer.as_ref().ok())
            .is_some_and(|found| found.iter().any(|f| numbers.contains(&(f.doc as usize))))
    }

    /// The catalog numbers the index found for `query` that are not listed yet (their shards
    /// not fetched), in catalog order, when it has answered.
    pub fn unlisted(&self, query: &str) -> Option<impl Iterator<Item = usize> + '_> {
        let found = self.answer_to(query)?.as_ref().ok()?;
        Some(
            found
                .iter()
                .map(|f| f.doc as usize)
                .filter(|&n| self.docs.get(n).copied().flatten().is_none()),
        )
    }

    /// The index and the query to search it for, while the answer for `query` is missing.
    pub fn wanted(&self, query: &str) -> Option<(Rc<Meta>, String)> {
        let meta = self.meta.as_ref()?;
        let asked = !query.trim().is_empty() && self.answer_to(query).is_none();
        asked.then(|| (meta.clone(), query.to_owned()))
    }

    /// The index answered `query` (by catalog numbers).
    pub(super) fn answered(&mut self, query: String, result: Answer) {
        self.answer = Some(Rc::new((query, result)));
    }

    fn answer_to(&self, query: &str) -> Option<&Answer> {
        self.answer
            .as_deref()
            .filter(|(asked, _)| asked == query)
            .map(|(_, result)| result)
    }

    /// What the index has to say of `query`.
    pub fn answer(&self, query: &str) -> HostedAnswer<'_> {
        if self.meta.is_none() || query.trim().is_empty() {
            return HostedAnswer::None;
        }
        match self.answer_to(query) {
            None => HostedAnswer::Pending,
            // Articles of shards not listed yet join if they are.
            Some(Ok(found)) => {
                let mut found: Vec<Found> = found
                    .iter()
                    .filter_map(|f| {
                        let doc = self.docs.get(f.doc as usize).copied().flatten()?;
                        (doc != DocId::MAX).then_some(Found { doc, ..*f })
                    })
                    .collect();
                found.sort_unstable_by_key(|f| f.doc);
                HostedAnswer::Found(found)
            }
            Some(Err(reason)) => HostedAnswer::Failed(reason),
        }
    }
}
