//! What a session needs to start, built by `app` from the configuration: the session owns the
//! type, the caller fills it in (data flows down; nothing here reads files or the environment).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::config::glob::Glob;
use crate::config::{Diagnostic, SearchMode, Selection};
use crate::custom::CustomSet;
use crate::process::reaper::ReaperCommand;
use crate::search::meta::DEFAULT_RESULTS;
use crate::upstream::{Lists, UpstreamPlan};

/// Default for a vMCP's `startup_concurrency`: servers starting at the same time.
pub(crate) const DEFAULT_STARTUP_CONCURRENCY: usize = 8;

/// How long a parked call waits for the caller's retry (`VMCP_INPUT_WAIT` overrides it).
pub(crate) const DEFAULT_INPUT_WAIT: Duration = Duration::from_secs(600);

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SessionPlan {
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
    /// Whether the client sees `search_tools` and `call_tool` instead of the whole catalog.
    pub tool_search: SearchPlan,
    /// How long a modern caller's call that asked for input waits for the caller's retry.
    pub input_wait: Duration,
}

impl SessionPlan {
    /// A session of one server shown whole, started once and never cached: what `vmcp server
    /// test` and the conformance client open. Trust is not what such a session judges (`trust
    /// diff` does), so the server is trusted.
    pub(crate) fn one_server(name: String, upstream: UpstreamPlan) -> SessionPlan {
        SessionPlan {
            name,
            instructions: None,
            servers: vec![ServerPlan {
                upstream,
                prefix: String::new(),
                selection: Selection::default(),
                args: ArgRules::default(),
                cached: None,
                trust: TrustPolicy::Always,
                definition_file: None,
            }],
            reaper: None,
            catalog_cache: false,
            startup_concurrency: 1,
            custom: None,
            tool_search: SearchPlan::default(),
            input_wait: DEFAULT_INPUT_WAIT,
        }
    }
}

/// One upstream and how the vMCP presents it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ServerPlan {
    pub upstream: UpstreamPlan,
    /// Resolved prefix (the server name unless the selection says otherwise).
    pub prefix: String,
    pub selection: Selection,
    /// The selection's `args`, values resolved: how its tools' parameters are shaped.
    pub args: ArgRules,
    /// The lists this server had last time (catalog cache): served until it is ready.
    pub cached: Option<Lists>,
    /// Which of its tools may be exposed.
    pub trust: TrustPolicy,
    /// The definition file that defines it (`None`: the store): hints that name a command for
    /// it add `--config FILE`, so they work when pasted.
    pub definition_file: Option<PathBuf>,
}

impl ServerPlan {
    /// Whether the vMCP shares one instance of it among its sessions (`scope: shared`).
    pub(crate) fn shared(&self) -> bool {
        self.selection.scope == Some(crate::config::Scope::Shared)
    }
}

/// Which of a server's tools the catalog may expose.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum TrustPolicy {
    /// Everything it offers (that can be screened).
    #[default]
    Always,
    /// Only approved definitions. With `warn`, new and changed tools are exposed with a warning.
    Pinned { approved: Approval, warn: bool },
}

/// What a pinned server has approved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Approval {
    /// The approved definitions' hashes, by tool name.
    Pins(Arc<BTreeMap<String, String>>),
    /// Nothing yet: its first live list is approved and recorded (trust on first use), except
    /// the tools the screening flags. Until then nothing of it is exposed.
    FirstUse(FirstUse),
    /// Nothing, and nothing automatically (`trust: review`): nothing of it is exposed.
    Never,
    /// The approvals could not be read or recorded (why): nothing of it is exposed.
    Unavailable(String),
}

/// Records the approval a first use makes, where approvals live. Implemented by `app` over the
/// store (opened for that one write). A plan's recorder records each server once: the sessions
/// opened from one plan (`vmcp serve`) share it, and all but the first find what it recorded.
pub(crate) trait FirstUseRecorder: Send + Sync + 'static {
    /// Records the definitions `tools` gives (whole definitions; asked for only when they are
    /// to be recorded) as `server`'s approval unless it has one already, and returns the
    /// approved hashes by tool name now in force: these, or the ones recorded first (by another
    /// process, or through this recorder). Blocking (store I/O): the session calls it on a
    /// blocking thread.
    fn record(
        &self,
        server: &str,
        tools: &dyn Fn() -> Vec<serde_json::Value>,
    ) -> Result<Arc<BTreeMap<String, String>>, String>;

    /// What [`FirstUseRecorder::record`] returned for `server`, once it did (never blocks).
    fn recorded(&self, server: &str) -> Option<Arc<BTreeMap<String, String>>>;
}

/// A [`FirstUseRecorder`] in a plan (compared by identity).
#[derive(Clone)]
pub(crate) struct FirstUse(pub Arc<dyn FirstUseRecorder>);

impl std::fmt::Debug for FirstUse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FirstUse")
    }
}

impl PartialEq for FirstUse {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The compiled custom items of a plan (compared by what they were compiled from: every plan
/// compiles them anew).
#[derive(Clone)]
pub(crate) struct CustomItems(pub Arc<CustomSet>);

impl std::fmt::Debug for CustomItems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CustomItems")
    }
}

impl PartialEq for CustomItems {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.same_definition(&other.0)
    }
}

/// One server's `args`, values resolved (`${env:…}` and `{{ config.X }}` expanded), in the
/// order of their tool keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ArgRules(pub Vec<ToolRules>);

/// The rules of one `args` key: a raw tool name or a glob.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ToolRules {
    pub key: String,
    pub params: Vec<ParamRule>,
}

/// How one parameter is shaped.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParamRule {
    pub param: String,
    pub value: Option<Value>,
    pub default: Option<Value>,
    /// The value or default was written with `${env:…}` or `{{ … }}`, so it is text that the
    /// schema may type (`"20"` becomes `20` for an integer parameter).
    pub interpolated: bool,
    pub hide: bool,
    pub describe: Option<String>,
    pub rename: Option<String>,
    pub allow_override: bool,
    /// Where the rule is written (file:line:column when known), message left empty: problems
    /// found later are reported there.
    pub origin: Diagnostic,
}

impl ToolRules {
    pub(crate) fn is_glob(&self) -> bool {
        self.key.contains(['*', '?'])
    }

    pub(crate) fn matches(&self, tool: &str) -> bool {
        if self.is_glob() {
            Glob::new(self.key.as_str()).matches(tool)
        } else {
            self.key == tool
        }
    }
}

/// No rules (custom items, tests).
pub(crate) static NO_ARGS: ArgRules = ArgRules(Vec::new());

/// `auto`: search is on above this many exposed tools (Cursor sends only the first 40).
pub(crate) const DEFAULT_THRESHOLD: usize = 40;
/// `auto`: clients (`clientInfo.name`) that defer and search large tool lists by themselves.
pub(crate) const DEFAULT_SELF_SEARCHING: &[&str] = &["claude-code"];

/// How a vMCP offers tool search (from its `tool_search:`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SearchPlan {
    pub mode: SearchMode,
    pub threshold: usize,
    /// Exposed names listed directly when search is on.
    pub always: Vec<Glob>,
    /// Results of `search_tools` without `limit`.
    pub results: usize,
    /// `auto` stays off for these clients.
    pub self_searching: Vec<String>,
}

impl Default for SearchPlan {
    fn default() -> SearchPlan {
        SearchPlan {
            mode: SearchMode::Off,
            threshold: DEFAULT_THRESHOLD,
            always: Vec::new(),
            results: DEFAULT_RESULTS,
            self_searching: DEFAULT_SELF_SEARCHING
                .iter()
                .map(ToString::to_string)
                .collect(),
        }
    }
}
