//! Searching the hosted index with the files fetched so far. A search runs in rounds: each
//! either answers or names the files it needs next (dictionary shards, then postings — with,
//! for terms of several tokens, their skips — then those terms' candidates' blocks of
//! positions), which the caller fetches and hands back. Running a round again costs little
//! next to a fetch, so nothing else is kept.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::{Range, RangeInclusive};

use super::decode::{
    decode_numbers, decode_postings, decode_skips, nth_positions, read_shard, Entry, Postings,
};
use super::lists::{among, intersect, summed, Located, DENSE_SHARE};
use super::{
    is_dictionary, pair_key, prefix_key, stream_file, terms_file, Meta, Stream, PREFIX_LETTERS,
    PREFIX_MARK,
};
use crate::search::index::Found;
use crate::search::query::{Query, Term, TermKind};
use crate::search::tokens::{following, tokens, touching, Token};

/// The index's files fetched so far, by name.
pub trait Files {
    fn file(&self, name: &str) -> Option<&[u8]>;
}

impl Files for std::collections::HashMap<String, Vec<u8>> {
    fn file(&self, name: &str) -> Option<&[u8]> {
        self.get(name).map(Vec::as_slice)
    }
}

/// A round's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The matching articles by number, in order, with their scores.
    Found(Vec<Found>),
    /// Files to fetch before the next round.
    Need(BTreeSet<String>),
}

/// Why the index cannot be read, as a reader is told: a file of it that is not as its format
/// says (named), or a catalog naming a version this code does not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable(pub String);

impl Unreadable {
    fn file(name: &str) -> Unreadable {
        Unreadable(format!("{name} is not a Lectern search index file"))
    }
}

/// One round of a search for `query`; `None` for a query with no terms.
///
/// `files` is a trait object so this code is compiled once, with the engine's optimizations,
/// rather than in each caller (a debug build's caller made it ten times slower).
pub fn search(
    meta: &Meta,
    query: &Query,
    files: &dyn Files,
) -> Result<Option<Outcome>, Unreadable> {
    if meta.version != super::VERSION {
        return Err(Unreadable(format!(
            "the library's search index is version {}, and this Lectern reads version {}; \
             index the library again (cargo xtask index)",
            meta.version,
            super::VERSION
        )));
    }
    if query.terms.is_empty() {
        return Ok(None);
    }
    let mut round = Round {
        meta,
        files,
        need: BTreeSet::new(),
        shards: Vec::new(),
    };
    // First each term's tokens in the dictionary, then what they could match, by postings
    // alone.
    let mut plans = Vec::new();
    for term in &query.terms {
        plans.push(round.plan(term)?);
    }
    if round.need.iter().any(|name| is_dictionary(name)) {
        return Ok(Some(Outcome::Need(round.need)));
    }
    let rarest = rarest(&plans);
    for (p, plan) in plans.iter_mut().enumerate() {
        let mut candidates: Option<Vec<(u32, u32)>> = None;
        for (n, entries) in plan.narrowing.iter().enumerate() {
            let matched = round.union(entries, rarest != Some((p, n)))?;
            candidates = Some(match candidates {
                None => matched,
                Some(so_far) => intersect(&so_far, &matched),
            });
        }
        plan.candidates = candidates.unwrap_or_default();
    }
    if !round.need.is_empty() {
        return Ok(Some(Outcome::Need(round.need)));
    }
    let included: Vec<&Plan> = plans.iter().filter(|p| !p.excluded).collect();
    let mut total: Option<Vec<(u32, u32)>> = None;
    for plan in &included {
        total = Some(match total {
            None => plan.candidates.clone(),
            Some(total) => intersect(&total, &plan.candidates),
        });
    }
    let within: Vec<u32> = match &total {
        Some(total) => total.iter().map(|&(doc, _)| doc).collect(),
        None => (0..meta.documents).collect(),
    };
    // Then the positions of what is left, for terms of several tokens. Where every term is of
    // one token, its candidates are its matches, and their intersection is the answer: a
    // million articles' "other ex" went over "ex"'s 350 000 twice more to find it again.
    let all_exact = included.iter().all(|plan| plan.exact);
    let mut confirmed = Vec::new();
    for plan in &plans {
        confirmed.push(if plan.excluded || !all_exact {
            round.confirm(plan, &within)?
        } else {
            Vec::new()
        });
    }
    if !round.need.is_empty() {
        return Ok(Some(Outcome::Need(round.need)));
    }
    let mut result: Vec<(u32, u32)> = match total {
        Some(total) if all_exact => total,
        Some(_) => {
            let mut result: Option<Vec<(u32, u32)>> = None;
            for (plan, matched) in plans.iter().zip(&confirmed) {
                if !plan.excluded {
                    result = Some(match result {
                        None => matched.clone(),
                        Some(result) => intersect(&result, matched),
                    });
                }
            }
            result.unwrap_or_default()
        }
        None => within.iter().map(|&doc| (doc, 1)).collect(),
    };
    for (plan, matched) in plans.iter().zip(&confirmed) {
        if plan.excluded {
            let mut out: Vec<u32> = matched.iter().map(|&(doc, _)| doc).collect();
            out.sort_unstable();
            result.retain(|(doc, _)| out.binary_search(doc).is_err());
        }
    }
    Ok(Some(Outcome::Found(
        result
            .into_iter()
            .map(|(doc, score)| Found { doc, score })
            .collect(),
    )))
}

/// The query's rarest token (by its articles), as (term, token of those narrowing it), among
/// the terms not excluded: its scores rank the matches (a title hit of the query is one of its
/// rarest token's), and every other token narrows them by its article numbers alone, which a
/// common one has apart from its scores. A million articles' "other ex" read 350 000 articles'
/// scores of "other" that the rarer "ex…" ranks as well.
fn rarest(plans: &[Plan]) -> Option<(usize, usize)> {
    let tokens = plans.iter().enumerate().filter(|(_, plan)| !plan.excluded);
    tokens
        .flat_map(|(p, plan)| {
            let counts = plan
                .narrowing
                .iter()
                .map(|entries| entries.iter().map(|e| e.count));
            counts
                .enumerate()
                .map(move |(n, counts)| ((p, n), counts.sum::<u32>()))
        })
        .min_by_key(|&(_, count)| count)
        .map(|(at, _)| at)
}

/// A term read against the dictionary: its tokens, what each matches, and the articles that
/// may contain it (all of its tokens), with scores.
struct Plan {
    excluded: bool,
    /// Each token's distance from the first and its terms (several for a typed prefix).
    tokens: Vec<(u32, Vec<Entry>)>,
    /// What narrows the candidates: each word, each CJK pair of a run, each lone letter.
    narrowing: Vec<Vec<Entry>>,
    candidates: Vec<(u32, u32)>,
    /// Whether the candidates are the answer (one token, or a lone CJK pair).
    exact: bool,
}

struct Round<'a> {
    meta: &'a Meta,
    files: &'a dyn Files,
    need: BTreeSet<String>,
    /// The dictionary shards read so far, by number: a query's words, their pairs and whether
    /// each is common are looked up in the same few shards (a few: a list is enough).
    shards: Vec<(usize, Vec<(String, Entry)>)>,
}

impl<'a> Round<'a> {
    fn plan(&mut self, term: &Term) -> Result<Plan, Unreadable> {
        let text = term.text.as_str();
        let tokens = tokens(text);
        // The last word of an unquoted term may be the start of a longer one.
        let open_end = matches!(term.kind, TermKind::Prefix | TermKind::Exact);
        let last = tokens.len().saturating_sub(1);
        // What confirms a match on positions: each word, the pairs covering each run of touching
        // CJK letters (a pair's positions are far fewer than its letters'), each lone letter.
        let mut planned = Vec::new();
        // What narrows the candidates: each word, each CJK pair of a run, each lone letter.
        let mut narrowing: Vec<Vec<Entry>> = Vec::new();
        let runs = letter_runs(&tokens);
        let pairs = self.word_pairs(&tokens, open_end)?;
        let paired = |n: usize| matches!(pairs.get(n), Some(Some(_)));
        for (n, &(at, token)) in tokens.iter().enumerate() {
            match token {
                // A word of a pair of common words is read on the pair (or pairs) instead.
                Token::Word(_) if paired(n) || n.checked_sub(1).is_some_and(paired) => {
                    let Some(Some(entries)) = pairs.get(n) else {
                        continue;
                    };
                    // Every other pair of a run of them covers it, and its last pair the odd
                    // word, as with CJK letters.
                    let start = (0..=n).rev().take_while(|&m| paired(m)).last().unwrap_or(n);
                    if (n - start) % 2 == 0 || !paired(n + 1) {
                        planned.push((at, entries.clone()));
                    }
                    narrowing.push(entries.clone());
                }
                Token::Word(word) => {
                    let entries = if open_end && n == last {
                        // A short prefix alone has an entry of its own (with no positions,
                        // which a term of several tokens needs).
                        if tokens.len() == 1 && word.chars().count() <= PREFIX_LETTERS {
                            self.exact(&prefix_key(word))?
                        } else {
                            self.prefixed(word)?
                        }
                    } else {
                        self.exact(word)?
                    };
                    narrowing.push(entries.clone());
                    planned.push((at, entries));
                }
                Token::Letter(letter) => {
                    let run = runs
                        .iter()
                        .find(|run| run.contains(&n))
                        .cloned()
                        .unwrap_or(n..n + 1);
                    if run.len() == 1 {
                        let entries = self.exact(letter)?;
                        narrowing.push(entries.clone());
                        planned.push((at, entries));
                    } else if n + 1 < run.end {
                        let next = tokens.get(n + 1).map_or("", |(_, t)| t.text());
                        let entries = self.exact(&format!("{letter}{next}"))?;
                        // Every other pair covers the run, and its last pair the odd letter.
                        if (n - run.start) % 2 == 0 || n + 2 == run.end {
                            planned.push((at, entries.clone()));
                        }
                        narrowing.push(entries);
                    }
                }
            }
        }
        let lone_pair = tokens.len() == 2 && narrowing.len() == 1;
        let exact = tokens.len() <= 1 || lone_pair;
        if !exact {
            // Asked for now, so the positions can be asked for in the next round (decoded
            // when they are).
            for entries in planned.iter().map(|(_, entries)| entries) {
                for entry in entries {
                    self.want(Stream::Postings, &entry.numbers());
                    self.want(Stream::Skips, &entry.skips);
                }
            }
        }
        Ok(Plan {
            excluded: term.excluded,
            exact,
            tokens: planned,
            narrowing,
            candidates: Vec::new(),
        })
    }

    /// The articles of `plan` among `within`, confirmed on positions where it needs them.
    fn confirm(&mut self, plan: &Plan, within: &[u32]) -> Result<Vec<(u32, u32)>, Unreadable> {
        let candidates = among(&plan.candidates, within);
        if plan.exact || candidates.is_empty() {
            return Ok(candidates);
        }
        let mut tokens = Vec::new();
        for (at, entries) in &plan.tokens {
            let mut decoded = Vec::new();
            for entry in entries {
                if let Some(located) = self.located(entry)? {
                    decoded.push(located);
                }
            }
            tokens.push((*at, decoded));
        }
        let mut confirmed = Vec::new();
        for &(doc, score) in &candidates {
            let mut sets = Vec::new();
            for (at, decoded) in &mut tokens {
                let mut positions = Vec::new();
                for located in decoded {
                    if let Some((block, nth)) = located.seek(doc) {
                        if let Some(bytes) = self.stream(Stream::Positions, block)? {
                            let found = nth_positions(&bytes, nth);
                            positions.extend(found.ok_or_else(|| self.unreadable())?);
                        }
                    }
                }
                positions.sort_unstable();
                sets.push((*at, positions));
            }
            // The first token is at distance 0: each of its places is a start to try.
            let Some(((_, first), rest)) = sets.split_first() else {
                continue;
            };
            let found = first.iter().any(|&p| {
                rest.iter().all(|(at, set)| {
                    following(p, *at).is_some_and(|q| set.binary_search(&q).is_ok())
                })
            });
            if found {
                confirmed.push((doc, score));
            }
        }
        Ok(confirmed)
    }

    /// For each token, the entry of the pair of it and the next if both are common words one
    /// separator apart (none if they never are); `None` where they are not. The last word of
    /// an open term is no word of a pair: it may begin a longer one.
    fn word_pairs(
        &mut self,
        tokens: &[(u32, Token)],
        open_end: bool,
    ) -> Result<Vec<Option<Vec<Entry>>>, Unreadable> {
        let mut pairs = Vec::new();
        for (n, window) in tokens.windows(2).enumerate() {
            let [(at, Token::Word(first)), (next, Token::Word(second))] = window else {
                pairs.push(None);
                continue;
            };
            if (open_end && n + 2 == tokens.len()) || following(*at, 3) != Some(*next) {
                pairs.push(None);
                continue;
            }
            // Asked for with the words' entries (pairs are a block of the dictionary: its
            // shard is another), so that knowing whether they are common costs no round.
            let pair = self.exact(&pair_key(first, second))?;
            let common = self.is_common(first)? && self.is_common(second)?;
            pairs.push(common.then_some(pair));
        }
        Ok(pairs)
    }

    /// Whether `word` is a common word of the index.
    fn is_common(&mut self, word: &str) -> Result<bool, Unreadable> {
        Ok(matches!(self.exact(word)?.as_slice(), [entry] if entry.common))
    }

    /// The entry of one term, if the index has it.
    fn exact(&mut self, key: &str) -> Result<Vec<Entry>, Unreadable> {
        let shard = self.shard_of(key);
        Ok(self
            .shard(shard)?
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, e)| e.clone())
            .collect())
    }

    /// The entries of every term beginning with `prefix`.
    fn prefixed(&mut self, prefix: &str) -> Result<Vec<Entry>, Unreadable> {
        let mut entries = Vec::new();
        let mut shard = self.shard_of(prefix);
        loop {
            entries.extend(
                self.shard(shard)?
                    .iter()
                    .filter(|(k, _)| k.starts_with(prefix) && !k.ends_with(PREFIX_MARK))
                    .map(|(_, e)| e.clone()),
            );
            shard += 1;
            match self.meta.terms.get(shard) {
                Some(first) if first.starts_with(prefix) => continue,
                _ => break,
            }
        }
        Ok(entries)
    }

    /// Which shard holds `key` (or would).
    fn shard_of(&self, key: &str) -> usize {
        self.meta
            .terms
            .partition_point(|first| first.as_str() <= key)
            .saturating_sub(1)
    }

    /// A dictionary shard's terms; none yet if it is still to be fetched.
    fn shard(&mut self, shard: usize) -> Result<&[(String, Entry)], Unreadable> {
        if shard >= self.meta.terms.len() {
            return Ok(&[]);
        }
        let at = match self.shards.iter().position(|(read, _)| *read == shard) {
            Some(at) => at,
            None => {
                let name = terms_file(shard);
                let Some(bytes) = self.files.file(&name) else {
                    self.need.insert(name);
                    return Ok(&[]);
                };
                let terms = read_shard(bytes, self.meta.documents)
                    .ok_or_else(|| Unreadable::file(&name))?;
                self.shards.push((shard, terms));
                self.shards.len() - 1
            }
        };
        Ok(self
            .shards
            .get(at)
            .map_or(&[], |(_, terms)| terms.as_slice()))
    }

    /// Articles with any of `entries`, in order, their scores summed; or, `numbered` and where
    /// their entries have them apart, by their article numbers alone, each weighing 1.
    fn union(&mut self, entries: &[Entry], numbered: bool) -> Result<Vec<(u32, u32)>, Unreadable> {
        let numbered = numbered && entries.iter().all(|entry| entry.numbers.is_some());
        let mut lists = Vec::new();
        for entry in entries {
            if numbered {
                lists.extend(self.numbers(entry)?.map(|docs| Postings {
                    scores: vec![0; docs.len()],
                    docs,
                }));
            } else {
                lists.extend(self.postings(entry)?);
            }
        }
        let total: usize = lists.iter().map(|postings| postings.docs.len()).sum();
        let dense = total > self.meta.documents as usize / DENSE_SHARE;
        Ok(summed(&lists, self.meta.documents, dense))
    }

    /// An entry's article numbers (read apart from its scores where it can be); `None` while a
    /// file of them is to be fetched.
    fn numbers(&mut self, entry: &Entry) -> Result<Option<Vec<u32>>, Unreadable> {
        let Some(bytes) = self.stream(Stream::Postings, entry.numbers())? else {
            return Ok(None);
        };
        decode_numbers(&bytes, entry, self.meta.documents)
            .map(Some)
            .ok_or_else(|| self.unreadable())
    }

    /// An entry's postings; `None` while a file of them is to be fetched.
    fn postings(&mut self, entry: &Entry) -> Result<Option<Postings>, Unreadable> {
        let Some(bytes) = self.stream(Stream::Postings, entry.postings.clone())? else {
            return Ok(None);
        };
        decode_postings(&bytes, entry, self.meta.documents)
            .map(Some)
            .ok_or_else(|| self.unreadable())
    }

    /// An entry's articles and where their blocks of positions are; `None` while a file of
    /// its article numbers or skips is to be fetched (both are asked for at once).
    fn located(&mut self, entry: &Entry) -> Result<Option<Located>, Unreadable> {
        let docs = self.numbers(entry)?;
        let skips = self.stream(Stream::Skips, entry.skips.clone())?;
        let (Some(docs), Some(skips)) = (docs, skips) else {
            return Ok(None);
        };
        decode_skips(&skips, entry)
            .map(|blocks| {
                Some(Located {
                    docs,
                    blocks,
                    next: 0,
                })
            })
            .ok_or_else(|| self.unreadable())
    }

    /// The files (by number) a range of a stream is in; `None` for an empty range.
    fn chunks(&self, stream: Stream, range: &Range<usize>) -> Option<RangeInclusive<usize>> {
        let chunk = self.meta.chunk_of(stream);
        (!range.is_empty() && chunk > 0).then(|| range.start / chunk..=(range.end - 1) / chunk)
    }

    /// Asks for the files of a range of a stream that are not fetched yet.
    fn want(&mut self, stream: Stream, range: &Range<usize>) {
        let Some(chunks) = self.chunks(stream, range) else {
            return;
        };
        for n in chunks {
            let name = stream_file(stream, n);
            if self.files.file(&name).is_none() {
                self.need.insert(name);
            }
        }
    }

    /// A range of a stream, from its files (borrowed when it is within one, as a candidate's
    /// block of positions nearly always is); `None` while any of them is to be fetched.
    fn stream(
        &mut self,
        stream: Stream,
        range: Range<usize>,
    ) -> Result<Option<Cow<'a, [u8]>>, Unreadable> {
        let chunk = self.meta.chunk_of(stream);
        let Some(chunks) = self.chunks(stream, &range) else {
            return Ok(Some(Cow::Borrowed(&[])));
        };
        let mut bytes = Vec::new();
        let mut missing = false;
        for n in chunks.clone() {
            let name = stream_file(stream, n);
            match self.files.file(&name) {
                Some(file) if !missing => {
                    let from = range.start.max(n * chunk) - n * chunk;
                    let to = range.end.min((n + 1) * chunk) - n * chunk;
                    let part = file.get(from..to).ok_or_else(|| Unreadable::file(&name))?;
                    if chunks.start() == chunks.end() {
                        return Ok(Some(Cow::Borrowed(part)));
                    }
                    bytes.extend_from_slice(part);
                }
                Some(_) => {}
                None => {
                    missing = true;
                    self.need.insert(name);
                }
            }
        }
        Ok((!missing).then_some(Cow::Owned(bytes)))
    }

    fn unreadable(&self) -> Unreadable {
        Unreadable("the search index's postings are not as Lectern writes them".to_owned())
    }
}

/// The runs of touching CJK letters among `tokens`, as ranges of their places.
fn letter_runs(tokens: &[(u32, Token)]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut previous: Option<u32> = None;
    for (n, &(at, token)) in tokens.iter().enumerate() {
        if !matches!(token, Token::Letter(_)) {
            previous = None;
            continue;
        }
        match runs.last_mut() {
            Some(run) if previous.is_some_and(|p| touching(p, at)) && run.end == n => {
                run.end = n + 1;
            }
            _ => runs.push(n..n + 1),
        }
        previous = Some(at);
    }
    runs
}
