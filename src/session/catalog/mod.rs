//! The catalog: the immutable set of what the vMCP exposes — its four lists, serialized once,
//! the routing map that goes with them, the conflicts found and the tools the trust gate keeps
//! out. Built by a pure function (`build.rs`) from each source's lists and selection; rebuilt
//! and swapped whenever an upstream's lists change. Conflicts are recorded, never silently
//! dropped.

mod build;

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::value::RawValue;

use super::args::ToolShape;
use super::gate::Withheld;
use super::routing::{Routes, Target};
use crate::config::Diagnostic;

pub(crate) use build::{Source, build};

/// Two or more sources that want the same exposed name (or URI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Conflict {
    pub kind: &'static str,
    pub exposed: String,
    /// (server, raw name) of every contender.
    pub sources: Vec<(String, String)>,
    /// What happened: both hidden, or the first kept.
    pub outcome: &'static str,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let who: Vec<String> = self
            .sources
            .iter()
            .map(|(s, r)| {
                if *r == self.exposed {
                    format!("server `{s}`")
                } else {
                    format!("`{r}` of server `{s}`")
                }
            })
            .collect();
        write!(
            f,
            "{} `{}` is offered by {}: {}",
            self.kind,
            self.exposed,
            who.join(" and "),
            self.outcome
        )
    }
}

#[derive(Debug)]
pub(crate) struct Catalog {
    /// The exposed lists, as `tools/list` and the others answer them.
    pub tools: Arc<RawValue>,
    pub prompts: Arc<RawValue>,
    pub resources: Arc<RawValue>,
    pub templates: Arc<RawValue>,
    /// Where each exposed item goes.
    pub routes: Routes,
    pub conflicts: Vec<Conflict>,
    /// Exposed name → tool the trust gate kept out (filled by the session after `build`).
    pub withheld: HashMap<String, Withheld>,
    /// Per source, raw tool name → how its parameters are shaped (only tools a rule names).
    pub shapes: HashMap<Target, HashMap<String, Arc<ToolShape>>>,
    /// What the tools' schemas show to be wrong with the `args` rules, located at the rule.
    pub arg_problems: Vec<Diagnostic>,
    /// What `tools/list` answers the AI client: `tools`, or with tool search on, the
    /// meta-tools and the `always` tools (set by the session after `build`).
    pub listed_tools: Arc<RawValue>,
    /// Tool search is on for this catalog and client: `search_tools` and `call_tool` answer.
    pub search_active: bool,
}

impl Catalog {
    /// An empty catalog (before any upstream is ready).
    pub(crate) fn empty() -> Catalog {
        build(&[])
    }
}
