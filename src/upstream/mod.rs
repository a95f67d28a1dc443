//! Everything about exactly one upstream MCP server: how to reach it (stdio child, streamable
//! HTTP or legacy SSE), the handshake, its lists, its lifecycle (connecting → ready → failed →
//! retrying), and requests to it. Knows nothing about other upstreams or exposed names; it reports
//! to the session through [`UpstreamEvents`].
//!
//! - `plan.rs`: every plan type, the layer's input built by `app` (a leaf);
//! - `shared_lists.rs`: equal lists received by several connections kept once;
//! - transports, none using another: `child.rs`, `http.rs`, `legacy_sse.rs` (sharing
//!   `http_client.rs` and the `sse.rs` parser), behind `connection.rs`;
//! - `handle.rs`: the session's handle across restarts; `lifecycle.rs` its state machine,
//!   `start.rs` one start attempt, `handshake.rs` the MCP handshake, `inbound.rs` what a
//!   connection initiates, `subscriptions.rs` the resources it is subscribed to across restarts;
//! - `oauth/`: OAuth for HTTP upstreams.

mod child;
mod connection;
mod discover;
mod envelope;
mod era;
mod error;
mod handle;
mod handshake;
mod http;
mod http_client;
mod inbound;
mod legacy_sse;
mod lifecycle;
mod listen;
pub(crate) mod oauth;
mod plan;
mod shared_lists;
mod sse;
mod start;
mod subscriptions;

use serde_json::value::RawValue;

pub(crate) use error::UpstreamError;
pub(crate) use handle::{State, Upstream};
pub(crate) use handshake::{ClientContext, ListKind, Lists, ServerInfo};
pub(crate) use http_client::error_text;
pub(crate) use plan::{
    CredentialSource, HttpPlan, HttpTransport, ProtocolChoice, StdioPlan, TransportPlan,
    UpstreamPlan,
};

use crate::protocol::{BoxFuture, IncomingRequest, Outcome};

/// What changed about an upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// Became ready (first time or after a restart).
    Ready,
    /// Lost its connection or failed to start; `permanent` when it will not be retried.
    Down { permanent: bool },
    /// One or more of its lists changed.
    Lists,
}

/// How an upstream reports to whoever owns it (the session).
pub(crate) trait UpstreamEvents: Send + Sync + 'static {
    fn changed(&self, index: usize, change: Change);
    /// A notification the upstream sent that the upstream layer does not consume itself.
    fn notification(&self, index: usize, method: &str, params: Option<Box<RawValue>>);
    /// A request the upstream sent (sampling, elicitation, roots).
    fn request(&self, index: usize, request: IncomingRequest) -> BoxFuture<Outcome>;
}
