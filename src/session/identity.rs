//! What vmcp says about itself to a client of either era: its capabilities, who it is and the
//! vMCP's instructions. `initialize` (2025-11-25) and `server/discover` (2026-07-28) give the same.

use serde_json::{Map, Value, json};

use super::runtime::Session;
use crate::protocol::mcp::extension;

/// The 2026-07-28 extensions vmcp passes through, offered to modern callers when an upstream
/// offers them: tasks (routed by `tasks.rs`) and MCP Apps (plain data).
const PASSED_THROUGH: &[&str] = &[extension::TASKS, extension::UI];

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

/// [`capabilities`] for a modern caller: with the passed-through extensions its upstreams offer
/// (so far). An extension's settings are the upstreams' when they agree, else `{}`.
pub(super) fn modern_capabilities(session: &Session) -> Value {
    let mut offered: Map<String, Value> = Map::new();
    for info in session.upstreams().iter().filter_map(|up| up.info()) {
        let Some(theirs) = info
            .capabilities
            .get("extensions")
            .and_then(Value::as_object)
        else {
            continue;
        };
        for id in PASSED_THROUGH {
            let Some(settings) = theirs.get(*id).filter(|s| s.is_object()) else {
                continue;
            };
            match offered.get(*id) {
                None => {
                    offered.insert((*id).to_string(), settings.clone());
                }
                Some(ours) if ours != settings => {
                    offered.insert((*id).to_string(), json!({}));
                }
                Some(_) => {}
            }
        }
    }
    let mut caps = capabilities();
    if let (false, Value::Object(c)) = (offered.is_empty(), &mut caps) {
        c.insert("extensions".into(), Value::Object(offered));
    }
    caps
}

/// vmcp's implementation info (`serverInfo`), naming the vMCP it serves.
pub(super) fn implementation(session: &Session) -> Value {
    json!({
        "name": "vmcp",
        "title": format!("vmcp · {}", session.name()),
        "version": env!("CARGO_PKG_VERSION"),
    })
}
