//! Finding the front matter block: which fence, which format, where the body starts.
//!
//! Only the first two fences delimit; a `---` further down is the body's business (a thematic
//! break). No closing fence means there is no front matter at all. This module only slices the
//! text; it never parses the block.

use serde::de::IgnoredAny;

/// The notation of a front matter block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
    /// A `---<lang>` fence Lectern does not read (and never runs): `js`, `coffee`, `cson`…
    Unsupported(String),
}

/// A front matter block and the body after it.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    pub block: &'a str,
    /// 1-based line of the block's first line in the file, for diagnostics.
    pub block_line: usize,
    pub body: &'a str,
}

/// Splits `text` into front matter and body; `None` when there is no front matter.
pub fn split(text: &str) -> Option<Split<'_>> {
    let mut lines = Lines::new(text);
    let (opening, skipped) = lines.first_non_blank()?;
    let fence = opening.text.trim_end();
    if fence.starts_with('{') || (fence.starts_with('"') && fence.contains(':')) {
        return split_hexo_json(text, opening.start, skipped);
    }
    let (format, closers): (Format, &[&str]) = match fence {
        "---" => (Format::Yaml, &["---", "..."]),
        "+++" => (Format::Toml, &["+++"]),
        ";;;" => (Format::Json, &[";;;"]),
        _ => {
            let lang = fence.strip_prefix("---")?;
            if lang.is_empty() || !lang.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            let format = match lang.to_ascii_lowercase().as_str() {
                "yaml" | "yml" => Format::Yaml,
                "toml" => Format::Toml,
                "json" => Format::Json,
                other => Format::Unsupported(other.to_owned()),
            };
            (format, &["---"])
        }
    };
    let block_start = opening.end;
    for line in lines {
        if closers.contains(&line.text.trim_end()) {
            return Some(Split {
                format,
                block: &text[block_start..line.start],
                block_line: skipped + 2,
                body: &text[line.end..],
            });
        }
    }
    None
}

/// Hexo's JSON form: an object (braces optional) closed by a `;;;` line with no opening fence,
/// or a leading JSON object followed directly by the body.
fn split_hexo_json(text: &str, start: usize, skipped: usize) -> Option<Split<'_>> {
    let rest = &text[start..];
    if rest.starts_with('{') {
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<IgnoredAny>();
        if let Some(Ok(_)) = values.next() {
            let end = values.byte_offset();
            // An optional `;;;` right after the object still closes it.
            let mut after = Lines::new(&rest[end..]);
            let body_start = match after.first_non_blank() {
                Some((line, _)) if line.text.trim_end() == ";;;" => end + line.end,
                _ => end,
            };
            return Some(Split {
                format: Format::Json,
                block: &rest[..end],
                block_line: skipped + 1,
                body: &rest[body_start..],
            });
        }
    }
    let close = Lines::new(rest).find(|line| line.text.trim_end() == ";;;")?;
    Some(Split {
        format: Format::Json,
        block: &rest[..close.start],
        block_line: skipped + 1,
        body: &rest[close.end..],
    })
}

/// One line of the text, with byte offsets of its start and of the start of the next line.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// Lines split on `\n`, with a trailing `\r` removed from the text (CRLF files).
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines { text, pos: 0 }
    }

    /// The first line with something on it, and how many blank lines came before it.
    fn first_non_blank(&mut self) -> Option<(Line<'a>, usize)> {
        self.by_ref()
            .enumerate()
            .find(|(_, line)| !line.text.trim().is_empty())
            .map(|(skipped, line)| (line, skipped))
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (len, end) = match rest.find('\n') {
            Some(i) => (i, start + i + 1),
            None => (rest.len(), self.text.len()),
        };
        self.pos = end;
        let raw = &rest[..len];
        Some(Line {
            text: raw.strip_suffix('\r').unwrap_or(raw),
            start,
            end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Option<(Format, &str, &str)> {
        split(text).map(|s| (s.format, s.block, s.body))
    }

    #[test]
    fn yaml_after_blank_lines() {
        let (format, block, body) = parts("\n  \n---\ntitle: x\n---\nbody").expect("split");
        assert_eq!(format, Format::Yaml);
        assert_eq!(block, "title: x\n");
        assert_eq!(body, "body");
    }

    #[test]
    fn crlf_trailing_spaces_and_dots() {
        let (_, block, body) = parts("---  \r\na: 1\r\n...\r\nbody").expect("split");
        assert_eq!(block, "a: 1\r\n");
        assert_eq!(body, "body");
    }

    #[test]
    fn closing_fence_at_end_of_file() {
        let (_, block, body) = parts("+++\na = 1\n+++").expect("split");
        assert_eq!(block, "a = 1\n");
        assert_eq!(body, "");
    }

    #[test]
    fn no_closing_fence_means_no_front_matter() {
        assert_eq!(parts("---\ntitle: x\nbody"), None);
        assert_eq!(parts("# Title\n\n---\n"), None);
    }

    #[test]
    fn only_first_two_fences_delimit() {
        let (_, _, body) = parts("---\na: 1\n---\none\n\n---\n\ntwo").expect("split");
        assert_eq!(body, "one\n\n---\n\ntwo");
    }

    #[test]
    fn language_hints() {
        assert_eq!(parts("---json\n{}\n---\n").map(|p| p.0), Some(Format::Json));
        assert_eq!(parts("---toml\n\n---\n").map(|p| p.0), Some(Format::Toml));
        assert_eq!(
            parts("---js\n{a:1}\n---\n").map(|p| p.0),
            Some(Format::Unsupported("js".into()))
        );
    }

    #[test]
    fn hexo_json_forms() {
        let (format, block, body) = parts("\"title\": \"x\"\n;;;\nbody").expect("split");
        assert_eq!(
            (format, block, body),
            (Format::Json, "\"title\": \"x\"\n", "body")
        );
        let (_, block, body) = parts("{\"title\": \"x\"}\nbody").expect("split");
        assert_eq!((block, body), ("{\"title\": \"x\"}", "\nbody"));
        assert_eq!(parts("{ not json"), None);
    }
}
