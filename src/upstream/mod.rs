//! Everything about exactly one upstream MCP server: how to reach it (stdio child or streamable
//! HTTP), the handshake, its lists, its lifecycle (connecting → ready → failed → retrying), and
//! requests to it. Knows nothing about other upstreams or exposed names; it reports to the session
//! through [`UpstreamEvents`].

pub mod child;
pub mod connection;
pub mod error;
pub mod handle;
pub mod handshake;
pub mod http;
mod http_client;
mod inbound;
pub mod legacy_sse;
mod lifecycle;
pub mod oauth;
mod plan;
pub mod sse;
mod start;

use serde_json::value::RawValue;

pub use error::UpstreamError;
pub use handle::{State, Upstream};
pub use handshake::{ClientContext, ListKind, Lists, ServerInfo};
pub use http_client::error_text;
pub use plan::{
    CredentialSource, DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_DELAY,
    DEFAULT_STARTUP_TIMEOUT, HttpPlan, HttpTransport, StdioPlan, TransportPlan, UpstreamPlan,
};

use crate::protocol::{BoxFuture, IncomingRequest, Outcome};

/// What changed about an upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Became ready (first time or after a restart).
    Ready,
    /// Lost its connection or failed to start; `permanent` when it will not be retried.
    Down { permanent: bool },
    /// One or more of its lists changed.
    Lists,
}

/// How an upstream reports to whoever owns it (the session).
pub trait UpstreamEvents: Send + Sync + 'static {
    fn changed(&self, index: usize, change: Change);
    /// A notification the upstream sent that the upstream layer does not consume itself.
    fn notification(&self, index: usize, method: &str, params: Option<Box<RawValue>>);
    /// A request the upstream sent (sampling, elicitation, roots).
    fn request(&self, index: usize, request: IncomingRequest) -> BoxFuture<Outcome>;
}
