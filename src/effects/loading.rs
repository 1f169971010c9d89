//! Bringing the library in: the reader's stored files and, at the same time, the hosted catalog;
//! then its shards, newest first, as the state wants them. What arrives is handed to the state
//! in parts, each a short task (see `parts`).

use std::collections::HashSet;
use std::rc::Rc;

use futures::channel::mpsc;
use yew::UseReducerDispatcher;

use crate::browser::store;
use crate::browser::{fetch, files};
use crate::parts::{in_parts, one_task_each};
use crate::state::{Action, Entry, Origin, State};

/// Hosted articles listed at a time, from a shard of the catalog.
const HOSTED_PART: usize = 200;

/// The reader's stored files and the hosted catalog, side by side: neither waits for the
/// other (parsing 10 000 stored files took seconds), and the first cards are there at once.
pub async fn library(dispatcher: UseReducerDispatcher<State>) {
    futures::join!(stored(dispatcher.clone()), hosted(dispatcher));
}

/// The reader's stored files: first listed from their stored summaries, then given their
/// files and articles a part at a time as storage yields them (as they were parsed at an
/// earlier visit of this build, or as the worker parses them); what was parsed now is stored
/// with them.
async fn stored(dispatcher: UseReducerDispatcher<State>) {
    let mut listed = HashSet::new();
    // Storage that cannot list fails again below, and says so there.
    let _ = store::load_listing(|summaries| {
        let entries = summaries
            .into_iter()
            .map(|(path, summary)| {
                listed.insert(path.clone());
                Entry {
                    summary: Rc::new(summary),
                    article: None,
                    origin: Origin::Stored(path),
                }
            })
            .collect();
        dispatcher.dispatch(Action::FilesRestored(entries));
    })
    .await;
    let (batches, arriving) = mpsc::unbounded();
    let load = store::load_each(move |batch| {
        let _ = batches.unbounded_send(batch);
    });
    let restore = files::restore(arriving, &listed, |part| {
        dispatcher.dispatch(Action::FilesRestored(part))
    });
    let (loaded, parsed) = futures::join!(load, restore);
    dispatcher.dispatch(Action::RestoreFinished);
    match loaded {
        // Only time is lost if this fails: the next visit parses them again.
        Ok(()) => drop(store::refresh(&parsed).await),
        Err(reason) => dispatcher.dispatch(Action::NoStorage(reason)),
    }
}

/// The hosted catalog; its shards follow as the state wants them ([`shard`]).
async fn hosted(dispatcher: UseReducerDispatcher<State>) {
    dispatcher.dispatch(Action::CatalogLoaded(fetch::catalog().await));
}

/// A shard of the hosted catalog, listed a part at a time, apart from its download and parse.
pub async fn shard(dispatcher: UseReducerDispatcher<State>, shard: usize, path: String) {
    let articles = match fetch::shard(&path).await {
        Ok(articles) => articles,
        Err(reason) => return dispatcher.dispatch(Action::ShardFailed { shard, reason }),
    };
    let mut offset = 0;
    let parts = in_parts(articles, HOSTED_PART, |_| 1);
    one_task_each(parts, |summaries, more| {
        let at = offset;
        offset += summaries.len();
        dispatcher.dispatch(Action::ShardLoaded {
            shard,
            offset: at,
            summaries,
            more,
        })
    })
    .await;
}
