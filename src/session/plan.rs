//! What a session needs to start, built by `app` from the configuration: the session owns the
//! type, the caller fills it in (data flows down; nothing here reads files or the environment).

use crate::config::Selection;
use crate::upstream::UpstreamPlan;
use crate::upstream::reaper::ReaperCommand;

#[derive(Debug, Clone, PartialEq)]
pub struct SessionPlan {
    /// The vMCP's name (shown as the server title).
    pub name: String,
    /// Sent as `instructions` in the `initialize` result.
    pub instructions: Option<String>,
    /// Only the servers this vMCP uses, in name order.
    pub servers: Vec<ServerPlan>,
    /// Start a reaper process so children die even if vmcp is killed (the vmcp binary only).
    pub reaper: Option<ReaperCommand>,
}

/// One upstream and how the vMCP presents it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerPlan {
    pub upstream: UpstreamPlan,
    /// Resolved prefix (the server name unless the selection says otherwise).
    pub prefix: String,
    pub selection: Selection,
}
