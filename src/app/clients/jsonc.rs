//! JSON client files, with comments and trailing commas where the client accepts them (VS Code,
//! Zed, Gemini CLI), edited through a concrete syntax tree so everything but the edited entry
//! keeps its bytes.

use std::path::Path;

use jsonc_parser::ParseOptions;
use jsonc_parser::cst::{CstInputValue, CstObject, CstRootNode};
use serde_json::Value;

use super::document::unparsable;
use crate::app::InvalidInput;

/// JSON, with comments and trailing commas when the client accepts them, and nothing looser (a
/// missing comma or a single-quoted string is an error the client would report too).
fn options(comments: bool) -> ParseOptions {
    ParseOptions {
        allow_comments: comments,
        allow_trailing_commas: comments,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

pub(super) fn parse(path: &Path, text: &str, comments: bool) -> Result<CstRootNode, InvalidInput> {
    let unparsable = |e: jsonc_parser::errors::ParseError| {
        unparsable(path, text, e.range().start, &e.kind().to_string())
    };
    let options = options(comments);
    // The syntax tree keeps comments as tokens whatever the options say (jsonc-parser 0.34), so
    // a plain parse is what refuses them.
    jsonc_parser::parse_to_ast(text, &jsonc_parser::CollectOptions::default(), &options)
        .map_err(unparsable)?;
    let root = CstRootNode::parse(text, &options).map_err(unparsable)?;
    match root.value() {
        None => Ok(root),
        Some(v) if v.as_object().is_some() => Ok(root),
        Some(_) => Err(InvalidInput(format!(
            "{} is not a JSON object",
            path.display()
        ))),
    }
}

pub(super) fn value(root: &CstRootNode) -> Value {
    root.to_serde_value().unwrap_or(Value::Null)
}

/// The server map, created (at the end of the file's object) when asked to.
fn servers(root: &CstRootNode, servers_key: &str, create: bool) -> Option<CstObject> {
    let top = if create {
        root.object_value_or_set()
    } else {
        root.object_value()?
    };
    if create {
        // `null` (checked by the caller: nothing else) becomes an empty object.
        Some(top.object_value_or_set(servers_key))
    } else {
        top.object_value(servers_key)
    }
}

pub(super) fn set(root: &CstRootNode, servers_key: &str, key: &str, entry: &Value) {
    let Some(servers) = servers(root, servers_key, true) else {
        return;
    };
    match servers.get(key) {
        Some(prop) => prop.set_value(input(entry)),
        None => {
            servers.append(key, input(entry));
        }
    }
}

pub(super) fn remove(root: &CstRootNode, servers_key: &str, key: &str) {
    if let Some(prop) = servers(root, servers_key, false).and_then(|s| s.get(key)) {
        prop.remove();
    }
}

fn input(v: &Value) -> CstInputValue {
    match v {
        Value::Null => CstInputValue::Null,
        Value::Bool(b) => CstInputValue::Bool(*b),
        Value::Number(n) => CstInputValue::Number(n.to_string()),
        Value::String(s) => CstInputValue::String(s.clone()),
        Value::Array(a) => CstInputValue::Array(a.iter().map(input).collect()),
        Value::Object(m) => {
            CstInputValue::Object(m.iter().map(|(k, v)| (k.clone(), input(v))).collect())
        }
    }
}
