//! A Session's side of its vMCP's shared instances (`pool.rs`): which of its targets is one,
//! what it holds there, joining one already running, and letting go at the end.

use std::sync::Arc;

use super::pool::{self, SharedUpstreams};
use super::routing::Target;
use super::runtime::Session;
use crate::upstream::{State, Upstream};

impl Session {
    /// The pool and index of `target` when it is a shared instance.
    pub(super) fn shared_instance(&self, target: Target) -> Option<(Arc<SharedUpstreams>, usize)> {
        match (target, &self.pool) {
            (Target::Upstream(i), Some(pool)) if SharedUpstreams::is_shared(i) => {
                Some((pool.clone(), i))
            }
            _ => None,
        }
    }

    /// The shared instances another session started that are ready already: a new session
    /// hears of them at once, as it would have when they became ready.
    pub(super) fn shared_ready(&self) -> Vec<usize> {
        self.upstreams()
            .iter()
            .filter(|u| SharedUpstreams::is_shared(u.index) && matches!(u.state(), State::Ready))
            .map(|u| u.index)
            .collect()
    }

    /// Whether this session holds a subscription to `uri` on upstream `index`.
    pub(super) fn holds(&self, index: usize, uri: &str) -> bool {
        self.subscriptions
            .on(Target::Upstream(index))
            .iter()
            .any(|u| u == uri)
    }

    /// Whether upstream `index` must be told to log at `level`: always for the session's own;
    /// for a shared instance, only when that is more detail than any session asked for
    /// (asking for less would silence the sessions that want more).
    pub(super) fn needs_level(&self, index: usize, level: usize) -> bool {
        self.shared_instance(Target::Upstream(index))
            .is_none_or(|(pool, i)| pool.more_detail(i, level))
    }

    /// Whether a request of this session is in flight to upstream `index`.
    pub(super) fn in_flight_to(&self, index: usize) -> bool {
        self.parking.in_flight_to(index)
    }

    /// The session ends: what the shared instances among `all` say no longer reaches it, and
    /// its subscriptions there no longer count (the last holder unsubscribes). Returns the pool,
    /// which the instances are handed back to.
    pub(super) fn leave_pool(&self, all: &[Arc<Upstream>]) -> Option<Arc<SharedUpstreams>> {
        let pool = self.pool.clone()?;
        pool.leave(self);
        for up in all.iter().filter(|u| SharedUpstreams::is_shared(u.index)) {
            for uri in self.subscriptions.on(Target::Upstream(up.index)) {
                if pool.let_go(up.index, &uri) {
                    pool::unsubscribe(up.clone(), uri);
                }
            }
        }
        Some(pool)
    }
}
