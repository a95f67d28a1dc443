//! Building the catalog: a pure function from each source's lists and selection to the exposed
//! lists (prefixed, filtered, renamed, described) and the routing map, with every collision
//! recorded as a conflict.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::value::RawValue;

use super::Catalog;
use super::Conflict;
use crate::config::Selection;
use crate::protocol::RawObject;
use crate::protocol::message::to_raw;
use crate::protocol::param_headers::{self, ParamHeader};
use crate::session::args::{ArgRules, ToolShape, shapes_of};
use crate::session::filter::{prompt_visible, resource_visible, tool_visible};
use crate::session::naming::exposed_name;
use crate::session::routing::{Route, Routes, Target, TemplateRoute};
use crate::session::uri_template::template_glob;
use crate::upstream::Lists;

/// One source of items (an upstream, or the vMCP's own items) as the catalog builder sees it.
pub(crate) struct Source<'a> {
    /// Where requests for its items go.
    pub target: Target,
    pub server: &'a str,
    pub prefix: &'a str,
    pub selection: &'a Selection,
    /// How its tools' parameters are shaped.
    pub args: &'a ArgRules,
    pub lists: Lists,
}

struct Entry {
    target: Target,
    server: String,
    raw: String,
    item: RawObject,
}

/// Builds the catalog from its sources, in order (on a collision of resource URIs, the first
/// wins).
pub(crate) fn build(sources: &[Source<'_>]) -> Catalog {
    let mut conflicts = Vec::new();
    let mut arg_problems = Vec::new();
    let shapes: HashMap<Target, HashMap<String, Arc<ToolShape>>> = sources
        .iter()
        .filter(|s| !s.args.is_empty())
        .map(|s| {
            (
                s.target,
                shapes_of(s.args, &s.lists.tools, &mut arg_problems),
            )
        })
        .collect();
    let tools = named_items(
        sources,
        |l| &l.tools,
        |src, raw| tool_visible(src.selection, raw),
        |src, raw| {
            src.selection
                .rename
                .get(raw)
                .cloned()
                .unwrap_or_else(|| exposed_name(src.prefix, raw))
        },
        |src, raw, item| {
            if let Some(desc) = src.selection.describe.get(raw) {
                item.set_value("description", desc);
            }
            if let Some(shape) = shapes.get(&src.target).and_then(|s| s.get(raw)) {
                shape.shape_definition(item);
            }
        },
    );
    let mut param_headers = HashMap::new();
    let (tools, tool_routes) = finish("tool", tools, "tools", &mut conflicts, |name, tool| {
        if let Some(declared) = declared_headers(tool) {
            param_headers.insert(name.to_string(), declared);
        }
    });
    let prompts = named_items(
        sources,
        |l| &l.prompts,
        |src, raw| prompt_visible(src.selection, raw),
        |src, raw| exposed_name(src.prefix, raw),
        |_, _, _| {},
    );
    let (prompts, prompt_routes) = finish("prompt", prompts, "prompts", &mut conflicts, |_, _| {});
    let (resources, resource_routes) = build_resources(sources, &mut conflicts);
    let (templates, template_routes) = build_templates(sources);
    Catalog {
        listed_tools: tools.clone(),
        search_active: false,
        tools,
        prompts,
        resources,
        templates,
        routes: Routes {
            tools: tool_routes,
            prompts: prompt_routes,
            resources: resource_routes,
            templates: template_routes,
            param_headers,
        },
        conflicts,
        withheld: HashMap::new(),
        shapes,
        arg_problems,
    }
}

/// The visible items of every source under their exposed names, grouped by name (first
/// appearance order kept), so collisions are visible as groups of more than one.
fn named_items(
    sources: &[Source<'_>],
    list: impl Fn(&Lists) -> &Vec<RawObject>,
    visible: impl Fn(&Source<'_>, &str) -> bool,
    name: impl Fn(&Source<'_>, &str) -> String,
    adjust: impl Fn(&Source<'_>, &str, &mut RawObject),
) -> Vec<(String, Vec<Entry>)> {
    let mut groups: Vec<(String, Vec<Entry>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for src in sources {
        for item in list(&src.lists) {
            let Some(raw) = item.get_str("name") else {
                continue;
            };
            if !visible(src, &raw) {
                continue;
            }
            let exposed = name(src, &raw);
            let mut item = item.clone();
            item.set_value("name", &exposed);
            adjust(src, &raw, &mut item);
            let entry = Entry {
                target: src.target,
                server: src.server.to_string(),
                raw,
                item,
            };
            match index.get(&exposed) {
                Some(&g) => groups[g].1.push(entry),
                None => {
                    index.insert(exposed.clone(), groups.len());
                    groups.push((exposed, vec![entry]));
                }
            }
        }
    }
    groups
}

/// The `Mcp-Param-*` headers an exposed tool's schema declares, when it declares some validly
/// (a tool whose annotations are invalid is left to the client, which drops it).
fn declared_headers(tool: &RawObject) -> Option<Arc<[ParamHeader]>> {
    let schema = tool.get("inputSchema")?;
    // Most schemas have no annotation: they are not parsed.
    if !schema.get().contains("x-mcp-header") {
        return None;
    }
    let schema: serde_json::Value = serde_json::from_str(schema.get()).ok()?;
    let declared = param_headers::declared(&schema).ok()?;
    (!declared.is_empty()).then(|| declared.into())
}

/// Serializes the unambiguous entries in order (each also shown to `note` with its exposed
/// name) and records the ambiguous ones as conflicts (neither contender is exposed: which one a
/// client would get must never be a guess).
fn finish(
    kind: &'static str,
    groups: Vec<(String, Vec<Entry>)>,
    key: &str,
    conflicts: &mut Vec<Conflict>,
    mut note: impl FnMut(&str, &RawObject),
) -> (Arc<RawValue>, HashMap<String, Route>) {
    let mut items = Vec::with_capacity(groups.len());
    let mut routes = HashMap::with_capacity(groups.len());
    for (exposed, mut group) in groups {
        if group.len() > 1 {
            conflicts.push(Conflict {
                kind,
                exposed,
                sources: group
                    .iter()
                    .map(|e| (e.server.clone(), e.raw.clone()))
                    .collect(),
                outcome: "neither is exposed; resolve it with `rename` or `prefix` in the vMCP",
            });
            continue;
        }
        let Some(e) = group.pop() else { continue };
        note(&exposed, &e.item);
        routes.insert(
            exposed,
            Route {
                target: e.target,
                raw: e.raw,
            },
        );
        items.push(e.item);
    }
    (wrap(key, &items), routes)
}

fn build_resources(
    sources: &[Source<'_>],
    conflicts: &mut Vec<Conflict>,
) -> (Arc<RawValue>, HashMap<String, Target>) {
    let mut items = Vec::new();
    let mut routes: HashMap<String, Target> = HashMap::new();
    let mut owners: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for src in sources {
        for item in src.lists.resources.iter() {
            let Some(uri) = item.get_str("uri") else {
                continue;
            };
            let name = item.get_str("name");
            if !resource_visible(src.selection, &uri, name.as_deref()) {
                continue;
            }
            owners
                .entry(uri.clone())
                .or_default()
                .push((src.server.to_string(), uri.clone()));
            if routes.contains_key(&uri) {
                continue;
            }
            routes.insert(uri, src.target);
            items.push(item.clone());
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
    (wrap("resources", &items), routes)
}

fn build_templates(sources: &[Source<'_>]) -> (Arc<RawValue>, Vec<TemplateRoute>) {
    let mut items = Vec::new();
    let mut routes = Vec::new();
    for src in sources {
        for item in src.lists.templates.iter() {
            let Some(t) = item.get_str("uriTemplate") else {
                continue;
            };
            let name = item.get_str("name");
            if !resource_visible(src.selection, &t, name.as_deref()) {
                continue;
            }
            routes.push(TemplateRoute {
                glob: template_glob(&t),
                template: t,
                target: src.target,
            });
            items.push(item.clone());
        }
    }
    (wrap("resourceTemplates", &items), routes)
}

/// `{"<key>": [items]}`, the shape of a list result.
fn wrap(key: &str, items: &[RawObject]) -> Arc<RawValue> {
    let mut result = RawObject::new();
    result.set_value(key, items);
    Arc::from(to_raw(&result))
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;
