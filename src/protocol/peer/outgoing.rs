//! Requests this side sends: numbered per connection, matched to their responses, failed after
//! an idle timeout that progress resets (and that does not run out while the other side waits
//! for an answer from this one), abandoned (with `notifications/cancelled`) when the
//! caller cancels, or refused by the transport with a reason.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::value::RawValue;
use serde_json::{Map, Value, json};
use tokio::sync::oneshot;
use tokio_util::sync::CancellationToken;

use super::{Frame, Peer, lock};
use crate::protocol::message::{ErrorObject, Outcome, RequestId, encode_request};
use crate::protocol::raw_object::RawObject;

/// Called with the params of each `notifications/progress` for one outgoing request.
pub type ProgressSink = Arc<dyn Fn(Map<String, Value>) + Send + Sync>;

/// Called with the params of each `notifications/message` that belongs to one outgoing request.
pub type LogSink = Arc<dyn Fn(Option<Box<RawValue>>) + Send + Sync>;

/// Options for one outgoing request.
#[derive(Default, Clone)]
pub struct RequestOptions {
    /// Fails the request when no response and no progress arrived for this long.
    pub timeout: Option<Duration>,
    /// Abandons the request (and tells the other side) when cancelled.
    pub cancel: Option<CancellationToken>,
    /// Asks for progress (`_meta.progressToken`) and receives it.
    pub progress: Option<ProgressSink>,
    /// Receives the log messages the transport can tell belong to this request (those that
    /// come with its answer: a streamable HTTP response's stream); the rest go to the handler.
    pub logs: Option<LogSink>,
}

/// Why an outgoing request produced no result.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RequestError {
    /// The other side answered with a JSON-RPC error (kept raw for passthrough).
    #[error("{}", describe_raw_error(.0))]
    Rpc(Arc<RawValue>),
    #[error("no response within {0:?}")]
    Timeout(Duration),
    #[error("cancelled")]
    Cancelled,
    #[error("connection closed: {0}")]
    Closed(Arc<str>),
    /// The transport could not deliver the request, or could not read its answer, and says why
    /// (the server wants other credentials; the answer was over the size limit, or not UTF-8);
    /// the connection itself is fine.
    #[error("{0}")]
    Refused(Arc<str>),
}

fn describe_raw_error(raw: &RawValue) -> String {
    match serde_json::from_str::<ErrorObject>(raw.get()) {
        Ok(e) => e.to_string(),
        Err(_) => raw.get().to_string(),
    }
}

pub(super) struct Pending {
    tx: oneshot::Sender<Outcome>,
    progress: Option<ProgressSink>,
    logs: Option<LogSink>,
    /// When progress last arrived; the idle timer re-arms from it instead of being woken.
    last_progress: Option<tokio::time::Instant>,
}

impl Peer {
    /// Sends a request and waits for its result.
    pub async fn request(
        &self,
        method: &str,
        params: Option<RawObject>,
        opts: RequestOptions,
    ) -> Result<Box<RawValue>, RequestError> {
        if self.inner.closed.is_cancelled() {
            return Err(RequestError::Closed(self.close_reason()));
        }
        let id = self.inner.next_id.fetch_add(1, Ordering::Relaxed);
        let mut params = params;
        if opts.progress.is_some() {
            // Progress for this request is reported under its own id (unique per connection).
            let p = params.get_or_insert_with(RawObject::new);
            let mut meta = p.get_object("_meta").unwrap_or_default();
            meta.insert("progressToken".into(), Value::from(id));
            p.set_value("_meta", &meta);
        }
        let (tx, mut rx) = oneshot::channel();
        lock(&self.inner.pending).insert(
            id,
            Pending {
                tx,
                progress: opts.progress.clone(),
                logs: opts.logs.clone(),
                last_progress: None,
            },
        );
        let bytes = encode_request(&RequestId::Number(id), method, params.as_ref());
        self.send_frame(Frame {
            bytes,
            request_id: Some(id),
            answer: None,
        });

        let cancel = opts.cancel.unwrap_or_default();
        // At most one timer per request, re-armed from the last progress (an idle timeout).
        let mut timer = opts.timeout.map(|d| (d, Box::pin(tokio::time::sleep(d))));
        let outcome = loop {
            let expired = async {
                match timer.as_mut() {
                    Some((_, sleep)) => sleep.as_mut().await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                biased;
                r = &mut rx => break r.map_err(|_| match lock(&self.inner.refused).remove(&id) {
                    Some(reason) => RequestError::Refused(reason),
                    None => RequestError::Closed(self.close_reason()),
                }),
                () = expired => {
                    let idle = timer.as_ref().map(|(d, _)| *d).unwrap_or_default();
                    let progressed = lock(&self.inner.pending).get(&id).and_then(|p| p.last_progress);
                    let now = tokio::time::Instant::now();
                    match (progressed, timer.as_mut()) {
                        (Some(at), Some((_, sleep))) if at + idle > now => {
                            sleep.as_mut().reset(at + idle);
                        }
                        // The other side waits on us (it asked for input, which may take a
                        // person's time): it is not idle.
                        (_, Some((_, sleep))) if self.in_flight() > 0 => {
                            sleep.as_mut().reset(now + idle);
                        }
                        _ => {
                            self.abandon(id, "request timed out");
                            return Err(RequestError::Timeout(idle));
                        }
                    }
                }
                () = cancel.cancelled() => {
                    self.abandon(id, "cancelled by the client");
                    return Err(RequestError::Cancelled);
                }
                () = self.inner.closed.cancelled() => {
                    lock(&self.inner.pending).remove(&id);
                    return Err(RequestError::Closed(self.close_reason()));
                }
            }
        };
        match outcome? {
            Outcome::Result(r) => Ok(r),
            Outcome::Error(e) => Err(RequestError::Rpc(Arc::from(e))),
        }
    }

    /// Forgets a pending request and tells the other side to stop working on it.
    pub(super) fn abandon(&self, id: i64, reason: &str) {
        if lock(&self.inner.pending).remove(&id).is_some() {
            self.notify(
                "notifications/cancelled",
                Some(json!({ "requestId": id, "reason": reason })),
            );
        }
    }

    /// Fails a pending request with a transport-level reason (not a JSON-RPC error of the
    /// server); false when no such request is pending.
    pub fn refuse(&self, id: i64, reason: impl Into<Arc<str>>) -> bool {
        lock(&self.inner.refused).insert(id, reason.into());
        // Dropping the sender wakes the waiter, which finds the reason.
        if lock(&self.inner.pending).remove(&id).is_none() {
            lock(&self.inner.refused).remove(&id);
            return false;
        }
        true
    }

    /// Whether a request of ours with this id still waits for its response.
    pub(crate) fn awaits(&self, id: &RequestId) -> bool {
        match id {
            RequestId::Number(n) => lock(&self.inner.pending).contains_key(n),
            RequestId::String(_) | RequestId::Other(_) => false,
        }
    }

    pub(super) fn on_response(&self, id: &RequestId, outcome: Outcome) {
        let pending = match id {
            RequestId::Number(n) => lock(&self.inner.pending).remove(n),
            RequestId::String(_) | RequestId::Other(_) => None,
        };
        match pending {
            Some(p) => {
                let _ = p.tx.send(outcome);
            }
            None => {
                tracing::debug!(peer = %self.inner.label, %id, "response to an unknown or abandoned request");
            }
        }
    }

    /// The log sink of pending request `id`, if it has one.
    pub(super) fn log_sink(&self, id: i64) -> Option<LogSink> {
        lock(&self.inner.pending)
            .get(&id)
            .and_then(|p| p.logs.clone())
    }

    /// Delivers progress for one of our own requests; false when the token is not ours.
    pub(super) fn route_progress(&self, params: Option<&RawValue>) -> bool {
        let Some(map) =
            params.and_then(|p| serde_json::from_str::<Map<String, Value>>(p.get()).ok())
        else {
            return false;
        };
        let Some(token) = map.get("progressToken").and_then(Value::as_i64) else {
            return false;
        };
        let sink = {
            let mut pending = lock(&self.inner.pending);
            match pending.get_mut(&token) {
                Some(p) => {
                    p.last_progress = Some(tokio::time::Instant::now());
                    p.progress.clone()
                }
                None => return false,
            }
        };
        if let Some(sink) = sink {
            sink(map);
        }
        true
    }
}
