//! Handing the reader a file to save (an export), without a server; and the blobs such files
//! (and stored or dropped ones) are made of.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// A blob of `bytes`, of `media_type`.
pub fn blob(bytes: &[u8], media_type: &str) -> Option<Blob> {
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    Blob::new_with_u8_array_sequence_and_options(&Array::of1(&Uint8Array::from(bytes)), &options)
        .ok()
}

/// Offers `bytes` for download as `name`.
pub fn save(name: &str, media_type: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |_| "the browser refused the download".to_owned();
    let blob = blob(bytes, media_type).ok_or("the browser refused the download")?;
    let url = Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "no link element".to_owned())?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has started from the URL; it is no longer needed.
    let _ = Url::revoke_object_url(&url);
    Ok(())
}
