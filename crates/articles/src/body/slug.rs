//! Heading anchors: GitHub-style slugs, made unique within one article.

use std::collections::HashMap;

/// Hands out slugs, suffixing `-1`, `-2`… when a heading text repeats.
#[derive(Default)]
pub struct Slugs {
    seen: HashMap<String, usize>,
}

impl Slugs {
    pub fn unique(&mut self, text: &str) -> String {
        let base = slugify(text);
        let base = if base.is_empty() {
            "section".to_owned()
        } else {
            base
        };
        let count = self.seen.entry(base.clone()).or_insert(0);
        let slug = if *count == 0 {
            base.clone()
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        slug
    }
}

/// Lower-case letters and digits of any script, `-` for spaces, punctuation dropped.
pub fn slugify(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().next().unwrap_or(c))
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}
