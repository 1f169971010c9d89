//! The reader's kept files at the start: listed from their stored summaries, then given their
//! files and articles in place as storage reads them.

use super::*;

/// What the start lists of `entry` before storage reads its file: its stored summary.
fn listed(entry: &Entry) -> Entry {
    Entry {
        summary: entry.summary.clone(),
        article: None,
        origin: Origin::Stored(entry.origin.file_path().unwrap_or_default().to_owned()),
    }
}

/// Three kept files, and the state once the start has listed them from their summaries.
fn listed_at_start() -> (Vec<Entry>, Rc<State>) {
    let files: Vec<Entry> = (0..3)
        .map(|n| {
            dropped(
                &format!("{n}.md"),
                &format!("# Kept {n}\n\nneedle{n} words"),
            )
        })
        .collect();
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::FilesRestored(files.iter().map(listed).collect()));
    (files, state)
}

#[test]
fn kept_files_are_listed_from_their_summaries_then_read_in_place() {
    let (files, state) = listed_at_start();
    assert_eq!(state.entries.len(), 3, "listed before one file is read");
    assert_eq!(state.dropped_count(), 3, "they are the reader's own");
    let order: Vec<String> = state.entries.iter().map(|e| e.summary.id.clone()).collect();
    // Their text is not indexed empty while storage reads it.
    let state = state.reduce(Action::IndexSome);
    assert_eq!(state.unindexed(), 3);

    // Opened before its file is read: it waits, and nothing is fetched from a host.
    let state = state.reduce(Action::Navigate(Route::Read {
        id: "dropped/1".into(),
    }));
    assert_eq!(reading(&state), Some(&Loadable::Loading));
    assert_eq!(state.pending_fetch(), None);

    let state = state.reduce(Action::FilesRestored(vec![files[1].clone()]));
    assert!(
        matches!(reading(&state), Some(Loadable::Ready(a)) if a.title == "Kept 1"),
        "shown once storage brings it"
    );
    let state = state.reduce(Action::FilesRestored(vec![
        files[0].clone(),
        files[2].clone(),
    ]));
    let state = state.reduce(Action::RestoreFinished);
    let ids: Vec<String> = state.entries.iter().map(|e| e.summary.id.clone()).collect();
    assert_eq!(ids, order, "each in its place");
    assert_eq!(state.restoring(), 0);
    assert!(state.entries.iter().all(|e| e.origin.file().is_some()));
    let state = indexed(state).reduce(Action::Search("needle2".into()));
    assert_eq!(visible_ids(&state), ["dropped/2"]);
}

#[test]
fn a_listed_file_storage_never_brings_is_no_longer_listed_at_the_end() {
    let (files, state) = listed_at_start();
    let state = state.reduce(Action::FilesRestored(vec![files[0].clone()]));
    let state = state.reduce(Action::RestoreFinished);
    assert_eq!(visible_ids(&state), ["dropped/0"]);
    assert_eq!(state.restoring(), 0);
    let state = indexed(state).reduce(Action::Search("needle0".into()));
    assert_eq!(visible_ids(&state), ["dropped/0"]);
}

#[test]
fn a_file_dropped_again_while_storage_reads_keeps_the_newer_version() {
    let (files, state) = listed_at_start();
    let newer = dropped("1.md", "# Kept 1, revised\n\nnewer words");
    let state = state.reduce(Action::FilesAdded {
        entries: vec![newer],
        skipped: Vec::new(),
        beside: Vec::new(),
        fidelity: None,
    });
    let state = state.reduce(Action::FilesRestored(files.clone()));
    let state = indexed(state.reduce(Action::RestoreFinished));
    assert_eq!(state.entries.len(), 3);
    let revised = state.entry("dropped/1").map(|e| e.summary.title.as_str());
    assert_eq!(revised, Some("Kept 1, revised"));
}

/// "Remove all" while storage still reads the kept files: the reader's `ids`, as the effect
/// sends them (the files for the undo come from storage).
fn remove_all(state: Rc<State>) -> Rc<State> {
    let ids = state
        .entries
        .iter()
        .filter(|e| e.origin.is_readers())
        .map(|e| e.summary.id.clone())
        .collect();
    state.reduce(Action::Remove { ids, files: None })
}

#[test]
fn files_storage_brings_after_a_remove_all_are_not_listed_again() {
    let (files, state) = listed_at_start();
    let state = state.reduce(Action::FilesRestored(vec![files[0].clone()]));
    let state = remove_all(state);
    assert!(state.entries.is_empty());
    let state = state.reduce(Action::FilesRestored(vec![files[1].clone()]));
    let state = state.reduce(Action::ForgetRemoved);
    let state = state.reduce(Action::FilesRestored(vec![files[2].clone()]));
    let state = state.reduce(Action::RestoreFinished);
    assert!(state.entries.is_empty(), "removed stays removed");
    assert_eq!(state.restoring(), 0);
}

#[test]
fn an_undo_of_a_remove_all_while_storage_reads_brings_whole_articles_back() {
    let (files, state) = listed_at_start();
    let state = remove_all(state);
    // One file arrives before the undo, one after it, one never.
    let state = state.reduce(Action::FilesRestored(vec![files[0].clone()]));
    let state = state.reduce(Action::Undo);
    assert_eq!(state.entries.len(), 3);
    assert_eq!(state.restoring(), 2, "the two not read yet wait again");
    let state = state.reduce(Action::FilesRestored(vec![files[1].clone()]));
    let state = state.reduce(Action::RestoreFinished);
    assert_eq!(state.restoring(), 0, "none waits for ever");
    let state = indexed(state);
    let mut ids: Vec<String> = state.entries.iter().map(|e| e.summary.id.clone()).collect();
    ids.sort();
    assert_eq!(ids, ["dropped/0", "dropped/1"]);
    let state = state.reduce(Action::Search("needle0".into()));
    assert_eq!(visible_ids(&state), ["dropped/0"]);
}

#[test]
fn an_undo_after_storage_finished_puts_back_only_what_it_brought() {
    let (files, state) = listed_at_start();
    let state = remove_all(state);
    let state = state.reduce(Action::FilesRestored(vec![files[2].clone()]));
    let state = state.reduce(Action::RestoreFinished);
    let state = state.reduce(Action::Undo);
    assert_eq!(state.restoring(), 0);
    assert_eq!(visible_ids(&indexed(state)), ["dropped/2"]);
}
