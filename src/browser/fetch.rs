//! Fetching the hosted library: the catalog, and an article's file when it is opened.

use articles::catalog::{Catalog, SCHEMA_VERSION};
use articles::url::resolve_asset;
use articles::Location;
use gloo_net::http::Request;

/// Where the hosted library lives, relative to the page (so sub-path hosting works).
pub const LIBRARY_DIR: &str = "articles/";

/// The catalog at `articles/index.json`. A missing catalog is an empty library, not an error:
/// Lectern opened from disk or hosted without articles simply has none.
pub async fn catalog() -> Result<Catalog, String> {
    let url = format!("{LIBRARY_DIR}index.json");
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if response.status() == 404 {
        return Ok(Catalog {
            schema: SCHEMA_VERSION,
            articles: Vec::new(),
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
    // Covers in the catalog are relative to it; the page is one folder up.
    let library = Location::of(Some(LIBRARY_DIR), "", "");
    for summary in &mut catalog.articles {
        summary.cover = summary
            .cover
            .take()
            .and_then(|cover| resolve_asset(&library, &cover));
    }
    Ok(catalog)
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
