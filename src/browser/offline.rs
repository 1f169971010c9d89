//! Offline after one visit: the service worker (`static/sw.js`) is registered for this build,
//! and a new build is noticed, so the reader is told Lectern was updated.

use wasm_bindgen_futures::JsFuture;

use crate::browser::page;

/// Where the build last seen on this device is kept.
const SEEN_BUILD: &str = "lectern.build";

/// Registers the service worker of this build (`sw.js?v=<build>`), where the page is served
/// over HTTP(S); a page opened from disk has none, and runs as it always did.
pub async fn register() {
    let build = page::this_build();
    let Some(container) = web_sys::window().map(|w| w.navigator().service_worker()) else {
        return;
    };
    if build.is_empty() || !matches!(page::protocol().as_str(), "http:" | "https:") {
        return;
    }
    // Refused (a private window, a policy): Lectern works as before, online.
    let _ = JsFuture::from(container.register(&format!("./sw.js?v={build}"))).await;
}

/// Whether this build is new on this device (another was seen before); it is remembered now.
pub fn updated() -> bool {
    let build = page::this_build();
    let Some(storage) = page::local_storage() else {
        return false;
    };
    let seen = storage.get_item(SEEN_BUILD).ok().flatten();
    if seen.as_deref() == Some(build.as_str()) || build.is_empty() {
        return false;
    }
    // Not kept (storage refused): the notice may show again; harmless.
    let _ = storage.set_item(SEEN_BUILD, &build);
    seen.is_some()
}
