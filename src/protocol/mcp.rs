//! MCP vocabulary shared by both sides of the proxy: protocol versions and method names.

/// The handshake-era protocol version vmcp speaks on both sides (see ARCHITECTURE: pinned until
/// the 2026-07-28 revision, which drops server-to-client requests, is designed in).
pub(crate) const PROTOCOL_VERSION: &str = "2025-11-25";

/// Versions a client may ask for; anything else is answered with [`PROTOCOL_VERSION`].
pub(crate) const SUPPORTED_VERSIONS: &[&str] =
    &["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

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
}
