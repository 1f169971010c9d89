//! YAML front matter into a [`Value`], built from parser events with hard limits.
//!
//! yaml-rust2's own loader expands every alias by cloning, so a "billion laughs" block would
//! exhaust memory. This builder keeps a budget of what the block expands to: every value it
//! creates, aliases included, up to [`MAX_NODES`], and every byte of scalar text, an alias
//! costing all the bytes of its anchor, up to [`MAX_EXPANDED_BYTES`] (one long string repeated
//! by aliases is few values but gigabytes). It also stops at [`MAX_DEPTH`]. Every check happens
//! as events arrive, an alias's before its value is cloned, so memory stays flat.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;
use yaml_rust2::Yaml;

use super::limits::{MAX_DEPTH, MAX_EXPANDED_BYTES, MAX_NODES};
use super::ParseError;
use crate::value::Value;

/// Parses the first YAML document of `text`.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut parser = Parser::new_from_str(text);
    let mut builder = Builder::default();
    loop {
        let (event, mark) = parser.next_token().map_err(|e| ParseError::Syntax {
            message: e.info().to_owned(),
            line: Some(e.marker().line()),
        })?;
        match event {
            Event::StreamEnd | Event::DocumentEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart => {}
            event => {
                if let Some(done) = builder.push(event).map_err(|limit| match limit {
                    ParseError::Limit(message) => {
                        ParseError::Limit(format!("{message} (near line {})", mark.line()))
                    }
                    other => other,
                })? {
                    return Ok(done);
                }
            }
        }
    }
    Ok(Value::Map(Vec::new()))
}

/// What a block has expanded to so far, or what one value stands for.
#[derive(Clone, Copy, Default)]
struct Cost {
    nodes: usize,
    /// Bytes of scalar text (map keys included).
    bytes: usize,
}

impl Cost {
    /// The cost spent since `start` was taken.
    fn since(self, start: Cost) -> Cost {
        Cost {
            nodes: self.nodes.saturating_sub(start.nodes),
            bytes: self.bytes.saturating_sub(start.bytes),
        }
    }
}

enum Frame {
    List {
        anchor: usize,
        start: Cost,
        items: Vec<Value>,
    },
    Map {
        anchor: usize,
        start: Cost,
        entries: Vec<(String, Value)>,
        /// Where each key is in `entries`, so a repeated key is found without a scan (a map of
        /// 50 000 keys would otherwise cost a billion comparisons).
        positions: HashMap<String, usize>,
        key: Option<String>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    /// Anchored values and what each one costs every time an alias repeats it.
    anchors: HashMap<usize, (Value, Cost)>,
    spent: Cost,
}

impl Builder {
    /// Takes one event; returns the document once its root value is complete.
    fn push(&mut self, event: Event) -> Result<Option<Value>, ParseError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let cost = Cost {
                    nodes: 1,
                    bytes: text.len(),
                };
                self.spend(cost)?;
                let value = scalar(text, style, tag.is_some());
                self.remember(anchor, &value, cost);
                Ok(self.complete(value))
            }
            Event::Alias(id) => {
                let (value, cost) = self.anchors.get(&id).ok_or_else(|| ParseError::Syntax {
                    message: "alias to an unknown anchor".into(),
                    line: None,
                })?;
                // The whole expansion is paid for before anything is cloned.
                Self::charge(&mut self.spent, *cost)?;
                let value = value.clone();
                Ok(self.complete(value))
            }
            Event::SequenceStart(anchor, _) => {
                self.open(Frame::List {
                    anchor,
                    start: self.spent,
                    items: Vec::new(),
                })?;
                Ok(None)
            }
            Event::MappingStart(anchor, _) => {
                self.open(Frame::Map {
                    anchor,
                    start: self.spent,
                    entries: Vec::new(),
                    positions: HashMap::new(),
                    key: None,
                })?;
                Ok(None)
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            _ => Ok(None),
        }
    }

    fn open(&mut self, frame: Frame) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(ParseError::Limit(format!(
                "the front matter nests deeper than {MAX_DEPTH} levels"
            )));
        }
        self.stack.push(frame);
        Ok(())
    }

    /// Ends the innermost list or map; returns the document when that was its root.
    fn close(&mut self) -> Result<Option<Value>, ParseError> {
        let (value, anchor, start) = match self.stack.pop() {
            Some(Frame::List {
                anchor,
                start,
                items,
            }) => (Value::List(items), anchor, start),
            Some(Frame::Map {
                anchor,
                start,
                entries,
                ..
            }) => (Value::Map(entries), anchor, start),
            None => return Ok(None),
        };
        self.spend(Cost { nodes: 1, bytes: 0 })?;
        let cost = self.spent.since(start);
        self.remember(anchor, &value, cost);
        Ok(self.complete(value))
    }

    fn spend(&mut self, cost: Cost) -> Result<(), ParseError> {
        Self::charge(&mut self.spent, cost)
    }

    /// Adds `cost` to `spent`, or refuses the block when that passes a limit.
    fn charge(spent: &mut Cost, cost: Cost) -> Result<(), ParseError> {
        spent.nodes = spent.nodes.saturating_add(cost.nodes);
        spent.bytes = spent.bytes.saturating_add(cost.bytes);
        if spent.nodes > MAX_NODES {
            return Err(ParseError::Limit(format!(
                "front matter expands to more than {MAX_NODES} values (aliases are counted as they expand)"
            )));
        }
        if spent.bytes > MAX_EXPANDED_BYTES {
            return Err(ParseError::Limit(format!(
                "front matter expands to more than {} KiB of text (aliases are counted as they expand)",
                MAX_EXPANDED_BYTES / 1024
            )));
        }
        Ok(())
    }

    fn remember(&mut self, anchor: usize, value: &Value, cost: Cost) {
        if anchor != 0 {
            self.anchors.insert(anchor, (value.clone(), cost));
        }
    }

    /// Places a finished value in its parent, or returns it when it is the root.
    fn complete(&mut self, value: Value) -> Option<Value> {
        match self.stack.last_mut() {
            None => Some(value),
            Some(Frame::List { items, .. }) => {
                items.push(value);
                None
            }
            Some(Frame::Map {
                entries,
                positions,
                key,
                ..
            }) => {
                match key.take() {
                    // A repeated key keeps its place and takes the later value, as PyYAML
                    // does (js-yaml refuses the block): the later line is the author's fix.
                    Some(k) => match positions.get(&k).and_then(|&at| entries.get_mut(at)) {
                        Some((_, earlier)) => *earlier = value,
                        None => {
                            positions.insert(k.clone(), entries.len());
                            entries.push((k, value));
                        }
                    },
                    None => *key = Some(value.as_text().unwrap_or_default()),
                }
                None
            }
        }
    }
}

/// Resolves a scalar with the YAML 1.2 core schema: plain scalars may be numbers, booleans or
/// null; quoted ones and explicitly tagged ones stay text.
fn scalar(text: String, style: TScalarStyle, tagged: bool) -> Value {
    if style != TScalarStyle::Plain || tagged {
        return Value::String(text);
    }
    plain(text)
}

/// Resolves an unquoted scalar: a number, boolean or null, else text.
pub fn plain(text: String) -> Value {
    match Yaml::from_str(&text) {
        Yaml::Integer(i) => Value::Int(i),
        Yaml::Real(r) => r.parse().map(Value::Float).unwrap_or(Value::String(text)),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Null => Value::Null,
        _ => Value::String(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_maps_lists_and_types() {
        let value =
            parse("title: 'x'\nn: 3\nf: 1.5\nok: true\nnone: ~\nlist: [a, b]\n").expect("yaml");
        assert_eq!(value.get("title"), Some(&Value::String("x".into())));
        assert_eq!(value.get("n"), Some(&Value::Int(3)));
        assert_eq!(value.get("f"), Some(&Value::Float(1.5)));
        assert_eq!(value.get("ok"), Some(&Value::Bool(true)));
        assert_eq!(value.get("none"), Some(&Value::Null));
        assert_eq!(
            value.get("list"),
            Some(&Value::List(vec![
                Value::String("a".into()),
                Value::String("b".into())
            ]))
        );
    }

    #[test]
    fn aliases_within_budget_expand() {
        let value = parse("a: &x [1, 2]\nb: *x\n").expect("yaml");
        assert_eq!(value.get("a"), value.get("b"));
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            text.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        assert!(matches!(parse(&text), Err(ParseError::Limit(_))));
    }

    #[test]
    fn alias_bomb_by_bytes_is_refused_quickly() {
        let text = format!(
            "a: &a {}\nb: [{}]\n",
            "x".repeat(120_000),
            vec!["*a"; 35_000].join(",")
        );
        let started = std::time::Instant::now();
        match parse(&text) {
            Err(ParseError::Limit(message)) => assert!(message.contains("KiB"), "{message}"),
            other => panic!("expected a limit, got {other:?}"),
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn text_within_the_byte_budget_expands() {
        let text = format!("a: &a {}\nb: [*a, *a, *a]\n", "x".repeat(100_000));
        let value = parse(&text).expect("yaml");
        assert_eq!(value.get("a"), Some(&Value::String("x".repeat(100_000))));
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let text: String = (0..200).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert!(matches!(parse(&text), Err(ParseError::Limit(_))));
    }

    #[test]
    fn a_repeated_key_takes_the_later_value_in_its_place() {
        let value = parse("title: draft\ndate: 2021-01-01\ntitle: final\n").expect("yaml");
        assert_eq!(
            value,
            Value::Map(vec![
                ("title".into(), Value::String("final".into())),
                ("date".into(), Value::String("2021-01-01".into())),
            ])
        );
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        match parse("a: 1\nb: [unclosed\nc: 2\n") {
            Err(ParseError::Syntax { line, .. }) => assert!(line.is_some()),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }
}
