//! Upstreams shared by every session of one vMCP (`scope: shared` under `vmcp serve`): one
//! instance per server, created by the first session that needs it and handed to the next ones.
//! Each Session still owns its routing, catalog and trust gate; the pool owns only the instances
//! and what must be counted across sessions:
//!
//! - who holds an instance: a session that ends (or reloads it away) lets go, and the instance
//!   stops when nobody holds it (the driver's own shared Session holds every shared server
//!   while it serves, so in practice when the server stops) or at [`SharedUpstreams::close`];
//! - what the instance says: list changes and log messages reach every session using it,
//!   resource updates the sessions that hold that resource;
//! - its requests for input (sampling, elicitation, roots): the one session with a request in
//!   flight to it answers; with none or several, vmcp cannot tell whose it is and refuses it;
//! - resource subscriptions, counted across sessions (the first holder subscribes upstream, the
//!   last unsubscribes). The instance itself renews what it is subscribed to after a restart;
//!   a new instance an edit started is subscribed to each URI by the first session that brings
//!   it there.
//!
//! Shared instances carry indexes from [`FIRST_INDEX`] up, which a session's own (counted from
//! 0) never reach, so an index names one upstream in every session that routes to it.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use serde_json::value::RawValue;
use tokio::sync::{Semaphore, watch};

use super::events;
use super::plan::ServerPlan;
use super::runtime::{Session, lock};
use crate::protocol::mcp::notification;
use crate::protocol::{BoxFuture, ErrorObject, IncomingRequest, Outcome, RawObject};
use crate::upstream::{Change, ClientContext, Lists, Upstream, UpstreamEvents};

/// The first index of a shared instance.
pub(crate) const FIRST_INDEX: usize = usize::MAX / 2 + 1;

/// The shared instances of one vMCP's servers.
pub(crate) struct SharedUpstreams {
    vmcp: String,
    /// Released with what the first caller of any session declared.
    launch: watch::Sender<Option<Arc<ClientContext>>>,
    /// Start slots, sized by the first plan that starts an instance.
    slots: OnceLock<Arc<Semaphore>>,
    next_index: AtomicUsize,
    state: Mutex<State>,
    events: Arc<PoolEvents>,
}

#[derive(Default)]
struct State {
    instances: HashMap<usize, Instance>,
    /// The sessions using the pool.
    members: Vec<Weak<Session>>,
}

struct Instance {
    upstream: Arc<Upstream>,
    /// Sessions holding it.
    holders: usize,
    /// Resource URI → sessions subscribed to it.
    subscriptions: BTreeMap<String, usize>,
    /// The most detailed log level any session or request asked it for (an index in
    /// `LOG_LEVELS`).
    log_level: Option<usize>,
}

impl SharedUpstreams {
    pub(crate) fn new(vmcp: &str) -> Arc<SharedUpstreams> {
        Arc::new_cyclic(|weak| SharedUpstreams {
            vmcp: vmcp.to_string(),
            launch: watch::channel(None).0,
            slots: OnceLock::new(),
            next_index: AtomicUsize::new(FIRST_INDEX),
            state: Mutex::new(State::default()),
            events: Arc::new(PoolEvents { pool: weak.clone() }),
        })
    }

    /// Whether `index` names a shared instance.
    pub(crate) fn is_shared(index: usize) -> bool {
        index >= FIRST_INDEX
    }

    /// The instance of `server` for one more session: the running one of the same name and
    /// way to run, else a new one (a changed definition). Sessions that opened or reloaded at
    /// different times, with different plans, each find theirs, and one edit starts one.
    pub(super) fn acquire(
        &self,
        server: &ServerPlan,
        cached: Option<Lists>,
        startup_concurrency: usize,
    ) -> Arc<Upstream> {
        let name = &server.upstream.name;
        let mut state = lock(&self.state);
        if let Some(instance) = state
            .instances
            .values_mut()
            .find(|i| runs_as(&i.upstream, server))
        {
            instance.holders += 1;
            return instance.upstream.clone();
        }
        let slots = self
            .slots
            .get_or_init(|| Arc::new(Semaphore::new(startup_concurrency.max(1))))
            .clone();
        let index = self.next_index.fetch_add(1, Ordering::Relaxed);
        let events: Arc<dyn UpstreamEvents> = self.events.clone();
        let upstream = Upstream::start(
            index,
            server.upstream.clone(),
            events,
            self.launch.subscribe(),
            cached,
            slots,
        );
        tracing::info!(vmcp = %self.vmcp, server = %name, "starting a shared instance");
        state.instances.insert(
            index,
            Instance {
                upstream: upstream.clone(),
                holders: 1,
                subscriptions: BTreeMap::new(),
                log_level: None,
            },
        );
        upstream
    }

    /// Whether an instance of `server` runs already (one more session would get it, and
    /// needs nothing to start it).
    pub(crate) fn runs(&self, server: &ServerPlan) -> bool {
        lock(&self.state)
            .instances
            .values()
            .any(|i| runs_as(&i.upstream, server))
    }

    /// One session lets go of `up`. When it was the last holder, no session gets the instance
    /// any more and it is returned for the caller to stop (once, however many sessions held
    /// it).
    #[must_use]
    pub(super) fn release(&self, up: &Upstream) -> Option<Arc<Upstream>> {
        let mut state = lock(&self.state);
        let instance = state.instances.get_mut(&up.index)?;
        instance.holders = instance.holders.saturating_sub(1);
        if instance.holders > 0 {
            return None;
        }
        tracing::info!(vmcp = %self.vmcp, server = %up.name(), "stopping a shared instance: no session uses it");
        state.instances.remove(&up.index).map(|i| i.upstream)
    }

    /// Lets the instances start, with what the first caller declared. Its backlog is left
    /// out: one client that stops reading must not stall the others.
    pub(super) fn launch(&self, ctx: &ClientContext) {
        if self.launch.borrow().is_some() {
            return;
        }
        let ctx = Arc::new(ClientContext {
            capabilities: ctx.capabilities.clone(),
            backlog: None,
        });
        self.launch.send_if_modified(|slot| {
            if slot.is_some() {
                return false;
            }
            *slot = Some(ctx);
            true
        });
    }

    /// `session` uses the pool from now on (what the instances say reaches it).
    pub(super) fn join(&self, session: &Arc<Session>) {
        let mut state = lock(&self.state);
        state.members.retain(|m| m.strong_count() > 0);
        state.members.push(Arc::downgrade(session));
    }

    /// `session` ends: what it said reaches it no longer.
    pub(super) fn leave(&self, session: &Session) {
        lock(&self.state)
            .members
            .retain(|m| m.strong_count() > 0 && !std::ptr::eq(m.as_ptr(), session));
    }

    /// The sessions using instance `index`.
    fn users(&self, index: usize) -> Vec<Arc<Session>> {
        lock(&self.state)
            .members
            .iter()
            .filter_map(Weak::upgrade)
            .filter(|s| s.upstream(index).is_some())
            .collect()
    }

    /// One more session subscribes to `uri` on instance `index`: true when it is the first, so
    /// the instance must be asked.
    pub(super) fn hold(&self, index: usize, uri: &str) -> bool {
        let mut state = lock(&self.state);
        let Some(instance) = state.instances.get_mut(&index) else {
            return true;
        };
        let n = instance.subscriptions.entry(uri.to_string()).or_insert(0);
        *n += 1;
        *n == 1
    }

    /// One session lets go of `uri` on instance `index`: true when it was the last, so the
    /// instance may be told.
    pub(super) fn let_go(&self, index: usize, uri: &str) -> bool {
        let mut state = lock(&self.state);
        let Some(instance) = state.instances.get_mut(&index) else {
            return false;
        };
        match instance.subscriptions.get_mut(uri) {
            Some(n) if *n > 1 => {
                *n -= 1;
                false
            }
            Some(_) => {
                instance.subscriptions.remove(uri);
                true
            }
            None => false,
        }
    }

    /// A session's client (`logging/setLevel`) or a request (its `logLevel`) asks instance
    /// `index` for log messages at `level` and above: true when that is more detail than any
    /// session asked for, so the instance must be told. Each recipient filters what it gets by
    /// its own level, so asking for less is never passed on (it would silence those that want
    /// more).
    pub(super) fn more_detail(&self, index: usize, level: usize) -> bool {
        let mut state = lock(&self.state);
        let Some(instance) = state.instances.get_mut(&index) else {
            return true;
        };
        if instance.log_level.is_some_and(|l| l <= level) {
            return false;
        }
        instance.log_level = Some(level);
        true
    }

    /// Stops every instance (the server stops), each within `grace` per escalation step.
    pub(crate) async fn close(&self, grace: Duration) {
        let all: Vec<Arc<Upstream>> = {
            let mut state = lock(&self.state);
            state.members.clear();
            state.instances.drain().map(|(_, i)| i.upstream).collect()
        };
        futures_util::future::join_all(all.iter().map(|u| u.shutdown(grace))).await;
    }
}

/// Whether `up` is an instance of `server` as it is planned now.
fn runs_as(up: &Upstream, server: &ServerPlan) -> bool {
    up.name() == server.upstream.name && up.plan.runs_like(&server.upstream)
}

/// Tells `up` that nobody holds `uri` any more (in the background).
pub(super) fn unsubscribe(up: Arc<Upstream>, uri: String) {
    tokio::spawn(async move {
        let mut p = RawObject::new();
        p.set_value("uri", &uri);
        if let Err(e) = up
            .request(
                crate::protocol::mcp::method::RESOURCES_UNSUBSCRIBE,
                Some(p),
                crate::protocol::RequestOptions::default(),
            )
            .await
        {
            tracing::debug!(server = up.name(), "unsubscribing from {uri} failed: {e}");
        }
    });
}

/// What the shared instances report, passed on to the sessions using them.
struct PoolEvents {
    pool: Weak<SharedUpstreams>,
}

impl PoolEvents {
    fn users(&self, index: usize) -> Vec<Arc<Session>> {
        self.pool
            .upgrade()
            .map(|p| p.users(index))
            .unwrap_or_default()
    }
}

impl UpstreamEvents for PoolEvents {
    fn changed(&self, index: usize, change: Change) {
        for session in self.users(index) {
            events::changed(&session, index, change);
        }
    }

    fn notification(&self, index: usize, method: &str, params: Option<Box<RawValue>>) {
        let users = self.users(index);
        if method == notification::RESOURCE_UPDATED {
            // Only the sessions that hold the resource hear of it.
            let uri = RawObject::parse(params.as_deref())
                .ok()
                .and_then(|p| p.get_str("uri"));
            for session in users {
                if uri.as_ref().is_some_and(|u| session.holds(index, u)) {
                    events::notification(&session, index, method, params.clone());
                }
            }
            return;
        }
        for session in users {
            events::notification(&session, index, method, params.clone());
        }
    }

    fn request(&self, index: usize, request: IncomingRequest) -> BoxFuture<Outcome> {
        let users = self.users(index);
        Box::pin(async move {
            let server = users.first().map_or_else(
                || "a shared server".to_string(),
                |s| s.server_name(super::routing::Target::Upstream(index)),
            );
            let mut asking: Vec<Arc<Session>> = users
                .into_iter()
                .filter(|s| s.in_flight_to(index))
                .collect();
            if asking.len() == 1
                && let Some(session) = asking.pop()
            {
                return events::request(&session, index, request).await;
            }
            let why = if asking.is_empty() {
                "outside any request"
            } else {
                "while several sessions' requests were in flight to it"
            };
            tracing::warn!(
                server = %server,
                "refused {} from a shared server: asked {why}",
                request.method
            );
            Outcome::error(&ErrorObject::internal(format!(
                "{} refused: server `{server}` is shared by every session of the vMCP \
                 (scope: shared) and asked {why}, so vmcp cannot tell which client it is \
                 for; give it `scope: session` in the vMCP",
                request.method
            )))
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::config::{Scope, Selection};
    use crate::session::{ArgRules, TrustPolicy};
    use crate::upstream::{StdioPlan, TransportPlan, UpstreamPlan};

    fn shared(program: &str) -> ServerPlan {
        ServerPlan {
            upstream: UpstreamPlan::new(
                "s",
                TransportPlan::Stdio(StdioPlan {
                    program: program.into(),
                    args: Vec::new(),
                    env: BTreeMap::new(),
                    cwd: None,
                }),
            ),
            prefix: "s".into(),
            selection: Selection {
                scope: Some(Scope::Shared),
                ..Selection::default()
            },
            args: ArgRules::default(),
            cached: None,
            trust: TrustPolicy::Always,
            definition_file: None,
        }
    }

    // Nothing is spawned: instances wait for a launch that never comes.
    #[tokio::test]
    async fn sessions_share_an_instance_until_its_plan_changes_and_it_stops_with_its_last_holder() {
        let pool = SharedUpstreams::new("v");
        let a = pool.acquire(&shared("x"), None, 8);
        let mut hinted = shared("x");
        hinted.upstream.remembered_era = Some(crate::protocol::mcp::Era::Legacy);
        let b = pool.acquire(&hinted, None, 8);
        assert_eq!(
            a.index, b.index,
            "a remembered era is not another way to run it"
        );
        assert!(SharedUpstreams::is_shared(a.index));
        let c = pool.acquire(&shared("y"), None, 8);
        assert_ne!(c.index, a.index, "a changed plan gets a new instance");
        assert_eq!(pool.acquire(&shared("y"), None, 8).index, c.index);
        let again = pool.acquire(&shared("x"), None, 8);
        assert_eq!(
            again.index, a.index,
            "a session still on the old plan finds the old instance"
        );
        assert!(pool.release(&again).is_none());
        assert!(pool.release(&a).is_none(), "b still holds it");
        let last = pool.release(&b).expect("the last holder stops it");
        assert_eq!(last.index, a.index);
        assert_eq!(
            pool.acquire(&shared("x"), None, 8).index,
            a.index + 2,
            "a stopped instance is nobody's"
        );
        pool.close(Duration::ZERO).await;
    }

    #[tokio::test]
    async fn subscriptions_and_log_levels_are_counted_across_sessions() {
        let pool = SharedUpstreams::new("v");
        let up = pool.acquire(&shared("x"), None, 8);
        let i = up.index;
        assert!(pool.hold(i, "r"), "the first holder subscribes");
        assert!(!pool.hold(i, "r"));
        assert!(!pool.let_go(i, "r"), "another session still holds it");
        assert!(pool.let_go(i, "r"), "the last one unsubscribes");
        assert!(!pool.let_go(i, "r"), "nobody holds it");
        assert!(pool.more_detail(i, 3));
        assert!(!pool.more_detail(i, 5), "less detail is never passed on");
        assert!(pool.more_detail(i, 0));
        pool.close(Duration::ZERO).await;
    }
}
