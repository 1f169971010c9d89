//! What Lectern made of a folder, at a glance: how many articles got their title from front
//! matter, a heading or only the file name; how many dates were read or unreadable; how many
//! front matter blocks were mended, salvaged or refused. Printed by `cargo xtask index` and
//! shown after a large drop, so a site owner sees what to fix.

use serde::{Deserialize, Serialize};

use crate::article::{Article, TitleSource};
use crate::diagnostic::DiagnosticKind;
use crate::front_matter::Reading;

/// The tally over some articles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fidelity {
    pub articles: usize,
    pub titled_by_front_matter: usize,
    pub titled_by_heading: usize,
    pub titled_by_file_name: usize,
    pub dated: usize,
    /// Articles with a date field Lectern could not read.
    pub dates_unreadable: usize,
    pub front_matter_repaired: usize,
    pub front_matter_salvaged: usize,
    pub front_matter_failed: usize,
}

impl Fidelity {
    pub fn add(&mut self, article: &Article) {
        self.articles += 1;
        match article.title_from {
            TitleSource::FrontMatter => self.titled_by_front_matter += 1,
            TitleSource::Heading => self.titled_by_heading += 1,
            TitleSource::FileName => self.titled_by_file_name += 1,
        }
        self.dated += usize::from(article.meta.date.is_some());
        self.dates_unreadable += usize::from(
            article
                .diagnostics
                .iter()
                .any(|d| d.kind == DiagnosticKind::Date),
        );
        match article.front_matter {
            Reading::Repaired => self.front_matter_repaired += 1,
            Reading::Salvaged => self.front_matter_salvaged += 1,
            Reading::Failed => self.front_matter_failed += 1,
            Reading::Absent | Reading::Read => {}
        }
    }

    /// The tally of `articles`.
    pub fn of<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Fidelity {
        let mut fidelity = Fidelity::default();
        for article in articles {
            fidelity.add(article);
        }
        fidelity
    }
}

/// One line, in English (the app words it in the reader's language).
impl std::fmt::Display for Fidelity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} articles: titled from front matter {}, a heading {}, the file name {}; dates read {}, unreadable {}; front matter mended {}, salvaged {}, refused {}",
            self.articles,
            self.titled_by_front_matter,
            self.titled_by_heading,
            self.titled_by_file_name,
            self.dated,
            self.dates_unreadable,
            self.front_matter_repaired,
            self.front_matter_salvaged,
            self.front_matter_failed,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse, ParseOptions};

    #[test]
    fn each_article_counts_once_in_each_column() {
        let files: [(&str, &str); 5] = [
            ("a.md", "---\ntitle: A\ndate: 2020-01-02\n---\n\nText"),
            ("b.md", "# B heading\n\nText"),
            ("c.md", "just text"),
            (
                "d.md",
                "---\ntitle: 'D\n  title continued\ndate: not a date\n---\n\nText",
            ),
            ("e.md", "---\ntitle:\tE\n---\n\nText"),
        ];
        let articles: Vec<Article> = files
            .iter()
            .map(|(name, text)| parse(name, text.as_bytes(), &ParseOptions::default()))
            .collect();
        let fidelity = Fidelity::of(&articles);
        assert_eq!(fidelity.articles, 5);
        assert_eq!(fidelity.titled_by_heading, 1, "{fidelity}");
        assert_eq!(fidelity.titled_by_file_name, 1, "{fidelity}");
        assert_eq!(fidelity.titled_by_front_matter, 3, "{fidelity}");
        assert!(fidelity.dated >= 1, "{fidelity}");
        assert_eq!(
            fidelity.front_matter_repaired + fidelity.front_matter_salvaged,
            2,
            "{fidelity}"
        );
        assert_eq!(fidelity.front_matter_failed, 0, "{fidelity}");
        assert!(fidelity
            .to_string()
            .starts_with("5 articles: titled from front matter 3"));
    }
}
