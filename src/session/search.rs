//! Tool search in the session: the index of what the catalog exposes (kept in step a server at
//! a time as catalogs are rebuilt, never on a request), the list the AI client sees when search
//! is on (`search_tools`, `call_tool` and the `always` tools), and the answers of the two
//! meta-tools. `call_tool` unwraps into an ordinary `tools/call` (`operations.rs`), so filters,
//! the trust gate, custom tools, progress, cancellation and the call log are those of a direct
//! call.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{PoisonError, RwLock};

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};

use super::catalog::Catalog;
use super::error::SessionError;
use super::plan::SearchPlan;
use super::runtime::Session;
use crate::config::SearchMode;
use crate::config::glob::any_matches;
use crate::protocol::RawObject;
use crate::protocol::message::to_raw;
use crate::search::meta::{
    CALL_TOOL, MAX_RESULTS, SEARCH_TOOLS, call_tool_definition, search_tools_definition,
};
use crate::search::{SearchIndex, ToolDoc, render_results, search_tools_description};

impl SearchPlan {
    /// Whether the client gets the meta-tools instead of `tools` exposed tools.
    fn active(&self, tools: usize, client: Option<&str>) -> bool {
        match self.mode {
            SearchMode::Off => false,
            SearchMode::On => true,
            SearchMode::Auto => {
                tools > self.threshold
                    && !client.is_some_and(|c| self.self_searching.iter().any(|s| s == c))
            }
        }
    }
}

/// One search result: where the tool comes from, and its definition as listed.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub name: String,
    pub server: String,
    pub original_name: String,
    pub score: f32,
    pub definition: Value,
}

/// The index of a catalog's tools and what results need of them.
#[derive(Default)]
pub(super) struct ToolSearch {
    state: RwLock<Indexed>,
}

#[derive(Default)]
struct Indexed {
    index: SearchIndex,
    /// Server → fingerprint of the definitions indexed for it (unchanged servers are skipped).
    fingerprints: HashMap<String, u64>,
    /// Exposed name → definition as listed.
    definitions: HashMap<String, Box<RawValue>>,
    /// The description of `search_tools` for what is indexed.
    description: String,
}

#[derive(Deserialize)]
struct RawList {
    #[serde(default)]
    tools: Vec<Box<RawValue>>,
}

#[derive(Deserialize)]
struct Named {
    #[serde(default)]
    name: String,
}

impl ToolSearch {
    /// Brings the index in step with `catalog`: servers whose tools changed are re-indexed,
    /// servers gone are dropped, the rest are left alone.
    fn update(&self, catalog: &Catalog, server_of: impl Fn(&str) -> Option<(String, String)>) {
        let list: RawList =
            serde_json::from_str(catalog.tools.get()).unwrap_or(RawList { tools: Vec::new() });
        // server → [(exposed, raw name, definition)]
        let mut by_server: BTreeMap<String, Vec<(String, String, &RawValue)>> = BTreeMap::new();
        for raw in &list.tools {
            let Ok(Named { name }) = serde_json::from_str::<Named>(raw.get()) else {
                continue;
            };
            let Some((server, original)) = server_of(&name) else {
                continue;
            };
            by_server
                .entry(server)
                .or_default()
                .push((name, original, raw));
        }
        let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
        let state = &mut *state;
        let gone: Vec<String> = state
            .fingerprints
            .keys()
            .filter(|s| !by_server.contains_key(*s))
            .cloned()
            .collect();
        let mut changed = !gone.is_empty();
        for server in gone {
            state.index.remove_server(&server);
            state.fingerprints.remove(&server);
        }
        for (server, tools) in &by_server {
            let mut hasher = DefaultHasher::new();
            for (_, original, raw) in tools {
                (original, raw.get()).hash(&mut hasher);
            }
            let fingerprint = hasher.finish();
            if state.fingerprints.get(server) == Some(&fingerprint) {
                continue;
            }
            let values: Vec<Value> = tools
                .iter()
                .map(|(_, _, raw)| serde_json::from_str(raw.get()).unwrap_or(Value::Null))
                .collect();
            let docs: Vec<ToolDoc<'_>> = tools
                .iter()
                .zip(&values)
                .map(|((_, original, _), v)| ToolDoc::from_definition(server, original, v))
                .collect();
            state.index.set_server(server, &docs);
            state.fingerprints.insert(server.clone(), fingerprint);
            changed = true;
        }
        state.definitions = by_server
            .into_values()
            .flatten()
            .map(|(name, _, raw)| (name, raw.to_owned()))
            .collect();
        if changed {
            state.description = search_tools_description(&state.index);
        }
    }

    fn description(&self) -> String {
        self.read().description.clone()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Indexed> {
        self.state.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn search(&self, query: &str, limit: usize) -> Vec<Found> {
        let state = self.read();
        state
            .index
            .search(query, limit)
            .into_iter()
            .filter_map(|hit| {
                let raw = state.definitions.get(&hit.name)?;
                Some(Found {
                    definition: serde_json::from_str(raw.get()).ok()?,
                    name: hit.name,
                    server: hit.server,
                    original_name: hit.original_name,
                    score: hit.score,
                })
            })
            .collect()
    }
}

/// `name` of a meta-tool when `params` call one.
pub(super) enum MetaCall {
    Search,
    Call,
}

impl Session {
    /// The server and raw name behind an exposed tool of `catalog`.
    fn origin(&self, catalog: &Catalog, exposed: &str) -> Option<(String, String)> {
        let route = catalog.routes.tools.get(exposed)?;
        Some((self.server_name(route.target), route.raw.clone()))
    }

    /// After `catalog` was built: updates the index and sets what the client's `tools/list`
    /// gets. Runs where catalogs are rebuilt (upstream events, startup), never on a request.
    pub(super) fn apply_search(&self, plan: &SearchPlan, catalog: &mut Catalog) {
        if plan.mode == SearchMode::Off {
            return;
        }
        self.search
            .update(catalog, |name| self.origin(catalog, name));
        let tools = catalog.routes.tools.len();
        if !plan.active(tools, self.client_name()) {
            return;
        }
        let list: Value = serde_json::from_str(catalog.tools.get()).unwrap_or(Value::Null);
        let mut listed = vec![
            search_tools_definition(&self.search.description(), plan.results),
            call_tool_definition(),
        ];
        for tool in list
            .get("tools")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = tool.get("name").and_then(Value::as_str).unwrap_or_default();
            if name != SEARCH_TOOLS && name != CALL_TOOL && any_matches(&plan.always, name) {
                listed.push(tool.clone());
            }
        }
        catalog.listed_tools = to_raw(&json!({ "tools": listed })).into();
        catalog.search_active = true;
    }

    /// Whether a `tools/call` of `name` is for a meta-tool: always while search is on; when
    /// `auto` keeps it off, only if no real tool has that name (a client may remember the
    /// meta-tools from when it was on).
    pub(super) fn meta_call(&self, name: &str) -> Option<MetaCall> {
        if self.roster().plan.tool_search.mode == SearchMode::Off {
            return None;
        }
        let meta = match name {
            SEARCH_TOOLS => MetaCall::Search,
            CALL_TOOL => MetaCall::Call,
            _ => return None,
        };
        let c = self.catalog();
        (c.search_active || !c.routes.tools.contains_key(name)).then_some(meta)
    }

    /// How many results `search_tools` gives when not asked for a number.
    pub(crate) fn default_results(&self) -> usize {
        self.roster().plan.tool_search.results
    }

    /// The exposed tools that best match `query`, best first (at most `limit`). Uses the
    /// session's index; with search off (`vmcp tools search` on any vMCP), one built now.
    pub(crate) async fn search_tools(&self, query: &str, limit: usize) -> Vec<Found> {
        self.wait_listable().await;
        if self.roster().plan.tool_search.mode != SearchMode::Off {
            return self.search.search(query, limit);
        }
        let catalog = self.catalog();
        let once = ToolSearch::default();
        once.update(&catalog, |name| self.origin(&catalog, name));
        once.search(query, limit)
    }

    /// `search_tools`: the results' definitions as structured content, and as text.
    pub(super) async fn answer_search(
        &self,
        params: &RawObject,
    ) -> Result<Box<RawValue>, SessionError> {
        let args = params.get_object("arguments").unwrap_or_default();
        let Some(query) = args.get("query").and_then(Value::as_str) else {
            return Ok(tool_error(
                "search_tools needs `query`: a few words about what you want to do",
            ));
        };
        let limit = match args.get("limit") {
            None | Some(Value::Null) => self.default_results(),
            Some(v) => match v.as_u64() {
                Some(n @ 1..) => usize::try_from(n).unwrap_or(MAX_RESULTS).min(MAX_RESULTS),
                _ => {
                    return Ok(tool_error(&format!(
                        "`limit` must be a whole number from 1 to {MAX_RESULTS}"
                    )));
                }
            },
        };
        let found = self.search_tools(query, limit).await;
        let definitions: Vec<&Value> = found.iter().map(|f| &f.definition).collect();
        Ok(to_raw(&json!({
            "content": [{ "type": "text", "text": render_results(query, &definitions) }],
            "structuredContent": { "tools": definitions },
        })))
    }

    /// `call_tool`: the params of the `tools/call` it stands for (the tool's name and
    /// arguments, the rest — `_meta` — kept).
    pub(super) fn unwrap_call(mut params: RawObject) -> Result<(String, RawObject), String> {
        let args = params.get_object("arguments").unwrap_or_default();
        let Some(name) = args.get("name").and_then(Value::as_str) else {
            return Err(
                "call_tool needs `name`: the exact name of a tool that search_tools found".into(),
            );
        };
        params.set_value("name", name);
        match args.get("arguments") {
            None | Some(Value::Null) => {
                params.remove("arguments");
            }
            Some(Value::Object(inner)) => params.set_value("arguments", inner),
            // Models sometimes send the arguments as a JSON text.
            Some(Value::String(text)) => match serde_json::from_str::<Value>(text) {
                Ok(inner @ Value::Object(_)) => params.set_value("arguments", &inner),
                _ => return Err("call_tool's `arguments` must be an object".into()),
            },
            Some(_) => return Err("call_tool's `arguments` must be an object".into()),
        }
        Ok((name.to_string(), params))
    }
}

/// A tool result the model reads as a failure (a mistake it can correct, not a protocol error).
pub(super) fn tool_error(text: &str) -> Box<RawValue> {
    to_raw(&json!({
        "content": [{ "type": "text", "text": text }],
        "isError": true,
    }))
}
