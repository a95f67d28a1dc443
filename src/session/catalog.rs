//! The catalog: an immutable snapshot of what the vMCP offers, built by a pure function from the
//! selections and each upstream's lists, with the routing tables that go with it. Rebuilt and
//! swapped whenever an upstream's lists change. Conflicts are recorded, never silently dropped.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::filter::{prompt_visible, resource_visible, tool_visible};
use super::naming::exposed_name;
use super::uri_template::template_glob;
use crate::config::Selection;
use crate::config::glob::Glob;
use crate::protocol::message::to_raw;
use crate::upstream::Lists;

/// One upstream as the catalog builder sees it.
pub struct Source<'a> {
    pub server: &'a str,
    pub prefix: &'a str,
    pub selection: &'a Selection,
    pub lists: Lists,
}

/// Where an exposed tool or prompt goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub upstream: usize,
    pub raw: String,
}

/// Two or more sources that want the same exposed name (or URI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub kind: &'static str,
    pub exposed: String,
    /// (server, raw name) of every contender.
    pub sources: Vec<(String, String)>,
    /// What happened: both hidden, or the first kept.
    pub outcome: &'static str,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let who: Vec<String> = self
            .sources
            .iter()
            .map(|(s, r)| {
                if *r == self.exposed {
                    format!("server `{s}`")
                } else {
                    format!("`{r}` of server `{s}`")
                }
            })
            .collect();
        write!(
            f,
            "{} `{}` is offered by {}: {}",
            self.kind,
            self.exposed,
            who.join(" and "),
            self.outcome
        )
    }
}

#[derive(Debug)]
pub struct Catalog {
    pub tools: Arc<RawValue>,
    pub prompts: Arc<RawValue>,
    pub resources: Arc<RawValue>,
    pub templates: Arc<RawValue>,
    pub tool_routes: HashMap<String, Route>,
    pub prompt_routes: HashMap<String, Route>,
    /// Listed resource URI → upstream.
    pub resource_routes: HashMap<String, usize>,
    /// Visible templates in order: (uriTemplate, matcher, upstream).
    pub template_routes: Vec<(String, Glob, usize)>,
    pub conflicts: Vec<Conflict>,
}

impl Catalog {
    /// An empty catalog (before any upstream is ready).
    pub fn empty() -> Catalog {
        build(&[])
    }
}

struct Entry {
    upstream: usize,
    server: String,
    raw: String,
    item: Map<String, Value>,
}

/// Builds the catalog. `sources[i]` is upstream `i`.
pub fn build(sources: &[Source<'_>]) -> Catalog {
    let mut conflicts = Vec::new();

    let mut tools: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    let mut tool_order = Vec::new();
    for (i, src) in sources.iter().enumerate() {
        for item in src.lists.tools.iter() {
            let Some(raw) = item.get("name").and_then(Value::as_str) else {
                continue;
            };
            if !tool_visible(src.selection, raw) {
                continue;
            }
            let exposed = match src.selection.rename.get(raw) {
                Some(new) => new.clone(),
                None => exposed_name(src.prefix, raw),
            };
            let mut item = item.clone();
            item.insert("name".into(), Value::String(exposed.clone()));
            if let Some(desc) = src.selection.describe.get(raw) {
                item.insert("description".into(), Value::String(desc.clone()));
            }
            push(
                &mut tools,
                &mut tool_order,
                exposed,
                i,
                src.server,
                raw,
                item,
            );
        }
    }
    let (tools_json, tool_routes) = finish("tool", tools, &tool_order, "tools", &mut conflicts);

    let mut prompts: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    let mut prompt_order = Vec::new();
    for (i, src) in sources.iter().enumerate() {
        for item in src.lists.prompts.iter() {
            let Some(raw) = item.get("name").and_then(Value::as_str) else {
                continue;
            };
            if !prompt_visible(src.selection, raw) {
                continue;
            }
            let exposed = exposed_name(src.prefix, raw);
            let mut item = item.clone();
            item.insert("name".into(), Value::String(exposed.clone()));
            push(
                &mut prompts,
                &mut prompt_order,
                exposed,
                i,
                src.server,
                raw,
                item,
            );
        }
    }
    let (prompts_json, prompt_routes) =
        finish("prompt", prompts, &prompt_order, "prompts", &mut conflicts);

    let (resources_json, resource_routes) = build_resources(sources, &mut conflicts);
    let (templates_json, template_routes) = build_templates(sources);

    Catalog {
        tools: tools_json,
        prompts: prompts_json,
        resources: resources_json,
        templates: templates_json,
        tool_routes,
        prompt_routes,
        resource_routes,
        template_routes,
        conflicts,
    }
}

fn push(
    map: &mut BTreeMap<String, Vec<Entry>>,
    order: &mut Vec<String>,
    exposed: String,
    upstream: usize,
    server: &str,
    raw: &str,
    item: Map<String, Value>,
) {
    let slot = map.entry(exposed.clone()).or_default();
    if slot.is_empty() {
        order.push(exposed);
    }
    slot.push(Entry {
        upstream,
        server: server.to_string(),
        raw: raw.to_string(),
        item,
    });
}

/// Serializes the unambiguous entries in order and records the ambiguous ones as conflicts
/// (neither contender is exposed: which one a client would get must never be a guess).
fn finish(
    kind: &'static str,
    mut entries: BTreeMap<String, Vec<Entry>>,
    order: &[String],
    key: &str,
    conflicts: &mut Vec<Conflict>,
) -> (Arc<RawValue>, HashMap<String, Route>) {
    let mut items = Vec::with_capacity(order.len());
    let mut routes = HashMap::with_capacity(order.len());
    for exposed in order {
        let Some(mut group) = entries.remove(exposed) else {
            continue;
        };
        if group.len() > 1 {
            conflicts.push(Conflict {
                kind,
                exposed: exposed.clone(),
                sources: group
                    .iter()
                    .map(|e| (e.server.clone(), e.raw.clone()))
                    .collect(),
                outcome: "neither is exposed; resolve it with `rename` or `prefix` in the vMCP",
            });
            continue;
        }
        let Some(e) = group.pop() else { continue };
        routes.insert(
            exposed.clone(),
            Route {
                upstream: e.upstream,
                raw: e.raw,
            },
        );
        items.push(Value::Object(e.item));
    }
    let mut result = Map::new();
    result.insert(key.to_string(), Value::Array(items));
    (Arc::from(to_raw(&result)), routes)
}

fn build_resources(
    sources: &[Source<'_>],
    conflicts: &mut Vec<Conflict>,
) -> (Arc<RawValue>, HashMap<String, usize>) {
    let mut items = Vec::new();
    let mut routes: HashMap<String, usize> = HashMap::new();
    let mut owners: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (i, src) in sources.iter().enumerate() {
        for item in src.lists.resources.iter() {
            let Some(uri) = item.get("uri").and_then(Value::as_str) else {
                continue;
            };
            let name = item.get("name").and_then(Value::as_str);
            if !resource_visible(src.selection, uri, name) {
                continue;
            }
            owners
                .entry(uri.to_string())
                .or_default()
                .push((src.server.to_string(), uri.to_string()));
            if routes.contains_key(uri) {
                continue;
            }
            routes.insert(uri.to_string(), i);
            items.push(Value::Object(item.clone()));
        }
    }
    for (uri, owners) in owners {
        if owners.len() > 1 {
            conflicts.push(Conflict {
                kind: "resource",
                exposed: uri,
                sources: owners,
                outcome: "reads go to the first server (in name order); hide it from the others with `exclude_resources`",
            });
        }
    }
    let mut result = Map::new();
    result.insert("resources".into(), Value::Array(items));
    (Arc::from(to_raw(&result)), routes)
}

fn build_templates(sources: &[Source<'_>]) -> (Arc<RawValue>, Vec<(String, Glob, usize)>) {
    let mut items = Vec::new();
    let mut routes = Vec::new();
    for (i, src) in sources.iter().enumerate() {
        for item in src.lists.templates.iter() {
            let Some(t) = item.get("uriTemplate").and_then(Value::as_str) else {
                continue;
            };
            let name = item.get("name").and_then(Value::as_str);
            if !resource_visible(src.selection, t, name) {
                continue;
            }
            routes.push((t.to_string(), template_glob(t), i));
            items.push(Value::Object(item.clone()));
        }
    }
    let mut result = Map::new();
    result.insert("resourceTemplates".into(), Value::Array(items));
    (Arc::from(to_raw(&result)), routes)
}

#[cfg(test)]
#[path = "catalog_tests.rs"]
mod tests;
