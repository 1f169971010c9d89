//! Bringing the library in: the reader's stored files and, at the same time, the hosted catalog
//! and its shards (newest first). What arrives is handed to the state in parts, each a short
//! task (see `parts`).

use futures::channel::mpsc;
use yew::UseReducerDispatcher;

use crate::browser::store;
use crate::browser::{fetch, files};
use crate::parts::{in_parts, one_task_each};
use crate::state::{Action, State};

/// Hosted articles listed at a time, from a shard of the catalog.
const HOSTED_PART: usize = 200;

/// The reader's stored files and the hosted catalog, side by side: neither waits for the
/// other (parsing 10 000 stored files took seconds), and the first cards are there at once.
pub async fn library(dispatcher: UseReducerDispatcher<State>) {
    futures::join!(stored(dispatcher.clone()), hosted(dispatcher));
}

/// The reader's stored files, listed a part at a time as storage yields them (as they were
/// parsed at an earlier visit of this build, or as the worker parses them); what was parsed now
/// is stored with them.
async fn stored(dispatcher: UseReducerDispatcher<State>) {
    let (batches, arriving) = mpsc::unbounded();
    let load = store::load_each(move |batch| {
        let _ = batches.unbounded_send(batch);
    });
    let restore = files::restore(arriving, |part| {
        dispatcher.dispatch(Action::FilesRestored(part))
    });
    match futures::join!(load, restore) {
        (Ok(()), parsed) => {
            // Only time is lost if this fails: the next visit parses them again.
            let _ = store::save(&parsed).await;
        }
        (Err(reason), _) => dispatcher.dispatch(Action::NoStorage(reason)),
    }
}

/// The hosted catalog, a shard after another.
async fn hosted(dispatcher: UseReducerDispatcher<State>) {
    let catalog = fetch::catalog().await;
    let shards = catalog
        .as_ref()
        .map(|c| c.shards.clone())
        .unwrap_or_default();
    dispatcher.dispatch(Action::CatalogLoaded(catalog));
    for path in shards {
        let articles = match fetch::shard(&path).await {
            Ok(articles) => articles,
            Err(reason) => {
                dispatcher.dispatch(Action::CatalogLoaded(Err(reason)));
                return;
            }
        };
        // Indexed and listed a part at a time, apart from the download and parse.
        let parts = in_parts(articles, HOSTED_PART, |_| 1);
        one_task_each(parts, |summaries, more| {
            dispatcher.dispatch(Action::ShardLoaded { summaries, more })
        })
        .await;
    }
}
