//! A message for the reader about what just happened, kept as what happened and worded when it
//! is shown, so switching the interface's language rewords a notice already on screen.

use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// What a drop or an import did.
    FilesAdded {
        added: usize,
        replaced: usize,
        unchanged: usize,
        skipped: Vec<String>,
        /// Files kept beside another of the same name, by their new names.
        beside: Vec<String>,
    },
    /// Articles the reader removed (an "Undo" is offered).
    Removed {
        titles: Vec<String>,
    },
    /// Storing the reader's files failed, in the browser's words.
    StorageFailed(String),
    ImportCancelled,
    /// The export failed, in the browser's words.
    ExportFailed(String),
    /// Something could not be fetched or read, in the browser's or the server's words.
    Problem(String),
}

impl Notice {
    /// Whether the notice offers to take back what it tells.
    pub fn undo(&self) -> bool {
        matches!(self, Notice::Removed { .. })
    }

    /// The notice in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Notice::FilesAdded {
                added,
                replaced,
                unchanged,
                skipped,
                beside,
            } => lang.files_added(*added, *replaced, *unchanged, skipped, beside),
            Notice::Removed { titles } => {
                lang.removed(&titles.iter().map(String::as_str).collect::<Vec<_>>())
            }
            Notice::StorageFailed(reason) => lang.storage_failed(reason),
            Notice::ImportCancelled => lang.text().import_cancelled.to_owned(),
            Notice::ExportFailed(reason) => format!("{}: {reason}", lang.text().export_failed),
            Notice::Problem(reason) => reason.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_is_worded_in_the_language_of_the_moment() {
        let notice = Notice::FilesAdded {
            added: 2,
            replaced: 0,
            unchanged: 0,
            skipped: Vec::new(),
            beside: Vec::new(),
        };
        assert!(notice.text(Lang::En).starts_with("Added 2 articles"));
        assert!(notice.text(Lang::Zh).starts_with("已添加 2 篇文章"));
        assert!(Notice::Removed {
            titles: vec!["A".into()]
        }
        .undo());
        assert!(!Notice::ImportCancelled.undo());
    }
}
