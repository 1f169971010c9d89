//! Opening a hosted article: waiting for the catalog, fetching once, an unknown id, a late
//! answer for a page left.

use super::*;

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
