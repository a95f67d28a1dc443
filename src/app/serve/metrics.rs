//! `/metrics`: vmcp's metrics in the Prometheus text format (0.0.4), with what is read when
//! scraped: live sessions and the state of every upstream of every live session.
//!
//! Who may read it: anyone on a loopback listener (like `/healthz`: the figures name vMCPs,
//! servers and tools, never arguments, results or callers); on any other address, a token (or,
//! with OAuth, a JWT) that opens every served vMCP, since the figures cover them all.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::router::Router;
use crate::app::telemetry::metrics::Metrics;
use crate::protocol::http_server::{Body, response};
use crate::telemetry::metrics::render_snapshot;

/// The content type of the text exposition format.
const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Answers a scrape.
pub(crate) async fn answer(
    router: &Router,
    metrics: &Arc<Metrics>,
    headers: &http::HeaderMap,
) -> http::Response<Body> {
    if !router.loopback
        && let Some(access) = &router.access
    {
        for name in router.endpoints.names() {
            if let Err(refused) = access.admit(headers, &name).await {
                return refused;
            }
        }
    }
    let mut out = String::new();
    metrics.render(&mut out);
    let mut sessions = BTreeMap::new();
    let mut upstreams = BTreeMap::new();
    for (vmcp, endpoint) in router.endpoints.entries() {
        let legacy = endpoint.legacy_sessions();
        sessions.insert(vec![vmcp.clone()], legacy.len() as u64);
        for session in legacy.iter().chain([endpoint.shared_session()]) {
            for up in session.upstreams() {
                let key = vec![
                    vmcp.clone(),
                    up.name().to_string(),
                    up.state().label().to_string(),
                ];
                *upstreams.entry(key).or_insert(0) += 1;
            }
        }
    }
    render_snapshot(
        &mut out,
        "vmcp_sessions",
        "Live 2025-11-25 (legacy) MCP sessions, by vMCP.",
        &["vmcp"],
        &sessions,
    );
    render_snapshot(
        &mut out,
        "vmcp_upstreams",
        "Upstream connections of live sessions (the shared one included), by vMCP, server and \
         state (connecting, ready, failed, retrying, stopped).",
        &["vmcp", "server", "state"],
        &upstreams,
    );
    response(200, CONTENT_TYPE, out)
}
