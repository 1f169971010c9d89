//! A tolerant pre-pass over a YAML block that yaml-rust2 refused: it rewrites the shapes that
//! js-yaml or PyYAML accept, or that a person plainly reads one way, into strict YAML.
//!
//! yaml-rust2 follows the YAML spec to the letter where Node and Python parsers bend, and sites
//! are written against those parsers. Rather than a second YAML parser, this pass repairs
//! known shapes line by line and the block is parsed again:
//! - a quoted value whose continuation lines start at column 0 (they are indented);
//! - a tab between a key's colon and its value, and tabs in indentation (made spaces);
//! - a quoted value with an unescaped quote of its own kind inside (`'B'z live'`: re-quoted);
//! - a plain value containing `: ` (`title: Part 2: the end`: quoted);
//! - list items at uneven depths under one key (aligned on the first).
//!
//! It runs only after a failure, so valid YAML is never touched, and it never adds or removes
//! a line, so the parser's line numbers still point into the file.

/// The block with the known shapes repaired, or `None` when none was found.
pub fn repair(block: &str) -> Option<String> {
    let mut out = String::with_capacity(block.len() + 64);
    let mut state = State::default();
    for raw in block.split_inclusive('\n') {
        let (line, eol) = match raw.strip_suffix("\r\n") {
            Some(line) => (line, "\r\n"),
            None => raw
                .strip_suffix('\n')
                .map_or((raw, ""), |line| (line, "\n")),
        };
        out.push_str(&state.line(line));
        out.push_str(eol);
    }
    (out != block).then_some(out)
}

/// What earlier lines left open.
#[derive(Default)]
struct State {
    /// A quoted value still open: its quote, and the column its key starts at.
    open: Option<(char, usize)>,
    /// A key with no value on its line (a list may follow): the key's column, and the column
    /// of its first list item once seen.
    list: Option<(usize, Option<usize>)>,
}

impl State {
    fn line(&mut self, line: &str) -> String {
        if let Some((quote, column)) = self.open {
            return self.continuation(line, quote, column);
        }
        let line = spaces_for_tabs(line);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            return line;
        }
        let (indent, rest) = self.align_item(indent, rest);
        let item = if rest == "-" || rest.starts_with("- ") {
            "- "
        } else {
            ""
        };
        let entry = rest.get(item.len()..).unwrap_or_default();
        let prefix = format!("{}{item}", " ".repeat(indent));
        let Some((key, value)) = split_key(entry) else {
            return format!("{prefix}{entry}");
        };
        let value = value.trim_start_matches([' ', '\t']);
        if value.is_empty() {
            if item.is_empty() {
                self.list = Some((indent, None));
            }
            return format!("{prefix}{key}:");
        }
        let column = indent + item.len();
        format!("{prefix}{key}: {}", self.value(value, column))
    }

    /// A line inside a quoted value opened on an earlier line: indented past its key (the
    /// folding of the value ignores leading white space, so nothing of the text changes).
    fn continuation(&mut self, line: &str, quote: char, column: usize) -> String {
        let text = line.trim_start_matches([' ', '\t']);
        if closing(text, quote).is_some() {
            self.open = None;
        }
        if text.is_empty() || line.len() - text.len() > column {
            return line.to_owned();
        }
        format!("{}{text}", " ".repeat(column + 2))
    }

    /// Moves a list item that strays from the column of the first item of its list back to it.
    fn align_item<'a>(&mut self, indent: usize, rest: &'a str) -> (usize, &'a str) {
        let Some((key_column, first)) = self.list else {
            return (indent, rest);
        };
        if !(rest == "-" || rest.starts_with("- ")) {
            if indent <= key_column {
                self.list = None;
            }
            return (indent, rest);
        }
        match first {
            None => {
                self.list = Some((key_column, Some(indent)));
                (indent, rest)
            }
            Some(first) if indent > key_column => (first, rest),
            Some(_) => (indent, rest),
        }
    }

    /// The value of an entry, repaired; notes a quoted value left open.
    fn value(&mut self, value: &str, column: usize) -> String {
        let quote = match value.chars().next() {
            Some(q @ ('\'' | '"')) => q,
            Some('[' | '{' | '|' | '>' | '&' | '*' | '!' | '%' | '@' | '`') => {
                return value.to_owned()
            }
            _ => return quote_plain(value),
        };
        let inner = &value[1..];
        let Some(end) = closing(inner, quote) else {
            self.open = Some((quote, column));
            return value.to_owned();
        };
        let tail = inner[end + 1..].trim();
        let whole = value.trim_end();
        if tail.is_empty() || tail.starts_with('#') || whole.len() < 2 || !whole.ends_with(quote) {
            return value.to_owned();
        }
        // A quote inside the value: the person meant the last quote of the line to close it.
        let text = &whole[1..whole.len() - 1];
        match quote {
            '\'' => single_quoted(&text.replace("''", "'")),
            _ => format!("\"{}\"", escape_inner_quotes(text)),
        }
    }
}

/// Leading tabs as two spaces each, and a tab right after a key's colon as a space.
fn spaces_for_tabs(line: &str) -> String {
    let body = line.trim_start_matches([' ', '\t']);
    let lead = &line[..line.len() - body.len()];
    if lead.contains('\t') {
        format!("{}{body}", lead.replace('\t', "  "))
    } else {
        line.to_owned()
    }
}

/// A plain value containing `: ` (or ending in `:`), which YAML would read as a nested key,
/// quoted whole; a trailing comment stays a comment.
fn quote_plain(value: &str) -> String {
    let end = comment_start(value).unwrap_or(value.len());
    let (text, comment) = value.split_at(end);
    let text = text.trim_end();
    if text.contains(": ") || text.contains(":\t") || text.ends_with(':') {
        format!("{}{comment}", single_quoted(text))
    } else {
        value.to_owned()
    }
}

fn single_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `"` not already escaped, escaped.
fn escape_inner_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut escaped = false;
    for c in text.chars() {
        if c == '"' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

/// Where a ` #` comment starts in a plain value.
pub fn comment_start(value: &str) -> Option<usize> {
    value
        .find(" #")
        .or_else(|| value.find("\t#"))
        .or_else(|| value.starts_with('#').then_some(0))
}

/// The byte index of the quote that closes a scalar opened by `quote` just before `text`: `''`
/// is an escaped quote in single quotes, `\` escapes in double quotes.
pub fn closing(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if quote == '\'' && c == '\'' {
            if chars.peek().is_some_and(|(_, next)| *next == '\'') {
                chars.next();
                continue;
            }
            return Some(at);
        }
        if quote == '"' {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => return Some(at),
                _ => {}
            }
        }
    }
    None
}

/// A `key: value` entry: the key (unquoted, without its colon) and what follows the colon. The
/// colon must be followed by white space or end the line, as YAML requires (`http://x` is no
/// key); a key starting with a YAML indicator is not taken.
pub fn split_key(entry: &str) -> Option<(&str, &str)> {
    if entry.starts_with([
        '\'', '"', '[', '{', '#', '&', '*', '!', '|', '>', '%', '@', '`', '-', '?', ':',
    ]) {
        return None;
    }
    let mut search = 0;
    loop {
        let at = search + entry.get(search..)?.find(':')?;
        let after = &entry[at + 1..];
        if after.is_empty() || after.starts_with([' ', '\t']) {
            let key = entry[..at].trim_end();
            return (!key.is_empty() && !key.contains(" #")).then_some((key, after));
        }
        search = at + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front_matter::yaml::parse;
    use crate::value::Value;

    /// The block repaired and parsed, as the text of `key`.
    fn read(block: &str, key: &str) -> Option<String> {
        let fixed = repair(block).expect("something to repair");
        assert_eq!(fixed.lines().count(), block.lines().count(), "{fixed}");
        parse(&fixed)
            .unwrap_or_else(|e| panic!("{e:?} in {fixed:?}"))
            .get(key)
            .and_then(Value::as_text)
    }

    #[test]
    fn quoted_values_continued_at_column_zero() {
        let block = "title: 'One\ntwo\n\nthree'\ndate: 2021-03-04\n";
        assert!(parse(block).is_err());
        assert_eq!(read(block, "title").as_deref(), Some("One two\nthree"));
        assert_eq!(read(block, "date").as_deref(), Some("2021-03-04"));
        let double = "description: \"He said \\\"hi\\\"\nand left\"\r\ntitle: x\r\n";
        assert_eq!(
            read(double, "description").as_deref(),
            Some("He said \"hi\" and left")
        );
        assert_eq!(read(double, "title").as_deref(), Some("x"));
    }

    #[test]
    fn an_unescaped_quote_inside_a_quoted_title() {
        let block = "title: 'B'z live'\ndate: 2021-03-04\n";
        assert_eq!(read(block, "title").as_deref(), Some("B'z live"));
        let double = "title: \"The \"best\" one\"\n";
        assert_eq!(read(double, "title").as_deref(), Some("The \"best\" one"));
    }

    #[test]
    fn tabs_after_colons_and_in_indentation() {
        assert_eq!(read("title:\tx\n", "title").as_deref(), Some("x"));
        let list = "title: x\ntags:\n\t- a\n\t- b\n";
        let fixed = repair(list).expect("repaired");
        assert_eq!(
            parse(&fixed).expect("yaml").get("tags"),
            Some(&Value::List(vec![
                Value::String("a".into()),
                Value::String("b".into())
            ]))
        );
    }

    #[test]
    fn colons_inside_plain_values() {
        let block = "title: Part 2: the end # a comment\ndate: 2021-03-04\n";
        assert_eq!(read(block, "title").as_deref(), Some("Part 2: the end"));
        let smart = "title: “Update: it's here”\n";
        assert_eq!(read(smart, "title").as_deref(), Some("“Update: it's here”"));
    }

    #[test]
    fn list_items_at_uneven_depths() {
        let block = "tags:\n   - a\n  - b\ntitle: x\n";
        let fixed = repair(block).expect("repaired");
        let value = parse(&fixed).expect("yaml");
        assert_eq!(
            value.get("tags"),
            Some(&Value::List(vec![
                Value::String("a".into()),
                Value::String("b".into())
            ]))
        );
        assert_eq!(value.get("title"), Some(&Value::String("x".into())));
    }

    #[test]
    fn valid_yaml_and_unknown_shapes_are_left_alone() {
        assert_eq!(
            repair("title: 'x'\nurl: http://a.b/c\nlist: [a, b]\n"),
            None
        );
        assert_eq!(repair("title: 'never closed\n"), None);
    }

    #[test]
    fn keys_need_white_space_after_their_colon() {
        assert_eq!(split_key("url: http://x"), Some(("url", " http://x")));
        assert_eq!(split_key("http://x"), None);
        assert_eq!(split_key("a:"), Some(("a", "")));
        assert_eq!(split_key("- a: b"), None);
        assert_eq!(closing("It''s done' x", '\''), Some(10));
        assert_eq!(closing("say \\\"hi\\\"\" x", '"'), Some(10));
    }
}
