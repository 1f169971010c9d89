//! A file as the reader brought it in, as the state keeps it: plain data, so the state and its
//! tests need no browser (`browser::store::StoredFile` adds the browser's `Blob` beside it).

/// A file the reader dropped, picked, pasted or unpacked from a zip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderFile {
    /// The path within the drop (`notes/a.md`), or the file name.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What becomes of a file of one drop, beside the files before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Twin {
    /// Its name is its own.
    Keep,
    /// The same name and bytes as a file before it: it is kept once.
    Same,
    /// Another file of the drop has its name (two folders picked through "Open files", which
    /// gives names without folders): it is kept beside it under this name.
    Beside(String),
}

/// How the files of one drop are told apart, in order: no file of a drop replaces another one
/// of the same drop.
pub fn tell_apart(files: &[&ReaderFile]) -> Vec<Twin> {
    let mut taken: std::collections::HashMap<&str, Vec<&[u8]>> = Default::default();
    // Names a new name must not take: every name in the drop, and those already given.
    let mut names: std::collections::HashSet<String> =
        files.iter().map(|f| f.path.clone()).collect();
    let mut twins = Vec::with_capacity(files.len());
    for file in files {
        let earlier = taken.entry(&file.path).or_default();
        if earlier.is_empty() {
            earlier.push(&file.bytes);
            twins.push(Twin::Keep);
        } else if earlier.contains(&file.bytes.as_slice()) {
            twins.push(Twin::Same);
        } else {
            earlier.push(&file.bytes);
            let name = (earlier.len()..)
                .map(|n| numbered(&file.path, n))
                .find(|name| !names.contains(name))
                .unwrap_or_default();
            names.insert(name.clone());
            twins.push(Twin::Beside(name));
        }
    }
    twins
}

/// `notes/a.md` as the `n`th of its name: `notes/a (n).md`.
fn numbered(path: &str, n: usize) -> String {
    let name_at = path.rfind('/').map_or(0, |slash| slash + 1);
    match path[name_at..].rfind('.') {
        Some(dot) if dot > 0 => {
            let dot = name_at + dot;
            format!("{} ({n}){}", &path[..dot], &path[dot..])
        }
        _ => format!("{path} ({n})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, bytes: &str) -> ReaderFile {
        ReaderFile {
            path: path.into(),
            bytes: bytes.as_bytes().to_vec(),
        }
    }

    #[test]
    fn files_of_one_name_are_kept_apart_and_copies_once() {
        let files = [
            file("dnstap.md", "# Blog"),
            file("dnstap.md", "# Plugin"),
            file("dnstap.md", "# Blog"),
            file("a.md", "# A"),
            file("dnstap.md", "# Third"),
            file("README", "one"),
            file("README", "two"),
        ];
        let twins = tell_apart(&files.iter().collect::<Vec<_>>());
        assert_eq!(
            twins,
            [
                Twin::Keep,
                Twin::Beside("dnstap (2).md".into()),
                Twin::Same,
                Twin::Keep,
                Twin::Beside("dnstap (3).md".into()),
                Twin::Keep,
                Twin::Beside("README (2)".into()),
            ]
        );
    }

    #[test]
    fn a_new_name_never_takes_one_already_in_the_drop() {
        let files = [file("a.md", "1"), file("a (2).md", "x"), file("a.md", "2")];
        let twins = tell_apart(&files.iter().collect::<Vec<_>>());
        assert_eq!(twins[2], Twin::Beside("a (3).md".into()));
        assert_eq!(numbered("notes/.hidden", 2), "notes/.hidden (2)");
        assert_eq!(numbered("v1.2/post.md", 2), "v1.2/post (2).md");
    }
}
