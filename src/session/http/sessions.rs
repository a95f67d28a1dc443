//! The legacy (2025-11-25) MCP sessions of `vmcp serve`: each is one Session of its own, built by
//! the opener on `initialize` and torn down as a unit (its upstreams stopped) on DELETE, when it
//! stayed idle past the TTL, or when it is the least recently used one and a new session would
//! exceed the cap. The table is shared by every vMCP's endpoint, so the cap is the server's.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_util::sync::CancellationToken;

use super::super::runtime::{Session, lock};
use super::Opened;
use super::exchange::Running;
use crate::protocol::{Frames, Peer, RequestId};

/// Idle time after which a legacy session ends (`--session-ttl`).
pub(crate) const DEFAULT_SESSION_TTL: Duration = Duration::from_secs(30 * 60);
/// Live legacy sessions at most (`--max-sessions`).
pub(crate) const DEFAULT_MAX_SESSIONS: usize = 256;
/// Requests in progress at most per legacy session (`--max-concurrent`): more are refused at
/// once (429), never queued. Generous for an agent's parallel tool calls; a bound on what one
/// runaway client holds of the server and its upstreams.
pub(crate) const DEFAULT_MAX_CONCURRENT: usize = 32;

/// One legacy client's session.
pub(crate) struct Legacy {
    pub(super) id: String,
    /// The vMCP it serves.
    pub(super) vmcp: String,
    pub(super) session: Arc<Session>,
    /// Where the session's own messages go (list changes, forwarded requests, logging): the
    /// GET stream, while one is open.
    pub(super) connection: Peer,
    /// The connection's frames, while no GET stream holds them.
    pub(super) frames: Mutex<Option<Frames>>,
    /// Who opened it: only that caller may use it.
    pub(super) caller: Option<Arc<str>>,
    /// Requests in progress, by id (the client cancels them by id).
    pub(super) running: Mutex<HashMap<RequestId, Running>>,
    pub(super) streaming: AtomicBool,
    last_used: Mutex<Instant>,
    /// Cancelled when the session ends: its GET stream and requests end.
    pub(super) ended: CancellationToken,
    opened: Mutex<Option<Box<dyn Opened>>>,
    /// One permit per request in progress (`--max-concurrent`).
    slots: Arc<Semaphore>,
}

impl Legacy {
    pub(super) fn new(
        id: String,
        vmcp: String,
        opened: Box<dyn Opened>,
        caller: Option<Arc<str>>,
        max_concurrent: usize,
    ) -> Legacy {
        let session = opened.session().clone();
        let _ = session.trace_labels.session_id.set(id.clone());
        let (connection, frames) = super::super::server::connection_peer(&session);
        Legacy {
            id,
            vmcp,
            session,
            connection,
            frames: Mutex::new(Some(frames)),
            caller,
            running: Mutex::new(HashMap::new()),
            streaming: AtomicBool::new(false),
            last_used: Mutex::new(Instant::now()),
            ended: CancellationToken::new(),
            opened: Mutex::new(Some(opened)),
            slots: Arc::new(Semaphore::new(max_concurrent.max(1))),
        }
    }

    /// A place for one more request in progress, held until it is answered; `None` when the
    /// session has `--max-concurrent` already.
    pub(super) fn admit(&self) -> Option<OwnedSemaphorePermit> {
        self.slots.clone().try_acquire_owned().ok()
    }

    pub(super) fn touch(&self) {
        *lock(&self.last_used) = Instant::now();
    }

    /// In use: a request in progress or a GET stream open.
    fn busy(&self) -> bool {
        self.streaming.load(Ordering::Acquire) || !lock(&self.running).is_empty()
    }

    /// Ends the session: its streams and requests, then its upstreams (and the call log and
    /// catalog cache are written).
    pub(super) async fn close(&self, why: &str) {
        tracing::info!(session = %self.id, vmcp = %self.vmcp, "ending the session ({why})");
        self.ended.cancel();
        for (_, r) in lock(&self.running).drain() {
            r.peer.close(why.to_string());
        }
        self.connection.close(why.to_string());
        let opened = lock(&self.opened).take();
        if let Some(opened) = opened {
            opened.close().await;
        }
    }
}

/// Every live legacy session, by id.
pub(crate) struct Sessions {
    map: Mutex<HashMap<String, Arc<Legacy>>>,
    ttl: Duration,
    max: usize,
    /// Requests in progress at most per session.
    pub(super) max_concurrent: usize,
}

impl Sessions {
    pub(crate) fn new(ttl: Duration, max: usize, max_concurrent: usize) -> Sessions {
        Sessions {
            map: Mutex::new(HashMap::new()),
            ttl,
            max: max.max(1),
            max_concurrent: max_concurrent.max(1),
        }
    }

    pub(crate) fn len(&self) -> usize {
        lock(&self.map).len()
    }

    /// The Sessions of vMCP `vmcp`'s live legacy sessions.
    pub(crate) fn of(&self, vmcp: &str) -> Vec<Arc<Session>> {
        lock(&self.map)
            .values()
            .filter(|s| s.vmcp == vmcp)
            .map(|s| s.session.clone())
            .collect()
    }

    /// The session `id`, marked used now.
    pub(super) fn get(&self, id: &str) -> Option<Arc<Legacy>> {
        let found = lock(&self.map).get(id).cloned();
        if let Some(s) = &found {
            s.touch();
        }
        found
    }

    /// Adds a session; returns the ones evicted to stay within the cap (least recently used
    /// first, busy or not: the cap is a promise about resources).
    pub(super) fn insert(&self, session: Arc<Legacy>) -> Vec<Arc<Legacy>> {
        let mut map = lock(&self.map);
        let mut evicted = Vec::new();
        while map.len() >= self.max {
            let Some(oldest) = map
                .values()
                .min_by_key(|s| *lock(&s.last_used))
                .map(|s| s.id.clone())
            else {
                break;
            };
            evicted.extend(map.remove(&oldest));
        }
        map.insert(session.id.clone(), session);
        evicted
    }

    pub(super) fn remove(&self, id: &str) -> Option<Arc<Legacy>> {
        lock(&self.map).remove(id)
    }

    /// Takes out the sessions idle for longer than the TTL.
    pub(crate) fn take_expired(&self) -> Vec<Arc<Legacy>> {
        let now = Instant::now();
        let mut map = lock(&self.map);
        let expired: Vec<String> = map
            .values()
            .filter(|s| !s.busy() && now.duration_since(*lock(&s.last_used)) >= self.ttl)
            .map(|s| s.id.clone())
            .collect();
        expired.iter().filter_map(|id| map.remove(id)).collect()
    }

    /// Takes out every session (the server stops).
    pub(crate) fn take_all(&self) -> Vec<Arc<Legacy>> {
        lock(&self.map).drain().map(|(_, s)| s).collect()
    }

    /// How often to look for expired sessions: often enough that one outlives its TTL by at
    /// most a quarter of it, at most four times a second and at least once a minute.
    pub(crate) fn sweep_interval(&self) -> Duration {
        (self.ttl / 4).clamp(Duration::from_millis(250), Duration::from_secs(60))
    }
}

/// Ends each of `sessions` (in parallel).
pub(crate) async fn close_all(sessions: Vec<Arc<Legacy>>, why: &str) {
    futures_util::future::join_all(sessions.iter().map(|s| s.close(why))).await;
}

/// Ends expired sessions every [`Sessions::sweep_interval`] until `stop`.
pub(crate) async fn sweep(sessions: Arc<Sessions>, stop: CancellationToken) {
    let mut tick = tokio::time::interval(sessions.sweep_interval());
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = stop.cancelled() => return,
            _ = tick.tick() => {}
        }
        let expired = sessions.take_expired();
        if !expired.is_empty() {
            close_all(expired, "idle past the session TTL").await;
        }
    }
}
