//! A typed front matter value, the same shape whichever format (YAML, TOML, JSON) it came from.
//!
//! Every field of the front matter is kept as a [`Value`] so the reader can see it all, typed,
//! even the fields Lectern does not interpret. Maps keep their source order.

use serde::{Deserialize, Serialize};

/// One front matter value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(#[serde(with = "float_as_written")] f64),
    String(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

/// Floats for formats with no NaN or infinity (JSON, where the catalog and the worker's messages
/// go): those are written as the strings `NaN`, `inf` and `-inf`, and read back.
mod float_as_written {
    use serde::{Deserialize, Deserializer, Serializer};

    // The three are spelled out, as Rust writes them, rather than formatted and parsed: the
    // page reads these messages, and float formatting and parsing cost it kilobytes.
    const NAN: &str = "NaN";
    const INFINITY: &str = "inf";
    const NEGATIVE_INFINITY: &str = "-inf";

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        match *value {
            v if v.is_finite() => serializer.serialize_f64(v),
            v if v.is_nan() => serializer.serialize_str(NAN),
            v if v > 0.0 => serializer.serialize_str(INFINITY),
            _ => serializer.serialize_str(NEGATIVE_INFINITY),
        }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Number(f64),
        Text(String),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        match Written::deserialize(deserializer)? {
            Written::Number(n) => Ok(n),
            Written::Text(text) => match text.as_str() {
                NAN => Ok(f64::NAN),
                INFINITY => Ok(f64::INFINITY),
                NEGATIVE_INFINITY => Ok(f64::NEG_INFINITY),
                _ => Err(serde::de::Error::custom(format!("not a number: {text}"))),
            },
        }
    }
}

impl Value {
    /// The text of a scalar (numbers and booleans as written), `None` for lists, maps and null.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::List(_) | Value::Map(_) => None,
        }
    }

    /// The entry named `key` (ASCII case-insensitive) when this is a map.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}
