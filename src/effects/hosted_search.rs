//! Searching the hosted library's index: the files a query needs are fetched a round at a time
//! (all of a round at once) and kept for the next queries, then the answer is dispatched. A
//! search the reader has typed past stops between rounds. A costly one (a letter or two of a
//! word) being typed fetches its dictionary shards at once, small and wanted by the next keys
//! too, and the rest only after a pause in the typing (the pause and the dictionary's round
//! trip overlap), unless the rest is a few files, as in all but the largest libraries. A query
//! that comes whole (pasted, from a link, Back) is complete: it is searched without a pause.
//!
//! The search box starts a search as its key arrives ([`Searches::start`]), ahead of drawing
//! the list: the app's renderer yields to the browser after 16 ms of work, so an effect ran
//! only once a large list was drawn and painted (a million articles' "other ex": 70 ms after
//! the key). The effect that follows the state starts the searches a query set otherwise
//! brings (the address, Back), and none twice.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use articles::search::hosted::{is_dictionary, search, Meta, Outcome, Unreadable};
use articles::search::{Query, TermKind};
use futures::future::join_all;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_futures::spawn_local;

use super::Dispatch;
use crate::browser::fetch;
use crate::state::Action;

/// The index's files fetched so far, by name, shared by the searches of a visit.
type Fetched = Rc<RefCell<HashMap<String, Vec<u8>>>>;

/// The searches of a visit: the index's files fetched so far, the query searched last (a
/// search under way stops between rounds once it is not), and the query the reader asked
/// last (whether the next was typed).
#[derive(Clone, Default)]
pub struct Searches {
    fetched: Fetched,
    latest: Rc<RefCell<String>>,
    asked: Rc<RefCell<String>>,
}

impl Searches {
    /// The reader's query is now `query`: whether it was typed, a letter added to or erased
    /// from the end of the one before (rather than pasted, linked or brought back whole).
    pub fn ask(&self, query: &str) -> bool {
        let before = self.asked.replace(query.to_owned());
        one_letter_apart(&before, query)
    }

    /// Searches the index `meta` describes for `query`, unless that is the search already under
    /// way (or answered: the state then wants no other until the query changes). A `typed`
    /// query pauses before a costly round; one that came whole is complete, and does not.
    pub fn start(&self, dispatcher: Dispatch, meta: Rc<Meta>, query: String, typed: bool) {
        if *self.latest.borrow() == query {
            return;
        }
        self.latest.replace(query.clone());
        let (fetched, latest) = (self.fetched.clone(), self.latest.clone());
        let pause = typed && costly(&query);
        spawn_local(run(dispatcher, meta, query, pause, fetched, latest));
    }

    /// No search is wanted now: the one under way stops before its next round.
    pub fn stop(&self) {
        self.latest.replace(String::new());
    }
}

/// Kept files beyond this many bytes are let go before more are kept: a long session of
/// searching a large library must not hold all of its index.
const KEPT_BYTES: usize = 32 << 20;

/// More rounds than a search takes (dictionary, postings, positions, answer): a guard against
/// an index whose files never satisfy it.
const MOST_ROUNDS: usize = 6;

/// How long after its last key a costly search fetches more than the dictionary.
const PAUSE_MILLIS: f64 = 250.0;

/// A costly search's round of at most this many files goes without the pause: about what its
/// dictionary round fetched. A library of up to some 100 000 articles fetches that much for a
/// word's first letter (its prefix entry a bit and two flags an article); a million articles'
/// `syntax n` fetched 18 files.
const UNPAUSED_FILES: usize = 4;

/// Whether `after` is `before` with one letter more or less at its end.
fn one_letter_apart(before: &str, after: &str) -> bool {
    let (shorter, longer) = if before.len() < after.len() {
        (before, after)
    } else {
        (after, before)
    };
    longer
        .strip_prefix(shorter)
        .is_some_and(|more| more.chars().count() == 1)
}

/// Whether `query` would fetch much of a large index: its last term is a word's first letter
/// or two (every word they begin is in the search) or a lone CJK letter.
fn costly(query: &str) -> bool {
    let parsed = Query::parse(query);
    parsed.terms.last().is_some_and(|term| {
        let letters = term.text.chars().count();
        match term.kind {
            TermKind::Prefix => letters <= 2,
            TermKind::Exact => letters == 1,
            TermKind::Word | TermKind::Phrase => false,
        }
    })
}

/// Searches the index `meta` describes for `query`, unless `latest` moves on first; with
/// `pause`, a costly round waits for a pause in the typing.
async fn run(
    dispatcher: Dispatch,
    meta: Rc<Meta>,
    query: String,
    mut pause: bool,
    fetched: Fetched,
    latest: Rc<RefCell<String>>,
) {
    let parsed = Query::parse(&query);
    let base = format!("{}{}", fetch::library_dir(), meta.dir);
    let asked_at = js_sys::Date::now();
    let mut result = Err("the search index did not answer".to_owned());
    for _ in 0..MOST_ROUNDS {
        if *latest.borrow() != query {
            return;
        }
        let outcome = search(&meta, &parsed, &*fetched.borrow());
        let names = match outcome {
            Err(Unreadable(why)) => {
                result = Err(why);
                break;
            }
            Ok(None) => {
                result = Ok(Vec::new());
                break;
            }
            Ok(Some(Outcome::Found(found))) => {
                result = Ok(found);
                break;
            }
            Ok(Some(Outcome::Need(names))) => names,
        };
        if pause && !names.iter().all(|name| is_dictionary(name)) && names.len() > UNPAUSED_FILES {
            let waited = js_sys::Date::now() - asked_at;
            TimeoutFuture::new((PAUSE_MILLIS - waited).max(0.0) as u32).await;
            pause = false;
            // Typed past meanwhile: stopped before the costly round.
            if *latest.borrow() != query {
                return;
            }
        }
        let urls: Vec<String> = names.iter().map(|name| format!("{base}{name}")).collect();
        let files = join_all(urls.iter().map(|url| fetch::bytes(url))).await;
        let mut kept = fetched.borrow_mut();
        if kept.values().map(Vec::len).sum::<usize>() > KEPT_BYTES {
            kept.clear();
        }
        for (name, file) in names.into_iter().zip(files) {
            match file {
                Ok(bytes) => kept.insert(name, bytes),
                Err(reason) => {
                    drop(kept);
                    dispatcher.dispatch(Action::HostedFound {
                        query,
                        result: Err(reason),
                    });
                    return;
                }
            };
        }
    }
    dispatcher.dispatch(Action::HostedFound { query, result });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_or_two_is_costly_a_longer_term_is_not() {
        for query in ["r", "ru", "rust r", "中", "-x"] {
            assert!(costly(query), "{query}");
        }
        for query in ["rus", "中文", "\"r\"", "r rust", ""] {
            assert!(!costly(query), "{query}");
        }
    }

    #[test]
    fn a_letter_added_or_erased_at_the_end_is_typing() {
        for (before, after) in [
            ("", "r"),
            ("rust r", "rust ru"),
            ("rust ru", "rust r"),
            ("中", "中文"),
        ] {
            assert!(one_letter_apart(before, after), "{before} → {after}");
        }
        for (before, after) in [
            ("", "rust r"),
            ("rust", "rust"),
            ("rust r", "rusty r"),
            ("a", "b"),
        ] {
            assert!(!one_letter_apart(before, after), "{before} → {after}");
        }
    }
}
