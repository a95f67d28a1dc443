//! A new plan for a running session (the definition changed): only the difference is applied.
//! Servers added are started, removed ones stopped, those whose way to run changed restarted;
//! everything else keeps its process and state, and the catalog is rebuilt from the new
//! presentation, so clients hear of the lists that changed and only those. Whoever drives the
//! session (stdio, HTTP, a command) reloads through [`Session::reload`].

use std::sync::Arc;
use std::time::Duration;

use super::plan::SessionPlan;
use super::roster::{self, PlanChanges, Roster};
use super::routing::Target;
use super::runtime::{Session, lock};
use crate::upstream::Upstream;

/// Why a request reached an upstream that a reload took out (ends "while this request …").
const REMOVED: &str = "was removed from the vMCP";
const RESTARTED: &str = "was restarted because its definition changed";

impl Session {
    /// Puts `plan` in force: starts, stops and restarts what changed (stopped upstreams get
    /// `grace` per escalation step, in the background) and rebuilds the catalog. Requests in
    /// flight to a stopped upstream end with an error that says why. Returns what changed.
    pub(crate) fn reload(self: &Arc<Self>, mut plan: SessionPlan, grace: Duration) -> PlanChanges {
        let _one_at_a_time = lock(&self.reload_lock);
        let old = self.roster();
        // Without a pool every server is the session's own: a new scope changes nothing.
        if self.pool.is_none() {
            for server in &mut plan.servers {
                let before = old.plan.servers.iter();
                let mut before = before.filter(|o| o.upstream.name == server.upstream.name);
                if let Some(o) = before.next() {
                    server.selection.scope = o.selection.scope;
                }
            }
        }
        let changes = roster::changes(&old.plan, &plan);
        if changes.is_empty() {
            return changes;
        }
        let mut upstreams = Vec::with_capacity(plan.servers.len());
        let mut retiring: Vec<(Arc<Upstream>, &'static str)> = Vec::new();
        let mut started: Vec<Arc<Upstream>> = Vec::new();
        for server in &plan.servers {
            let name = &server.upstream.name;
            let before = old
                .plan
                .servers
                .iter()
                .zip(&old.upstreams)
                .find(|(s, _)| s.upstream.name == *name);
            let up = match before {
                Some((s, up))
                    if s.upstream.runs_like(&server.upstream) && s.shared() == server.shared() =>
                {
                    if !roster::same_trust(&s.trust, &server.trust) {
                        self.policies.set(up.index, server.trust.clone());
                    }
                    up.clone()
                }
                Some((_, up)) => {
                    // Its last lists stay listed while the new process starts (as after a
                    // crash); the live ones replace them when it is ready.
                    let new = self.start_upstream(server, Some(up.lists()));
                    retiring.push((up.clone(), RESTARTED));
                    self.renew_subscriptions(up.index, new.index);
                    started.push(new.clone());
                    new
                }
                None => {
                    let new = self.start_upstream(server, server.cached.clone());
                    started.push(new.clone());
                    new
                }
            };
            upstreams.push(up);
        }
        for (s, up) in old.plan.servers.iter().zip(&old.upstreams) {
            if !plan
                .servers
                .iter()
                .any(|n| n.upstream.name == s.upstream.name)
            {
                retiring.push((up.clone(), REMOVED));
            }
        }
        for up in &started {
            let server = plan.servers.iter().find(|s| s.upstream.name == up.name());
            if let Some(server) = server {
                self.policies.set(up.index, server.trust.clone());
            }
            if let Some(level) = self.logging.adopt(up.index)
                && let Some(name) = crate::protocol::meta::LOG_LEVELS.get(level)
            {
                up.set_log_level(name);
            }
        }
        {
            let mut retired = lock(&self.retired);
            for (up, why) in &retiring {
                retired.insert(up.index, (up.clone(), *why));
            }
        }
        self.swap_roster(Roster { plan, upstreams });
        for (up, _) in &retiring {
            self.policies.remove(up.index);
            if let Some((pool, i)) = self.shared_instance(Target::Upstream(up.index)) {
                for uri in self.subscriptions.on(Target::Upstream(i)) {
                    if pool.let_go(i, &uri) {
                        super::pool::unsubscribe(up.clone(), uri);
                    }
                }
            }
            self.subscriptions.forget(Target::Upstream(up.index));
        }
        // After the swap: no new request reaches what is being stopped.
        self.rebuild();
        for (up, _) in retiring {
            match self.shared_instance(Target::Upstream(up.index)) {
                // The pool stops a shared instance once no session holds it: one reload of
                // many sessions stops (or restarts) it once.
                Some((pool, _)) => {
                    tokio::spawn(async move { pool.release(&up, grace).await });
                }
                None => {
                    tokio::spawn(async move { up.shutdown(grace).await });
                }
            }
        }
        changes
    }

    /// A restarted server keeps the client's resource subscriptions (renewed when the new
    /// process is ready, like after a crash).
    fn renew_subscriptions(&self, old: usize, new: usize) {
        let uris = self.subscriptions.on(Target::Upstream(old));
        self.subscriptions
            .retarget(Target::Upstream(old), Target::Upstream(new));
        // Counted across sessions on shared instances: this session's holds move along.
        if let Some((pool, _)) = self.shared_instance(Target::Upstream(old)) {
            for uri in &uris {
                pool.let_go(old, uri);
            }
        }
        if let Some((pool, _)) = self.shared_instance(Target::Upstream(new)) {
            for uri in &uris {
                pool.hold(new, uri);
            }
        }
    }
}
