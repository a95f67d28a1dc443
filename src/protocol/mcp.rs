//! MCP vocabulary shared by both sides of the proxy: the two protocol eras, their versions, and
//! method and notification names.

/// Which revision family a message belongs to. Legacy revisions (up to 2025-11-25) open a session
/// with `initialize`; modern ones (2026-07-28 on) carry the protocol version, client info and
/// capabilities in every request's `_meta` and have no session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Era {
    Legacy,
    Modern,
}

/// The newest legacy (handshake-era) revision: what vmcp answers `initialize` with by default and
/// asks legacy upstreams for.
pub(crate) const PROTOCOL_VERSION: &str = "2025-11-25";

/// Legacy versions a client may ask for in `initialize`; anything else is answered with
/// [`PROTOCOL_VERSION`].
pub(crate) const SUPPORTED_VERSIONS: &[&str] =
    &["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

/// The modern revision vmcp speaks: stateless, `_meta` on every request.
pub(crate) const MODERN_VERSION: &str = "2026-07-28";

/// Modern versions vmcp accepts in a request's `_meta` (what `server/discover` lists as
/// `supportedVersions`, and the `supported` list of an unsupported-version error).
pub(crate) const MODERN_VERSIONS: &[&str] = &[MODERN_VERSION];

/// The era a version string belongs to, if vmcp knows it.
pub(crate) fn era_of(version: &str) -> Option<Era> {
    if MODERN_VERSIONS.contains(&version) {
        Some(Era::Modern)
    } else if SUPPORTED_VERSIONS.contains(&version) {
        Some(Era::Legacy)
    } else {
        None
    }
}

/// Picks the version to answer a client's `initialize` with.
pub(crate) fn negotiate(requested: Option<&str>) -> &'static str {
    requested
        .and_then(|r| SUPPORTED_VERSIONS.iter().find(|v| **v == r).copied())
        .unwrap_or(PROTOCOL_VERSION)
}

pub(crate) mod method {
    pub(crate) const INITIALIZE: &str = "initialize";
    pub(crate) const PING: &str = "ping";
    pub(crate) const TOOLS_LIST: &str = "tools/list";
    pub(crate) const TOOLS_CALL: &str = "tools/call";
    pub(crate) const PROMPTS_LIST: &str = "prompts/list";
    pub(crate) const PROMPTS_GET: &str = "prompts/get";
    pub(crate) const RESOURCES_LIST: &str = "resources/list";
    pub(crate) const RESOURCE_TEMPLATES_LIST: &str = "resources/templates/list";
    pub(crate) const RESOURCES_READ: &str = "resources/read";
    pub(crate) const RESOURCES_SUBSCRIBE: &str = "resources/subscribe";
    pub(crate) const RESOURCES_UNSUBSCRIBE: &str = "resources/unsubscribe";
    pub(crate) const COMPLETE: &str = "completion/complete";
    pub(crate) const SET_LEVEL: &str = "logging/setLevel";
    pub(crate) const SAMPLING: &str = "sampling/createMessage";
    pub(crate) const ELICITATION: &str = "elicitation/create";
    pub(crate) const ROOTS_LIST: &str = "roots/list";
    /// 2026-07-28: what a server speaks and offers, asked without a session.
    pub(crate) const DISCOVER: &str = "server/discover";
    /// 2026-07-28: a long-lived request whose stream carries list and resource notifications.
    pub(crate) const SUBSCRIPTIONS_LISTEN: &str = "subscriptions/listen";
    /// The tasks extension of 2026-07-28.
    pub(crate) const TASKS_GET: &str = "tasks/get";
    pub(crate) const TASKS_UPDATE: &str = "tasks/update";
    pub(crate) const TASKS_CANCEL: &str = "tasks/cancel";
}

/// Extensions of 2026-07-28 vmcp knows (`capabilities.extensions` keys).
pub(crate) mod extension {
    /// Tasks (SEP-2663): a `tools/call` may be answered with a task, polled with `tasks/*`.
    pub(crate) const TASKS: &str = "io.modelcontextprotocol/tasks";
    /// MCP Apps (SEP-1865): tools' `_meta.ui` and `ui://` resources, plain data to a proxy.
    pub(crate) const UI: &str = "io.modelcontextprotocol/ui";
}

pub(crate) mod notification {
    pub(crate) const INITIALIZED: &str = "notifications/initialized";
    pub(crate) const TOOLS_CHANGED: &str = "notifications/tools/list_changed";
    pub(crate) const PROMPTS_CHANGED: &str = "notifications/prompts/list_changed";
    pub(crate) const RESOURCES_CHANGED: &str = "notifications/resources/list_changed";
    pub(crate) const RESOURCE_UPDATED: &str = "notifications/resources/updated";
    pub(crate) const MESSAGE: &str = "notifications/message";
    pub(crate) const PROGRESS: &str = "notifications/progress";
    pub(crate) const ROOTS_CHANGED: &str = "notifications/roots/list_changed";
    pub(crate) const CANCELLED: &str = "notifications/cancelled";
    /// 2025-11-25 only: the end of a URL-mode elicitation.
    pub(crate) const ELICITATION_COMPLETE: &str = "notifications/elicitation/complete";
    /// 2026-07-28: the first message on a `subscriptions/listen` stream.
    pub(crate) const SUBSCRIPTIONS_ACKNOWLEDGED: &str = "notifications/subscriptions/acknowledged";
    /// The tasks extension of 2026-07-28: a task's status changed.
    pub(crate) const TASKS: &str = "notifications/tasks";
}
