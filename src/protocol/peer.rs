//! One side of a JSON-RPC connection, independent of the transport and of the role.
//!
//! vmcp talks to the AI client (as a server) and to every upstream (as a client) through the same
//! `Peer`: it numbers outgoing requests, matches responses, applies per-request timeouts that
//! progress resets, sends `notifications/cancelled` when a request is abandoned, routes
//! `notifications/progress` for its own requests to the caller, and runs incoming requests
//! concurrently with a cancellation token the other side can trigger.
//!
//! Notifications are delivered in arrival order on the reader task (no reordering), so handlers must
//! not block. Transports feed `Peer::receive` and drain the outgoing frame channel.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::value::RawValue;
use serde_json::{Map, Value, json};
use tokio::sync::{Notify, mpsc, oneshot};
use tokio_util::sync::CancellationToken;

use super::backlog::{Backlog, DEFAULT_MAX_QUEUED_BYTES};
use super::envelope::DecodeError;
use super::lines::BadLines;
use super::message::{
    ErrorObject, Message, Notification, Outcome, Request, RequestId, codes, empty_object, encode,
    encode_request, encode_response_line, to_raw,
};
use super::raw_object::RawObject;

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// Receives what the other side initiates.
pub trait Handler: Send + Sync + 'static {
    /// Handles a request; the returned outcome is sent back unless the request was cancelled.
    fn on_request(&self, request: IncomingRequest) -> BoxFuture<Outcome>;
    /// Handles a notification. Runs on the reader task: must not block.
    fn on_notification(&self, method: &str, params: Option<Box<RawValue>>);
}

/// A request received from the other side.
pub struct IncomingRequest {
    pub id: RequestId,
    pub method: String,
    pub params: Option<Box<RawValue>>,
    /// Cancelled when the other side sends `notifications/cancelled` or the connection closes.
    pub cancel: CancellationToken,
}

/// Called with the params of each `notifications/progress` for one outgoing request.
pub type ProgressSink = Arc<dyn Fn(Map<String, Value>) + Send + Sync>;

/// Options for one outgoing request.
#[derive(Default, Clone)]
pub struct RequestOptions {
    /// Fails the request when no response and no progress arrived for this long.
    pub timeout: Option<Duration>,
    /// Abandons the request (and tells the other side) when cancelled.
    pub cancel: Option<CancellationToken>,
    /// Asks for progress (`_meta.progressToken`) and receives it.
    pub progress: Option<ProgressSink>,
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

/// A frame to write, with the id of the request it carries (HTTP transports need it to report
/// transport failures against that request).
pub struct Frame {
    pub bytes: Vec<u8>,
    pub request_id: Option<i64>,
}

/// The frames a peer sends, in order, for its transport to write. Taking a frame counts it out
/// of the peer's [`Backlog`].
pub struct Frames {
    rx: mpsc::UnboundedReceiver<Frame>,
    backlog: Backlog,
}

impl Frames {
    /// The next frame; `None` once the peer and every clone of it are gone.
    pub async fn recv(&mut self) -> Option<Frame> {
        let frame = self.rx.recv().await?;
        self.backlog.remove(frame.bytes.len());
        Some(frame)
    }

    /// The next frame if one is queued.
    pub fn try_recv(&mut self) -> Option<Frame> {
        let frame = self.rx.try_recv().ok()?;
        self.backlog.remove(frame.bytes.len());
        Some(frame)
    }
}

impl Drop for Frames {
    fn drop(&mut self) {
        // Nobody writes anymore: readers waiting for room must not wait forever.
        self.backlog.close();
    }
}

struct Pending {
    tx: oneshot::Sender<Outcome>,
    progress: Option<ProgressSink>,
    /// When progress last arrived; the idle timer re-arms from it instead of being woken.
    last_progress: Option<tokio::time::Instant>,
}

struct Inner {
    label: Arc<str>,
    out: mpsc::UnboundedSender<Frame>,
    backlog: Backlog,
    next_id: AtomicI64,
    pending: Mutex<HashMap<i64, Pending>>,
    /// Why the transport refused a pending request (see [`Peer::refuse`]).
    refused: Mutex<HashMap<i64, Arc<str>>>,
    /// Requests from the other side being handled, until their handler returns (a cancelled one
    /// too: its id is not free for reuse before that).
    incoming: Mutex<HashMap<RequestId, CancellationToken>>,
    /// Woken whenever `incoming` becomes empty.
    idle: Notify,
    handler: Arc<dyn Handler>,
    closed: CancellationToken,
    close_reason: Mutex<Option<Arc<str>>>,
}

/// A cheap, cloneable handle on one JSON-RPC connection.
#[derive(Clone)]
pub struct Peer {
    inner: Arc<Inner>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Peer {
    /// Creates a peer; the transport must drain the returned frames and call [`Peer::receive`].
    pub fn new(label: impl Into<Arc<str>>, handler: Arc<dyn Handler>) -> (Peer, Frames) {
        let (out, rx) = mpsc::unbounded_channel();
        let backlog = Backlog::new(DEFAULT_MAX_QUEUED_BYTES);
        let inner = Inner {
            label: label.into(),
            out,
            backlog: backlog.clone(),
            next_id: AtomicI64::new(1),
            pending: Mutex::new(HashMap::new()),
            refused: Mutex::new(HashMap::new()),
            incoming: Mutex::new(HashMap::new()),
            idle: Notify::new(),
            handler,
            closed: CancellationToken::new(),
            close_reason: Mutex::new(None),
        };
        (
            Peer {
                inner: Arc::new(inner),
            },
            Frames { rx, backlog },
        )
    }

    /// The size of the outgoing queue: readers feeding this peer pause while it is full.
    pub fn backlog(&self) -> &Backlog {
        &self.inner.backlog
    }

    pub fn label(&self) -> &str {
        &self.inner.label
    }

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
                last_progress: None,
            },
        );
        let bytes = encode_request(&RequestId::Number(id), method, params.as_ref());
        self.send_frame(Frame {
            bytes,
            request_id: Some(id),
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
                    match (progressed, timer.as_mut()) {
                        (Some(at), Some((_, sleep))) if at + idle > tokio::time::Instant::now() => {
                            sleep.as_mut().reset(at + idle);
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
    fn abandon(&self, id: i64, reason: &str) {
        if lock(&self.inner.pending).remove(&id).is_some() {
            self.notify(
                "notifications/cancelled",
                Some(json!({ "requestId": id, "reason": reason })),
            );
        }
    }

    /// Sends a notification (never blocks; dropped silently once closed).
    pub fn notify(&self, method: &str, params: Option<Value>) {
        let bytes = encode(&Message::Notification(Notification {
            method: method.to_string(),
            params: params.map(|p| to_raw(&p)),
        }));
        self.send_frame(Frame {
            bytes,
            request_id: None,
        });
    }

    /// Sends a notification whose params are already raw JSON.
    pub fn notify_raw(&self, method: &str, params: Option<Box<RawValue>>) {
        let bytes = encode(&Message::Notification(Notification {
            method: method.to_string(),
            params,
        }));
        self.send_frame(Frame {
            bytes,
            request_id: None,
        });
    }

    pub fn send_frame(&self, frame: Frame) {
        let len = frame.bytes.len();
        // Fails only when the writer is gone, i.e. the connection is closed anyway.
        if self.inner.out.send(frame).is_ok() {
            self.inner.backlog.add(len);
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

    /// Deals with a message that could not be decoded (`excerpt`: its first bytes, for the
    /// log). An answer to one of our requests fails that request at once with the reason; a
    /// request with a readable id is answered with the error; what is left is answered with a
    /// `null` id ([`BadLines::Reply`]) or only logged ([`BadLines::Log`]). An answer is never
    /// answered.
    pub fn receive_unreadable(&self, err: &DecodeError, excerpt: &[u8], bad: BadLines) {
        let reason = &err.error.message;
        match (&err.id, err.answer) {
            (Some(RequestId::Number(id)), true)
                if self.refuse(*id, format!("its answer could not be read: {reason}")) => {}
            (Some(id), false) => self.reject(Some(id), &err.error),
            (None, false) if bad == BadLines::Reply => self.reject(None, &err.error),
            _ => tracing::warn!(
                peer = self.label(),
                line = %String::from_utf8_lossy(&excerpt[..excerpt.len().min(200)]),
                "ignored a message that is not JSON-RPC ({reason})"
            ),
        }
    }

    /// Feeds one message received by the transport.
    pub fn receive(&self, msg: Message) {
        match msg {
            Message::Response(r) => self.on_response(&r.id, r.outcome),
            Message::Notification(n) => self.on_notification(n),
            Message::Request(r) => self.on_request(r),
        }
    }

    fn on_response(&self, id: &RequestId, outcome: Outcome) {
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

    fn on_notification(&self, n: Notification) {
        match n.method.as_str() {
            "notifications/cancelled" => {
                // Read from the raw text: an id beyond i64 must match exactly.
                let id = RawObject::parse(n.params.as_deref()).ok().and_then(|p| {
                    p.get("requestId")
                        .and_then(|r| RequestId::from_json(r.get()))
                });
                // Cancelled, but kept until its handler returns: the id stays taken till then.
                if let Some(id) = id
                    && let Some(ct) = lock(&self.inner.incoming).get(&id)
                {
                    ct.cancel();
                }
            }
            "notifications/progress" => {
                if !self.route_progress(n.params.as_deref()) {
                    self.inner.handler.on_notification(&n.method, n.params);
                }
            }
            _ => self.inner.handler.on_notification(&n.method, n.params),
        }
    }

    /// Delivers progress for one of our own requests; false when the token is not ours.
    fn route_progress(&self, params: Option<&RawValue>) -> bool {
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

    fn on_request(&self, r: Request) {
        if r.method == "ping" {
            self.respond(&r.id, &Outcome::Result(empty_object()));
            return;
        }
        if self.is_closed() {
            // Nobody would read the answer: do not run it (it may have side effects).
            return;
        }
        let cancel = self.inner.closed.child_token();
        let taken = match lock(&self.inner.incoming).entry(r.id.clone()) {
            Entry::Occupied(_) => true,
            Entry::Vacant(slot) => {
                slot.insert(cancel.clone());
                false
            }
        };
        if taken {
            // Two requests under one id could not be told apart by their answers, nor
            // cancelled separately.
            let message = format!(
                "request id {} is already in use by a request in progress: use a new id",
                r.id
            );
            self.reject(
                Some(&r.id),
                &ErrorObject::new(codes::INVALID_REQUEST, message),
            );
            return;
        }
        let fut = self.inner.handler.on_request(IncomingRequest {
            id: r.id.clone(),
            method: r.method,
            params: r.params,
            cancel: cancel.clone(),
        });
        let peer = self.clone();
        tokio::spawn(async move {
            let outcome = fut.await;
            peer.finished(&r.id);
            // A cancelled request gets no response (MCP: the receiver SHOULD NOT respond).
            if !cancel.is_cancelled() {
                peer.respond(&r.id, &outcome);
            }
        });
    }

    /// The handler of request `id` from the other side returned.
    fn finished(&self, id: &RequestId) {
        let idle = {
            let mut incoming = lock(&self.inner.incoming);
            incoming.remove(id);
            incoming.is_empty()
        };
        if idle {
            self.inner.idle.notify_waiters();
        }
    }

    /// Sends a response to a request received from the other side.
    pub fn respond(&self, id: &RequestId, outcome: &Outcome) {
        self.send_frame(Frame {
            bytes: encode_response_line(Some(id), outcome),
            request_id: None,
        });
    }

    /// Replies to a line that could not be decoded.
    pub fn reject(&self, id: Option<&RequestId>, error: &ErrorObject) {
        self.send_frame(Frame {
            bytes: encode_response_line(id, &Outcome::error(error)),
            request_id: None,
        });
    }

    /// Marks the connection closed: pending requests fail, incoming ones are cancelled.
    pub fn close(&self, reason: impl Into<Arc<str>>) {
        {
            let mut r = lock(&self.inner.close_reason);
            if r.is_none() {
                *r = Some(reason.into());
            }
        }
        self.inner.closed.cancel();
        // Nothing more will be written: readers waiting for room go on (and see the close).
        self.inner.backlog.close();
        // Dropping the senders wakes every waiter with RequestError::Closed.
        lock(&self.inner.pending).clear();
        for (_, ct) in lock(&self.inner.incoming).drain() {
            ct.cancel();
        }
        self.inner.idle.notify_waiters();
    }

    /// Number of requests from the other side still being handled.
    pub fn in_flight(&self) -> usize {
        lock(&self.inner.incoming).len()
    }

    /// Resolves once no request from the other side is being handled (at once if none is).
    pub async fn idle(&self) {
        loop {
            let woken = self.inner.idle.notified();
            let mut woken = std::pin::pin!(woken);
            // Registered before looking, so an end between the look and the wait still wakes it.
            woken.as_mut().enable();
            if self.in_flight() == 0 {
                return;
            }
            woken.await;
        }
    }

    pub fn is_closed(&self) -> bool {
        self.inner.closed.is_cancelled()
    }

    /// Resolves once the connection is closed.
    pub async fn closed(&self) {
        self.inner.closed.cancelled().await;
    }

    pub fn close_reason(&self) -> Arc<str> {
        lock(&self.inner.close_reason)
            .clone()
            .unwrap_or_else(|| Arc::from("closed"))
    }

    /// A token cancelled when the connection closes (transports stop on it).
    pub fn closed_token(&self) -> CancellationToken {
        self.inner.closed.clone()
    }
}

#[cfg(test)]
#[path = "peer_tests.rs"]
mod tests;
