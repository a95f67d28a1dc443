//! Recording the calls of a `vmcp stdio` session: the session reports each completed call to
//! an observer that only appends it to a shared list; a background task writes the list to the
//! store in batches (every second, or as soon as 1,024 calls wait), so the call path never waits
//! for the disk or the store's lock, and no task is woken per call.

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

/// The writer side: flushes on demand (at shutdown).
pub(crate) struct CallLog {
    flush: mpsc::UnboundedSender<Flush>,
}

impl CallLog {
    /// Starts recording for vMCP `vmcp`, unless the `call-log.enabled` setting is `false`.
    pub(crate) fn start(store: &Store, vmcp: &str) -> Option<(CallLog, Arc<dyn CallObserver>)> {
        match store.settings() {
            Ok(s) if s.get(SETTING_ENABLED).is_some_and(|v| v == "false") => return None,
            Ok(_) => {}
            Err(e) => tracing::warn!("cannot read the settings ({e}); recording calls anyway"),
        }
        let pending = Arc::new(Batch::new(MAX_BATCH, usize::MAX));
        let (flush, requests) = mpsc::unbounded_channel();
        tokio::spawn(write_loop(store.clone(), pending.clone(), requests));
        let queue = Arc::new(Queue {
            vmcp: vmcp.to_string(),
            pending,
        });
        Some((CallLog { flush }, queue))
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
