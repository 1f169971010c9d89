//! A hosted catalog arriving shard by shard, large catalogs listed as they are wanted, links
//! to articles not listed yet, and the hosted index's answers.

use super::*;
use crate::state::catalog::{link_key, MORE_SHARDS, START_SHARDS};

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
    for (shard, ids) in ids.iter().enumerate().take(START_SHARDS) {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        state = shard_arrives(state, shard, &ids);
    }
    state
}

#[test]
fn a_large_catalog_lists_its_newest_shards_and_the_rest_as_asked() {
    let total = START_SHARDS + 6;
    let (library, ids) = large_catalog(total, 2);
    let state = Rc::new(State::new(Lang::En, Route::Library));
    let state = started(state.reduce(Action::CatalogLoaded(Ok(library))), &ids);
    assert_eq!(state.catalog.listing, Loadable::Ready(()));
    assert_eq!(state.entries.len(), START_SHARDS * 2);
    assert_eq!(state.catalog_shard_wanted(), None, "older shards wait");
    assert_eq!(state.unlisted(), Unlisted::Older(12));
    assert!(!state.catalog.busy());
    // Asked for more, the next older shards follow, a few of them.
    let mut state = state.reduce(Action::ListMore);
    for shard in START_SHARDS..START_SHARDS + MORE_SHARDS {
        let ids: Vec<&str> = ids[shard].iter().map(String::as_str).collect();
        state = shard_arrives(state, shard, &ids);
    }
    assert_eq!(state.catalog_shard_wanted(), None);
    assert_eq!(state.unlisted(), Unlisted::Older(4));
}

#[test]
fn a_search_lists_the_shards_of_its_matches_among_older_articles() {
    let total = START_SHARDS + 6;
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
    let older = START_SHARDS + 3;
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
    let total = START_SHARDS + 3;
    let (library, ids) = large_catalog(total, 2);
    let id = format!("s{}-1", START_SHARDS + 1);
    let state = Rc::new(State::new(Lang::En, Route::Read { id: id.clone() }));
    let state = started(state.reduce(Action::CatalogLoaded(Ok(library))), &ids);
    assert_eq!(reading(&state), Some(&Loadable::Loading));
    let mut state = state;
    for shard in START_SHARDS..START_SHARDS + 2 {
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
    let total = START_SHARDS + 5;
    let (mut library, ids) = large_catalog(total, 2);
    library.id_files = 3;
    library.build = "index/0123456789abcdef/".into();
    let older = START_SHARDS + 3;
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
        Some(START_SHARDS)
    );
}

#[test]
fn a_link_by_name_to_an_older_article_is_looked_up_like_one_by_id() {
    let total = START_SHARDS + 5;
    let (mut library, ids) = large_catalog(total, 2);
    library.id_files = 3;
    library.build = "index/0123456789abcdef/".into();
    let older = START_SHARDS + 2;
    let name = format!(" S{older}-1.md ");
    // A name and an id spelled alike are two keys: one's answer never stands for the other's.
    let alike = |route: Route| link_key(&route);
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
    let (library, ids) = large_catalog(START_SHARDS + 1, 1);
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
