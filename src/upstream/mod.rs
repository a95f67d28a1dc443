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
pub mod legacy_sse;
mod lifecycle;
pub mod oauth;
pub mod sse;

use std::time::Duration;

use serde_json::value::RawValue;

pub use connection::TransportPlan;
pub use error::UpstreamError;
pub use handle::{State, Upstream};
pub use handshake::{ClientContext, ListKind, Lists, ServerInfo};
pub use http_client::error_text;

use crate::protocol::{BoxFuture, IncomingRequest, Outcome};

/// Default for `startup_timeout`: spawn (or connect), initialize and list everything.
pub const DEFAULT_STARTUP_TIMEOUT: Duration = Duration::from_secs(30);
/// Default for `call_timeout`: how long a request may go without a response or progress.
pub const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(120);
/// Consecutive failed starts after which an upstream stays failed.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;
/// First delay before retrying; doubles per failure up to [`MAX_RETRY_DELAY`].
pub const DEFAULT_RETRY_DELAY: Duration = Duration::from_secs(1);
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(30);
/// A health ping unanswered this long (or for the ping interval, if shorter) means the
/// connection is dead.
pub const PING_TIMEOUT: Duration = Duration::from_secs(10);
/// Default for a vMCP's `startup_concurrency`: servers starting at the same time.
pub const DEFAULT_STARTUP_CONCURRENCY: usize = 8;

/// Everything needed to run one upstream (built by `app` from the configuration).
#[derive(Debug, Clone, PartialEq)]
pub struct UpstreamPlan {
    pub name: String,
    pub transport: TransportPlan,
    pub startup_timeout: Duration,
    pub call_timeout: Duration,
    pub max_attempts: u32,
    pub retry_delay: Duration,
    /// Health pings while ready (`None`: none).
    pub ping_interval: Option<Duration>,
}

impl UpstreamPlan {
    pub fn new(name: impl Into<String>, transport: TransportPlan) -> Self {
        UpstreamPlan {
            name: name.into(),
            transport,
            startup_timeout: DEFAULT_STARTUP_TIMEOUT,
            call_timeout: DEFAULT_CALL_TIMEOUT,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            retry_delay: DEFAULT_RETRY_DELAY,
            ping_interval: None,
        }
    }
}

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
