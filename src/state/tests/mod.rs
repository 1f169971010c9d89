//! The reducer's tests: actions in, state out, natively.

use super::*;
use articles::catalog::Catalog;
use articles::search::Found;
use articles::{parse, ParseOptions, Summary};
use yew::Reducible;

use crate::reader_file::ReaderFile;

mod catalog;
mod hosted_articles;
mod reader_files;
mod restore;

/// The ids of the articles listed, in order.
fn visible_ids(state: &State) -> Vec<&str> {
    state
        .visible()
        .iter()
        .map(|e| e.summary.id.as_str())
        .collect()
}

/// `state` once the text of every listed article is in the search index.
fn indexed(mut state: Rc<State>) -> Rc<State> {
    while state.unindexed() > 0 {
        state = state.reduce(Action::IndexSome);
    }
    state
}

fn catalog(ids: &[&str]) -> Catalog {
    Catalog {
        schema: 1,
        articles: ids
            .iter()
            .map(|id| {
                let text = format!("# {id}\n\nbody");
                let article = parse(
                    &format!("{id}.md"),
                    text.as_bytes(),
                    &ParseOptions::default(),
                );
                Summary::of(&format!("{id}.md"), &article)
            })
            .collect(),
        ..Catalog::default()
    }
}

#[test]
fn an_article_read_again_replaces_the_old_reading() {
    let entry = dropped("gbk.md", "# Old title\n\nold words");
    let state = Rc::new(State::new(
        Lang::En,
        Route::Read {
            id: "dropped/gbk".into(),
        },
    ));
    let state = state.reduce(Action::FilesAdded {
        entries: vec![entry],
        skipped: Vec::new(),
        beside: Vec::new(),
        fidelity: None,
    });
    let again = Shared::new(parse(
        "gbk.md",
        b"# New title\n\nnew words",
        &ParseOptions::default(),
    ));
    let state = state.reduce(Action::Reread {
        id: "dropped/gbk".into(),
        article: again.clone(),
    });
    assert_eq!(reading(&state), Some(&Loadable::Ready(again)));
    assert_eq!(state.entries[0].summary.title, "New title");
    assert_eq!(state.entries[0].summary.id, "dropped/gbk");
    let state = indexed(state).reduce(Action::Search("new words".into()));
    assert_eq!(state.visible().len(), 1, "the index has the new text");
}

#[test]
fn the_reader_s_files_are_one_folder_named_as_their_source() {
    assert_eq!(
        format!("{DROPPED}/"),
        crate::browser::files::DROPPED_PREFIX,
        "the folder facet and the filter panel read `dropped/…` paths as the source's folder"
    );
}

#[test]
fn a_browser_without_storage_is_said_once() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::NoStorage("no IndexedDB".into()));
    assert!(matches!(state.notice, Some(Notice::NoStorage(_))));
    let state = state.reduce(Action::Notify(Notice::ImportCancelled));
    let state = state.reduce(Action::StorageFailed("no IndexedDB".into()));
    assert_eq!(
        state.notice,
        Some(Notice::ImportCancelled),
        "not said again"
    );
    // Where storage was there at the start, a failed write is said.
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::StorageFailed("quota".into()));
    assert!(matches!(state.notice, Some(Notice::StorageFailed(_))));
}

#[test]
fn a_large_drop_arrives_in_parts_and_is_told_once() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::FilesArriving(vec![dropped("a.md", "# A")]));
    assert_eq!(state.notice, None);
    assert_eq!(state.visible().len(), 1, "listed as it arrives");
    let state = state.reduce(Action::FilesAdded {
        entries: vec![dropped("b.md", "# B"), dropped("a.md", "# A")],
        skipped: Vec::new(),
        beside: Vec::new(),
        fidelity: None,
    });
    assert!(state
        .notice
        .as_ref()
        .is_some_and(|n| n.text(Lang::En) == "Added 2 articles; 1 already in the library."));
}

#[test]
fn unread_only_hides_what_was_finished() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::CatalogLoaded(Ok(catalog(&["a", "b"]))));
    let state = state.reduce(Action::MarkRead("a".into()));
    assert_eq!(state.visible().len(), 2);
    let state = state.reduce(Action::SetView(View {
        unread: true,
        ..View::default()
    }));
    let ids = visible_ids(&state);
    assert_eq!(ids, ["b"]);
    let state = state.reduce(Action::MarkRead("b".into()));
    assert!(state.visible().is_empty());
}

#[test]
fn neighbours_follow_the_list_as_shown() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::CatalogLoaded(Ok(catalog(&["a", "b", "c"]))));
    let ids = |(before, after): (Option<&Entry>, Option<&Entry>)| {
        (
            before.map(|e| e.summary.id.clone()),
            after.map(|e| e.summary.id.clone()),
        )
    };
    assert_eq!(
        ids(state.neighbours("b")),
        (Some("a".into()), Some("c".into()))
    );
    assert_eq!(ids(state.neighbours("a")), (None, Some("b".into())));
    let state = state.reduce(Action::Search("c".into()));
    assert_eq!(ids(state.neighbours("c")), (None, None), "only c is listed");
    assert_eq!(
        ids(state.neighbours("b")),
        (None, None),
        "b is not in the list"
    );
}

#[test]
fn search_filters_the_list() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::CatalogLoaded(Ok(catalog(&["alpha", "beta"]))));
    let state = indexed(state).reduce(Action::Search("alp".into()));
    let ids = visible_ids(&state);
    assert_eq!(ids, vec!["alpha"]);
}

/// Six dropped articles of some 100 KB of text each, the `n`th ending in `needle<n>`: a slice
/// of indexing (some 160 KB) takes two of them.
fn long_articles() -> Vec<Entry> {
    let long = "word ".repeat(20_000);
    (0..6)
        .map(|n| dropped(&format!("{n}.md"), &format!("# T{n}\n\n{long} needle{n}")))
        .collect()
}

#[test]
fn stored_articles_are_listed_at_once_and_found_as_their_text_is_indexed() {
    let entries = long_articles();
    let state = Rc::new(State::with_view(
        Lang::En,
        Route::Library,
        View {
            query: "needle".into(),
            ..View::default()
        },
    ));
    let state = state.reduce(Action::FilesRestored(entries));
    assert_eq!(state.entries.len(), 6, "listed before their text is read");
    assert_eq!(state.unindexed(), 6);
    assert!(state.visible().is_empty(), "nothing found yet");
    // A slice is about 160 KB of text: two of these 100 KB articles, not all six.
    let state = state.reduce(Action::IndexSome);
    assert_eq!(state.unindexed(), 4);
    assert_eq!(
        state.visible().len(),
        2,
        "the search runs again on what is in"
    );
    let state = indexed(state);
    assert_eq!(state.visible().len(), 6);
    let state = state.reduce(Action::Search("needle3".into()));
    assert_eq!(visible_ids(&state), ["dropped/3"]);
    // Nothing waits: the action changes nothing.
    let again = state.clone().reduce(Action::IndexSome);
    assert!(Rc::ptr_eq(&state, &again));
    // A drop's text is indexed as it arrives: found at once.
    let state = state.reduce(Action::Search("needle9".into()));
    let state = state.reduce(Action::FilesAdded {
        entries: vec![dropped("9.md", "# T9\n\nneedle9")],
        skipped: Vec::new(),
        beside: Vec::new(),
        fidelity: None,
    });
    assert_eq!(state.unindexed(), 0);
    assert_eq!(visible_ids(&state), ["dropped/9"]);
}

#[test]
fn indexing_that_changes_nothing_shown_leaves_the_state_as_it_was() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::FilesRestored(long_articles()));
    // Nothing is searched: the list and its count are the same after a slice, so the page
    // is not drawn again; the text went into the index all the same.
    let after = state.clone().reduce(Action::IndexSome);
    assert!(
        Rc::ptr_eq(&state, &after),
        "the same state: nothing to draw"
    );
    assert_eq!(after.unindexed(), 4);
    // The last slice clears the list's "busy": a new state.
    let after = after.clone().reduce(Action::IndexSome);
    let last = after.clone().reduce(Action::IndexSome);
    assert_eq!(last.unindexed(), 0);
    assert!(!Rc::ptr_eq(&after, &last), "drawn once all is in");
    let found = last.reduce(Action::Search("needle4".into()));
    assert_eq!(visible_ids(&found), ["dropped/4"]);
}

#[test]
fn a_view_the_reader_chooses_is_a_step_one_from_the_address_is_not() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let tagged = View::parse("tag=a");
    let state = state.reduce(Action::ChooseView(tagged.clone()));
    assert_eq!((state.view_steps, &state.view), (1, &tagged));
    // Back: the address brings the old view, which is no new step.
    let state = state.reduce(Action::SetView(View::default()));
    assert_eq!((state.view_steps, &state.view), (1, &View::default()));
    // Choosing what is already shown changes nothing.
    let state = state.reduce(Action::ChooseView(View::default()));
    assert_eq!(state.view_steps, 1);
}

#[test]
fn the_reader_s_files_link_each_other_and_relate() {
    let state = Rc::new(State::new(Lang::En, Route::Library)).reduce(Action::FilesAdded {
        entries: vec![
            dropped_in_place(
                "notes/a.md",
                "---\ntags: [garden]\n---\n# Alpha\n\nRoses grow. See [beta](b.md) for tulips. And [[Missing page]].\n",
            ),
            dropped_in_place("notes/b.md", "---\ntags: [garden, spring]\n---\n# Beta\n\nTulips.\n"),
            dropped_in_place("c.md", "# Gamma\n\nNothing alike.\n"),
        ],
        skipped: Vec::new(),
        beside: Vec::new(),
        fidelity: None,
    });
    let beta = state.connections_of("dropped/notes/b");
    let backlinks: Vec<(&str, &str)> = beta
        .backlinks
        .iter()
        .map(|(s, context)| (s.id.as_str(), context.as_str()))
        .collect();
    assert_eq!(backlinks, vec![("dropped/notes/a", "See beta for tulips.")]);
    let related: Vec<(&str, usize, bool)> = beta
        .related
        .iter()
        .map(|(s, r)| (s.id.as_str(), r.tags, r.linked))
        .collect();
    assert_eq!(related, vec![("dropped/notes/a", 1, true)]);
    let alpha = state.connections_of("dropped/notes/a");
    assert!(alpha.backlinks.is_empty());
    let links_to: Vec<&str> = alpha.links_to.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(links_to, vec!["dropped/notes/b"]);
    let unresolved: Vec<_> = alpha.unresolved.iter().map(|l| &l.target).collect();
    assert_eq!(
        unresolved,
        vec![&articles::links::Target::Name("Missing page".into())]
    );
    assert_eq!(
        state.connections_of("dropped/c"),
        ArticleConnections::default()
    );
    assert_eq!(
        state.wanted_connections(),
        None,
        "the reader's files need no shard"
    );
}

#[test]
fn a_hosted_article_s_connections_come_from_its_shard_once() {
    let mut hosted = catalog(&["posts/h", "posts/x"]);
    hosted.connections = 3;
    hosted.build = "index/0123456789abcdef/".into();
    let state = Rc::new(State::new(
        Lang::En,
        Route::Read {
            id: "posts/h".into(),
        },
    ))
    .reduce(Action::CatalogLoaded(Ok(hosted)));
    let shard = articles::connections::shard_of("posts/h", 3);
    let path = format!("index/0123456789abcdef/connections/{shard}.json");
    assert_eq!(state.wanted_connections(), Some((shard, path)));
    let state = state.reduce(Action::FetchingConnections(shard));
    assert_eq!(state.wanted_connections(), None, "fetched once");
    let connections = articles::connections::Connections {
        backlinks: vec![articles::connections::Backlink {
            from: "posts/x".into(),
            context: "As h says.".into(),
        }],
        related: Vec::new(),
    };
    let state = state.reduce(Action::ConnectionsLoaded {
        shard,
        result: Ok(Shared::new(BTreeMap::from([(
            "posts/h".to_owned(),
            connections,
        )]))),
    });
    let h = state.connections_of("posts/h");
    assert_eq!(h.backlinks.len(), 1);
    assert_eq!(h.backlinks[0].0.id, "posts/x");
    assert_eq!(h.backlinks[0].1, "As h says.");
}

fn reading(state: &State) -> Option<&Loadable<Shared<Article>>> {
    state.reading.as_ref().map(|(_, l)| l)
}

fn dropped(path: &str, text: &str) -> Entry {
    dropped_with(path, text, &ParseOptions::default())
}

/// A file the reader dropped, read where the app reads it (links resolve among `dropped/`).
fn dropped_in_place(path: &str, text: &str) -> Entry {
    let options = ParseOptions {
        location: articles::Location::of(None, "dropped/", path),
        ..ParseOptions::default()
    };
    dropped_with(path, text, &options)
}

fn dropped_with(path: &str, text: &str, options: &ParseOptions) -> Entry {
    let article = Shared::new(parse(path, text.as_bytes(), options));
    Entry {
        summary: Rc::new(Summary::of(&format!("dropped/{path}"), &article)),
        article: Some(article),
        origin: Origin::Reader(Rc::new(ReaderFile {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        })),
    }
}
