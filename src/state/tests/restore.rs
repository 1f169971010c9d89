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
