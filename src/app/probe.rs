//! `vmcp server test NAME`: start one server exactly as a session would, list what it offers,
//! time it, and stop it.

use std::path::Path;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

use super::context::Context;
use super::definition::resolve::{self, EnvLookup};
use super::definition::source;
use crate::config::ServerConfig;
use crate::process::reaper::ReaperCommand;
use crate::session::{Session, SessionPlan};
use crate::upstream::{ClientContext, State};

/// What a probe found (also the `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProbeReport {
    pub name: String,
    pub ok: bool,
    pub transport: &'static str,
    /// From start to initialized and listed.
    pub startup_ms: u64,
    pub protocol_version: Option<String>,
    /// The MCP revision spoken: `2026-07-28`, or the 2025-11-25-era version `initialize`
    /// agreed on (the same value as `protocol_version`, the older name).
    pub protocol: Option<String>,
    pub server_info: Value,
    pub tools: Vec<String>,
    pub prompts: Vec<String>,
    pub resources: Vec<String>,
    pub resource_templates: Vec<String>,
    pub error: Option<String>,
    /// The server refused for want of credentials: `vmcp login NAME` (or `auth:`) is the fix,
    /// not the network.
    pub needs_login: bool,
    /// How its tools stand with the trust gate (absent when it did not start).
    pub trust: Option<TrustStatus>,
    /// The tools' whole definitions (for trust pins; not part of the JSON report).
    #[serde(skip)]
    pub tool_definitions: Vec<Value>,
    /// Tools whose definitions cannot be screened (never exposed, never approved).
    #[serde(skip)]
    pub unscreenable: Vec<crate::trust::Flag>,
}

/// A server's tools against its approval (a `--json` shape too).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TrustStatus {
    /// `pinned`, `review` or `always`.
    pub mode: &'static str,
    /// Unix seconds of the last approval; `None`: never approved.
    pub approved_at: Option<u64>,
    /// The approval was recorded automatically, the first time the tools were listed.
    pub automatic: bool,
    pub comparison: crate::trust::Comparison,
    /// Tools the screening flags: never approved automatically (a first use withholds them).
    pub flagged: Vec<String>,
}

fn names(items: &[crate::protocol::RawObject], key: &str) -> Vec<String> {
    items.iter().filter_map(|i| i.get_str(key)).collect()
}

/// Starts server `name` (from `config` when given, see [`source::find_server`]) and reports on it.
pub(crate) async fn probe(
    ctx: &Context,
    name: &str,
    config: Option<&Path>,
    env: EnvLookup<'_>,
) -> anyhow::Result<ProbeReport> {
    let (server, base) = source::find_server(ctx, name, config)?;
    let mut upstream = resolve::upstream_plan(name, &server, &base, env)
        .map_err(|issues| super::located(Path::new("server"), &issues))?;
    // A test reports the first attempt; retrying would only hide what went wrong.
    upstream.max_attempts = 1;
    resolve::attach_credentials(&mut upstream, &ctx.store, config);
    // A test shows everything the server offers; trust is judged by `trust diff`.
    let plan = SessionPlan {
        reaper: ReaperCommand::current_exe(),
        ..SessionPlan::one_server(format!("test-{name}"), upstream)
    };
    let started = Instant::now();
    let session = Session::start(plan);
    session.launch(ClientContext::default());
    session.wait_initial().await;
    let startup_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let up = &session.upstreams()[0];
    // The transport actually spoken (an `auto` URL may have fallen back to SSE).
    let transport = up.transport().unwrap_or(if server.url.is_some() {
        "http"
    } else {
        "stdio"
    });
    let lists = up.lists();
    let info = up.info();
    let state = up.state();
    let needs_login = matches!(
        &state,
        State::Failed {
            error: crate::upstream::UpstreamError::AuthRequired { .. },
            ..
        }
    );
    let error = match state {
        State::Ready => None,
        State::Failed { error, .. } => Some(error.to_string()),
        other => Some(format!("not ready ({})", other.label())),
    };
    let (tool_definitions, unscreenable) = crate::trust::definition::parse_all(&lists.tools);
    let report = ProbeReport {
        name: name.to_string(),
        ok: error.is_none(),
        transport,
        startup_ms,
        protocol_version: info.as_ref().map(|i| i.protocol_version.clone()),
        protocol: info.as_ref().map(|i| i.protocol_version.clone()),
        server_info: info.map_or(Value::Null, |i| i.implementation.clone()),
        tools: names(&lists.tools, "name"),
        prompts: names(&lists.prompts, "name"),
        resources: names(&lists.resources, "uri"),
        resource_templates: names(&lists.templates, "uriTemplate"),
        trust: None,
        tool_definitions,
        unscreenable,
        error,
        needs_login,
    };
    session.shutdown(Duration::from_millis(500)).await;
    let mut report = report;
    if report.ok {
        report.trust = Some(trust_status(ctx, name, &server, &report.tool_definitions));
    }
    Ok(report)
}

/// How `definitions` compare with the server's approval, and its trust mode.
fn trust_status(
    ctx: &Context,
    name: &str,
    server: &ServerConfig,
    definitions: &[Value],
) -> TrustStatus {
    let pins = ctx.store.pins(name).ok().flatten();
    let approved = pins.as_ref().map(|p| p.tools.clone()).unwrap_or_default();
    let mut flagged: Vec<String> = definitions
        .iter()
        .flat_map(crate::trust::screen_tool)
        .map(|f| f.tool)
        .collect();
    flagged.dedup();
    TrustStatus {
        mode: super::definition::trust_policy::mode(&ctx.store, server).as_str(),
        approved_at: pins.as_ref().map(|p| p.approved),
        automatic: pins.is_some_and(|p| p.automatic),
        comparison: crate::trust::pin::compare(&approved, definitions),
        flagged,
    }
}
