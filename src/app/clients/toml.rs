//! Codex's `config.toml`, edited with `toml_edit` so the user's comments, order and formatting
//! are kept: an entry is added as its own `[mcp_servers.KEY]` table at the end, or replaced where
//! it is (with the comments above its header).

use std::path::Path;

use serde_json::{Map, Value};
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table};

use super::document::unparsable;
use crate::app::InvalidInput;

pub(super) fn parse(path: &Path, text: &str) -> Result<DocumentMut, InvalidInput> {
    text.parse::<DocumentMut>().map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        unparsable(path, text, at, e.message().trim_end())
    })
}

pub(super) fn value(doc: &DocumentMut) -> Value {
    object(doc.as_table().iter().map(|(k, i)| (k, item(i))))
}

pub(super) fn set(doc: &mut DocumentMut, servers_key: &str, key: &str, entry: &Value) {
    let servers = doc.entry(servers_key).or_insert_with(|| {
        // `[mcp_servers.KEY]` headers only, no empty `[mcp_servers]` above them.
        let mut t = Table::new();
        t.set_implicit(true);
        Item::Table(t)
    });
    match servers {
        Item::Table(servers) => {
            let mut new = table(entry);
            if let Some(Item::Table(old)) = servers.get(key) {
                new.decor_mut().clone_from(old.decor());
                if let Some(p) = old.position() {
                    new.set_position(Some(p));
                }
            }
            servers.insert(key, Item::Table(new));
        }
        Item::Value(toml_edit::Value::InlineTable(servers)) => {
            servers.insert(key, inline(entry));
        }
        // Not a table: the caller refused the file already.
        _ => {}
    }
}

pub(super) fn remove(doc: &mut DocumentMut, servers_key: &str, key: &str) {
    if let Some(servers) = doc.get_mut(servers_key).and_then(Item::as_table_like_mut) {
        servers.remove(key);
    }
}

fn object<'a>(entries: impl Iterator<Item = (&'a str, Value)>) -> Value {
    Value::Object(
        entries
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.to_string(), v))
            .collect::<Map<_, _>>(),
    )
}

fn item(i: &Item) -> Value {
    match i {
        Item::None => Value::Null,
        Item::Value(v) => value_of(v),
        Item::Table(t) => object(t.iter().map(|(k, i)| (k, item(i)))),
        Item::ArrayOfTables(a) => Value::Array(
            a.iter()
                .map(|t| object(t.iter().map(|(k, i)| (k, item(i)))))
                .collect(),
        ),
    }
}

fn value_of(v: &toml_edit::Value) -> Value {
    use toml_edit::Value as T;
    match v {
        T::String(s) => Value::String(s.value().clone()),
        T::Integer(i) => Value::from(*i.value()),
        T::Float(f) => serde_json::Number::from_f64(*f.value()).map_or(Value::Null, Value::Number),
        T::Boolean(b) => Value::Bool(*b.value()),
        T::Datetime(d) => Value::String(d.value().to_string()),
        T::Array(a) => Value::Array(a.iter().map(value_of).collect()),
        T::InlineTable(t) => object(t.iter().map(|(k, v)| (k, value_of(v)))),
    }
}

/// An entry as a table of its own (`[mcp_servers.KEY]`), its maps inline (`env = { … }`).
fn table(entry: &Value) -> Table {
    let mut t = Table::new();
    if let Value::Object(m) = entry {
        for (k, v) in m {
            if let Some(v) = toml_value(v) {
                t.insert(k, Item::Value(v));
            }
        }
    }
    t
}

fn inline(entry: &Value) -> toml_edit::Value {
    toml_value(entry).unwrap_or_else(|| toml_edit::Value::InlineTable(InlineTable::new()))
}

/// TOML has no null: a null is left out.
fn toml_value(v: &Value) -> Option<toml_edit::Value> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(b) => (*b).into(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into(),
            None => n.as_f64()?.into(),
        },
        Value::String(s) => s.as_str().into(),
        Value::Array(a) => {
            toml_edit::Value::Array(a.iter().filter_map(toml_value).collect::<Array>())
        }
        Value::Object(m) => {
            let mut t = InlineTable::new();
            for (k, v) in m {
                if let Some(v) = toml_value(v) {
                    t.insert(k, v);
                }
            }
            toml_edit::Value::InlineTable(t)
        }
    })
}
