//! A vMCP's `tool_search:` block: whether the AI client sees the whole catalog or two meta-tools
//! (`search_tools`, `call_tool`) in front of it, and the checks of its values.

use serde::{Deserialize, Serialize};

use super::glob::Glob;
use super::locate::Seg;
use super::validate::Issue;
use crate::search::meta::MAX_RESULTS;

/// `tool_search:` of a vMCP.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ToolSearchConfig {
    /// `off` (default), `on`, or `auto` (on above `threshold` tools).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<SearchMode>,
    /// `auto`: search is on when the vMCP exposes more tools than this (default 40).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u32>,
    /// Exposed tool names (globs) listed directly even when search is on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub always: Vec<Glob>,
    /// Results of `search_tools` when the model does not ask for a number (default 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<u32>,
    /// `auto`: clients (by `clientInfo.name`) that search a large tool list by themselves, so
    /// they get the plain catalog (default: `claude-code`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clients: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchMode {
    Off,
    On,
    Auto,
}

/// The checks of `vmcps.NAME.tool_search` (`here` is the vMCP's path).
pub(crate) fn validate_tool_search(here: &[Seg], t: &ToolSearchConfig) -> Vec<Issue> {
    let at = |key: &str| {
        let mut path = here.to_vec();
        path.extend([Seg::from("tool_search"), Seg::from(key)]);
        path
    };
    let mut out = Vec::new();
    if let Some(results) = t.results
        && !(1..=MAX_RESULTS).contains(&(results as usize))
    {
        out.push(Issue {
            path: at("results"),
            at_key: false,
            message: format!("`results: {results}` is out of range"),
            hint: Some(format!("use a number from 1 to {MAX_RESULTS}")),
        });
    }
    for (i, client) in t.clients.iter().flatten().enumerate() {
        if client.trim().is_empty() {
            let mut path = at("clients");
            path.push(Seg::Index(i));
            out.push(Issue {
                path,
                at_key: false,
                message: "an empty client name matches no client".into(),
                hint: Some("write the client's `clientInfo.name`, e.g. `claude-code`".into()),
            });
        }
    }
    for (i, glob) in t.always.iter().enumerate() {
        if glob.as_str().is_empty() {
            let mut path = at("always");
            path.push(Seg::Index(i));
            out.push(Issue {
                path,
                at_key: false,
                message: "an empty pattern matches no tool".into(),
                hint: Some("write an exposed tool name or a glob such as `time_*`".into()),
            });
        }
    }
    out
}
