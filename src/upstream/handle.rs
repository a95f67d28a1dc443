//! `Upstream`: the session's handle on one upstream server across restarts. It exposes the
//! current state, the last known lists, and requests; the lifecycle task drives the rest.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::Value;
use serde_json::value::RawValue;
use tokio::sync::{Semaphore, broadcast, watch};
use tokio_util::sync::CancellationToken;

/// Acknowledgements a waiter may fall behind by before it misses one (it then waits out its
/// deadline, as if the server had not acknowledged).
const LISTEN_ACK_BACKLOG: usize = 64;

use super::connection::Connection;
use super::envelope::Envelope;
use super::error::UpstreamError;
use super::handshake::{ClientContext, ListKind, Lists, ServerInfo};
use super::{UpstreamEvents, UpstreamPlan, lifecycle};
use crate::protocol::mcp::{self, Era, notification};
use crate::protocol::{RawObject, RequestError, RequestOptions};

/// The lifecycle state of one upstream.
#[derive(Debug, Clone)]
pub(crate) enum State {
    Connecting {
        attempt: u32,
    },
    Ready,
    Failed {
        error: UpstreamError,
        retrying: bool,
    },
    Retrying {
        attempt: u32,
        delay: Duration,
    },
    Stopped,
}

impl State {
    pub(crate) fn label(&self) -> &'static str {
        match self {
            State::Connecting { .. } => "connecting",
            State::Ready => "ready",
            State::Failed { .. } => "failed",
            State::Retrying { .. } => "retrying",
            State::Stopped => "stopped",
        }
    }
}

/// A connection that finished its handshake, with what the server declared in it: what
/// requests go over while the upstream is ready.
pub(super) struct Link {
    pub(super) conn: Arc<Connection>,
    pub(super) info: Arc<ServerInfo>,
    /// How requests are dressed for the era it speaks.
    pub(super) envelope: Envelope,
}

pub(super) struct Inner {
    pub(super) state: State,
    pub(super) link: Option<Arc<Link>>,
    /// A connection still in its handshake (so shutdown can stop its process too).
    pub(super) starting: Option<Arc<Connection>>,
    /// Kept across restarts so the catalog does not flap while an upstream recovers.
    pub(super) lists: Lists,
    /// How long the server said each list may be reused (`ttlMs`, 2026-07-28), when it said.
    pub(super) list_ttls: HashMap<ListKind, u64>,
    pub(super) info: Option<Arc<ServerInfo>>,
    /// The era a failed start learned (before `info` says it).
    pub(super) learned_era: Option<Era>,
    /// Lists that changed while no connection could fetch them (bits of `ListKind::bit`).
    pub(super) dirty: u8,
    pub(super) refreshing: bool,
    /// The level a legacy connection logs at, set again after every restart.
    pub(super) log_level: Option<String>,
    /// A modern connection's resource subscriptions: URI → its listen stream (`listen.rs`).
    pub(super) resource_streams: HashMap<String, CancellationToken>,
    /// The resources subscribed to, asked again of every new connection (`subscriptions.rs`).
    pub(super) subscriptions: BTreeSet<String>,
}

pub(crate) struct Upstream {
    pub index: usize,
    pub plan: UpstreamPlan,
    pub(super) inner: Mutex<Inner>,
    pub(super) events: Arc<dyn UpstreamEvents>,
    pub(super) client: watch::Receiver<Option<Arc<ClientContext>>>,
    pub(super) first_attempt: watch::Sender<bool>,
    /// Bumped on every state change, so requests can wait for a connection being made.
    state_version: watch::Sender<u64>,
    /// Whether the current connection answered a request (it is not crash-looping).
    pub(super) served: AtomicBool,
    /// What a modern connection acknowledged, each time it acknowledges a listen stream: the
    /// resources that stream subscribes to (none: a stream of list changes). `listen.rs` waits
    /// for its own stream's.
    pub(super) listen_acks: broadcast::Sender<Arc<[String]>>,
    /// An `auto` HTTP server that turned out to speak only legacy SSE: restarts go straight there.
    pub(super) use_legacy_sse: AtomicBool,
    /// Shared by the session's upstreams: a start attempt holds one, so only so many start at
    /// the same time.
    pub(super) startup_slots: Arc<Semaphore>,
    pub(super) stop: CancellationToken,
    /// Requests in progress (each [`Upstream::request`] counts while it runs), so a retiring
    /// upstream can let them finish before it stops.
    in_flight: watch::Sender<usize>,
}

/// One request in progress on an upstream, counted while it lives.
struct InFlight<'a>(&'a watch::Sender<usize>);

impl<'a> InFlight<'a> {
    fn enter(count: &'a watch::Sender<usize>) -> InFlight<'a> {
        count.send_modify(|n| *n += 1);
        InFlight(count)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n = n.saturating_sub(1));
    }
}

impl Upstream {
    /// Creates the handle and starts its lifecycle, which waits until `client` carries the AI
    /// client's capabilities before spawning or connecting.
    pub(crate) fn start(
        index: usize,
        plan: UpstreamPlan,
        events: Arc<dyn UpstreamEvents>,
        client: watch::Receiver<Option<Arc<ClientContext>>>,
        cached: Option<Lists>,
        startup_slots: Arc<Semaphore>,
    ) -> Arc<Upstream> {
        let up = Arc::new(Upstream {
            index,
            plan,
            inner: Mutex::new(Inner {
                state: State::Connecting { attempt: 1 },
                link: None,
                starting: None,
                lists: cached.unwrap_or_default(),
                list_ttls: HashMap::new(),
                info: None,
                learned_era: None,
                dirty: 0,
                refreshing: false,
                log_level: None,
                resource_streams: HashMap::new(),
                subscriptions: BTreeSet::new(),
            }),
            events,
            client,
            first_attempt: watch::channel(false).0,
            state_version: watch::channel(0).0,
            listen_acks: broadcast::channel(LISTEN_ACK_BACKLOG).0,
            served: AtomicBool::new(false),
            use_legacy_sse: AtomicBool::new(false),
            startup_slots,
            stop: CancellationToken::new(),
            in_flight: watch::channel(0).0,
        });
        tokio::spawn(lifecycle::run(up.clone()));
        up
    }

    pub(crate) fn name(&self) -> &str {
        &self.plan.name
    }

    pub(super) fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn state(&self) -> State {
        self.lock().state.clone()
    }

    pub(super) fn state_changed(&self) {
        self.state_version.send_modify(|v| *v = v.wrapping_add(1));
    }

    /// How long the server said list `kind` may be reused (its `ttlMs`), if it said.
    pub(crate) fn list_ttl(&self, kind: ListKind) -> Option<u64> {
        self.lock().list_ttls.get(&kind).copied()
    }

    /// The last known lists (possibly from before a restart).
    pub(crate) fn lists(&self) -> Lists {
        self.lock().lists.clone()
    }

    /// What the upstream said in its latest `initialize`.
    pub(crate) fn info(&self) -> Option<Arc<ServerInfo>> {
        self.lock().info.clone()
    }

    /// The transport of the current connection (`stdio`, `http`, `sse`), if any.
    pub(crate) fn transport(&self) -> Option<&'static str> {
        self.lock().link.as_ref().map(|l| l.conn.transport())
    }

    /// Whether the server keeps a session for the current connection (`Mcp-Session-Id`).
    pub(crate) fn keeps_session(&self) -> bool {
        self.link().is_some_and(|l| l.conn.keeps_session())
    }

    /// Resolves once the first start attempt has succeeded or failed.
    pub(crate) async fn first_attempt_done(&self) {
        let mut rx = self.first_attempt.subscribe();
        let _ = rx.wait_for(|done| *done).await;
    }

    /// Waits until the upstream is connected (see [`Upstream::request`]: a start or restart in
    /// progress is waited for, up to the startup timeout) and returns what the connection
    /// declared in its `initialize`.
    pub(crate) async fn connected(
        &self,
        cancel: Option<&CancellationToken>,
    ) -> Result<Arc<ServerInfo>, UpstreamError> {
        let link = match self.link() {
            Some(link) => link,
            None => self.wait_link(cancel).await?,
        };
        Ok(link.info.clone())
    }

    /// Sends a request to the upstream, with the configured call timeout unless `opts` sets one.
    /// Resource subscriptions are also recorded, so that a restart renews them
    /// (`subscriptions.rs`).
    pub(crate) async fn request(
        &self,
        method: &str,
        params: Option<RawObject>,
        mut opts: RequestOptions,
    ) -> Result<Box<RawValue>, UpstreamError> {
        let _counted = InFlight::enter(&self.in_flight);
        if opts.timeout.is_none() {
            opts.timeout = Some(self.plan.call_timeout);
        }
        if method == mcp::method::RESOURCES_UNSUBSCRIBE {
            return self.unsubscribe(params, opts).await;
        }
        let link = match self.link() {
            Some(link) => link,
            None => self.wait_link(opts.cancel.as_ref()).await?,
        };
        if method == mcp::method::RESOURCES_SUBSCRIBE {
            return self.subscribe(params, opts).await;
        }
        self.ask(&link, method, params, opts).await
    }

    /// Sends a request on connection `link`.
    pub(super) async fn ask(
        &self,
        link: &Link,
        method: &str,
        params: Option<RawObject>,
        opts: RequestOptions,
    ) -> Result<Box<RawValue>, UpstreamError> {
        if link.envelope.era() == Era::Modern
            && (method == mcp::method::RESOURCES_SUBSCRIBE
                || method == mcp::method::RESOURCES_UNSUBSCRIBE)
        {
            return self
                .modern_subscription(link, method, params.as_ref(), &opts)
                .await;
        }
        let params = link.envelope.dress(params);
        let result = link.conn.peer.request(method, params, opts).await;
        if result.is_ok() {
            self.served.store(true, Ordering::Relaxed);
        }
        result.map_err(|e| match e {
            RequestError::Closed(reason) => UpstreamError::Closed(reason),
            other => UpstreamError::Request(other),
        })
    }

    /// Sends a notification if the upstream is connected. A modern upstream gets only what its
    /// revision kept (`notifications/cancelled`): it asks for roots itself, per request.
    pub(crate) fn notify(&self, method: &str, params: Option<Value>) {
        if let Some(link) = self.link() {
            if link.envelope.era() == Era::Modern && method != notification::CANCELLED {
                return;
            }
            link.conn.peer.notify(method, params);
        }
    }

    /// The revision the current connection speaks (`None` while not connected).
    pub(crate) fn era(&self) -> Option<Era> {
        self.link().map(|l| l.envelope.era())
    }

    pub(super) fn link(&self) -> Option<Arc<Link>> {
        self.lock().link.clone()
    }

    /// Waits for a connection being made (first start, restart) to be ready, at most the startup
    /// timeout; fails at once when the upstream is down or backing off (calls fail promptly
    /// rather than queue behind a crash loop).
    async fn wait_link(
        &self,
        cancel: Option<&CancellationToken>,
    ) -> Result<Arc<Link>, UpstreamError> {
        let mut changes = self.state_version.subscribe();
        let deadline = tokio::time::sleep(self.plan.startup_timeout);
        tokio::pin!(deadline);
        let never = CancellationToken::new();
        let cancel = cancel.unwrap_or(&never);
        loop {
            let connecting = {
                let inner = self.lock();
                if let Some(link) = &inner.link {
                    return Ok(link.clone());
                }
                matches!(inner.state, State::Connecting { .. })
            };
            if !connecting {
                return Err(self.unavailable());
            }
            tokio::select! {
                r = changes.changed() => if r.is_err() { return Err(self.unavailable()) },
                () = &mut deadline => return Err(self.unavailable()),
                () = cancel.cancelled() => return Err(UpstreamError::Request(RequestError::Cancelled)),
            }
        }
    }

    /// Describes why the upstream cannot take requests right now.
    pub(super) fn unavailable(&self) -> UpstreamError {
        let why = match self.state() {
            State::Connecting { attempt } if attempt > 1 => {
                format!("is restarting (attempt {attempt})")
            }
            State::Connecting { .. } => "is still starting".to_string(),
            State::Ready => "is not connected".to_string(),
            State::Failed { error, retrying } => {
                let then = if retrying { "; retrying" } else { "" };
                format!("failed: {error}{then}")
            }
            State::Retrying { attempt, delay } => {
                format!("is down; retry {attempt} in {delay:?}")
            }
            State::Stopped => "was stopped".to_string(),
        };
        UpstreamError::Closed(Arc::from(format!("server `{}` {why}", self.plan.name)))
    }

    /// Remembers a log level and applies it now and after every (re)start. Only a legacy
    /// connection has one: a modern upstream hears each request's own level in its `_meta`.
    pub(crate) fn set_log_level(&self, level: &str) {
        self.lock().log_level = Some(level.to_string());
        if let Some(link) = self.logging_link() {
            lifecycle::apply_log_level(&link, level);
        }
    }

    /// [`Upstream::set_log_level`], answered (or failed: it is only logged) before this returns,
    /// so that the next request's messages are logged at that level.
    pub(crate) async fn log_at(&self, level: &str, opts: RequestOptions) {
        self.lock().log_level = Some(level.to_string());
        if self.logging_link().is_none() {
            return;
        }
        let mut params = RawObject::new();
        params.set_value("level", level);
        if let Err(e) = self
            .request(mcp::method::SET_LEVEL, Some(params), opts)
            .await
        {
            tracing::debug!(server = self.name(), "logging/setLevel failed: {e}");
        }
    }

    /// The current connection, when it logs per connection (a legacy one that offers logging).
    fn logging_link(&self) -> Option<Arc<Link>> {
        self.link()
            .filter(|l| l.info.has("logging") && l.envelope.era() == Era::Legacy)
    }

    /// True when the current connection declared `capability` (e.g. `logging`, `completions`).
    pub(crate) fn supports(&self, capability: &str) -> bool {
        self.link().is_some_and(|l| l.info.has(capability))
    }

    /// Whether it is being stopped (or was).
    pub(crate) fn is_stopping(&self) -> bool {
        self.stop.is_cancelled()
    }

    /// How many requests are in progress.
    pub(crate) fn in_flight(&self) -> usize {
        *self.in_flight.borrow()
    }

    /// Stops the upstream once the requests in progress have ended, waiting for them at most
    /// `drain` (those still running then end with the connection). Whoever retires it sends it
    /// no new requests.
    pub(crate) async fn retire(&self, drain: Duration, grace: Duration) {
        let mut count = self.in_flight.subscribe();
        let _ = tokio::time::timeout(drain, count.wait_for(|n| *n == 0)).await;
        self.shutdown(grace).await;
    }

    /// Stops the upstream: closes its stdin / ends its HTTP session, then escalates after `grace`.
    pub(crate) async fn shutdown(&self, grace: Duration) {
        self.stop.cancel();
        let (link, starting) = {
            let mut inner = self.lock();
            (inner.link.take(), inner.starting.take())
        };
        if let Some(link) = link {
            link.conn.shutdown(grace).await;
        }
        if let Some(conn) = starting {
            conn.shutdown(grace).await;
        }
        self.lock().state = State::Stopped;
        self.state_changed();
    }

    /// Kills the upstream's process group at once (vmcp received a terminating signal twice).
    pub(crate) fn kill_now(&self) {
        self.stop.cancel();
        let (link, starting) = {
            let mut inner = self.lock();
            (inner.link.take(), inner.starting.take())
        };
        if let Some(link) = link {
            link.conn.kill_now();
        }
        if let Some(conn) = starting {
            conn.kill_now();
        }
    }
}
