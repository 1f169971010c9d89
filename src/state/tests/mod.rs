//! The reducer's tests: actions in, state out, natively.

use super::*;
use articles::{parse, ParseOptions};

use crate::reader_file::ReaderFile;

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

/// `state` after shard `shard` of the catalog arrives, in one part.
fn shard_arrives(state: Rc<State>, shard: usize, ids: &[&str]) -> Rc<State> {
    let wanted = state.catalog_shard_wanted().map(|(n, _)| n);
    assert_eq!(wanted, Some(shard), "the shard the state wants");
    state
        .reduce(Action::FetchingShard(shard))
        .reduce(Action::ShardLoaded {
            shard,
            offset: 0,
            summaries: catalog(ids).articles,
            more: false,
        })
}

#[test]
fn a_sharded_catalog_is_complete_with_its_last_shard() {
    let state = Rc::new(State::new(Lang::En, Route::Read { id: "late".into() }));
    let mut first = catalog(&["early"]);
    // A catalog written before shards had a size: its shards are listed in order, all of them.
    first.shards = vec![
        "index/articles-0000.json".into(),
        "index/articles-0001.json".into(),
    ];
    let state = state.reduce(Action::CatalogLoaded(Ok(first)));
    assert_eq!(state.catalog.listing, Loadable::Loading);
    let wanted = state.catalog_shard_wanted();
    assert_eq!(wanted, Some((0, "index/articles-0000.json".into())));
    let state = state.reduce(Action::FetchingShard(0));
    assert_eq!(state.catalog_shard_wanted(), None, "one shard at a time");
    // The first shard arrives in two parts.
    let state = state.reduce(Action::ShardLoaded {
        shard: 0,
        offset: 0,
        summaries: catalog(&["middle"]).articles,
        more: true,
    });
    let state = state.reduce(Action::ShardLoaded {
        shard: 0,
        offset: 1,
        summaries: catalog(&["middle-too"]).articles,
        more: false,
    });
    assert_eq!(state.catalog.listing, Loadable::Loading);
    assert_eq!(
        reading(&state),
        Some(&Loadable::Loading),
        "still waiting for its shard"
    );
    let state = shard_arrives(state, 1, &["late"]);
    assert_eq!(state.catalog.listing, Loadable::Ready(()));
    assert_eq!(state.entries.len(), 4);
    assert_eq!(state.unlisted(), Unlisted::None);
    assert_eq!(
        state.pending_fetch(),
        Some(("late".into(), "late.md".into()))
    );
}

/// A catalog of `shards` shards of `size` articles each, `s<shard>-<n>`, with a search index;
/// its shards' articles by shard.
fn large_catalog(shards: usize, size: usize) -> (Catalog, Vec<Vec<String>>) {
    let ids: Vec<Vec<String>> = (0..shards)
        .map(|shard| (0..size).map(|n| format!("s{shard}-{n}")).collect())
        .collect();
    let library = Catalog {
        schema: 3,
        count: shards * size,
        shards: (0..shards)
            .map(|n| format!("index/articles-{n:04}.json"))
            .collect(),
        shard_size: size,
        search_index: Some(articles::search::hosted::Meta::default()),
        ..Catalog::default()
    };
    (library, ids)
}

/// `state` with the start's shards of `ids` listed.
fn started(mut state: Rc<State>, ids: &[Vec<String>]) -> Rc<State> {
    for (shard, ids) in ids.iter().enumerate().take(catalog::START_SHARDS) {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        state = shard_arrives(state, shard, &ids);
    }
    state
}

#[test]
fn a_large_catalog_lists_its_newest_shards_and_the_rest_as_asked() {
    let total = catalog::START_SHARDS + 6;
    let (library, ids) = large_catalog(total, 2);
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = started(state.reduce(Action::CatalogLoaded(Ok(library))), &ids);
    assert_eq!(state.catalog.listing, Loadable::Ready(()));
    assert_eq!(state.entries.len(), catalog::START_SHARDS * 2);
    assert_eq!(state.catalog_shard_wanted(), None, "older shards wait");
    assert_eq!(state.unlisted(), Unlisted::Older(12));
    assert!(!state.catalog.busy());
    // Asked for more, the next older shards follow, a few of them.
    let mut state = state.reduce(Action::ListMore);
    for shard in catalog::START_SHARDS..catalog::START_SHARDS + catalog::MORE_SHARDS {
        let ids: Vec<&str> = ids[shard].iter().map(String::as_str).collect();
        state = shard_arrives(state, shard, &ids);
    }
    assert_eq!(state.catalog_shard_wanted(), None);
    assert_eq!(state.unlisted(), Unlisted::Older(4));
}

#[test]
fn a_search_lists_the_shards_of_its_matches_among_older_articles() {
    let total = catalog::START_SHARDS + 6;
    let (library, ids) = large_catalog(total, 2);
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = started(state.reduce(Action::CatalogLoaded(Ok(library))), &ids);
    let state = state.reduce(Action::Search("rare".into()));
    assert_eq!(
        state.catalog_shard_wanted(),
        None,
        "not before the index answers"
    );
    // The index finds number 1 (listed) and the first article of the fourth older shard.
    let older = catalog::START_SHARDS + 3;
    let hit = |doc: usize| Found {
        doc: doc as DocId,
        score: 1,
    };
    let state = state.reduce(Action::HostedFound {
        query: "rare".into(),
        result: Ok(vec![hit(1), hit(older * 2)]),
    });
    assert_eq!(visible_ids(&state), ["s0-1"]);
    assert_eq!(state.unlisted(), Unlisted::Found(1));
    let older_ids: Vec<&str> = ids[older].iter().map(String::as_str).collect();
    let state = shard_arrives(state, older, &older_ids);
    let mut found = visible_ids(&state);
    found.sort_unstable();
    assert_eq!(found, ["s0-1", &*format!("s{older}-0")]);
    assert_eq!(state.unlisted(), Unlisted::None);
    assert_eq!(state.catalog_shard_wanted(), None, "nothing more it found");
    // Without the search, the list says what is still not listed.
    let state = state.reduce(Action::Search(String::new()));
    assert_eq!(state.unlisted(), Unlisted::Older(10));
}

#[test]
fn a_link_to_an_older_article_lists_shards_until_it_is_found() {
    let total = catalog::START_SHARDS + 3;
    let (library, ids) = large_catalog(total, 2);
    let id = format!("s{}-1", catalog::START_SHARDS + 1);
    let state = Rc::new(State::new(Lang::En, Route::Read { id: id.clone() }));
    let state = started(state.reduce(Action::CatalogLoaded(Ok(library))), &ids);
    assert_eq!(reading(&state), Some(&Loadable::Loading));
    let mut state = state;
    for shard in catalog::START_SHARDS..catalog::START_SHARDS + 2 {
        let ids: Vec<&str> = ids[shard].iter().map(String::as_str).collect();
        state = shard_arrives(state, shard, &ids);
    }
    assert_eq!(
        state.pending_fetch(),
        Some((id.clone(), format!("{id}.md")))
    );
    assert_eq!(state.catalog_shard_wanted(), None, "found: no more shards");
    // A link to an article of no shard is not found once every shard is listed.
    let state = state.reduce(Action::Navigate(Route::Read {
        id: "nowhere".into(),
    }));
    let last: Vec<&str> = ids[total - 1].iter().map(String::as_str).collect();
    let state = shard_arrives(state, total - 1, &last);
    assert_eq!(reading(&state), Some(&Loadable::Failed(Problem::NotFound)));
}

#[test]
fn a_link_to_an_older_article_fetches_the_shard_its_file_of_ids_names() {
    let total = catalog::START_SHARDS + 5;
    let (mut library, ids) = large_catalog(total, 2);
    library.id_files = 3;
    library.build = "index/0123456789abcdef/".into();
    let older = catalog::START_SHARDS + 3;
    let id = format!("s{older}-0");
    let state = Rc::new(State::new(Lang::En, Route::Read { id: id.clone() }));
    let state = state.reduce(Action::CatalogLoaded(Ok(library)));
    assert_eq!(
        state.id_lookup_wanted(),
        None,
        "not before the start is listed"
    );
    let state = started(state, &ids);
    assert_eq!(
        state.catalog_shard_wanted(),
        None,
        "no walk through the shards"
    );
    let lookup = state.id_lookup_wanted().expect("its file of ids");
    assert_eq!(lookup.key, id);
    let file = articles::connections::shard_of(&id, 3);
    assert_eq!(
        lookup.path,
        format!("index/0123456789abcdef/ids/{file:04}.json")
    );
    let state = state.reduce(Action::LookingUp(id.clone()));
    assert_eq!(state.id_lookup_wanted(), None, "asked once");
    let state = state.reduce(Action::LookedUp {
        key: id.clone(),
        result: Ok(Some(older)),
    });
    let older_ids: Vec<&str> = ids[older].iter().map(String::as_str).collect();
    let state = shard_arrives(state, older, &older_ids);
    assert_eq!(
        state.pending_fetch(),
        Some((id.clone(), format!("{id}.md")))
    );
    // An id no file names is not found at once.
    let state = state.reduce(Action::Navigate(Route::Read {
        id: "nowhere".into(),
    }));
    assert_eq!(reading(&state), Some(&Loadable::Loading));
    let state = state
        .reduce(Action::LookingUp("nowhere".into()))
        .reduce(Action::LookedUp {
            key: "nowhere".into(),
            result: Ok(None),
        });
    assert_eq!(reading(&state), Some(&Loadable::Failed(Problem::NotFound)));
    assert_eq!(state.catalog_shard_wanted(), None);
    // Files of ids that cannot be read: the shards are walked instead.
    let state = state.reduce(Action::Navigate(Route::Read {
        id: "elsewhere".into(),
    }));
    let state = state
        .reduce(Action::LookingUp("elsewhere".into()))
        .reduce(Action::LookedUp {
            key: "elsewhere".into(),
            result: Err("HTTP 404".into()),
        });
    assert_eq!(
        state.catalog_shard_wanted().map(|(n, _)| n),
        Some(catalog::START_SHARDS)
    );
}

#[test]
fn a_link_by_name_to_an_older_article_is_looked_up_like_one_by_id() {
    let total = catalog::START_SHARDS + 5;
    let (mut library, ids) = large_catalog(total, 2);
    library.id_files = 3;
    library.build = "index/0123456789abcdef/".into();
    let older = catalog::START_SHARDS + 2;
    let name = format!(" S{older}-1.md ");
    // A name and an id spelled alike are two keys: one's answer never stands for the other's.
    let alike = |route: Route| catalog::link_key(&route);
    assert_ne!(
        alike(Route::Find { name: "a".into() }),
        alike(Route::Read { id: "a".into() })
    );
    let state = Rc::new(State::new(Lang::En, Route::Find { name: name.clone() }));
    let state = started(state.reduce(Action::CatalogLoaded(Ok(library))), &ids);
    assert_eq!(state.catalog_shard_wanted(), None, "no walk");
    let lookup = state.id_lookup_wanted().expect("its file of ids");
    // The name's key: as the files of ids write an article's file name and title.
    let key = format!("/s{older}-1");
    let file = articles::connections::shard_of(&key, 3);
    assert_eq!(lookup.key, key);
    assert_eq!(
        lookup.path,
        format!("index/0123456789abcdef/ids/{file:04}.json")
    );
    let state = state
        .reduce(Action::LookingUp(key.clone()))
        .reduce(Action::LookedUp {
            key: key.clone(),
            result: Ok(Some(older)),
        });
    assert_eq!(state.catalog_shard_wanted().map(|(n, _)| n), Some(older));
    let older_ids: Vec<&str> = ids[older].iter().map(String::as_str).collect();
    let state = shard_arrives(state, older, &older_ids);
    assert_eq!(
        state.route,
        Route::Read {
            id: format!("s{older}-1")
        }
    );
}

#[test]
fn a_shard_that_cannot_be_read_is_told_and_not_asked_again() {
    let (library, ids) = large_catalog(catalog::START_SHARDS + 1, 1);
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::CatalogLoaded(Ok(library)));
    let state = shard_arrives(state, 0, &[ids[0][0].as_str()]);
    let state = state
        .reduce(Action::FetchingShard(1))
        .reduce(Action::ShardFailed {
            shard: 1,
            reason: "HTTP 500".into(),
        });
    assert_eq!(
        state.catalog.listing,
        Loadable::Failed(Problem::Failed("HTTP 500".into()))
    );
    assert_eq!(state.catalog_shard_wanted().map(|(n, _)| n), Some(2));
}

#[test]
fn the_hosted_index_answers_for_hosted_articles_by_catalog_number() {
    let mut library = catalog(&["alpha", "beta"]);
    library.search_index = Some(articles::search::hosted::Meta::default());
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::CatalogLoaded(Ok(library)));
    assert!(
        state.hosted_search_wanted().is_none(),
        "not before the reader searches"
    );
    let state = state.reduce(Action::FilesAdded {
        entries: vec![dropped("gamma.md", "# gamma\n\na hidden word")],
        skipped: Vec::new(),
        beside: Vec::new(),
        fidelity: None,
    });
    let state = indexed(state).reduce(Action::Search("hidden".into()));
    let wanted = state.hosted_search_wanted().map(|(_, query)| query);
    assert_eq!(wanted.as_deref(), Some("hidden"));
    assert!(state.hosted_search_pending());
    assert_eq!(
        visible_ids(&state),
        ["dropped/gamma"],
        "the reader's own, meanwhile"
    );
    // Catalog number 1 is "beta".
    let hit = |doc| Found { doc, score: 1 };
    let state = state.reduce(Action::HostedFound {
        query: "hidden".into(),
        result: Ok(vec![hit(1)]),
    });
    assert!(!state.hosted_search_pending() && state.hosted_search_wanted().is_none());
    let mut found = visible_ids(&state);
    found.sort_unstable();
    assert_eq!(found, ["beta", "dropped/gamma"]);
    // An exclusion: the hosted index says which hosted articles lack the word.
    let state = state.reduce(Action::Search("-hidden".into()));
    let state = state.reduce(Action::HostedFound {
        query: "-hidden".into(),
        result: Ok(vec![hit(0)]),
    });
    assert_eq!(visible_ids(&state), ["alpha"]);
    // A late answer to an older query changes nothing; a failure is told.
    let late = state.clone().reduce(Action::HostedFound {
        query: "hidden".into(),
        result: Ok(vec![hit(1)]),
    });
    assert_eq!(visible_ids(&late), ["alpha"]);
    let state = state.reduce(Action::Search("word".into()));
    let state = state.reduce(Action::HostedFound {
        query: "word".into(),
        result: Err("index/search/terms-0000.bin: HTTP 404".into()),
    });
    assert_eq!(
        state.hosted_search_failure().as_deref(),
        Some("index/search/terms-0000.bin: HTTP 404")
    );
    assert_eq!(visible_ids(&state), ["dropped/gamma"]);
}

fn reading(state: &State) -> Option<&Loadable<Shared<Article>>> {
    state.reading.as_ref().map(|(_, l)| l)
}

#[test]
fn deep_link_waits_for_the_catalog_then_fetches() {
    let state = Rc::new(State::new(Lang::En, Route::Read { id: "a".into() }));
    assert_eq!(reading(&state), Some(&Loadable::Loading));
    assert_eq!(state.pending_fetch(), None);
    let state = state.reduce(Action::CatalogLoaded(Ok(catalog(&["a", "b"]))));
    assert_eq!(state.pending_fetch(), Some(("a".into(), "a.md".into())));
}

#[test]
fn a_fetched_article_opens_again_without_fetching() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::CatalogLoaded(Ok(catalog(&["a"]))));
    let state = state.reduce(Action::Navigate(Route::Read { id: "a".into() }));
    assert!(state.pending_fetch().is_some());
    let article = Shared::new(parse("a.md", b"# A", &ParseOptions::default()));
    let state = state.reduce(Action::ArticleLoaded {
        id: "a".into(),
        result: Ok(article.clone()),
    });
    let state = state.reduce(Action::Navigate(Route::Library));
    let state = state.reduce(Action::Navigate(Route::Read { id: "a".into() }));
    assert_eq!(state.pending_fetch(), None);
    assert_eq!(reading(&state), Some(&Loadable::Ready(article)));
}

#[test]
fn unknown_id_is_not_found_once_the_catalog_is_in() {
    let state = Rc::new(State::new(Lang::En, Route::Read { id: "zzz".into() }));
    let state = state.reduce(Action::CatalogLoaded(Ok(catalog(&["a"]))));
    assert_eq!(reading(&state), Some(&Loadable::Failed(Problem::NotFound)));
}

#[test]
fn late_article_for_a_left_page_is_ignored() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::CatalogLoaded(Ok(catalog(&["a"]))));
    let state = state.reduce(Action::Navigate(Route::Read { id: "a".into() }));
    let state = state.reduce(Action::Navigate(Route::Library));
    let article = Shared::new(parse("a.md", b"x", &ParseOptions::default()));
    let state = state.reduce(Action::ArticleLoaded {
        id: "a".into(),
        result: Ok(article),
    });
    assert_eq!(state.reading, None);
}

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
fn search_filters_the_list() {
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = state.reduce(Action::CatalogLoaded(Ok(catalog(&["alpha", "beta"]))));
    let state = indexed(state).reduce(Action::Search("alp".into()));
    let ids = visible_ids(&state);
    assert_eq!(ids, vec!["alpha"]);
}

#[test]
fn stored_articles_are_listed_at_once_and_found_as_their_text_is_indexed() {
    let long = "word ".repeat(20_000);
    let entries: Vec<Entry> = (0..6)
        .map(|n| dropped(&format!("{n}.md"), &format!("# T{n}\n\n{long} needle{n}")))
        .collect();
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
