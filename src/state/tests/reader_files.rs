//! The reader's own files: listed and readable at once, a file dropped again, removal and its
//! undo, links between them by name.

use super::*;

#[test]
fn dropped_files_are_listed_and_readable_at_once() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let entry = dropped("x.md", "# Dropped\n\ntext");
    let article = entry.article.clone().expect("parsed");
    let state = state.reduce(Action::FilesAdded {
        entries: vec![entry],
        skipped: vec!["photo.psd".into()],
        beside: vec!["x (2).md".into()],
        fidelity: None,
    });
    assert_eq!(state.visible().len(), 1);
    assert!(state
        .notice
        .as_ref()
        .is_some_and(|n| n.text(Lang::En).contains("photo.psd")
            && n.text(Lang::En)
                .contains("1 kept beside one of the same name: x (2).md")));
    let state = state.reduce(Action::Navigate(Route::Read {
        id: "dropped/x".into(),
    }));
    assert_eq!(reading(&state), Some(&Loadable::Ready(article)));
}

#[test]
fn arrivals_in_parts_list_and_count_as_a_full_recount_does() {
    use crate::view::Sort;
    use articles::facets::Filters;
    let article = |n: usize| {
        let date = match n % 7 {
            0 => String::new(),
            k => format!("date: 20{:02}-0{k}-1{}\n", 10 + n % 5, n % 10),
        };
        dropped(
            &format!("{n}.md"),
            &format!(
                "---\ntitle: T{}\n{date}tags: [t{}]\ncategories: [c{}]\n---\nbody {n}",
                n * 37 % 101,
                n % 4,
                n % 3
            ),
        )
    };
    let views = [
        View::default(),
        View {
            filters: Filters {
                tags: vec!["t1".into(), "t2".into()],
                ..Filters::default()
            },
            sort: Sort::Oldest,
            ..View::default()
        },
        View {
            filters: Filters {
                from: Some((2011, 1)),
                ..Filters::default()
            },
            sort: Sort::Title,
            unread: true,
            ..View::default()
        },
        View {
            query: "body".into(),
            ..View::default()
        },
    ];
    for view in views {
        let read: HashSet<String> = (0..200)
            .step_by(5)
            .map(|n| format!("dropped/{n}"))
            .collect();
        let mut state =
            Rc::new(State::with_view(Lang::En, Route::Library, view.clone()).with_read(read));
        let mut next = 0;
        for part in [1, 9, 30, 2, 50, 8] {
            let entries = (next..next + part).map(article).collect();
            next += part;
            state = indexed(state.reduce(Action::FilesArriving(entries)));
            let mut recounted = (*state).clone();
            recounted.refresh_positions();
            recounted.refresh_shown();
            assert_eq!(*state.positions, *recounted.positions, "{view:?}");
            assert_eq!(*state.shown, *recounted.shown, "{view:?}");
            assert_eq!(*state.counts, *recounted.counts, "{view:?}");
            let mut sorted = state.entries.to_vec();
            sorted.sort_by(|a, b| newest_first(&a.summary, &b.summary));
            assert_eq!(sorted, *state.entries);
        }
        assert!(!state.shown.is_empty(), "{view:?}");
        assert_eq!(state.entries.len(), 100);
    }
}

#[test]
fn the_same_file_twice_is_one_entry_and_a_new_version_replaces_it() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let add = |state: Rc<State>, text: &str| {
        state.reduce(Action::FilesAdded {
            entries: vec![dropped("a.md", text)],
            skipped: vec![],
            beside: Vec::new(),
            fidelity: None,
        })
    };
    let state = add(state, "# One\n\nfirst");
    let state = add(state, "# One\n\nfirst");
    assert_eq!(state.entries.len(), 1);
    assert!(state
        .notice
        .as_ref()
        .is_some_and(|n| n.text(Lang::En).contains("already")));
    let state = add(state, "# One\n\nsecond");
    assert_eq!(state.entries.len(), 1);
    assert!(state
        .notice
        .as_ref()
        .is_some_and(|n| n.text(Lang::En).contains("replaced")));
}

#[test]
fn removal_can_be_undone() {
    let state = Rc::new(State::new(
        Lang::En,
        Route::Read {
            id: "dropped/a".into(),
        },
    ));
    let state = state.reduce(Action::FilesAdded {
        entries: vec![dropped("a.md", "# A"), dropped("b.md", "# B")],
        skipped: vec![],
        beside: Vec::new(),
        fidelity: None,
    });
    let state = state.reduce(Action::Remove {
        ids: vec!["dropped/a".into()],
        files: None,
    });
    assert_eq!(state.entries.len(), 1);
    assert_eq!(state.route, Route::Library);
    assert!(state.notice.as_ref().is_some_and(Notice::undo));
    // The removal holds what an undo stores again: here, the entry's own file.
    let paths: Vec<&str> = state
        .removed
        .files
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(paths, ["a.md"]);
    let state = state.reduce(Action::Undo);
    assert_eq!(state.entries.len(), 2);
    let state = state.reduce(Action::Remove {
        ids: vec!["dropped/b".into()],
        files: None,
    });
    let state = state.reduce(Action::ForgetRemoved);
    assert!(state.removed.is_empty() && state.notice.is_none());
    assert_eq!(state.entries.len(), 1);
}

#[test]
fn removing_everything_keeps_every_file_for_the_undo() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::FilesAdded {
        entries: vec![dropped("a.md", "# A"), dropped("b.md", "# B")],
        skipped: vec![],
        beside: Vec::new(),
        fidelity: None,
    });
    // "Remove all" hands over every stored file, pictures too, which no entry holds.
    let picture = Rc::new(ReaderFile {
        path: "cover.png".into(),
        bytes: vec![0x89, b'P', b'N', b'G'],
    });
    let mut files: Vec<Rc<ReaderFile>> = state
        .entries
        .iter()
        .filter_map(|e| e.origin.file().cloned())
        .collect();
    files.push(picture.clone());
    let ids = state.dropped_ids();
    let state = state.reduce(Action::Remove {
        ids,
        files: Some(files),
    });
    assert!(state.entries.is_empty());
    assert_eq!(state.removed.files.len(), 3);
    assert!(state.removed.files.contains(&picture));
    let state = state.reduce(Action::Undo);
    assert_eq!(state.entries.len(), 2);
    assert!(state.removed.is_empty());
}

#[test]
fn links_by_name_resolve_to_the_article() {
    let state = Rc::new(State::new(
        Lang::En,
        Route::Find {
            name: "Beta".into(),
        },
    ));
    assert_eq!(reading(&state), Some(&Loadable::Loading));
    let state = state.reduce(Action::CatalogLoaded(Ok(catalog(&[
        "posts/alpha",
        "posts/beta",
    ]))));
    assert_eq!(
        state.route,
        Route::Read {
            id: "posts/beta".into()
        }
    );
    let state = state.reduce(Action::Navigate(Route::Find {
        name: "gamma".into(),
    }));
    assert_eq!(reading(&state), Some(&Loadable::Failed(Problem::NotFound)));
    let state = state.reduce(Action::Navigate(Route::Find {
        name: "ALPHA".into(),
    }));
    assert_eq!(
        state.route,
        Route::Read {
            id: "posts/alpha".into()
        }
    );
}

#[test]
fn a_drop_indexed_ahead_is_found_once_listed_and_a_cancelled_one_leaves_nothing() {
    let searching = View {
        query: "lantern".into(),
        ..View::default()
    };
    let state = Rc::new(State::with_view(Lang::En, Route::Library, searching));
    let state = indexed(state.reduce(Action::FilesAdded {
        entries: vec![dropped("old.md", "# Old\n\nlantern")],
        skipped: vec![],
        beside: Vec::new(),
        fidelity: None,
    }));
    let mut arriving: Vec<Entry> = (0..3)
        .map(|n| dropped(&format!("{n}.md"), &format!("# N{n}\n\nlantern {n}")))
        .collect();
    arriving.push(dropped("old.md", "# Old\n\nrewritten"));
    let ahead = state.clone().reduce(Action::IndexAhead(arriving.clone()));
    assert!(Rc::ptr_eq(&ahead, &state), "nothing shown changes");
    assert_eq!(
        visible_ids(&ahead),
        ["dropped/old"],
        "the listed version stays"
    );
    let doc = |state: &State, id: &str| state.index.borrow().doc(id);
    let indexed_ahead = doc(&ahead, "dropped/0");
    assert!(indexed_ahead.is_some());
    let listed = ahead.reduce(Action::FilesAdded {
        entries: arriving,
        skipped: vec![],
        beside: Vec::new(),
        fidelity: None,
    });
    assert_eq!(doc(&listed, "dropped/0"), indexed_ahead, "listing keeps it");
    let mut found = visible_ids(&listed);
    found.sort_unstable();
    assert_eq!(found, ["dropped/0", "dropped/1", "dropped/2"]);

    let cancelled = vec![dropped("5.md", "# Five\n\nlantern")];
    let ahead = listed.clone().reduce(Action::IndexAhead(cancelled));
    let forgotten = ahead.reduce(Action::ForgetAhead(vec!["dropped/5".into()]));
    assert_eq!(doc(&forgotten, "dropped/5"), None);
    assert_eq!(visible_ids(&forgotten), visible_ids(&listed));
    assert_eq!(forgotten.entries.len(), 4);
}
