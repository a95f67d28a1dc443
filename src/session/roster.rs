//! The servers a session runs now, with the plan they run from: one immutable value, swapped whole
//! by a reload (`reload.rs`), so a reader always sees a plan and the upstreams that belong to it.
//!
//! An upstream's index (`Target::Upstream`, `Upstream::index`) is its id for the life of the
//! session: a restarted server gets a new one and a removed server's is never reused, so a route
//! taken from an older catalog reaches the same process or none — never another server.

use std::sync::Arc;

use super::plan::{Approval, ServerPlan, SessionPlan, TrustPolicy};
use crate::upstream::Upstream;

pub(super) struct Roster {
    pub(super) plan: SessionPlan,
    /// One per `plan.servers`, in the same order.
    pub(super) upstreams: Vec<Arc<Upstream>>,
}

impl Roster {
    /// The upstream with session index `index`, if it is still running for this plan.
    pub(super) fn upstream(&self, index: usize) -> Option<&Arc<Upstream>> {
        self.upstreams.iter().find(|u| u.index == index)
    }

    /// How the server with session index `index` is presented.
    pub(super) fn server(&self, index: usize) -> Option<&ServerPlan> {
        let at = self.upstreams.iter().position(|u| u.index == index)?;
        self.plan.servers.get(at)
    }
}

/// What a new plan changes about the running one, by server name.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PlanChanges {
    /// In the new plan only: started.
    pub added: Vec<String>,
    /// In the old plan only: stopped.
    pub removed: Vec<String>,
    /// How to run it changed (command, arguments, environment, URL, headers, timeouts…):
    /// stopped and started again.
    pub restarted: Vec<String>,
    /// Kept running, presented differently (prefix, filters, renames, descriptions, args,
    /// trust).
    pub reshaped: Vec<String>,
    /// The vMCP's own settings changed (instructions, tool search, custom items).
    pub vmcp: bool,
}

impl PlanChanges {
    /// Nothing to start, stop or present differently.
    pub(crate) fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.restarted.is_empty()
            && self.reshaped.is_empty()
            && !self.vmcp
    }
}

/// Compares two plans of one vMCP server by server (pure: no upstream is touched).
pub(super) fn changes(old: &SessionPlan, new: &SessionPlan) -> PlanChanges {
    let mut out = PlanChanges::default();
    for n in &new.servers {
        match old
            .servers
            .iter()
            .find(|o| o.upstream.name == n.upstream.name)
        {
            None => out.added.push(n.upstream.name.clone()),
            // Moving between the session's own instance and the shared one is a restart.
            Some(o) if !o.upstream.runs_like(&n.upstream) || o.shared() != n.shared() => {
                out.restarted.push(n.upstream.name.clone());
            }
            Some(o) if !same_presentation(o, n) => out.reshaped.push(n.upstream.name.clone()),
            Some(_) => {}
        }
    }
    out.removed = old
        .servers
        .iter()
        .filter(|o| {
            !new.servers
                .iter()
                .any(|n| n.upstream.name == o.upstream.name)
        })
        .map(|o| o.upstream.name.clone())
        .collect();
    out.vmcp = old.instructions != new.instructions
        || old.tool_search != new.tool_search
        || old.custom != new.custom;
    out
}

/// Whether a kept server is shown the same way (everything of its plan but how to run it).
pub(super) fn same_presentation(a: &ServerPlan, b: &ServerPlan) -> bool {
    a.prefix == b.prefix
        && a.selection == b.selection
        && a.args == b.args
        && a.definition_file == b.definition_file
        && same_trust(&a.trust, &b.trust)
}

/// Trust policies that judge alike: two "approve on first use" policies are the same policy
/// whichever recorder each plan built.
pub(super) fn same_trust(a: &TrustPolicy, b: &TrustPolicy) -> bool {
    match (a, b) {
        (
            TrustPolicy::Pinned {
                approved: Approval::FirstUse(_),
                warn: wa,
            },
            TrustPolicy::Pinned {
                approved: Approval::FirstUse(_),
                warn: wb,
            },
        ) => wa == wb,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::config::Selection;
    use crate::session::ArgRules;
    use crate::upstream::{StdioPlan, TransportPlan, UpstreamPlan};

    fn server(name: &str, program: &str) -> ServerPlan {
        ServerPlan {
            upstream: UpstreamPlan::new(
                name,
                TransportPlan::Stdio(StdioPlan {
                    program: program.into(),
                    args: Vec::new(),
                    env: BTreeMap::new(),
                    cwd: None,
                }),
            ),
            prefix: name.into(),
            selection: Selection::default(),
            args: ArgRules::default(),
            cached: None,
            trust: TrustPolicy::Always,
            definition_file: None,
        }
    }

    fn plan(servers: Vec<ServerPlan>) -> SessionPlan {
        SessionPlan {
            name: "v".into(),
            instructions: None,
            servers,
            reaper: None,
            catalog_cache: true,
            startup_concurrency: 8,
            custom: None,
            tool_search: crate::session::SearchPlan::default(),
            input_wait: crate::session::DEFAULT_INPUT_WAIT,
        }
    }

    #[test]
    fn each_server_is_added_removed_restarted_reshaped_or_kept() {
        let old = plan(vec![
            server("kept", "a"),
            server("gone", "a"),
            server("moved", "a"),
            server("shown", "a"),
        ]);
        let mut shown = server("shown", "a");
        shown.prefix = "other".into();
        let mut timed = server("moved", "a");
        timed.upstream.call_timeout = std::time::Duration::from_secs(1);
        let new = plan(vec![server("kept", "a"), timed, shown, server("new", "b")]);
        let c = changes(&old, &new);
        assert_eq!(c.added, ["new"]);
        assert_eq!(c.removed, ["gone"]);
        assert_eq!(c.restarted, ["moved"]);
        assert_eq!(c.reshaped, ["shown"]);
        assert!(!c.vmcp);
    }

    #[test]
    fn the_same_plan_changes_nothing_and_cached_lists_do_not_count() {
        let old = plan(vec![server("s", "a")]);
        let mut again = plan(vec![server("s", "a")]);
        again.servers[0].cached = Some(crate::upstream::Lists::default());
        assert!(changes(&old, &again).is_empty());
    }

    #[test]
    fn moving_a_server_between_its_own_and_the_shared_instance_restarts_it() {
        let old = plan(vec![server("s", "a")]);
        let mut new = plan(vec![server("s", "a")]);
        new.servers[0].selection.scope = Some(crate::config::Scope::Shared);
        assert_eq!(changes(&old, &new).restarted, ["s"]);
        assert!(!same_presentation(&old.servers[0], &new.servers[0]));
    }

    #[test]
    fn a_remembered_era_is_no_way_to_run_a_server() {
        let old = plan(vec![server("s", "a")]);
        let mut new = plan(vec![server("s", "a")]);
        new.servers[0].upstream.remembered_era = Some(crate::protocol::mcp::Era::Legacy);
        assert!(changes(&old, &new).is_empty());
    }

    #[test]
    fn vmcp_settings_are_a_change_of_their_own() {
        let old = plan(vec![server("s", "a")]);
        let mut new = plan(vec![server("s", "a")]);
        new.instructions = Some("be brief".into());
        let c = changes(&old, &new);
        assert!(c.vmcp && c.reshaped.is_empty() && c.restarted.is_empty());
    }
}
