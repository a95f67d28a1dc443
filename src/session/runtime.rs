//! The running session: owns the upstreams of one vMCP, the current catalog and the link to the
//! AI client. Built fully formed by [`Session::start`]; the protocol bridge (`server.rs`) only
//! translates between JSON-RPC and the operations in `operations.rs`.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};
use std::time::Duration;

use serde_json::{Map, Value};
use tokio::sync::watch;

use super::catalog::Catalog;
use super::events::SessionEvents;
use super::first_use::Policies;
use super::listeners::Listeners;
use super::logging::Logging;
use super::observe::{CallObserver, ListsObserver};
use super::parking::Parking;
use super::plan::SessionPlan;
use super::pool::SharedUpstreams;
use super::reload::Retired;
use super::roster::Roster;
use super::routing::Target;
use super::search::ToolSearch;
use super::subscriptions::Subscriptions;
use super::tasks::Tasks;
use crate::protocol::Peer;
use crate::upstream::{ClientContext, Upstream, UpstreamEvents};

pub(crate) struct Session {
    /// The vMCP's name (a reload never changes it).
    name: String,
    /// The plan in force and its upstreams, swapped whole by a reload (`reload.rs`).
    roster: RwLock<Arc<Roster>>,
    /// The next upstream's session index (indexes are never reused: see `roster.rs`).
    next_index: AtomicUsize,
    /// Upstreams taken out by a reload, by index: stopped in the background (or at shutdown,
    /// whichever comes first), and named in the error of a request that reaches one.
    pub(super) retired: Mutex<HashMap<usize, Retired>>,
    /// Serializes reloads, and a reload with the shutdown.
    pub(super) reload_lock: Mutex<()>,
    /// Set when the session shuts down: a reload starts nothing any more.
    pub(super) closed: AtomicBool,
    /// What upstreams report to.
    events: Arc<dyn UpstreamEvents>,
    /// Shared by every upstream's start attempts: so many start at the same time.
    pub(super) startup_slots: Arc<tokio::sync::Semaphore>,
    pub(super) catalog: RwLock<Arc<Catalog>>,
    /// Serializes catalog rebuilds so change detection compares consecutive snapshots.
    pub(super) rebuild_lock: Mutex<()>,
    /// What the caller that launched the upstreams declared (set once, by the first legacy
    /// `initialize` or modern request): mirrored to them in their `initialize`.
    launched: OnceLock<Arc<ClientContext>>,
    /// Releases the upstreams (spawn, handshake) once the first caller is known.
    pub(super) launch: watch::Sender<Option<Arc<ClientContext>>>,
    /// The capabilities a legacy client declared in its `initialize` (set once).
    client_caps: OnceLock<Map<String, Value>>,
    /// The legacy AI client, for notifications and forwarded requests (modern callers get
    /// neither outside their own requests and `subscriptions/listen`).
    pub(super) client: OnceLock<Peer>,
    /// Which lists the legacy client has fetched (bits of `ListKind::bit`): only those get
    /// list_changed.
    pub(super) listed: AtomicU8,
    /// Modern callers' `subscriptions/listen` streams.
    pub(super) listeners: Listeners,
    /// Who wants which upstream's log messages, and at what level.
    pub(super) logging: Logging,
    /// Modern callers' calls waiting for input, and who is in flight to which upstream.
    pub(super) parking: Arc<Parking>,
    initial_done: AtomicBool,
    /// Every upstream came with cached lists (and none awaits its first use): the first list
    /// need not wait for them.
    all_cached: bool,
    /// Each server's trust policy, as first uses record approvals.
    pub(super) policies: Policies,
    /// Bumped on every catalog rebuild, so callers can wait for an item to appear.
    pub(super) version: watch::Sender<u64>,
    /// Who holds which resource subscription.
    pub(super) subscriptions: Subscriptions,
    /// Which upstream holds each task a modern caller was handed (the tasks extension).
    pub(super) tasks: Tasks,
    pub(super) reported_conflicts: Mutex<HashSet<String>>,
    observer: OnceLock<Arc<dyn CallObserver>>,
    lists_observer: OnceLock<Arc<dyn ListsObserver>>,
    /// The index of the exposed tools (tool search).
    pub(super) search: ToolSearch,
    /// `clientInfo.name` from `initialize` (`auto` search stays off for some clients).
    client_name: OnceLock<String>,
    /// Where its `scope: shared` servers come from (`vmcp serve`); without one, every server is
    /// the session's own.
    pub(super) pool: Option<Arc<SharedUpstreams>>,
    /// What names this session in spans.
    pub(super) trace_labels: super::spans::TraceLabels,
}

pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Session {
    /// Creates the session and the lifecycle of every upstream of the plan. Nothing is spawned or
    /// connected until [`Session::launch`]; then all upstreams start concurrently.
    pub(crate) fn start(plan: SessionPlan) -> Arc<Session> {
        Session::start_in(plan, None)
    }

    /// [`Session::start`], taking its `scope: shared` servers from `pool` (when given).
    pub(crate) fn start_in(plan: SessionPlan, pool: Option<Arc<SharedUpstreams>>) -> Arc<Session> {
        // Upstream processes and custom tools' programs alike are looked after by the process
        // (the reaper starts with the first of them).
        if let Some(cmd) = &plan.reaper {
            crate::process::supervise(cmd);
        }
        // A server awaiting its first use is approved from what it says live, never from a
        // cache, so the first list waits for it.
        let all_cached = !plan.servers.is_empty()
            && plan.servers.iter().all(|s| s.cached.is_some())
            && !plan.servers.iter().any(super::first_use::awaits);
        let any_cached = plan.servers.iter().any(|s| s.cached.is_some()) || plan.custom.is_some();
        let (launch, _) = watch::channel(None);
        let parking = Arc::new(Parking::new(plan.input_wait));
        let session = Arc::new_cyclic(|weak| Session {
            name: plan.name.clone(),
            roster: RwLock::new(Arc::new(Roster {
                plan: SessionPlan {
                    servers: Vec::new(),
                    ..plan.clone()
                },
                upstreams: Vec::new(),
            })),
            next_index: AtomicUsize::new(0),
            retired: Mutex::new(HashMap::new()),
            reload_lock: Mutex::new(()),
            closed: AtomicBool::new(false),
            events: Arc::new(SessionEvents::new(weak.clone())),
            // Many servers starting at once (npx, uvx, JVMs) would starve each other.
            startup_slots: Arc::new(tokio::sync::Semaphore::new(plan.startup_concurrency.max(1))),
            catalog: RwLock::new(Arc::new(Catalog::empty())),
            rebuild_lock: Mutex::new(()),
            launched: OnceLock::new(),
            launch,
            client_caps: OnceLock::new(),
            client: OnceLock::new(),
            listed: AtomicU8::new(0),
            listeners: Listeners::default(),
            logging: Logging::default(),
            parking,
            initial_done: AtomicBool::new(false),
            all_cached,
            policies: Policies::new(),
            version: watch::channel(0).0,
            subscriptions: Subscriptions::default(),
            tasks: Tasks::default(),
            reported_conflicts: Mutex::new(HashSet::new()),
            observer: OnceLock::new(),
            lists_observer: OnceLock::new(),
            search: ToolSearch::default(),
            client_name: OnceLock::new(),
            pool,
            trace_labels: super::spans::TraceLabels::default(),
        });
        if let Some(pool) = &session.pool {
            pool.join(&session);
        }
        let ups: Vec<Arc<Upstream>> = plan
            .servers
            .iter()
            .map(|s| session.start_upstream(s, s.cached.clone()))
            .collect();
        // Before the roster names them, so no rebuild sees one without its policy.
        for (s, up) in plan.servers.iter().zip(&ups) {
            session
                .policies
                .set(up.index, &s.upstream.name, s.trust.clone());
        }
        session.swap_roster(Roster {
            plan,
            upstreams: ups,
        });
        let ready = session.shared_ready();
        if any_cached || !ready.is_empty() {
            session.rebuild();
        }
        for index in ready {
            session.record_first_use(index);
        }
        session
    }

    /// Starts the lifecycle of one upstream under a new session index (nothing is spawned
    /// before [`Session::launch`]).
    pub(super) fn start_upstream(
        &self,
        server: &super::plan::ServerPlan,
        cached: Option<crate::upstream::Lists>,
    ) -> Arc<Upstream> {
        if let Some(pool) = &self.pool
            && server.shared()
        {
            return pool.acquire(server, cached, self.roster().plan.startup_concurrency);
        }
        let index = self.next_index.fetch_add(1, Ordering::Relaxed);
        Upstream::start(
            index,
            server.upstream.clone(),
            self.events.clone(),
            self.launch.subscribe(),
            cached,
            self.startup_slots.clone(),
        )
    }

    /// The plan in force and its upstreams.
    pub(super) fn roster(&self) -> Arc<Roster> {
        self.roster
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Puts `roster` in force; returns the one it replaces.
    pub(super) fn swap_roster(&self, roster: Roster) -> Arc<Roster> {
        std::mem::replace(
            &mut *self.roster.write().unwrap_or_else(PoisonError::into_inner),
            Arc::new(roster),
        )
    }

    /// Reports every completed call to `observer` from now on (set once).
    pub(crate) fn observe(&self, observer: Arc<dyn CallObserver>) {
        let _ = self.observer.set(observer);
    }

    pub(super) fn observer(&self) -> Option<&Arc<dyn CallObserver>> {
        self.observer.get()
    }

    /// Reports every upstream's fresh lists (when it becomes ready, when they change) from now
    /// on (set once): the catalog cache keeps them.
    pub(crate) fn observe_lists(&self, observer: Arc<dyn ListsObserver>) {
        let _ = self.lists_observer.set(observer);
    }

    pub(super) fn lists_observer(&self) -> Option<&Arc<dyn ListsObserver>> {
        self.lists_observer.get()
    }

    /// Waits until a list would be complete: at once when every upstream's lists were cached,
    /// else until every upstream has been started once.
    pub(crate) async fn wait_listable(&self) {
        if !self.all_cached {
            self.wait_initial().await;
        }
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The instructions of the plan in force.
    pub(crate) fn instructions(&self) -> Option<String> {
        self.roster().plan.instructions.clone()
    }

    /// The upstreams of the plan in force, in its order.
    pub(crate) fn upstreams(&self) -> Vec<Arc<Upstream>> {
        self.roster().upstreams.clone()
    }

    /// The upstream with session index `index`, if the plan in force runs it.
    pub(super) fn upstream(&self, index: usize) -> Option<Arc<Upstream>> {
        self.roster().upstream(index).cloned()
    }

    /// The vMCP's own items, if it has any.
    pub(super) fn custom(&self) -> Option<Arc<crate::custom::CustomSet>> {
        self.roster().plan.custom.as_ref().map(|c| c.0.clone())
    }

    /// The server name of a target (`vmcp` for the custom items), also of an upstream a reload
    /// took out.
    pub(crate) fn server_name(&self, target: Target) -> String {
        match target {
            Target::Upstream(i) => match self.upstream(i) {
                Some(u) => u.name().to_string(),
                None => lock(&self.retired)
                    .get(&i)
                    .map_or(crate::custom::SELF_SERVER.to_string(), |r| r.name.clone()),
            },
            Target::Custom => crate::custom::SELF_SERVER.to_string(),
        }
    }

    /// Records the client's `clientInfo.name` (before [`Session::launch`]), which `auto` search reads.
    pub(crate) fn set_client_name(&self, name: &str) {
        let _ = self.client_name.set(name.to_string());
    }

    pub(super) fn client_name(&self) -> Option<&str> {
        self.client_name.get().map(String::as_str)
    }

    /// Releases the upstreams with what the first caller declared (`ctx`): they start now, their
    /// processes spawned after the current turn so the answer to that caller goes out first.
    /// Later calls change nothing (legacy upstreams learn capabilities once, in `initialize`).
    pub(crate) fn launch(self: &Arc<Self>, ctx: ClientContext) {
        let ctx = Arc::new(ctx);
        if self.launched.set(ctx.clone()).is_err() {
            return;
        }
        // Whether `auto` search is on depends on who the client is.
        if self.roster().plan.tool_search.mode == crate::config::SearchMode::Auto {
            self.rebuild();
        }
        let session = self.clone();
        tokio::spawn(async move {
            tokio::task::yield_now().await;
            if let Some(pool) = &session.pool {
                pool.launch(&ctx);
            }
            session.launch.send_replace(Some(ctx));
        });
    }

    /// Records the legacy AI client after its `initialize`: `peer` receives notifications and
    /// forwarded requests, `capabilities` gate the latter. Launches the upstreams if no caller
    /// did yet. False if a legacy client was already recorded.
    pub(super) fn set_client(
        self: &Arc<Self>,
        capabilities: Map<String, Value>,
        peer: Peer,
    ) -> bool {
        if self.client_caps.set(capabilities.clone()).is_err() {
            return false;
        }
        let backlog = Some(peer.backlog().clone());
        let _ = self.client.set(peer);
        self.launch(ClientContext {
            capabilities,
            backlog,
        });
        true
    }

    /// Whether a legacy client sent `initialize` on this session.
    pub(crate) fn is_initialized(&self) -> bool {
        self.client_caps.get().is_some()
    }

    /// Whether the legacy client declared `capability` (false before `initialize`).
    pub(super) fn client_supports(&self, capability: &str) -> bool {
        self.client_caps
            .get()
            .is_some_and(|c| c.contains_key(capability))
    }

    /// Waits until every upstream has been started once (ready or failed), and the first use
    /// of those that awaited one is recorded, so the first list is complete. Each upstream's own
    /// startup timeout bounds the wait.
    pub(crate) async fn wait_initial(&self) {
        if self.initial_done.load(Ordering::Acquire) {
            return;
        }
        let upstreams = self.upstreams();
        let waits = upstreams.iter().map(|u| u.first_attempt_done());
        futures_util::future::join_all(waits).await;
        self.wait_first_uses().await;
        self.initial_done.store(true, Ordering::Release);
    }

    /// Looks something up in the catalog, waiting while upstreams are still starting: returns as
    /// soon as it is found (a fast upstream is not held up by a slow one), or `None` once every
    /// upstream has started and it is still missing.
    pub(super) async fn find<T>(&self, lookup: impl Fn(&Catalog) -> Option<T>) -> Option<T> {
        let mut changes = self.version.subscribe();
        loop {
            if let Some(v) = lookup(&self.catalog()) {
                return Some(v);
            }
            if self.initial_done.load(Ordering::Acquire) {
                return None;
            }
            tokio::select! {
                _ = changes.changed() => {}
                () = self.wait_initial() => return lookup(&self.catalog()),
            }
        }
    }

    /// Every upstream, those a reload took out and may still be stopping included (a shared
    /// one was let go of when it was taken out); from now on a reload starts none (the session
    /// is ending).
    fn close_roster(&self) -> Vec<Arc<Upstream>> {
        let _no_reload = lock(&self.reload_lock);
        self.closed.store(true, Ordering::Release);
        let mut all = self.upstreams();
        all.extend(
            lock(&self.retired)
                .values()
                .filter_map(|r| r.upstream.clone()),
        );
        all
    }

    /// Stops every upstream of its own in parallel, each bounded by `grace` per escalation step,
    /// and lets go of the shared ones (which stop only when no session holds them).
    pub(crate) async fn shutdown(&self, grace: Duration) {
        let all = self.close_roster();
        let pool = &self.leave_pool(&all);
        let stops = all.iter().map(|u| async move {
            match pool
                .as_ref()
                .filter(|_| SharedUpstreams::is_shared(u.index))
            {
                Some(pool) => {
                    if let Some(last) = pool.release(u) {
                        last.shutdown(grace).await;
                    }
                }
                None => u.shutdown(grace).await,
            }
        });
        futures_util::future::join_all(stops).await;
    }

    /// Kills every upstream process group of its own at once (shared instances are their
    /// pool's).
    pub(crate) fn kill_now(&self) {
        for u in self.close_roster() {
            if !SharedUpstreams::is_shared(u.index) {
                u.kill_now();
            }
        }
    }
}
