//! A vMCP session opened from the command line (`vmcp tools list`, `vmcp call`…): found, planned
//! and started exactly as `vmcp stdio` does, but driven by one command instead of an AI client.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use super::call_log::CallLog;
use super::context::Context;
use super::definition::source::Source;
use super::stdio;
use crate::session::{Session, SessionPlan};
use crate::upstream::{ClientContext, State};

/// How one upstream of a live session is doing (also a `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub struct ServerStatus {
    pub name: String,
    /// `connecting`, `ready`, `failed`, `retrying` or `stopped`.
    pub state: &'static str,
    pub error: Option<String>,
}

/// A started session and its call log.
pub struct LiveSession {
    pub session: Arc<Session>,
    pub source: Source,
    call_log: Option<CallLog>,
    cache: Arc<super::catalog_cache::CatalogCache>,
}

impl LiveSession {
    /// Starts the upstreams of vMCP `name`; calls are recorded in the call log like a `stdio`
    /// session's.
    pub fn open(ctx: &Context, name: &str, config: Option<&Path>) -> anyhow::Result<LiveSession> {
        let (plan, source) = super::definition::plan(ctx, name, config)?;
        Ok(Self::start(ctx, name, plan, source))
    }

    /// Starts a planned session (`vmcp tools test` plans fewer upstreams).
    pub fn start(ctx: &Context, name: &str, mut plan: SessionPlan, source: Source) -> LiveSession {
        // A command reports the first attempt; retrying in the background would only delay it.
        for server in &mut plan.servers {
            server.upstream.max_attempts = 1;
        }
        tracing::info!(vmcp = %plan.name, source = %source, servers = plan.servers.len(), "opening");
        // Commands show what the servers offer now, never a cached list; they keep the cache
        // fresh for the next `vmcp stdio`.
        let cache = super::catalog_cache::CatalogCache::load(&ctx.store, &mut plan, false);
        let session = Session::start(plan);
        session.observe_lists(cache.clone());
        let call_log = CallLog::start(&ctx.store, name).map(|(log, observer)| {
            session.observe(observer);
            log
        });
        // A command-line client offers no sampling, elicitation or roots.
        session.set_client(ClientContext::default(), None);
        LiveSession {
            session,
            source,
            call_log,
            cache,
        }
    }

    /// Every upstream's state now.
    pub fn statuses(&self) -> Vec<ServerStatus> {
        self.session
            .upstreams()
            .iter()
            .map(|u| {
                let state = u.state();
                ServerStatus {
                    name: u.name().to_string(),
                    state: state.label(),
                    error: match state {
                        State::Failed { error, .. } => Some(error.to_string()),
                        _ => None,
                    },
                }
            })
            .collect()
    }

    /// Upstreams that are not ready (after the first attempts, the ones that failed).
    pub fn unavailable(&self) -> Vec<ServerStatus> {
        self.statuses()
            .into_iter()
            .filter(|s| s.state != "ready")
            .collect()
    }

    /// The tools the trust gate keeps out of the catalog, by exposed name.
    pub fn withheld(&self) -> Vec<WithheldTool> {
        let catalog = self.session.catalog();
        let mut out: Vec<WithheldTool> = catalog
            .withheld
            .iter()
            .map(|(exposed, w)| WithheldTool {
                name: exposed.clone(),
                server: w.server.name.clone(),
                original_name: w.raw.clone(),
                message: w.refusal(exposed),
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// Waits until every upstream has been started once (ready or failed).
    pub async fn started(&self) {
        self.session.wait_initial().await;
    }

    /// Stops the upstreams and writes the call log.
    pub async fn close(self) {
        self.session.shutdown(stdio::SHUTDOWN_GRACE).await;
        if let Some(log) = self.call_log {
            log.flush(stdio::CALL_LOG_FLUSH_LIMIT).await;
        }
        self.cache.flush(stdio::CALL_LOG_FLUSH_LIMIT).await;
    }
}

/// One item of the exposed catalog with the server it comes from (a `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub struct CatalogItem {
    /// The name (tools, prompts), URI (resources) or URI template the client sees.
    pub name: String,
    pub server: String,
    /// The upstream's own name for it (differs when prefixed or renamed).
    pub original_name: String,
    /// The definition exactly as the AI client receives it.
    pub definition: Value,
}

/// A tool the trust gate withholds (a `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub struct WithheldTool {
    /// The name the client would see.
    pub name: String,
    pub server: String,
    pub original_name: String,
    /// Why, and what to run about it.
    pub message: String,
}

/// What kind of catalog entries to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Tools,
    Prompts,
    Resources,
    Templates,
}

/// The exposed items of one kind, in the order the client sees them.
pub async fn items(live: &LiveSession, kind: ItemKind) -> Vec<CatalogItem> {
    use crate::upstream::ListKind;
    let list_kind = match kind {
        ItemKind::Tools => ListKind::Tools,
        ItemKind::Prompts => ListKind::Prompts,
        ItemKind::Resources => ListKind::Resources,
        ItemKind::Templates => ListKind::Templates,
    };
    let raw = live.session.list(list_kind).await;
    let catalog = live.session.catalog();
    let server_of = |i: usize| live.session.server_name(i).to_string();
    let key = match kind {
        ItemKind::Tools | ItemKind::Prompts => "name",
        ItemKind::Resources => "uri",
        ItemKind::Templates => "uriTemplate",
    };
    let list: Vec<Value> = serde_json::from_str::<Value>(raw.get())
        .ok()
        .and_then(|v| v.get(list_key(kind)).and_then(Value::as_array).cloned())
        .unwrap_or_default();
    list.into_iter()
        .map(|definition| {
            let name = definition
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let (server, original_name) = match kind {
                ItemKind::Tools => catalog
                    .tool_routes
                    .get(&name)
                    .map(|r| (server_of(r.upstream), r.raw.clone())),
                ItemKind::Prompts => catalog
                    .prompt_routes
                    .get(&name)
                    .map(|r| (server_of(r.upstream), r.raw.clone())),
                ItemKind::Resources => catalog
                    .resource_routes
                    .get(&name)
                    .map(|i| (server_of(*i), name.clone())),
                ItemKind::Templates => catalog
                    .template_routes
                    .iter()
                    .find(|(t, _, _)| *t == name)
                    .map(|(_, _, i)| (server_of(*i), name.clone())),
            }
            .unwrap_or_default();
            CatalogItem {
                name,
                server,
                original_name,
                definition,
            }
        })
        .collect()
}

/// The key of the list in a `*/list` result.
fn list_key(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Tools => "tools",
        ItemKind::Prompts => "prompts",
        ItemKind::Resources => "resources",
        ItemKind::Templates => "resourceTemplates",
    }
}
