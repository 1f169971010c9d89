//! The reducer: each [`Action`] applied to a copy of the [`State`], the only place it changes.
//! Pure: what it asks of the browser, effects read from the state it leaves.

use std::rc::Rc;

use articles::Summary;
use yew::Reducible;

use super::{listing, Action, Loadable, Notice, Problem, Removal, State};
use crate::shared::Shared;
use crate::view::View;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::CatalogLoaded(Ok(catalog)) => {
                next.catalog.loaded(&catalog);
                next.hosted_connections
                    .set_shards(catalog.connections, catalog.build_dir());
                next.hosted_search.set_meta(catalog.search_index);
                next.add_hosted(0, catalog.articles, None);
            }
            Action::FetchingShard(shard) => next.catalog.fetching_shard(shard),
            Action::ShardLoaded {
                shard,
                offset,
                summaries,
                more,
            } => {
                let first = next.catalog.first_number(shard, offset);
                next.add_hosted(first, summaries, (!more).then_some(shard));
            }
            Action::ShardFailed { shard, reason } => {
                next.catalog.failed(Some(shard), reason);
                next.refresh_reading();
            }
            Action::ListMore => next.catalog.ask_more(),
            Action::LookingUp(key) => next.catalog.looking_up(key),
            Action::LookedUp { key, result } => {
                next.catalog.looked_up(key, result);
                next.refresh_reading();
            }
            // An answer to a query the reader has typed past is not kept.
            Action::HostedFound { query, result } => {
                if query != next.view.query {
                    return self;
                }
                next.hosted_search.answered(query, result);
                next.refresh_shown();
            }
            Action::CatalogLoaded(Err(message)) => {
                next.catalog.failed(None, message);
                next.refresh_reading();
            }
            Action::FetchingConnections(shard) => next.fetching_connections(shard),
            Action::ConnectionsLoaded { shard, result } => {
                next.hosted_connections.loaded(shard, result);
            }
            Action::Navigate(route) => {
                if route == next.route {
                    return self;
                }
                next.navigate(route);
            }
            Action::Search(query) => {
                let view = View {
                    query,
                    ..next.view.clone()
                };
                next.set_view(view);
            }
            Action::SetView(view) => {
                if view == next.view {
                    return self;
                }
                next.set_view(view);
            }
            Action::ChooseView(view) => {
                if view == next.view {
                    return self;
                }
                next.view_steps += 1;
                next.set_view(view);
            }
            Action::ArticleLoaded { id, result } => match &next.reading {
                Some((open, Loadable::Loading)) if *open == id => {
                    if let Ok(article) = &result {
                        Rc::make_mut(&mut next.fetched).insert(id.clone(), article.clone());
                    }
                    next.reading = Some((
                        id,
                        result
                            .map_or_else(|e| Loadable::Failed(Problem::Failed(e)), Loadable::Ready),
                    ));
                }
                // A late answer for an article the reader has already left.
                _ => return self,
            },
            Action::FilesArriving(entries) => {
                let text = listing::arriving_slice(&entries);
                let tally = next.add_entries(entries);
                next.index_some(text);
                next.arriving = next.arriving.plus(tally);
                next.refresh_reading();
            }
            Action::FilesAdded {
                entries,
                skipped,
                beside,
                fidelity,
            } => {
                let text = listing::arriving_slice(&entries);
                let tally = std::mem::take(&mut next.arriving).plus(next.add_entries(entries));
                next.index_some(text);
                next.notice = Some(Notice::FilesAdded {
                    added: tally.added,
                    replaced: tally.replaced,
                    unchanged: tally.unchanged,
                    skipped,
                    beside,
                    fidelity,
                });
                next.refresh_reading();
            }
            Action::FilesRestored(entries) => {
                next.restore_entries(entries);
                next.refresh_reading();
            }
            Action::RestoreFinished => {
                next.restore_finished();
                next.refresh_reading();
            }
            Action::IndexSome => {
                if next.unindexed() == 0 {
                    return self;
                }
                next.index_some(listing::INDEX_SLICE_BYTES);
                // The index changes in place. While more text waits and nothing is searched,
                // nothing shown has changed: the same state, so the page is not drawn again
                // (a 10 000-file import's drawing went from 319 to 275 ms).
                if next.unindexed() > 0 && next.view.query.trim().is_empty() {
                    return self;
                }
            }
            // The index changes in place; what is listed does not: the same state.
            Action::IndexAhead(entries) => {
                self.index_ahead(&entries);
                return self;
            }
            Action::ForgetAhead(ids) => {
                self.forget_ahead(&ids);
                return self;
            }
            Action::Remove { ids, files } => next.remove(&ids, files),
            Action::Undo => {
                let removed = std::mem::take(&mut next.removed);
                next.undismiss(&removed.entries);
                next.add_entries(removed.entries);
                next.notice = None;
            }
            Action::ForgetRemoved => {
                next.removed = Removal::default();
                if next.notice.as_ref().is_some_and(Notice::undo) {
                    next.notice = None;
                }
            }
            Action::StorageFailed(message) => {
                if !next.no_storage {
                    next.notice = Some(Notice::StorageFailed(message));
                }
            }
            Action::NoStorage(message) => {
                next.no_storage = true;
                next.notice = Some(Notice::NoStorage(message));
            }
            Action::StorageUsed(bytes) => next.storage_used = Some(bytes),
            Action::Notify(notice) => next.notice = Some(notice),
            Action::Importing(progress) => next.importing = progress,
            Action::SetLang(lang) => next.lang = lang,
            Action::SetTheme(theme) => next.theme = theme,
            Action::SetLayout(layout) => next.layout = layout,
            Action::SetRemoteImages(mode) => next.images.mode = mode,
            Action::AllowImagesFrom(host) => {
                Rc::make_mut(&mut next.images.allowed).insert(host);
            }
            Action::ListLeft(place) => next.list_place = Some(place),
            Action::Reread { id, article } => {
                let mut entries = (*next.entries).clone();
                if let Some(entry) = entries.iter_mut().find(|e| e.summary.id == id) {
                    if entry.article.is_some() {
                        entry.summary = Rc::new(Summary::of(&entry.summary.path, &article));
                        entry.article = Some(article.clone());
                    } else {
                        Rc::make_mut(&mut next.fetched).insert(id.clone(), article.clone());
                    }
                    next.index_entry(entry);
                }
                next.entries = Shared::new(entries);
                if matches!(&next.reading, Some((open, _)) if *open == id) {
                    next.reading = Some((id, Loadable::Ready(article)));
                }
                next.refresh_positions();
                next.refresh_shown();
            }
            Action::MarkRead(id) => {
                if next.read.contains(&id) {
                    return self;
                }
                let mut read = (*next.read).clone();
                read.insert(id);
                next.read = Shared::new(read);
                if next.view.unread {
                    next.refresh_shown();
                }
            }
        }
        Rc::new(next)
    }
}
