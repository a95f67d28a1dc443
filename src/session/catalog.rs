//! The catalog: an immutable snapshot of what the vMCP offers, built by a pure function from the
//! selections and each upstream's lists, with the routing tables that go with it. Rebuilt and
//! swapped whenever an upstream's lists change. Conflicts are recorded, never silently dropped.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::value::RawValue;

use super::filter::{prompt_visible, resource_visible, tool_visible};
use super::gate::Withheld;
use super::naming::exposed_name;
use super::uri_template::template_glob;
use crate::config::Selection;
use crate::config::glob::Glob;
use crate::protocol::RawObject;
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
    /// Exposed name → tool the trust gate kept out (filled by the session after `build`).
    pub withheld: HashMap<String, Withheld>,
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
    item: RawObject,
}

/// Builds the catalog. `sources[i]` is upstream `i`.
pub fn build(sources: &[Source<'_>]) -> Catalog {
    let mut conflicts = Vec::new();
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
        },
    );
    let (tools, tool_routes) = finish("tool", tools, "tools", &mut conflicts);
    let prompts = named_items(
        sources,
        |l| &l.prompts,
        |src, raw| prompt_visible(src.selection, raw),
        |src, raw| exposed_name(src.prefix, raw),
        |_, _, _| {},
    );
    let (prompts, prompt_routes) = finish("prompt", prompts, "prompts", &mut conflicts);
    let (resources, resource_routes) = build_resources(sources, &mut conflicts);
    let (templates, template_routes) = build_templates(sources);
    Catalog {
        tools,
        prompts,
        resources,
        templates,
        tool_routes,
        prompt_routes,
        resource_routes,
        template_routes,
        conflicts,
        withheld: HashMap::new(),
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
    for (i, src) in sources.iter().enumerate() {
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
                upstream: i,
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

/// Serializes the unambiguous entries in order and records the ambiguous ones as conflicts
/// (neither contender is exposed: which one a client would get must never be a guess).
fn finish(
    kind: &'static str,
    groups: Vec<(String, Vec<Entry>)>,
    key: &str,
    conflicts: &mut Vec<Conflict>,
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
        routes.insert(
            exposed,
            Route {
                upstream: e.upstream,
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
) -> (Arc<RawValue>, HashMap<String, usize>) {
    let mut items = Vec::new();
    let mut routes: HashMap<String, usize> = HashMap::new();
    let mut owners: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (i, src) in sources.iter().enumerate() {
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
            routes.insert(uri, i);
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

fn build_templates(sources: &[Source<'_>]) -> (Arc<RawValue>, Vec<(String, Glob, usize)>) {
    let mut items = Vec::new();
    let mut routes = Vec::new();
    for (i, src) in sources.iter().enumerate() {
        for item in src.lists.templates.iter() {
            let Some(t) = item.get_str("uriTemplate") else {
                continue;
            };
            let name = item.get_str("name");
            if !resource_visible(src.selection, &t, name.as_deref()) {
                continue;
            }
            routes.push((t.clone(), template_glob(&t), i));
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
#[path = "catalog_tests.rs"]
mod tests;
