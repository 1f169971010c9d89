//! `articles::parse` on arbitrary bytes: the whole pipeline (encoding detection, front matter,
//! Markdown or HTML body, tag plugins, sanitizer, URL resolution, text extraction) must turn
//! *any* file a reader drops into an article, without panicking, hanging or exhausting memory,
//! and the article's HTML must be inert because the page inserts it as markup.
//!
//! The first input byte picks the `ParseOptions` (default; hosted under `articles/`; dropped,
//! with a `blob:` and a `data:image/svg+xml,` file beside the article) and the file name; the
//! rest is the file. Checked after every parse (`articles_fuzz::check_article`): no `<script`,
//! no `on…=` attribute or `srcdoc`, no `javascript:` / `vbscript:` / `data:text/html` /
//! `data:image/svg` URL in `href`/`src` (read as the browser reads URLs), no `href` to a
//! `blob:` or `data:` document, and a lossless `serde_json` round trip of the article (what the
//! worker sends the page).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    articles_fuzz::parse_and_check(selector, bytes);
});
