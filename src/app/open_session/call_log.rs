//! Recording the calls of a `vmcp stdio` session: the session reports each completed call to
//! an observer that only appends it to a shared list; a background task writes the list to the
//! store in batches (every second, or as soon as 1,024 calls wait), so the call path never waits
//! for the disk or the store's lock, and no task is woken per call.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{Notify, mpsc, oneshot};

use crate::session::{CallObserver, CompletedCall};
use crate::store::calls::SETTING_ENABLED;
use crate::store::{CallRecord, Store};

/// How long calls may wait in memory before they are written.
pub(crate) const FLUSH_INTERVAL: Duration = Duration::from_secs(1);
/// Calls written in one transaction at most.
pub(crate) const MAX_BATCH: usize = 1024;

/// Calls completed but not yet written, shared by the observer and the writer.
#[derive(Default)]
struct Pending {
    calls: Mutex<Vec<CallRecord>>,
    /// Woken by the first call of a batch: starts the `FLUSH_INTERVAL` clock (an idle session
    /// wakes for nothing).
    first: Notify,
    /// Woken when a batch is full.
    full: Notify,
}

impl Pending {
    fn take(&self) -> Vec<CallRecord> {
        std::mem::take(&mut *self.calls.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// The observer handed to the session: a push under a lock, no task wakeup per call.
struct Queue {
    vmcp: String,
    pending: Arc<Pending>,
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
        let queued = {
            let mut calls = self
                .pending
                .calls
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            calls.push(record);
            calls.len()
        };
        if queued == 1 {
            self.pending.first.notify_one();
        } else if queued == MAX_BATCH {
            self.pending.full.notify_one();
        }
    }
}

/// The writer side: flushes on demand (at shutdown).
pub(crate) struct CallLog {
    flush: mpsc::UnboundedSender<oneshot::Sender<()>>,
}

impl CallLog {
    /// Starts recording for vMCP `vmcp`, unless the `call-log.enabled` setting is `false`.
    pub(crate) fn start(store: &Store, vmcp: &str) -> Option<(CallLog, Arc<dyn CallObserver>)> {
        match store.settings() {
            Ok(s) if s.get(SETTING_ENABLED).is_some_and(|v| v == "false") => return None,
            Ok(_) => {}
            Err(e) => tracing::warn!("cannot read the settings ({e}); recording calls anyway"),
        }
        let pending = Arc::new(Pending::default());
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
    pending: Arc<Pending>,
    mut requests: mpsc::UnboundedReceiver<oneshot::Sender<()>>,
) {
    let mut waiters: Vec<oneshot::Sender<()>> = Vec::new();
    loop {
        let mut request = tokio::select! {
            r = requests.recv() => Some(r),
            () = pending.first.notified() => None,
        };
        if request.is_none() {
            request = tokio::select! {
                r = requests.recv() => Some(r),
                () = pending.full.notified() => None,
                () = tokio::time::sleep(FLUSH_INTERVAL) => None,
            };
        }
        match request {
            Some(Some(w)) => waiters.push(w),
            Some(None) => return,
            None => {}
        }
        while let Ok(w) = requests.try_recv() {
            waiters.push(w);
        }
        // Batches of at most MAX_BATCH keep each write transaction short.
        let mut calls = pending.take();
        while !calls.is_empty() {
            let rest = calls.split_off(calls.len().min(MAX_BATCH));
            let batch = std::mem::replace(&mut calls, rest);
            let store = store.clone();
            let written = tokio::task::spawn_blocking(move || store.append_calls(&batch)).await;
            match written {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::warn!("could not record calls: {e}"),
                Err(e) => tracing::warn!("could not record calls: {e}"),
            }
        }
        for w in waiters.drain(..) {
            let _ = w.send(());
        }
    }
}
