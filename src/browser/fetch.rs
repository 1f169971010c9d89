//! Fetching the hosted library: the catalog and its shards, and an article's file when it is
//! opened.

use articles::catalog::{Catalog, SearchShard, SearchText, Shard, Summary, SCHEMA_VERSION};
use articles::url::resolve_asset;
use articles::Location;
use gloo_net::http::Request;

/// Where the hosted library lives by default, relative to the page (so sub-path hosting works).
const DEFAULT_LIBRARY: &str = "articles/";

/// The hosted library's folder: `articles/` beside the page, or the one named by
/// `?library=URL` (a catalog's URL, or its folder ending in `/`), possibly on another origin.
pub fn library_dir() -> String {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let requested = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("library="))
        .map(|value| articles::links::decode_path(&value.replace('+', " ")))
        .filter(|value| !value.trim().is_empty());
    match requested {
        Some(url) if url.ends_with('/') => url,
        Some(url) => url
            .rfind('/')
            .map_or_else(String::new, |slash| url[..=slash].to_owned()),
        None => DEFAULT_LIBRARY.to_owned(),
    }
}

/// The catalog at `<library>/index.json`. A missing default catalog is an empty library, not an
/// error: Lectern opened from disk or hosted without articles simply has none.
pub async fn catalog() -> Result<Catalog, String> {
    let library = library_dir();
    let url = format!("{library}index.json");
    let response = Request::get(&url).send().await.map_err(|_| {
        format!(
            "{url} could not be read. Its host may not let other sites read it (CORS), or it may be offline"
        )
    })?;
    if response.status() == 404 && library == DEFAULT_LIBRARY {
        return Ok(Catalog {
            schema: SCHEMA_VERSION,
            ..Catalog::default()
        });
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
    resolve_covers(&library, &mut catalog.articles);
    Ok(catalog)
}

/// The articles of a catalog's shard at `path` (relative to the catalog).
pub async fn shard(path: &str) -> Result<Vec<Summary>, String> {
    let library = library_dir();
    let mut shard: Shard = json(&format!("{library}{path}")).await?;
    resolve_covers(&library, &mut shard.articles);
    Ok(shard.articles)
}

/// The search text in a catalog's search shard at `path` (relative to the catalog).
pub async fn search_shard(path: &str) -> Result<Vec<SearchText>, String> {
    let shard: SearchShard = json(&format!("{}{path}", library_dir())).await?;
    Ok(shard.texts)
}

async fn json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, String> {
    let bytes = bytes(url).await?;
    serde_json::from_slice(&bytes)
        .map_err(|e| format!("{url} is not part of a Lectern catalog: {e}"))
}

/// Covers in a catalog are relative to it; the page is one folder up.
fn resolve_covers(library: &str, articles: &mut [Summary]) {
    let location = Location::of(Some(library), "", "");
    for summary in articles {
        summary.cover = summary
            .cover
            .take()
            .and_then(|cover| resolve_asset(&location, &cover));
    }
}

/// The bytes of the file at `url`.
pub async fn bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response.binary().await.map_err(|e| format!("{url}: {e}"))
}
