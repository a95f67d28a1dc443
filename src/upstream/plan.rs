//! How to run one upstream, built by `app` from the configuration: the upstream layer owns these
//! types, the caller fills them in (data flows down; nothing here reads files or the
//! environment). The mirror of `session::plan`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use crate::protocol::mcp::Era;

/// Default for `startup_timeout`: spawn (or connect), initialize and list everything.
pub(crate) const DEFAULT_STARTUP_TIMEOUT: Duration = Duration::from_secs(30);
/// Default for `call_timeout`: how long a request may go without a response or progress.
pub(crate) const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(120);
/// Consecutive failed starts after which an upstream stays failed.
pub(crate) const DEFAULT_MAX_ATTEMPTS: u32 = 5;
/// First delay before retrying; doubles per failure up to 30 s.
pub(crate) const DEFAULT_RETRY_DELAY: Duration = Duration::from_secs(1);
/// How long a server whose revision is unknown gets to answer the `server/discover` probe before
/// it is taken for a 2025-11-25 server (one that ignores requests before `initialize`). Paid
/// once: the revision found is remembered.
pub(crate) const DEFAULT_PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// Everything needed to run one upstream (built by `app` from the configuration).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UpstreamPlan {
    pub name: String,
    pub transport: TransportPlan,
    pub startup_timeout: Duration,
    pub call_timeout: Duration,
    pub max_attempts: u32,
    pub retry_delay: Duration,
    /// Health pings while ready (`None`: none).
    pub ping_interval: Option<Duration>,
    /// Which MCP revision to speak.
    pub protocol: ProtocolChoice,
    /// The era found at the last successful start (the store remembers it): with `Auto`, it is
    /// spoken without probing.
    pub remembered_era: Option<Era>,
}

impl UpstreamPlan {
    pub(crate) fn new(name: impl Into<String>, transport: TransportPlan) -> Self {
        UpstreamPlan {
            name: name.into(),
            transport,
            startup_timeout: DEFAULT_STARTUP_TIMEOUT,
            call_timeout: DEFAULT_CALL_TIMEOUT,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            retry_delay: DEFAULT_RETRY_DELAY,
            ping_interval: None,
            protocol: ProtocolChoice::Auto,
            remembered_era: None,
        }
    }

    /// Whether `other` runs the same server the same way: equal but for the remembered era,
    /// which is a hint about the last start, not a way to run it.
    pub(crate) fn runs_like(&self, other: &UpstreamPlan) -> bool {
        let same_hint = UpstreamPlan {
            remembered_era: self.remembered_era,
            ..other.clone()
        };
        *self == same_hint
    }
}

/// Which MCP revision to speak to an upstream (the `protocol:` key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ProtocolChoice {
    /// The remembered era, else probe with `server/discover` and fall back to `initialize`.
    #[default]
    Auto,
    /// 2026-07-28 only.
    Modern,
    /// `initialize` (2025-11-25) only.
    Legacy,
}

/// How to reach an upstream.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TransportPlan {
    Stdio(StdioPlan),
    Http(HttpPlan),
}

/// How to start one stdio upstream (fully resolved: no placeholders left).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StdioPlan {
    pub program: String,
    pub args: Vec<String>,
    /// The complete environment of the child.
    pub env: BTreeMap<String, String>,
    pub cwd: Option<PathBuf>,
}

/// How to reach one HTTP upstream (fully resolved). `Debug` hides header values and shows the
/// URL as [`HttpPlan::shown_url`]: they carry credentials.
#[derive(Clone, PartialEq)]
pub(crate) struct HttpPlan {
    pub url: String,
    /// The URL as messages and logs show it: as the definition wrote it (a `${env:…}` stays a
    /// reference), without user info, query or fragment ([`crate::support::url::redacted`]).
    pub shown_url: String,
    pub headers: Vec<(String, String)>,
    pub transport: HttpTransport,
    /// Where stored OAuth credentials may be (streamable HTTP only); loaded on first use.
    pub credentials: Option<CredentialSource>,
}

impl std::fmt::Debug for HttpPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, _)| (k.as_str(), "<redacted>"))
            .collect();
        f.debug_struct("HttpPlan")
            .field("url", &self.shown_url)
            .field("headers", &headers)
            .field("transport", &self.transport)
            .field("credentials", &self.credentials)
            .finish()
    }
}

/// Which HTTP transport to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum HttpTransport {
    /// Streamable HTTP first; the legacy SSE transport when the server refuses it with a 4xx.
    #[default]
    Auto,
    Streamable,
    /// The 2024-11-05 HTTP+SSE transport.
    LegacySse,
}

/// Where a session finds an HTTP upstream's stored OAuth credentials (set by `app` for `url`
/// servers that carry no `Authorization` header of their own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CredentialSource {
    pub store_path: PathBuf,
    pub server: String,
    /// The command that logs in to it, as hints print it (`vmcp login NAME`, with `--config
    /// FILE` for a server of a definition file), so that it works when pasted.
    pub login: String,
}
