//! Fetching the hosted library: the catalog and its shards, the search index's files a search
//! needs, an article's file when it is opened, and the shard of its connections.

use std::collections::BTreeMap;

use articles::catalog::{Catalog, Shard, Summary, SCHEMA_VERSION};
use articles::connections::Connections;
use articles::url::resolve_asset;
use articles::Location;
use gloo_net::http::{Request, Response};

use crate::browser::files::DROPPED_PREFIX;
use crate::browser::{first_paint, page};

/// Where the hosted library lives by default, relative to the page (so sub-path hosting works).
const DEFAULT_LIBRARY: &str = "articles/";

/// The hosted library's folder: `articles/` beside the page, or the one named by
/// `?library=URL` (a catalog's URL, or its folder ending in `/`), possibly on another origin.
/// Empty when the address names a library Lectern refuses to read (see `requested_library`).
pub fn library_dir() -> String {
    requested_library()
        .map(|library| library.unwrap_or_else(|| DEFAULT_LIBRARY.to_owned()))
        .unwrap_or_default()
}

/// The folder of the library `?library=` names, resolved against the page: `None` without
/// one, an error when it is not an `http:` or `https:` address (a `javascript:`, `data:` or
/// `file:` "library" is never fetched).
fn requested_library() -> Result<Option<String>, String> {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return Ok(None);
    };
    let requested = location
        .search()
        .unwrap_or_default()
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("library="))
        .map(|value| articles::links::decode_path(&value.replace('+', " ")))
        .filter(|value| !value.trim().is_empty());
    let Some(requested) = requested else {
        return Ok(None);
    };
    let page = location.href().unwrap_or_default();
    let url = web_sys::Url::new_with_base(requested.trim(), &page)
        .map_err(|_| format!("?library={requested} is not an address"))?;
    if !matches!(url.protocol().as_str(), "http:" | "https:") {
        return Err(format!(
            "?library={requested}: only http: and https: libraries are read"
        ));
    }
    url.set_search("");
    url.set_hash("");
    let href = url.href();
    Ok(Some(if href.ends_with('/') {
        href
    } else {
        href.rfind('/')
            .map_or_else(String::new, |slash| href[..=slash].to_owned())
    }))
}

/// The origin of a library from another site (`?library=`), to say whose library is shown;
/// `None` for the page's own.
pub fn foreign_origin() -> Option<String> {
    let library = requested_library().ok()??;
    let page = web_sys::window()?.location().origin().ok()?;
    let origin = web_sys::Url::new(&library).ok()?.origin();
    (origin != page).then_some(origin)
}

/// The catalog at `<library>/index.json`. A missing default catalog is an empty library, not an
/// error: Lectern opened from disk or hosted without articles simply has none.
pub async fn catalog() -> Result<Catalog, String> {
    let empty = || Catalog {
        schema: SCHEMA_VERSION,
        ..Catalog::default()
    };
    let requested = requested_library()?;
    // From disk nothing beside the page can be fetched (the browser would only log an error).
    if requested.is_none() && page::protocol() == "file:" {
        return Ok(empty());
    }
    let library = requested.unwrap_or_else(|| DEFAULT_LIBRARY.to_owned());
    let url = format!("{library}index.json");
    let response = get(&url).await.map_err(|_| {
        format!(
            "{url} could not be read. Its host may not let other sites read it (CORS), or it may be offline"
        )
    })?;
    if response.status() == 404 && library == DEFAULT_LIBRARY {
        return Ok(empty());
    }
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = response.text().await.map_err(|e| format!("{url}: {e}"))?;
    let mut catalog: Catalog =
        serde_json::from_str(&text).map_err(|e| format!("{url} is not a Lectern catalog: {e}"))?;
    if catalog.schema > SCHEMA_VERSION {
        return Err(format!(
            "{url} was written by a newer Lectern (catalog version {}); this one reads version {SCHEMA_VERSION}",
            catalog.schema
        ));
    }
    guard(&library, &mut catalog.articles);
    Ok(catalog)
}

/// The articles of a catalog's shard at `path` (relative to the catalog).
pub async fn shard(path: &str) -> Result<Vec<Summary>, String> {
    let library = library_dir();
    let mut shard: Shard = json(&format!("{library}{path}")).await?;
    guard(&library, &mut shard.articles);
    Ok(shard.articles)
}

/// Which shard holds the article under `key` (its catalog id, or a name's key), as the
/// catalog's file of ids at `path` (relative to the catalog) says; `None` when none does.
pub async fn shard_holding(path: &str, key: &str) -> Result<Option<usize>, String> {
    let keys: BTreeMap<String, usize> = json(&format!("{}{path}", library_dir())).await?;
    Ok(keys.get(key).copied())
}

/// A shard of the catalog's connections at `path` (relative to the catalog), read as untrusted
/// input as `guard` reads summaries: every id as the app knows it.
pub async fn connections(path: &str) -> Result<BTreeMap<String, Connections>, String> {
    let shard: BTreeMap<String, Connections> = json(&format!("{}{path}", library_dir())).await?;
    let mut guarded = BTreeMap::new();
    // A loop, not `collect`: collecting into a map sorts first, and a sort is kilobytes of wasm.
    for (id, mut connections) in shard {
        for backlink in &mut connections.backlinks {
            backlink.from = hosted_id(std::mem::take(&mut backlink.from));
        }
        for related in &mut connections.related {
            related.id = hosted_id(std::mem::take(&mut related.id));
        }
        guarded.insert(hosted_id(id), connections);
    }
    Ok(guarded)
}

async fn json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, String> {
    let bytes = bytes(url).await?;
    serde_json::from_slice(&bytes)
        .map_err(|e| format!("{url} is not part of a Lectern catalog: {e}"))
}

/// A catalog is read as untrusted input: covers are relative to it (the page is one folder up)
/// and pass the engine's URL checks, and ids keep out of the reader's own files' space.
fn guard(library: &str, articles: &mut [Summary]) {
    let location = Location::of(Some(library), "", "");
    for summary in articles {
        summary.id = hosted_id(std::mem::take(&mut summary.id));
        summary.cover = summary
            .cover
            .take()
            .and_then(|cover| resolve_asset(&location, &cover));
    }
}

/// A hosted article's id in the app: as the catalog says, unless it starts like the ids of
/// the reader's own files (`dropped/…`), which a catalog must never replace, or with the `~`
/// that marks such an id (so the mapping stays one-to-one).
fn hosted_id(id: String) -> String {
    if id.starts_with(DROPPED_PREFIX) || id.starts_with('~') {
        format!("~{id}")
    } else {
        id
    }
}

/// The response for `url`: the one the first paint got (the default catalog and its first
/// shard: `first_paint`), else fetched now.
async fn get(url: &str) -> Result<Response, gloo_net::Error> {
    match first_paint::handed(url).await {
        Some(response) => Ok(Response::from(response)),
        None => Request::get(url).send().await,
    }
}

/// The bytes of the file at `url`.
pub async fn bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = get(url).await.map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response.binary().await.map_err(|e| format!("{url}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalog_never_takes_the_readers_ids() {
        assert_eq!(hosted_id("news/a".into()), "news/a");
        assert_eq!(hosted_id("dropped/note".into()), "~dropped/note");
        // `~` marks a moved id, so an id that already starts with one moves too: two
        // different catalog ids never become the same app id.
        assert_eq!(hosted_id("~dropped/note".into()), "~~dropped/note");
        assert_ne!(
            hosted_id("~dropped/x".into()),
            hosted_id("dropped/x".into())
        );
    }
}
