//! YAML front matter into a [`Value`], built from parser events with hard limits.
//!
//! yaml-rust2's own loader expands every alias by cloning, so a "billion laughs" block would
//! exhaust memory. This builder counts every value it creates, aliases included, and stops at
//! [`MAX_NODES`]; it also stops at [`MAX_DEPTH`]. Both checks happen as events arrive, before
//! any expansion, so memory stays flat.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;
use yaml_rust2::Yaml;

use super::limits::{MAX_DEPTH, MAX_NODES};
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
    Ok(builder.root.unwrap_or(Value::Map(Vec::new())))
}

enum Frame {
    List {
        anchor: usize,
        first_node: usize,
        items: Vec<Value>,
    },
    Map {
        anchor: usize,
        first_node: usize,
        entries: Vec<(String, Value)>,
        key: Option<String>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    /// Anchored values and how many nodes each one stands for.
    anchors: HashMap<usize, (Value, usize)>,
    nodes: usize,
    root: Option<Value>,
}

impl Builder {
    /// Takes one event; returns the document once its root value is complete.
    fn push(&mut self, event: Event) -> Result<Option<Value>, ParseError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1)?;
                let value = scalar(text, style, tag.is_some());
                self.remember(anchor, &value, 1);
                Ok(self.complete(value))
            }
            Event::Alias(id) => {
                let (value, size) =
                    self.anchors
                        .get(&id)
                        .cloned()
                        .ok_or_else(|| ParseError::Syntax {
                            message: "alias to an unknown anchor".into(),
                            line: None,
                        })?;
                self.count(size)?;
                Ok(self.complete(value))
            }
            Event::SequenceStart(anchor, _) => {
                self.open(Frame::List {
                    anchor,
                    first_node: self.nodes,
                    items: Vec::new(),
                })?;
                Ok(None)
            }
            Event::MappingStart(anchor, _) => {
                self.open(Frame::Map {
                    anchor,
                    first_node: self.nodes,
                    entries: Vec::new(),
                    key: None,
                })?;
                Ok(None)
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor, first_node) = match self.stack.pop() {
                    Some(Frame::List {
                        anchor,
                        first_node,
                        items,
                    }) => (Value::List(items), anchor, first_node),
                    Some(Frame::Map {
                        anchor,
                        first_node,
                        entries,
                        ..
                    }) => (Value::Map(entries), anchor, first_node),
                    None => return Ok(None),
                };
                self.count(1)?;
                let size = self.nodes - first_node;
                self.remember(anchor, &value, size);
                Ok(self.complete(value))
            }
            _ => Ok(None),
        }
    }

    fn open(&mut self, frame: Frame) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(ParseError::Limit(format!(
                "front matter nests deeper than {MAX_DEPTH} levels"
            )));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn count(&mut self, nodes: usize) -> Result<(), ParseError> {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > MAX_NODES {
            return Err(ParseError::Limit(format!(
                "front matter expands to more than {MAX_NODES} values (aliases are counted as they expand)"
            )));
        }
        Ok(())
    }

    fn remember(&mut self, anchor: usize, value: &Value, size: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, (value.clone(), size));
        }
    }

    /// Places a finished value in its parent, or returns it when it is the root.
    fn complete(&mut self, value: Value) -> Option<Value> {
        match self.stack.last_mut() {
            None => {
                self.root = Some(value.clone());
                Some(value)
            }
            Some(Frame::List { items, .. }) => {
                items.push(value);
                None
            }
            Some(Frame::Map { entries, key, .. }) => {
                match key.take() {
                    Some(k) => entries.push((k, value)),
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
    fn deep_block_nesting_is_refused() {
        let text: String = (0..200).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert!(matches!(parse(&text), Err(ParseError::Limit(_))));
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        match parse("a: 1\nb: [unclosed\nc: 2\n") {
            Err(ParseError::Syntax { line, .. }) => assert!(line.is_some()),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }
}
