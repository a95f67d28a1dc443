//! The exposed input schema of a shaped tool: fixed and hidden parameters removed, renamed ones
//! under their new names, descriptions and defaults set, `required` updated. The work is done on
//! raw JSON one level at a time, so everything else — key order, `$defs`, keywords vmcp does not
//! know, number spellings — is kept byte for byte.

use serde_json::Value;
use serde_json::value::RawValue;

use super::ToolShape;
use crate::protocol::RawObject;

fn object(raw: &RawValue) -> Option<RawObject> {
    serde_json::from_str(raw.get()).ok()
}

/// Removes `name` from `required`; returns whether it was there.
fn drop_required(required: &mut Option<Vec<Value>>, name: &str) -> bool {
    let Some(list) = required else { return false };
    let before = list.len();
    list.retain(|v| v.as_str() != Some(name));
    list.len() != before
}

impl ToolShape {
    /// Shapes a tool definition's `inputSchema` in place; the rest of the definition (its
    /// `outputSchema` too) is untouched.
    pub(crate) fn shape_definition(&self, item: &mut RawObject) {
        let Some(mut schema) = item.get("inputSchema").and_then(object) else {
            return;
        };
        if self.shape_schema(&mut schema) {
            item.set_value("inputSchema", &schema);
        }
    }

    /// Returns whether anything changed.
    pub(super) fn shape_schema(&self, schema: &mut RawObject) -> bool {
        let mut properties = schema.get("properties").and_then(object);
        let mut required: Option<Vec<Value>> = schema
            .get("required")
            .and_then(|r| serde_json::from_str(r.get()).ok());
        let mut props_changed = false;
        let mut required_changed = false;
        for p in self.params.iter().filter(|p| p.removed()) {
            if let Some(ps) = &mut properties {
                props_changed |= ps.remove(&p.raw).is_some();
            }
            required_changed |= drop_required(&mut required, &p.raw);
        }
        let renames: Vec<(&str, &str)> = self
            .params
            .iter()
            .filter(|p| p.renamed() && !p.removed())
            .map(|p| (p.raw.as_str(), p.exposed.as_str()))
            .collect();
        if !renames.is_empty() {
            if let Some(ps) = &mut properties {
                ps.rename_keys(&renames);
                props_changed = true;
            }
            if let Some(list) = &mut required {
                for v in list.iter_mut() {
                    if let Some((_, to)) =
                        renames.iter().find(|(from, _)| Some(*from) == v.as_str())
                    {
                        *v = Value::String((*to).to_string());
                        required_changed = true;
                    }
                }
            }
        }
        for p in self.params.iter().filter(|p| !p.removed()) {
            if p.default.is_some() {
                required_changed |= drop_required(&mut required, &p.exposed);
            }
            if p.describe.is_none() && p.default.is_none() {
                continue;
            }
            let Some(ps) = &mut properties else { continue };
            let Some(raw) = ps.get(&p.exposed) else {
                continue;
            };
            // `true` is the schema that accepts anything, as `{}` is.
            let mut property = if raw.get().trim() == "true" {
                RawObject::new()
            } else {
                match object(raw) {
                    Some(o) => o,
                    None => continue,
                }
            };
            if let Some(d) = &p.describe {
                property.set_value("description", d);
            }
            if let Some(d) = &p.default {
                property.set_value("default", d);
            }
            ps.set_value(&p.exposed, &property);
            props_changed = true;
        }
        if props_changed && let Some(ps) = &properties {
            schema.set_value("properties", ps);
        }
        if required_changed && let Some(list) = &required {
            schema.set_value("required", list);
        }
        props_changed || required_changed
    }
}
