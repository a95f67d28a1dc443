//! What vmcp says about itself to a client of either era: its capabilities, who it is and the
//! vMCP's instructions. `initialize` (2025-11-25) and `server/discover` (2026-07-28) give the same.

use serde_json::{Value, json};

use super::runtime::Session;

/// vmcp's capabilities: it serves every list (and announces changes), completion and logging,
/// whatever its upstreams offer (a vMCP's upstreams may change; the catalog says what exists).
pub(super) fn capabilities() -> Value {
    json!({
        "tools": { "listChanged": true },
        "prompts": { "listChanged": true },
        "resources": { "subscribe": true, "listChanged": true },
        "completions": {},
        "logging": {},
    })
}

/// vmcp's implementation info (`serverInfo`), naming the vMCP it serves.
pub(super) fn implementation(session: &Session) -> Value {
    json!({
        "name": "vmcp",
        "title": format!("vmcp · {}", session.name()),
        "version": env!("CARGO_PKG_VERSION"),
    })
}
