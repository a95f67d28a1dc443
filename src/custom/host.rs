//! What a custom item may reach outside itself: the session's upstreams, through this trait.

use futures_util::future::BoxFuture;
use serde_json::{Map, Value};

/// What templates may call: implemented by the session. Never sees server `vmcp`.
pub(crate) trait Host: Send + Sync {
    /// Calls `tool` of upstream `server` (its raw name); returns the `CallToolResult` JSON.
    fn call_tool<'a>(
        &'a self,
        server: &'a str,
        tool: &'a str,
        args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>>;
    /// Reads `uri` from upstream `server`; returns the `ReadResourceResult` JSON.
    fn read_resource<'a>(
        &'a self,
        server: &'a str,
        uri: &'a str,
    ) -> BoxFuture<'a, Result<Value, String>>;
    /// Gets prompt `name` of upstream `server`; returns the `GetPromptResult` JSON.
    fn get_prompt<'a>(
        &'a self,
        server: &'a str,
        name: &'a str,
        args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>>;
    /// True for a host that only shows what would be done (`vmcp tools test --render-only`):
    /// every call a template makes is then replaced by a placeholder, never made.
    fn dry_run(&self) -> bool {
        false
    }
    /// Calls the tool the client sees as `name` (an upstream tool, after prefixes and renames);
    /// returns the `CallToolResult` JSON. Composite steps use it.
    fn call_exposed<'a>(
        &'a self,
        name: &'a str,
        _args: Map<String, Value>,
    ) -> BoxFuture<'a, Result<Value, String>> {
        Box::pin(async move { Err(format!("no tool `{name}` here")) })
    }
}
