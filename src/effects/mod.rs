//! The effects layer: every workflow the app runs and every write to storage, as functions
//! that take what they need and dispatch their results to the state as actions (as Yew's own
//! examples keep effects beside a reducer), and the hooks that start them when the state or
//! the browser asks. `App` wires them to callbacks; components never call them (only the hooks
//! that keep a component's own doings: the list's paging, reading progress, link previews),
//! and `reduce` never waits for them.

pub mod article;
pub mod hooks;
pub mod hosted_search;
pub mod index_ahead;
pub mod library_files;
pub mod link_preview;
pub mod list_place;
pub mod loading;
pub mod reading;
pub mod settings;

use yew::UseReducerDispatcher;

use crate::browser::store;
use crate::state::{Action, State};

/// How effects reach the state.
pub type Dispatch = UseReducerDispatcher<State>;

/// After a write to storage: report a failure, or how much is now stored.
async fn keep(dispatcher: &Dispatch, written: Result<(), String>) {
    match written {
        Ok(()) => {
            if let Some(bytes) = store::persist_and_measure().await {
                dispatcher.dispatch(Action::StorageUsed(bytes));
            }
        }
        Err(reason) => dispatcher.dispatch(Action::StorageFailed(reason)),
    }
}
