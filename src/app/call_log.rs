//! Recording the calls of a `vmcp stdio` session: the session reports each completed call to
//! an observer that only queues it; a background task writes the queue to the store in batches
//! (every second, or every 256 calls), so the call path never waits for the disk or the lock.

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use tokio::sync::{mpsc, oneshot};

use crate::session::{CallObserver, CompletedCall};
use crate::store::calls::SETTING_ENABLED;
use crate::store::{CallRecord, Store};

/// How long calls may wait in memory before they are written.
pub const FLUSH_INTERVAL: Duration = Duration::from_secs(1);
/// Calls written in one transaction at most.
pub const MAX_BATCH: usize = 256;

enum Msg {
    Call(CallRecord),
    Flush(oneshot::Sender<()>),
}

/// The observer handed to the session.
struct Queue {
    vmcp: String,
    tx: mpsc::UnboundedSender<Msg>,
}

impl CallObserver for Queue {
    fn completed(&self, c: CompletedCall) {
        let at_us = c
            .started
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX));
        let _ = self.tx.send(Msg::Call(CallRecord {
            at_us,
            vmcp: self.vmcp.clone(),
            server: c.server,
            kind: c.kind.as_str().to_string(),
            name: c.name,
            exposed: c.exposed,
            duration_us: u64::try_from(c.duration.as_micros()).unwrap_or(u64::MAX),
            ok: c.ok,
            response_bytes: u64::try_from(c.response_bytes).unwrap_or(u64::MAX),
        }));
    }
}

/// The writer side: flushes on demand (at shutdown).
pub struct CallLog {
    tx: mpsc::UnboundedSender<Msg>,
}

impl CallLog {
    /// Starts recording for vMCP `vmcp`, unless the `call-log.enabled` setting is `false`.
    pub fn start(store: &Store, vmcp: &str) -> Option<(CallLog, Arc<dyn CallObserver>)> {
        match store.settings() {
            Ok(s) if s.get(SETTING_ENABLED).is_some_and(|v| v == "false") => return None,
            Ok(_) => {}
            Err(e) => tracing::warn!("cannot read the settings ({e}); recording calls anyway"),
        }
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(write_loop(store.clone(), rx));
        let queue = Arc::new(Queue {
            vmcp: vmcp.to_string(),
            tx: tx.clone(),
        });
        Some((CallLog { tx }, queue))
    }

    /// Writes everything queued so far; bounded by `limit`.
    pub async fn flush(&self, limit: Duration) {
        let (done, wait) = oneshot::channel();
        if self.tx.send(Msg::Flush(done)).is_ok() {
            let _ = tokio::time::timeout(limit, wait).await;
        }
    }
}

async fn write_loop(store: Store, mut rx: mpsc::UnboundedReceiver<Msg>) {
    let mut batch = Vec::new();
    let mut waiters: Vec<oneshot::Sender<()>> = Vec::new();
    loop {
        let first = rx.recv().await;
        match first {
            None => return,
            Some(Msg::Call(c)) => batch.push(c),
            Some(Msg::Flush(w)) => waiters.push(w),
        }
        let deadline = tokio::time::Instant::now() + FLUSH_INTERVAL;
        while waiters.is_empty() && batch.len() < MAX_BATCH {
            tokio::select! {
                m = rx.recv() => match m {
                    Some(Msg::Call(c)) => batch.push(c),
                    Some(Msg::Flush(w)) => waiters.push(w),
                    None => break,
                },
                () = tokio::time::sleep_until(deadline) => break,
            }
        }
        // Everything already queued goes into this batch too.
        while let Ok(m) = rx.try_recv() {
            match m {
                Msg::Call(c) => batch.push(c),
                Msg::Flush(w) => waiters.push(w),
            }
        }
        if !batch.is_empty() {
            let calls = std::mem::take(&mut batch);
            let store = store.clone();
            let written = tokio::task::spawn_blocking(move || store.append_calls(&calls)).await;
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
