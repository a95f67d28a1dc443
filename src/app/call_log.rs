//! Recording the calls of every session of the process: each session reports its completed
//! calls to an observer that only appends them to the process's one list; one background task
//! writes the list to the store in batches (every second, or as soon as 1,024 calls wait), so
//! the call path never waits for the disk or the store's lock, no task is woken per call, and
//! sessions that end (a `vmcp serve` client leaving) cost no write of their own: a hundred
//! sessions ending at once were a hundred serialised, synced transactions.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use crate::session::{CallObserver, CompletedCall};
use crate::store::calls::SETTING_ENABLED;
use crate::store::{CallRecord, Store};
use crate::support::batch::{Batch, Flush};

/// How long calls may wait in memory before they are written.
pub(crate) const FLUSH_INTERVAL: Duration = Duration::from_secs(1);
/// Calls written in one transaction at most.
pub(crate) const MAX_BATCH: usize = 1024;

/// The observer handed to the session: a push under a lock, no task wakeup per call.
struct Queue {
    vmcp: String,
    pending: Arc<Batch<CallRecord>>,
}

impl CallObserver for Queue {
    fn completed(&self, c: CompletedCall) {
        let at_us = crate::support::clock::micros_at(c.started);
        let record = CallRecord {
            at_us,
            vmcp: self.vmcp.clone(),
            server: c.server,
            kind: c.kind.as_str().to_string(),
            name: c.name,
            exposed: c.exposed,
            duration_us: u64::try_from(c.duration.as_micros()).unwrap_or(u64::MAX),
            ok: c.ok,
            response_bytes: u64::try_from(c.response_bytes).unwrap_or(u64::MAX),
            caller: c.caller.map(|c| c.to_string()),
        };
        // Unbounded: every call is recorded.
        let _ = self.pending.push(record);
    }
}

/// The process's call log: observers for its sessions, and the writer's flush on demand (at
/// exit). Cloning it shares it.
#[derive(Clone)]
pub(crate) struct CallLog {
    flush: mpsc::UnboundedSender<Flush>,
    pending: Arc<Batch<CallRecord>>,
}

impl CallLog {
    /// Starts recording, unless the `call-log.enabled` setting is `false` (read once: the
    /// process's sessions share this log).
    pub(crate) fn start(store: &Store) -> Option<CallLog> {
        match store.settings() {
            Ok(s) if s.get(SETTING_ENABLED).is_some_and(|v| v == "false") => return None,
            Ok(_) => {}
            Err(e) => tracing::warn!("cannot read the settings ({e}); recording calls anyway"),
        }
        let pending = Arc::new(Batch::new(MAX_BATCH, usize::MAX));
        let (flush, requests) = mpsc::unbounded_channel();
        tokio::spawn(write_loop(store.clone(), pending.clone(), requests));
        Some(CallLog { flush, pending })
    }

    /// What a session of vMCP `vmcp` reports its calls to.
    pub(crate) fn observer(&self, vmcp: &str) -> Arc<dyn CallObserver> {
        Arc::new(Queue {
            vmcp: vmcp.to_string(),
            pending: self.pending.clone(),
        })
    }

    /// Writes everything queued so far; bounded by `limit`.
    pub(crate) async fn flush(&self, limit: Duration) {
        let (done, wait) = oneshot::channel();
        if self.flush.send(done).is_ok() {
            let _ = tokio::time::timeout(limit, wait).await;
        }
    }
}

async fn write_loop(
    store: Store,
    pending: Arc<Batch<CallRecord>>,
    mut requests: mpsc::UnboundedReceiver<Flush>,
) {
    while let Some(waiters) = pending.due(&mut requests, FLUSH_INTERVAL).await {
        // Batches of at most MAX_BATCH keep each write transaction short.
        for batch in pending.take() {
            let store = store.clone();
            let written = tokio::task::spawn_blocking(move || store.append_calls(&batch)).await;
            match written {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::warn!("could not record calls: {e}"),
                Err(e) => tracing::warn!("could not record calls: {e}"),
            }
        }
        for w in waiters {
            let _ = w.send(());
        }
    }
}
