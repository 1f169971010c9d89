//! Safety limits checked before any parser runs, and on what the parsers give back.
//!
//! wasm has a small stack (about 1 MB) and a stack overflow there cannot be caught, so deeply
//! nested input is refused by a linear scan before a recursive parser could see it. The one
//! nesting limit, [`MAX_DEPTH`], holds for YAML, TOML and JSON alike, and [`value_depth`]
//! checks it again on the parsed value, so nothing deeper ever leaves the engine.

use crate::value::Value;

/// The largest front matter block Lectern parses.
pub const MAX_BLOCK_BYTES: usize = 256 * 1024;

/// The deepest nesting of lists and maps accepted in front matter, the root map being level 1.
///
/// The worker sends each article to the page as JSON, and serde_json refuses to read anything
/// nested 128 levels or more. A [`Value`] map costs 3 JSON levels
/// (`{"type":"map","value":[["k",{…}]]}`: the object, its array, the entry's array), a list 2,
/// a scalar 1, and the article around the fields 1 more: 32 levels of maps are
/// 1 + 3 × 32 + 1 = 98 JSON levels, which leaves room for the messages that carry an article.
/// (64, the old limit, made 194 and arrived "unreadable".)
pub const MAX_DEPTH: usize = 32;

/// The most values a YAML block may expand to, counting every alias expansion.
pub const MAX_NODES: usize = 50_000;

/// The most bytes of text a YAML block may expand to, counting every alias expansion (an alias
/// costs all the text of its anchor). Four times the largest block: no real front matter repeats
/// itself more.
pub const MAX_EXPANDED_BYTES: usize = 1024 * 1024;

/// The deepest nesting of `[`/`{` brackets outside quoted strings.
pub fn bracket_depth(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q || c == '\n' {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The depth of a parsed value (a scalar is 0, a list or map one more than its deepest item),
/// found without recursion, so that a value of any depth can be measured on a small stack.
pub fn value_depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(value, 1usize)];
    while let Some((value, depth)) = pending.pop() {
        match value {
            Value::List(items) => {
                deepest = deepest.max(depth);
                pending.extend(items.iter().map(|item| (item, depth + 1)));
            }
            Value::Map(entries) => {
                deepest = deepest.max(depth);
                pending.extend(entries.iter().map(|(_, item)| (item, depth + 1)));
            }
            _ => {}
        }
    }
    deepest
}

/// How deep the TOML block `text` nests, counted the way [`value_depth`] counts the table it
/// parses to (the root table is level 1), by one linear scan without recursion. The count is
/// exact up to [`MAX_DEPTH`] + 1, where the scan stops: enough to refuse the block.
///
/// TOML nests without brackets: each dot of a key (`a.b.c = 1`) and each segment of a table
/// header (`[a.b.c]`) is a level. The count is conservative: once a header of an array of
/// tables (`[[a]]`) has appeared, any later header segment may name one (an array, then a table
/// in it), so each counts two levels.
pub fn toml_depth(text: &str) -> usize {
    let mut scan = TomlScan::default();
    let mut rest = text.as_bytes();
    // Each step takes at least one byte, so the loop ends after at most `text.len()` steps.
    // Stopping past the limit also keeps `open` within MAX_DEPTH + 1 entries.
    while !rest.is_empty() && scan.deepest <= MAX_DEPTH {
        let taken = scan.step(rest).max(1);
        rest = rest.get(taken..).unwrap_or_default();
    }
    scan.deepest
}

/// The state of [`toml_depth`]'s scan. Delimiters are ASCII, so bytes are read one at a time
/// and a UTF-8 continuation byte never looks like one.
struct TomlScan {
    deepest: usize,
    /// The level of the table the current header opened (1: the root table).
    table: usize,
    /// Whether a `[[…]]` header has been seen.
    arrays_of_tables: bool,
    /// The level inside each open `[` or `{` of a value, and whether it is an inline table.
    open: Vec<(usize, bool)>,
    /// Dots of the key of the current entry.
    key_dots: usize,
    /// Whether a key is being read (until its `=`).
    in_key: bool,
    /// Whether nothing but whitespace came yet on this line (outside any value).
    line_start: bool,
    /// Dots so far in a table header being read, and whether it is `[[…]]`.
    header: Option<(usize, bool)>,
    /// Whether the rest of the line is a comment, or follows a header.
    skip_line: bool,
    /// The delimiter that closes the string being read.
    string: Option<&'static [u8]>,
}

impl Default for TomlScan {
    fn default() -> Self {
        TomlScan {
            deepest: 0,
            table: 1,
            arrays_of_tables: false,
            open: Vec::new(),
            key_dots: 0,
            in_key: true,
            line_start: true,
            header: None,
            skip_line: false,
            string: None,
        }
    }
}

impl TomlScan {
    /// Reads the start of `rest` (not empty); returns how many bytes it took.
    fn step(&mut self, rest: &[u8]) -> usize {
        let Some(&byte) = rest.first() else {
            return 1;
        };
        if let Some(close) = self.string {
            return self.in_string(rest, close);
        }
        if byte == b'\n' {
            self.end_line();
            return 1;
        }
        if self.skip_line || byte == b' ' || byte == b'\t' || byte == b'\r' {
            return 1;
        }
        let at_line_start = std::mem::replace(&mut self.line_start, false);
        match byte {
            b'#' => self.skip_line = true,
            b'"' | b'\'' => return self.open_string(rest),
            b'[' if at_line_start && self.open.is_empty() => return self.open_header(rest),
            _ if self.header.is_some() => self.in_header(byte),
            b'.' if self.in_key => {
                self.key_dots += 1;
                self.reach(self.level() + self.key_dots);
            }
            b'=' if self.in_key => {
                self.in_key = false;
                self.reach(self.level() + self.key_dots);
            }
            b'[' | b'{' if !self.in_key => {
                let inside = self.level() + self.key_dots + 1;
                self.open.push((inside, byte == b'{'));
                self.reach(inside);
                self.key_dots = 0;
                self.in_key = byte == b'{';
            }
            b']' | b'}' if !self.in_key || byte == b'}' => {
                self.open.pop();
                self.key_dots = 0;
                self.in_key = false;
            }
            b',' if self.open.last().is_some_and(|(_, table)| *table) => {
                self.key_dots = 0;
                self.in_key = true;
            }
            _ => {}
        }
        1
    }

    /// The level of the innermost table or array the scan is in.
    fn level(&self) -> usize {
        self.open.last().map_or(self.table, |(level, _)| *level)
    }

    fn reach(&mut self, level: usize) {
        self.deepest = self.deepest.max(level);
    }

    fn end_line(&mut self) {
        self.skip_line = false;
        if self.header.is_some() {
            self.close_header();
        }
        // Arrays (and TOML 1.1 inline tables) may span lines; a new entry starts only outside.
        if self.open.is_empty() {
            self.line_start = true;
            self.in_key = true;
            self.key_dots = 0;
        }
    }

    fn open_string(&mut self, rest: &[u8]) -> usize {
        let close: &'static [u8] = match rest {
            [b'"', b'"', b'"', ..] => b"\"\"\"",
            [b'\'', b'\'', b'\'', ..] => b"'''",
            [b'"', ..] => b"\"",
            _ => b"'",
        };
        self.string = Some(close);
        close.len()
    }

    fn in_string(&mut self, rest: &[u8], close: &'static [u8]) -> usize {
        if rest.starts_with(close) {
            self.string = None;
            // `""""` and `"""""` end a multi-line string with one or two quotes of content: the
            // whole run closes it, so no quote is left over to open another string.
            let run = rest
                .iter()
                .take(5)
                .take_while(|b| close.first() == Some(b))
                .count();
            return if close.len() == 3 { run } else { 1 };
        }
        match rest {
            // An escape in a basic string: the escaped byte cannot close it.
            [b'\\', _, ..] if close.first() == Some(&b'"') => 2,
            // A one-line string ends at the line's end even when unclosed.
            [b'\n', ..] if close.len() == 1 => {
                self.string = None;
                self.end_line();
                1
            }
            _ => 1,
        }
    }

    fn open_header(&mut self, rest: &[u8]) -> usize {
        let array = rest.get(1) == Some(&b'[');
        self.header = Some((0, array));
        if array {
            2
        } else {
            1
        }
    }

    fn in_header(&mut self, byte: u8) {
        match (byte, &mut self.header) {
            (b'.', Some((dots, _))) => *dots += 1,
            (b']', Some(_)) => {
                self.close_header();
                self.skip_line = true;
            }
            _ => {}
        }
    }

    fn close_header(&mut self) {
        let Some((dots, array)) = self.header.take() else {
            return;
        };
        self.arrays_of_tables |= array;
        let per_segment = if self.arrays_of_tables { 2 } else { 1 };
        self.table = 1 + (dots + 1) * per_segment;
        self.reach(self.table);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nesting_outside_strings() {
        assert_eq!(bracket_depth("a: [1, [2, {b: 3}]]"), 3);
        assert_eq!(bracket_depth("a: \"[[[[\""), 0);
        assert_eq!(bracket_depth(&"[".repeat(10_000)), 10_000);
    }

    #[test]
    fn toml_depth_counts_keys_headers_and_brackets() {
        for (text, depth) in [
            ("a = 1", 1),
            ("a.b.c = 1", 3),
            ("a . \"b.c\" . d = 1", 3),
            ("a = [[1], {b.c = [2]}]", 5),
            ("a = 1.5\nb = 2024-01-01T00:00:00.5Z", 1),
            ("[a.b]\nc = 1", 3),
            ("[a.b]\nc.d = [1]", 5),
            ("['a.b']\nc = \"x.y.z\"", 2),
            ("a = \"\"\"\n[x.y.z]\n\"\"\"", 1),
            ("a = [\"\"\"x\"\"\"\", [[1]]]", 4),
            ("a = [\n  [1],\n  [2.5],\n]\nb.c = 1", 3),
            ("[[a]]\nb = 1", 3),
            ("[[a]]\n[a.b]\nc = {d = 1}", 6),
            ("# [a.b.c.d]\na = 1 # b.c.d", 1),
        ] {
            assert_eq!(toml_depth(text), depth, "{text:?}");
        }
    }

    #[test]
    fn toml_depth_stops_past_the_limit() {
        let keys = format!("{} = 1", vec!["a"; 10_000].join("."));
        assert_eq!(toml_depth(&keys), MAX_DEPTH + 1);
        let header = format!("[{}]", vec!["a"; 10_000].join("."));
        assert!(toml_depth(&header) > MAX_DEPTH);
        assert_eq!(
            toml_depth(&format!("a = {}", "[".repeat(10_000))),
            MAX_DEPTH + 1
        );
    }

    #[test]
    fn value_depth_counts_lists_and_maps() {
        assert_eq!(value_depth(&Value::Int(1)), 0);
        let mut value = Value::Map(vec![("k".into(), Value::Int(1))]);
        for _ in 0..10_000 {
            value = Value::List(vec![value]);
        }
        assert_eq!(value_depth(&value), 10_001);
        // Taken apart by hand: dropping 10 001 levels at once would recurse as deep.
        while let Value::List(mut items) = value {
            value = items.pop().unwrap_or(Value::Null);
        }
    }
}
