//! Reading the files a reader drops or opens, and turning them into library entries.

use std::rc::Rc;

use articles::{parse, Location, ParseOptions, Summary};
use gloo_file::futures::read_as_bytes;
use gloo_file::File;

use crate::state::Entry;

/// Extensions read as articles; anything else is skipped and named to the reader.
const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "mdx", "txt", "html", "htm"];

/// Where dropped files live in the id space, apart from hosted articles.
const DROPPED_PREFIX: &str = "dropped/";

/// The files of a `FileList` (from a drop or a file input).
pub fn from_list(list: Option<web_sys::FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(File::from)
        .collect()
}

/// Reads and parses `files`; returns the new entries and the names of skipped files.
pub async fn read(files: Vec<File>) -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for file in files {
        let name = file.name();
        if !is_article(&name) {
            skipped.push(name);
            continue;
        }
        match read_as_bytes(&file).await {
            Ok(bytes) => {
                // Files beside a dropped file are not available (yet), so relative images are
                // left out rather than requested from the host.
                let options = ParseOptions {
                    location: Location::of(None, DROPPED_PREFIX, &name),
                    ..ParseOptions::default()
                };
                let article = Rc::new(parse(&name, &bytes, &options));
                entries.push(Entry {
                    summary: Summary::of(&format!("{DROPPED_PREFIX}{name}"), &article),
                    article: Some(article),
                });
            }
            Err(_) => skipped.push(name),
        }
    }
    (entries, skipped)
}

fn is_article(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| ARTICLE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}
