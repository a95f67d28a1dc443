//! `vmcp tools list`, `vmcp prompts list`, `vmcp resources list`: what an open vMCP exposes, item
//! by item, with the server each comes from; `vmcp tools search`: its tools ranked for a query.

use serde::Serialize;
use serde_json::Value;

use super::open_session::OpenSession;
use crate::session::Found;
use crate::upstream::ListKind;

/// The exposed tools that best match `query`, best first: `limit` of them, or as many as the
/// vMCP's `search_tools` returns by default. Ranked as `search_tools` ranks them, whether tool
/// search is on for the vMCP or not.
pub(crate) async fn search(open: &OpenSession, query: &str, limit: Option<usize>) -> Vec<Found> {
    let limit = limit.unwrap_or_else(|| open.session.default_results());
    open.session.search_tools(query, limit).await
}

/// One item of the exposed catalog with the server it comes from (a `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CatalogItem {
    /// The name (tools, prompts), URI (resources) or URI template the client sees.
    pub name: String,
    pub server: String,
    /// The upstream's own name for it (differs when prefixed or renamed).
    pub original_name: String,
    /// The definition exactly as the AI client receives it.
    pub definition: Value,
    /// Tools of an upstream: the definition as the server itself lists it (before prefix,
    /// rename, description and `args` shaping).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upstream_definition: Option<Value>,
}

/// The exposed items of one kind, in the order the client sees them.
pub(crate) async fn items(open: &OpenSession, kind: ListKind) -> Vec<CatalogItem> {
    let raw = open.session.list(kind).await;
    let catalog = open.session.catalog();
    let server_of = |t| open.session.server_name(t);
    let key = match kind {
        ListKind::Tools | ListKind::Prompts => "name",
        ListKind::Resources => "uri",
        ListKind::Templates => "uriTemplate",
    };
    let list: Vec<Value> = serde_json::from_str::<Value>(raw.get())
        .ok()
        .and_then(|v| v.get(kind.key()).and_then(Value::as_array).cloned())
        .unwrap_or_default();
    list.into_iter()
        .map(|definition| {
            let name = definition
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let (server, original_name) = match kind {
                ListKind::Tools => catalog
                    .routes
                    .tools
                    .get(&name)
                    .map(|r| (server_of(r.target), r.raw.clone())),
                ListKind::Prompts => catalog
                    .routes
                    .prompts
                    .get(&name)
                    .map(|r| (server_of(r.target), r.raw.clone())),
                ListKind::Resources => catalog
                    .routes
                    .resources
                    .get(&name)
                    .map(|t| (server_of(*t), name.clone())),
                ListKind::Templates => catalog
                    .routes
                    .template(&name)
                    .map(|t| (server_of(t), name.clone())),
            }
            .unwrap_or_default();
            let upstream_definition = match kind {
                ListKind::Tools => open
                    .session
                    .upstream_definition(&name)
                    .and_then(|d| serde_json::to_value(&d).ok()),
                _ => None,
            };
            CatalogItem {
                name,
                server,
                original_name,
                definition,
                upstream_definition,
            }
        })
        .collect()
}
