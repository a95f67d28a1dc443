//! What a session needs to start, built by `app` from the configuration: the session owns the
//! type, the caller fills it in (data flows down; nothing here reads files or the environment).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::custom::CustomItems;
use crate::config::Selection;
use crate::process::reaper::ReaperCommand;
use crate::upstream::{Lists, UpstreamPlan};

#[derive(Debug, Clone, PartialEq)]
pub struct SessionPlan {
    /// The vMCP's name (shown as the server title).
    pub name: String,
    /// Sent as `instructions` in the `initialize` result.
    pub instructions: Option<String>,
    /// Only the servers this vMCP uses, in name order.
    pub servers: Vec<ServerPlan>,
    /// Supervise children with this reaper, so they die even if vmcp is killed (the vmcp binary
    /// only: see `process::supervise`).
    pub reaper: Option<ReaperCommand>,
    /// Whether the caller may fill `ServerPlan::cached` from the catalog cache (the vMCP's
    /// `catalog_cache` switch).
    pub catalog_cache: bool,
    /// Servers that may be starting at the same time (at least 1).
    pub startup_concurrency: usize,
    /// The vMCP's own tools, prompts and resources, compiled.
    pub custom: Option<CustomItems>,
}

/// One upstream and how the vMCP presents it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerPlan {
    pub upstream: UpstreamPlan,
    /// Resolved prefix (the server name unless the selection says otherwise).
    pub prefix: String,
    pub selection: Selection,
    /// The lists this server had last time (catalog cache): served until it is ready.
    pub cached: Option<Lists>,
    /// Which of its tools may be exposed.
    pub trust: TrustPolicy,
}

/// Which of a server's tools the catalog may expose.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum TrustPolicy {
    /// Everything it offers.
    #[default]
    Always,
    /// Only definitions matching the approved pins (tool name → hash); `None`: never approved,
    /// so nothing is exposed. With `warn`, new and changed tools are exposed with a warning.
    Pinned {
        approved: Option<Arc<BTreeMap<String, String>>>,
        warn: bool,
    },
}
