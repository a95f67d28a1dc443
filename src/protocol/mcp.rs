//! MCP vocabulary shared by both sides of the proxy: protocol versions and method names.

/// The handshake-era protocol version vmcp speaks on both sides (see ARCHITECTURE: pinned until
/// the 2026-07-28 revision, which drops server-to-client requests, is designed in).
pub const PROTOCOL_VERSION: &str = "2025-11-25";

/// Versions a client may ask for; anything else is answered with [`PROTOCOL_VERSION`].
pub const SUPPORTED_VERSIONS: &[&str] = &["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

/// Picks the version to answer a client's `initialize` with.
pub fn negotiate(requested: Option<&str>) -> &'static str {
    requested
        .and_then(|r| SUPPORTED_VERSIONS.iter().find(|v| **v == r).copied())
        .unwrap_or(PROTOCOL_VERSION)
}

pub mod method {
    pub const INITIALIZE: &str = "initialize";
    pub const PING: &str = "ping";
    pub const TOOLS_LIST: &str = "tools/list";
    pub const TOOLS_CALL: &str = "tools/call";
    pub const PROMPTS_LIST: &str = "prompts/list";
    pub const PROMPTS_GET: &str = "prompts/get";
    pub const RESOURCES_LIST: &str = "resources/list";
    pub const RESOURCE_TEMPLATES_LIST: &str = "resources/templates/list";
    pub const RESOURCES_READ: &str = "resources/read";
    pub const RESOURCES_SUBSCRIBE: &str = "resources/subscribe";
    pub const RESOURCES_UNSUBSCRIBE: &str = "resources/unsubscribe";
    pub const COMPLETE: &str = "completion/complete";
    pub const SET_LEVEL: &str = "logging/setLevel";
    pub const SAMPLING: &str = "sampling/createMessage";
    pub const ELICITATION: &str = "elicitation/create";
    pub const ROOTS_LIST: &str = "roots/list";
}

pub mod notification {
    pub const INITIALIZED: &str = "notifications/initialized";
    pub const TOOLS_CHANGED: &str = "notifications/tools/list_changed";
    pub const PROMPTS_CHANGED: &str = "notifications/prompts/list_changed";
    pub const RESOURCES_CHANGED: &str = "notifications/resources/list_changed";
    pub const RESOURCE_UPDATED: &str = "notifications/resources/updated";
    pub const MESSAGE: &str = "notifications/message";
    pub const PROGRESS: &str = "notifications/progress";
    pub const ROOTS_CHANGED: &str = "notifications/roots/list_changed";
}
