//! The app's own files, fetched from beside the page for a site published from the browser
//! (`crate::site`): the build names them in `lectern-site.json`.

use crate::browser::store::StoredFile;
use crate::browser::{fetch, page};
use crate::site::{is_own_file, SITE_FILES};

/// Why a copy opened from disk cannot publish: it has no build beside it to copy.
const FROM_DISK: &str =
    "a site is published from Lectern on a web host; this copy was opened from disk";

/// Each of the build's files, by name, with its bytes as the host serves them.
pub async fn own_files() -> Result<Vec<StoredFile>, String> {
    if page::protocol() == "file:" {
        return Err(FROM_DISK.to_owned());
    }
    let list = fetch::bytes(SITE_FILES).await?;
    let names: Vec<String> = serde_json::from_slice(&list)
        .map_err(|e| format!("{SITE_FILES} is not a list of the build's files: {e}"))?;
    let mut files = Vec::with_capacity(names.len());
    for name in names {
        if !is_own_file(&name) {
            return Err(format!(
                "{SITE_FILES} names {name}, which is not a file of the build"
            ));
        }
        let bytes = fetch::bytes(&name).await?;
        files.push(StoredFile::new(name, bytes));
    }
    Ok(files)
}
