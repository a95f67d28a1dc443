//! Pins: what a tool looked like when the user approved its server. A pin is the SHA-256 of the
//! whole definition (name, title, description, schemas, annotations — every field, canonically
//! serialized, so reordered keys do not count as a change) kept with the definition itself, so
//! that a later change can be shown, not just detected.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

pub(crate) use crate::store::PinnedTool;

/// JSON with object keys sorted at every level and no insignificant whitespace.
fn canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push(':');
                canonical(&map[*k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The pin hash of a tool definition.
pub(crate) fn hash(definition: &Value) -> String {
    let mut text = String::new();
    canonical(definition, &mut text);
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().fold(String::from("sha256:"), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Pins every tool in `definitions`, by name.
pub(crate) fn pin_all(definitions: &[Value]) -> BTreeMap<String, PinnedTool> {
    definitions
        .iter()
        .filter_map(|d| {
            let name = d.get("name")?.as_str()?.to_string();
            Some((
                name,
                PinnedTool {
                    hash: hash(d),
                    definition: d.clone(),
                },
            ))
        })
        .collect()
}

/// How a server's current tools compare with its pins.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Comparison {
    /// Offered now, never approved.
    pub new: Vec<String>,
    /// Approved, no longer offered.
    pub removed: Vec<String>,
    /// Approved, offered with a different definition.
    pub changed: Vec<String>,
    pub unchanged: usize,
}

impl Comparison {
    pub(crate) fn is_clean(&self) -> bool {
        self.new.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Compares what a server offers now with what was approved.
pub(crate) fn compare(pins: &BTreeMap<String, PinnedTool>, current: &[Value]) -> Comparison {
    let now = pin_all(current);
    let mut c = Comparison::default();
    for (name, tool) in &now {
        match pins.get(name) {
            None => c.new.push(name.clone()),
            Some(p) if p.hash != tool.hash => c.changed.push(name.clone()),
            Some(_) => c.unchanged += 1,
        }
    }
    c.removed = pins
        .keys()
        .filter(|n| !now.contains_key(*n))
        .cloned()
        .collect();
    c
}

/// A unified diff of two definitions, pretty-printed with sorted keys.
pub(crate) fn definition_diff(old: &Value, new: &Value, name: &str) -> String {
    let pretty = |v: &Value| {
        let mut text = String::new();
        canonical(v, &mut text);
        serde_json::from_str::<Value>(&text)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or(text)
            + "\n"
    };
    let (a, b) = (pretty(old), pretty(new));
    similar::TextDiff::from_lines(&a, &b)
        .unified_diff()
        .context_radius(3)
        .header(&format!("{name} (approved)"), &format!("{name} (now)"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_hash_covers_every_field_but_not_key_order() {
        let a = json!({"name": "t", "description": "d", "inputSchema": {"type": "object", "properties": {"x": {"type": "string"}}}});
        let reordered = json!({"inputSchema": {"properties": {"x": {"type": "string"}}, "type": "object"}, "description": "d", "name": "t"});
        assert_eq!(hash(&a), hash(&reordered));
        assert!(hash(&a).starts_with("sha256:") && hash(&a).len() == 7 + 64);
        for changed in [
            json!({"name": "t", "description": "d2", "inputSchema": a["inputSchema"].clone()}),
            json!({"name": "t", "description": "d", "inputSchema": {"type": "object", "properties": {"x": {"type": "number"}}}}),
            json!({"name": "t", "description": "d", "inputSchema": a["inputSchema"].clone(), "annotations": {"destructiveHint": true}}),
        ] {
            assert_ne!(hash(&a), hash(&changed), "{changed}");
        }
    }

    #[test]
    fn comparison_names_new_removed_and_changed_tools() {
        let pins = pin_all(&[
            json!({"name": "keep", "description": "same"}),
            json!({"name": "edit", "description": "before"}),
            json!({"name": "gone", "description": "x"}),
        ]);
        let now = [
            json!({"name": "keep", "description": "same"}),
            json!({"name": "edit", "description": "after <IMPORTANT>"}),
            json!({"name": "fresh", "description": "y"}),
        ];
        let c = compare(&pins, &now);
        assert_eq!(c.new, ["fresh"]);
        assert_eq!(c.removed, ["gone"]);
        assert_eq!(c.changed, ["edit"]);
        assert_eq!(c.unchanged, 1);
        assert!(!c.is_clean());
        let diff = definition_diff(&pins["edit"].definition, &now[1], "edit");
        assert!(diff.contains("-  \"description\": \"before\","), "{diff}");
        assert!(
            diff.contains("+  \"description\": \"after <IMPORTANT>\","),
            "{diff}"
        );
    }
}
