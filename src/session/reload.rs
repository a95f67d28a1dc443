//! A new plan for a running session (the definition changed): only the difference is applied.
//! Servers added are started, removed ones stopped, those whose way to run changed restarted;
//! everything else keeps its process and state, and the catalog is rebuilt from the new
//! presentation, so clients hear of the lists that changed and only those. Whoever drives the
//! session (stdio, HTTP, a command) reloads through [`Session::reload`].
//!
//! A server taken out (removed, or replaced by its restart) gets no new request; those in
//! progress may finish within [`RETIRE_DRAIN`] (at most the server's call timeout) before its
//! process is stopped, and one still running then ends with a tool error that says why.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::plan::SessionPlan;
use super::roster::{self, PlanChanges, Roster};
use super::routing::Target;
use super::runtime::{Session, lock};
use crate::upstream::Upstream;

/// Why a request reached an upstream that a reload took out (ends "while this request …").
const REMOVED: &str = "was removed from the vMCP";
const RESTARTED: &str = "was restarted because its definition changed";

/// An upstream a reload took out.
pub(super) struct Retired {
    pub(super) name: String,
    /// Why, as the end of a sentence about the server (`was removed from the vMCP`).
    pub(super) why: &'static str,
    /// `None` once it stopped: the handle (its lists, its connection) is dropped.
    pub(super) upstream: Option<Arc<Upstream>>,
    /// It had stopped by the latest reload: the next one forgets it.
    pub(super) stale: bool,
}

/// How long requests in progress to a server a reload took out may take to finish before its
/// process is stopped (or its call timeout, if shorter).
pub(crate) const RETIRE_DRAIN: Duration = Duration::from_secs(5);

impl Session {
    /// Puts `plan` in force: starts, stops and restarts what changed and rebuilds the catalog.
    /// An upstream taken out is stopped in the background once its requests in progress ended
    /// (at most [`RETIRE_DRAIN`]; then `grace` per escalation step). Returns what changed;
    /// nothing once the session is shutting down.
    pub(crate) fn reload(self: &Arc<Self>, plan: &SessionPlan, grace: Duration) -> PlanChanges {
        let _one_at_a_time = lock(&self.reload_lock);
        if self.closed.load(Ordering::Acquire) {
            return PlanChanges::default();
        }
        self.forget_stopped();
        let old = self.roster();
        let plan = match &self.pool {
            Some(_) => Cow::Borrowed(plan),
            None => Cow::Owned(scopes_kept(plan, &old.plan)),
        };
        let changes = roster::changes(&old.plan, &plan);
        if changes.is_empty() {
            return changes;
        }
        let plan = plan.into_owned();
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
                        self.policies
                            .set(up.index, &server.upstream.name, server.trust.clone());
                    }
                    up.clone()
                }
                Some((_, up)) => {
                    // Its last lists stay listed while the new process starts (as after a
                    // crash), unless the cache knows what this configuration offers; the live
                    // ones replace them when it is ready.
                    let lists = server.cached.clone().unwrap_or_else(|| up.lists());
                    let new = self.start_upstream(server, Some(lists));
                    retiring.push((up.clone(), RESTARTED));
                    self.renew_subscriptions(up.index, &new);
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
                self.policies
                    .set(up.index, &server.upstream.name, server.trust.clone());
            }
            // A shared instance is asked for the most detail any session wants, never less,
            // whichever session reloads last.
            if let Some(level) = self.logging.adopt(up.index)
                && let Some(name) = crate::protocol::meta::LOG_LEVELS.get(level)
                && self.needs_level(up.index, level)
            {
                up.set_log_level(name);
            }
        }
        {
            let mut retired = lock(&self.retired);
            for (up, why) in &retiring {
                retired.insert(
                    up.index,
                    Retired {
                        name: up.name().to_string(),
                        why,
                        upstream: Some(up.clone()),
                        stale: false,
                    },
                );
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
            self.retire(up, grace);
        }
        changes
    }

    /// Stops `up` once its requests in progress ended (at most [`RETIRE_DRAIN`], or its call
    /// timeout if shorter); then only its name and why stay known. A shared instance is let go
    /// of at once and stopped so by the last session to let go: one reload of every session
    /// stops (or restarts) it once, after the requests of all of them.
    fn retire(self: &Arc<Self>, up: Arc<Upstream>, grace: Duration) {
        let up = match self.shared_instance(Target::Upstream(up.index)) {
            Some((pool, _)) => {
                let last = pool.release(&up);
                if let Some(r) = lock(&self.retired).get_mut(&up.index) {
                    r.upstream = None;
                }
                match last {
                    Some(last) => last,
                    None => return,
                }
            }
            None => up,
        };
        let drain = up.plan.call_timeout.min(RETIRE_DRAIN);
        let busy = up.in_flight();
        if busy > 0 {
            tracing::info!(
                vmcp = %self.name(),
                server = %up.name(),
                "letting {busy} request(s) in progress finish (at most {drain:?}) before stopping it"
            );
        }
        let session = Arc::downgrade(self);
        tokio::spawn(async move {
            up.retire(drain, grace).await;
            if let Some(session) = session.upgrade()
                && let Some(r) = lock(&session.retired).get_mut(&up.index)
            {
                r.upstream = None;
            }
        });
    }

    /// Forgets the upstreams that had already stopped at the previous reload: a request routed
    /// to one has long had its answer.
    fn forget_stopped(&self) {
        let mut retired = lock(&self.retired);
        retired.retain(|_, r| r.upstream.is_some() || !r.stale);
        for r in retired.values_mut() {
            r.stale = r.upstream.is_none();
        }
    }

    /// A restarted server keeps the client's resource subscriptions: the new upstream is
    /// subscribed to them (now if it is ready, else when it is), and on a shared instance the
    /// session's holds move along, so that each URI is asked for once, by the first session
    /// that brings it to the new instance.
    fn renew_subscriptions(&self, old: usize, new: &Arc<Upstream>) {
        let uris = self.subscriptions.on(Target::Upstream(old));
        self.subscriptions
            .retarget(Target::Upstream(old), Target::Upstream(new.index));
        if let Some((pool, _)) = self.shared_instance(Target::Upstream(old)) {
            for uri in &uris {
                pool.let_go(old, uri);
            }
        }
        let shared = self.shared_instance(Target::Upstream(new.index));
        for uri in &uris {
            if shared.as_ref().is_none_or(|(pool, i)| pool.hold(*i, uri)) {
                new.keep_subscribed(uri);
            }
        }
    }
}

/// `plan` with each kept server in the scope `old` gave it: without a pool every server is the
/// session's own, so a new scope changes nothing.
fn scopes_kept(plan: &SessionPlan, old: &SessionPlan) -> SessionPlan {
    let mut plan = plan.clone();
    for server in &mut plan.servers {
        let before = old.servers.iter();
        let mut before = before.filter(|o| o.upstream.name == server.upstream.name);
        if let Some(o) = before.next() {
            server.selection.scope = o.selection.scope;
        }
    }
    plan
}
