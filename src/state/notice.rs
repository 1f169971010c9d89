//! A message for the reader about what just happened, kept as what happened and worded when it
//! is shown, so switching the interface's language rewords a notice already on screen.

use articles::fidelity::Fidelity;

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
        /// What Lectern made of a large drop.
        fidelity: Option<Fidelity>,
    },
    /// Articles the reader removed (an "Undo" is offered).
    Removed {
        titles: Vec<String>,
    },
    /// Storing the reader's files failed, in the browser's words.
    StorageFailed(String),
    /// The browser keeps nothing for this page, in its words.
    NoStorage(String),
    ImportCancelled,
    /// The export failed, in the browser's words.
    ExportFailed(String),
    /// A site was published (saved as an archive).
    Published,
    /// Publishing failed, and why.
    PublishFailed(String),
    /// Something could not be fetched or read, in the browser's or the server's words.
    Problem(String),
    /// This build is new on this device.
    Updated,
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
                fidelity,
            } => {
                let mut text = lang.files_added(*added, *replaced, *unchanged, skipped, beside);
                if let Some(fidelity) = fidelity {
                    text.push(' ');
                    text.push_str(&lang.fidelity(fidelity));
                }
                text
            }
            Notice::Removed { titles } => {
                lang.removed(&titles.iter().map(String::as_str).collect::<Vec<_>>())
            }
            Notice::StorageFailed(reason) => lang.storage_failed(reason),
            Notice::NoStorage(reason) => lang.no_storage(reason),
            Notice::ImportCancelled => lang.text().import_cancelled.to_owned(),
            Notice::ExportFailed(reason) => format!("{}: {reason}", lang.text().export_failed),
            Notice::Published => lang.text().published.to_owned(),
            Notice::PublishFailed(reason) => format!("{}: {reason}", lang.text().publish_failed),
            Notice::Problem(reason) => reason.clone(),
            Notice::Updated => lang.text().updated.to_owned(),
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
            fidelity: None,
        };
        assert!(notice.text(Lang::En).starts_with("Added 2 articles"));
        assert!(notice.text(Lang::Zh).starts_with("已添加 2 篇文章"));
        assert!(Notice::Removed {
            titles: vec!["A".into()]
        }
        .undo());
        assert!(!Notice::ImportCancelled.undo());
    }

    #[test]
    fn a_large_drop_says_what_lectern_made_of_it() {
        let notice = Notice::FilesAdded {
            added: 30,
            replaced: 0,
            unchanged: 0,
            skipped: Vec::new(),
            beside: Vec::new(),
            fidelity: Some(Fidelity {
                articles: 30,
                titled_by_front_matter: 27,
                titled_by_heading: 2,
                titled_by_file_name: 1,
                dated: 28,
                dates_unreadable: 1,
                front_matter_repaired: 2,
                front_matter_salvaged: 1,
                front_matter_failed: 0,
            }),
        };
        let text = notice.text(Lang::En);
        assert!(
            text.contains("Titles: 27 from front matter, 2 from a heading, 1 from the file name."),
            "{text}"
        );
        assert!(
            text.contains("Front matter: 3 mended or salvaged, 0 refused."),
            "{text}"
        );
        assert!(notice.text(Lang::Zh).contains("标题：27 篇来自前言"));
    }
}
