//! A call's arguments rewritten before they go upstream: renamed arguments mapped back to the
//! upstream's names, fixed values set (a client that sends a fixed or hidden parameter is told
//! so, unless the rule allows it), defaults filled in. A tool no rule names keeps its arguments
//! as the raw bytes the client sent.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{ArgRules, ToolShape};
use crate::protocol::RawObject;
use crate::protocol::message::to_raw;

impl ToolShape {
    /// The arguments the upstream gets for the client's `args` (absent or `null`: none), or
    /// why the client's arguments are refused (an invalid-params error naming the parameter).
    pub(crate) fn rewrite(&self, args: Option<&RawValue>) -> Result<Box<RawValue>, String> {
        let client: Map<String, Value> = match args {
            None => Map::new(),
            Some(raw) if raw.get().trim() == "null" => Map::new(),
            Some(raw) => serde_json::from_str(raw.get())
                .map_err(|_| "`arguments` must be an object".to_string())?,
        };
        let mut out = Map::with_capacity(client.len() + self.params.len());
        for (key, value) in client {
            if let Some(p) = self.params.iter().find(|p| p.renamed() && p.exposed == key) {
                out.insert(p.raw.clone(), value);
                continue;
            }
            if let Some(p) = self.params.iter().find(|p| p.raw == key) {
                if p.renamed() {
                    return Err(format!(
                        "unknown parameter `{key}`: this vMCP calls it `{}`",
                        p.exposed
                    ));
                }
                if p.removed() && !p.allow_override {
                    return Err(if p.value.is_some() {
                        format!("parameter `{key}` is fixed by this vMCP; leave it out")
                    } else {
                        format!("parameter `{key}` is hidden by this vMCP; leave it out")
                    });
                }
            }
            out.insert(key, value);
        }
        for p in &self.params {
            if out.contains_key(&p.raw) {
                continue;
            }
            if let Some(v) = p.value.as_ref().or(p.default.as_ref()) {
                out.insert(p.raw.clone(), v.clone());
            }
        }
        Ok(to_raw(&out))
    }
}

/// `tools/call` params for a tool of a server with `rules`, shaped by its compiled shape from
/// `shapes` (the catalog's), or — a tool the catalog has not seen listed yet — by the rules
/// alone. Params of a tool no rule names are returned as they are.
pub(crate) fn shape_call(
    shapes: Option<&HashMap<String, Arc<ToolShape>>>,
    rules: &ArgRules,
    mut params: RawObject,
) -> Result<RawObject, String> {
    if rules.is_empty() {
        return Ok(params);
    }
    let Some(name) = params.get_str("name") else {
        return Ok(params);
    };
    let compiled;
    let shape = match shapes.and_then(|s| s.get(&name)) {
        Some(shape) => shape.as_ref(),
        None => match ToolShape::compile(rules, &name, None, &mut Vec::new()) {
            Some(shape) => {
                compiled = shape;
                &compiled
            }
            None => return Ok(params),
        },
    };
    let args = shape.rewrite(params.get("arguments"))?;
    params.set("arguments", args);
    Ok(params)
}
