//! What `vmcp serve` answers on each path: `/mcp/<vmcp>` (after the `Host`/`Origin` check
//! against DNS rebinding and the bearer token), `/healthz`, `/readyz`, `/metrics` (`metrics.rs`),
//! and with OAuth the protected-resource metadata.

use std::net::IpAddr;
use std::sync::Arc;

use bytes::Bytes;
use http::{StatusCode, header};
use tokio_util::sync::CancellationToken;

use super::access::Access;
use super::oauth::METADATA_PATH;
use super::served::Endpoints;
use crate::app::telemetry::metrics::Metrics;
use crate::protocol::BoxFuture;
use crate::protocol::http_server::{Body, Service, response};

/// The path prefix of every vMCP's MCP endpoint.
pub(crate) const MCP_PREFIX: &str = "/mcp/";

pub(crate) struct Router {
    /// By vMCP name (a vMCP added to the definition while serving joins them).
    pub endpoints: Arc<Endpoints>,
    /// `None`: `--no-auth`.
    pub access: Option<Access>,
    /// Listening on a loopback address: browsers' pages must come from loopback too.
    pub loopback: bool,
    /// Origins let in besides loopback ones (`--allow-origin`).
    pub allowed_origins: Vec<String>,
    /// Cancelled when the server drains (`/readyz` says so).
    pub draining: CancellationToken,
    pub metrics: Arc<Metrics>,
}

/// Whether `host` (a URL or Host header's host, without port) names this machine.
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host part of a `Host` header value (`name`, `name:port`, `[v6]:port`).
fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    authority.split(':').next().unwrap_or(authority)
}

impl Router {
    /// DNS rebinding: a page from elsewhere reaching a loopback server by a name that resolves
    /// to 127.0.0.1 shows in `Origin` (and `Host`).
    fn foreign(&self, headers: &http::HeaderMap) -> Option<String> {
        if let Some(origin) = headers.get(header::ORIGIN) {
            let origin = origin.to_str().unwrap_or_default();
            let allowed = self.allowed_origins.iter().any(|o| o == origin)
                || (self.loopback
                    && url::Url::parse(origin)
                        .ok()
                        .and_then(|u| u.host_str().map(is_loopback_host))
                        .unwrap_or(false));
            if !allowed {
                return Some(format!("origin `{origin}` is not allowed"));
            }
        }
        if self.loopback
            && let Some(host) = headers.get(header::HOST)
        {
            let host = host.to_str().unwrap_or_default();
            if !is_loopback_host(host_of(host)) {
                return Some(format!("host `{host}` is not this loopback server"));
            }
        }
        None
    }

    async fn mcp(&self, name: &str, req: http::Request<Bytes>) -> http::Response<Body> {
        let Some(endpoint) = self.endpoints.get(name) else {
            let known = self.endpoints.names();
            return response(
                404,
                "text/plain",
                format!(
                    "no vMCP `{name}` is served here; served: {}\n",
                    known.join(", ")
                ),
            );
        };
        if let Some(why) = self.foreign(req.headers()) {
            tracing::warn!(vmcp = name, "refused a request: {why}");
            return response(403, "text/plain", format!("forbidden: {why}\n"));
        }
        let caller = match &self.access {
            None => None,
            Some(access) => match access.admit(req.headers(), name).await {
                Ok(who) => Some(who),
                Err(refused) => return refused,
            },
        };
        endpoint.handle(req, caller).await
    }
}

impl Router {
    /// Protected-resource metadata: OAuth mode only.
    fn metadata(&self, path: &str) -> http::Response<Body> {
        let names = self.endpoints.names();
        let served = names.iter().map(String::as_str);
        self.access
            .as_ref()
            .and_then(|a| a.metadata(path, served))
            .unwrap_or_else(|| response(404, "text/plain", "no such metadata\n"))
    }
}

impl Service for Router {
    fn call(self: Arc<Self>, req: http::Request<Bytes>) -> BoxFuture<http::Response<Body>> {
        let path = req.uri().path().to_string();
        let this = self;
        Box::pin(async move {
            match path.as_str() {
                "/healthz" => response(200, "text/plain", "ok\n"),
                "/readyz" if this.draining.is_cancelled() => {
                    response(503, "text/plain", "draining\n")
                }
                "/readyz" => response(200, "text/plain", "ready\n"),
                p if p.starts_with(METADATA_PATH) => this.metadata(p),
                "/metrics" => super::metrics::answer(&this, &this.metrics, req.headers()).await,
                p => match p.strip_prefix(MCP_PREFIX) {
                    Some(name) if !name.is_empty() && !name.contains('/') => {
                        this.mcp(name, req).await
                    }
                    _ => {
                        let mut r = response(
                            404,
                            "text/plain",
                            format!("not found; MCP endpoints are at {MCP_PREFIX}<vmcp>\n"),
                        );
                        *r.status_mut() = StatusCode::NOT_FOUND;
                        r
                    }
                },
            }
        })
    }
}
