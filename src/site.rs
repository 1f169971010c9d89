//! A site published from the browser ("Publish…"): the layout `cargo xtask dist --library`
//! gives a folder, so both routes write the same site. The app's own files go at the top (the
//! build lists them in [`SITE_FILES`]); the reader's files go under [`SITE_LIBRARY`], where the
//! worker writes their catalog beside them.

/// Where a published site keeps its library.
pub const SITE_LIBRARY: &str = "articles/";

/// The build's list of its own files (a JSON array of names beside the page), written by
/// `cargo xtask dist`.
pub const SITE_FILES: &str = "lectern-site.json";

/// What the site's archive is called when it is saved.
pub const SITE_ARCHIVE: &str = "lectern-site.zip";

/// Where each of the reader's files goes in the site: under [`SITE_LIBRARY`], without the one
/// folder they all share, if they do (a folder opened or dropped whole is the library itself,
/// as `cargo xtask dist --library <folder>` takes it).
pub fn library_paths<'a>(paths: impl IntoIterator<Item = &'a str> + Clone) -> Vec<String> {
    let shared = paths
        .clone()
        .into_iter()
        .map(|path| path.split_once('/').map(|(folder, _)| folder))
        .reduce(|a, b| if a == b { a } else { None })
        .flatten();
    paths
        .into_iter()
        .map(|path| {
            let inside = shared
                .and_then(|folder| path.strip_prefix(folder)?.strip_prefix('/'))
                .unwrap_or(path);
            format!("{SITE_LIBRARY}{inside}")
        })
        .collect()
}

/// Whether `name`, from the build's list, is a plain file beside the page (never a path that
/// could climb out of the site or point elsewhere).
pub fn is_own_file(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', ':', '?', '#'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_opened_whole_is_the_library_itself() {
        assert_eq!(
            library_paths(["blog/a.md", "blog/img/b.png"]),
            ["articles/a.md", "articles/img/b.png"]
        );
        // Loose files, or several folders, keep their paths.
        assert_eq!(
            library_paths(["a.md", "blog/b.md"]),
            ["articles/a.md", "articles/blog/b.md"]
        );
        assert_eq!(
            library_paths(["x/a.md", "y/b.md"]),
            ["articles/x/a.md", "articles/y/b.md"]
        );
        assert!(library_paths(Vec::<&str>::new()).is_empty());
    }

    #[test]
    fn only_plain_names_are_fetched_as_the_app_s_files() {
        assert!(is_own_file("lectern-1a2b.js"));
        assert!(is_own_file("_headers"));
        for name in ["", "..", "a/b", "https://evil.example/x", "x?y", "..\\x"] {
            assert!(!is_own_file(name), "{name}");
        }
    }
}
