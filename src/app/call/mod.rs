//! `vmcp call`, `vmcp tools test`: one tool call from a shell (the test of one custom tool is
//! `tool_test.rs`). This file reads the tool's arguments from the command line: a JSON object (`--args '{…}'`, `--args @file.json`,
//! `--args @-` for stdin), then `key=value` pairs on top. A `key=value` value is typed by the
//! tool's input schema (`count=3` is a number when the schema says so); `key:=json` is always
//! JSON.

pub(crate) mod tool_test;

use std::io::Read;

use serde_json::{Map, Value};

use super::InvalidInput;
use crate::support::json_kind::kind_of;

/// Where `--args` came from, for error messages.
fn describe(source: &str) -> String {
    match source.strip_prefix('@') {
        Some("-") => "standard input".to_string(),
        Some(path) => format!("file `{path}`"),
        None => "--args".to_string(),
    }
}

/// Reads `--args`: inline JSON, `@path` or `@-` (stdin, read through `stdin`).
pub(crate) fn read_object(
    source: &str,
    stdin: &mut dyn Read,
) -> Result<Map<String, Value>, InvalidInput> {
    let text = match source.strip_prefix('@') {
        Some("-") => {
            let mut s = String::new();
            stdin
                .read_to_string(&mut s)
                .map_err(|e| InvalidInput(format!("cannot read arguments from stdin: {e}")))?;
            s
        }
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| InvalidInput(format!("cannot read arguments from `{path}`: {e}")))?,
        None => source.to_string(),
    };
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        InvalidInput(format!(
            "the arguments in {} are not valid JSON: {e}\n  hint: pass an object, e.g. --args '{{\"city\": \"Paris\"}}'",
            describe(source)
        ))
    })?;
    match value {
        Value::Object(map) => Ok(map),
        other => Err(InvalidInput(format!(
            "the arguments in {} must be a JSON object, not {}",
            describe(source),
            kind_of(&other)
        ))),
    }
}

/// The JSON types a schema property accepts (`type: "x"` or `type: ["x", "null"]`).
fn schema_types(schema: Option<&Value>, key: &str) -> Vec<String> {
    let Some(t) = schema
        .and_then(|s| s.get("properties"))
        .and_then(|p| p.get(key))
        .and_then(|p| p.get("type"))
    else {
        return Vec::new();
    };
    match t {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// The value of `key=value`, typed by the input schema: strings stay strings; other declared
/// types are parsed as JSON; without a declared type, JSON numbers, booleans, arrays and objects
/// are taken as such and anything else as a string.
fn typed_value(key: &str, text: &str, schema: Option<&Value>) -> Result<Value, InvalidInput> {
    let types = schema_types(schema, key);
    if types.iter().any(|t| t == "string") {
        return Ok(Value::String(text.to_string()));
    }
    if types.is_empty() {
        return Ok(match serde_json::from_str::<Value>(text) {
            Ok(v @ (Value::Number(_) | Value::Bool(_) | Value::Array(_) | Value::Object(_))) => v,
            _ => Value::String(text.to_string()),
        });
    }
    serde_json::from_str::<Value>(text).map_err(|_| {
        InvalidInput(format!(
            "argument `{key}` must be {} according to the tool's input schema, not `{text}`\n  hint: use `{key}:=JSON` to pass raw JSON",
            types.join(" or ")
        ))
    })
}

/// Adds `key=value` / `key:=json` pairs to `args` (later pairs win).
pub(crate) fn apply_pairs(
    args: &mut Map<String, Value>,
    pairs: &[String],
    schema: Option<&Value>,
) -> Result<(), InvalidInput> {
    for pair in pairs {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(InvalidInput(format!(
                "`{pair}` is not an argument: use key=value (or key:=JSON)"
            )));
        };
        let (key, value) = match key.strip_suffix(':') {
            Some(k) => {
                let v = serde_json::from_str::<Value>(value).map_err(|e| {
                    InvalidInput(format!("the value of `{k}:=` is not valid JSON: {e}"))
                })?;
                (k, v)
            }
            None => (key, typed_value(key, value, schema)?),
        };
        if key.is_empty() {
            return Err(InvalidInput(format!("`{pair}` has an empty argument name")));
        }
        args.insert(key.to_string(), value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(items: &[&str], schema: &Value) -> Result<Value, InvalidInput> {
        let mut args = Map::new();
        let items: Vec<String> = items.iter().map(|s| (*s).to_string()).collect();
        apply_pairs(&mut args, &items, Some(schema))?;
        Ok(Value::Object(args))
    }

    #[test]
    fn pairs_are_typed_by_the_schema() {
        let schema = json!({"properties": {
            "text": {"type": "string"}, "n": {"type": "integer"},
            "flag": {"type": ["boolean", "null"]}, "tags": {"type": "array"}
        }});
        let got = pairs(
            &[
                "text=42",
                "n=3",
                "flag=true",
                "tags=[\"a\"]",
                "free=1.5",
                "word=hi",
            ],
            &schema,
        )
        .unwrap();
        assert_eq!(
            got,
            json!({"text": "42", "n": 3, "flag": true, "tags": ["a"], "free": 1.5, "word": "hi"})
        );
    }

    #[test]
    fn raw_json_pairs_and_errors() {
        let schema = json!({"properties": {"n": {"type": "integer"}}});
        assert_eq!(
            pairs(&["s:=\"7\"", "o:={\"a\":1}"], &schema).unwrap(),
            json!({"s": "7", "o": {"a": 1}})
        );
        let e = pairs(&["n=three"], &schema).unwrap_err().0;
        assert!(e.contains("argument `n` must be integer"), "{e}");
        assert!(
            pairs(&["novalue"], &schema)
                .unwrap_err()
                .0
                .contains("key=value")
        );
        assert!(pairs(&["=1"], &schema).unwrap_err().0.contains("empty"));
        assert!(
            pairs(&["x:={"], &schema)
                .unwrap_err()
                .0
                .contains("not valid JSON")
        );
    }

    #[test]
    fn args_objects_from_text_and_stdin() {
        let mut none: &[u8] = b"";
        assert_eq!(
            read_object(r#"{"a": 1}"#, &mut none).unwrap(),
            json!({"a": 1}).as_object().unwrap().clone()
        );
        let mut stdin: &[u8] = br#"{"b": [1, 2]}"#;
        assert_eq!(
            Value::Object(read_object("@-", &mut stdin).unwrap()),
            json!({"b": [1, 2]})
        );
        let e = read_object("[1]", &mut none).unwrap_err().0;
        assert!(e.contains("must be a JSON object, not an array"), "{e}");
        let e = read_object("@/nonexistent/args.json", &mut none)
            .unwrap_err()
            .0;
        assert!(
            e.contains("cannot read arguments from `/nonexistent/args.json`"),
            "{e}"
        );
        let e = read_object("{nope", &mut none).unwrap_err().0;
        assert!(e.contains("not valid JSON") && e.contains("hint"), "{e}");
    }
}
