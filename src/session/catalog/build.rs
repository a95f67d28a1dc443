//! Building the catalog: a pure function from each source's lists and selection to the exposed
//! lists (prefixed, filtered, renamed, described) and the routing map, with every collision
//! recorded as a conflict.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

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

/// One visible item of a source, under an exposed name that may collide with another's.
struct Entry<'a> {
    target: Target,
    server: &'a str,
    raw: String,
    /// As its source lists it, or adjusted (described, shaped); it is named as it is written.
    item: Cow<'a, RawObject>,
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
                item.to_mut().set_value("description", desc);
            }
            if let Some(shape) = shapes.get(&src.target).and_then(|s| s.get(raw)) {
                shape.shape_definition(item.to_mut());
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

/// The visible items of every source under their exposed names, in order (a name wanted twice
/// is a collision, which `finish` records). Items are borrowed from their source's list unless
/// `adjust` changes them.
fn named_items<'a>(
    sources: &'a [Source<'a>],
    list: impl Fn(&Lists) -> &Vec<RawObject>,
    visible: impl Fn(&Source<'_>, &str) -> bool,
    name: impl Fn(&Source<'_>, &str) -> String,
    adjust: impl Fn(&Source<'_>, &str, &mut Cow<'a, RawObject>),
) -> Vec<(String, Entry<'a>)> {
    let mut named = Vec::new();
    for src in sources {
        for item in list(&src.lists) {
            let Some(raw) = item.get_str("name") else {
                continue;
            };
            if !visible(src, &raw) {
                continue;
            }
            let exposed = name(src, &raw);
            let mut item = Cow::Borrowed(item);
            adjust(src, &raw, &mut item);
            named.push((
                exposed,
                Entry {
                    target: src.target,
                    server: src.server,
                    raw,
                    item,
                },
            ));
        }
    }
    named
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

/// Serializes the unambiguous entries in order, each under its exposed name (and shown to
/// `note` with it), and records the ambiguous ones as conflicts, in the order their names first
/// appear (neither contender is exposed: which one a client would get must never be a guess).
fn finish(
    kind: &'static str,
    named: Vec<(String, Entry<'_>)>,
    key: &str,
    conflicts: &mut Vec<Conflict>,
    mut note: impl FnMut(&str, &RawObject),
) -> (Arc<RawValue>, HashMap<String, Route>) {
    // Each entry's first entry of the same name, and every entry of a name wanted more than
    // once (rare) by that first one.
    let mut first_of = Vec::with_capacity(named.len());
    let mut contenders: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    {
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(named.len());
        for (i, (exposed, _)) in named.iter().enumerate() {
            let f = *first.entry(exposed).or_insert(i);
            if f != i {
                contenders.entry(f).or_insert_with(|| vec![f]).push(i);
            }
            first_of.push(f);
        }
    }
    for (&f, all) in &contenders {
        conflicts.push(Conflict {
            kind,
            exposed: named[f].0.clone(),
            sources: all
                .iter()
                .map(|&c| (named[c].1.server.to_string(), named[c].1.raw.clone()))
                .collect(),
            outcome: "neither is exposed; resolve it with `rename` or `prefix` in the vMCP",
        });
    }
    let exposed = |i: usize| !contenders.contains_key(&first_of[i]);
    let items: Vec<_> = named
        .iter()
        .enumerate()
        .filter(|(i, _)| exposed(*i))
        .map(|(_, (name, e))| {
            note(name, &e.item);
            e.item.with("name", name.as_str())
        })
        .collect();
    let listed = wrap(key, &items);
    drop(items);
    let routes = named
        .into_iter()
        .enumerate()
        .filter(|(i, _)| exposed(*i))
        .map(|(_, (name, e))| {
            let route = Route {
                target: e.target,
                raw: e.raw,
            };
            (name, route)
        })
        .collect();
    (listed, routes)
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
            items.push(item);
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
            items.push(item);
        }
    }
    (wrap("resourceTemplates", &items), routes)
}

/// `{"<key>": [items]}`, the shape of a list result, written in one pass.
fn wrap<T: Serialize>(key: &str, items: &[T]) -> Arc<RawValue> {
    struct Listed<'a, T>(&'a str, &'a [T]);
    impl<T: Serialize> Serialize for Listed<'_, T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(1))?;
            m.serialize_entry(self.0, self.1)?;
            m.end()
        }
    }
    Arc::from(to_raw(&Listed(key, items)))
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;
