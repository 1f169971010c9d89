//! Workflows on one article: fetching and parsing a hosted article when it is opened, and
//! reading an article's file again (in another encoding, or after it was set aside).

use wasm_bindgen_futures::spawn_local;

use super::Dispatch;
use crate::browser::{fetch, files, parser, quarantine};
use crate::parse_job::Context;
use crate::shared::Shared;
use crate::state::{Action, Notice, Origin};

/// Fetches the hosted article `id` (at `path` in the catalog) and parses it.
pub fn open_hosted(dispatcher: Dispatch, id: String, path: String) {
    spawn_local(async move {
        let library = fetch::library_dir();
        let result = match fetch::bytes(&format!("{library}{path}")).await {
            Ok(bytes) => Ok(Shared::new(
                parser::parse_one(&hosted(library), &path, bytes).await,
            )),
            Err(reason) => Err(reason),
        };
        dispatcher.dispatch(Action::ArticleLoaded { id, result });
    });
}

/// Reads the article `id` again: the reader's own file, or the hosted one (fetched again, from
/// the browser's cache), in `encoding` (a WHATWG label), or as detected when it is empty.
pub fn reread(dispatcher: Dispatch, id: String, path: String, origin: Origin, encoding: String) {
    spawn_local(async move {
        let (context, path, bytes) = match origin {
            Origin::Reader(file) => (
                Context {
                    id_root: files::DROPPED_PREFIX.to_owned(),
                    ..Context::default()
                },
                file.path.clone(),
                Ok(file.bytes.clone()),
            ),
            // Not open yet: storage is still reading it.
            Origin::Stored(_) => return,
            Origin::Hosted => {
                let library = fetch::library_dir();
                let bytes = fetch::bytes(&format!("{library}{path}")).await;
                (hosted(library), path, bytes)
            }
        };
        match bytes {
            Ok(bytes) => {
                // Asked for by the reader: a file set aside is read again.
                quarantine::release(&path);
                let context = Context {
                    encoding: (!encoding.is_empty()).then_some(encoding),
                    ..context
                };
                let article = parser::parse_one(&context, &path, bytes).await;
                dispatcher.dispatch(Action::Reread {
                    id,
                    article: Shared::new(article),
                });
            }
            Err(reason) => dispatcher.dispatch(Action::Notify(Notice::Problem(reason))),
        }
    });
}

/// Where a hosted article's pictures and links resolve: its library's folder.
fn hosted(library: String) -> Context {
    Context {
        asset_root: Some(library),
        ..Context::default()
    }
}
