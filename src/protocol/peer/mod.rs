//! One side of a JSON-RPC connection, independent of the transport and of the role.
//!
//! vmcp talks to the AI client (as a server) and to every upstream (as a client) through the same
//! `Peer`: it numbers outgoing requests, matches responses, applies per-request timeouts that
//! progress resets, sends `notifications/cancelled` when a request is abandoned, routes
//! `notifications/progress` for its own requests to the caller, and runs incoming requests
//! concurrently with a cancellation token the other side can trigger.
//!
//! - `outgoing.rs`: requests this side sends (ids, timeouts that progress resets,
//!   cancellation, refusals);
//! - `incoming.rs`: requests the other side sends (the [`Handler`], cancellation, how many are
//!   in flight);
//! - `frames.rs`: what a peer writes, for its transport to drain.
//!
//! Notifications are delivered in arrival order on the reader task (no reordering), so handlers must
//! not block. Transports feed `Peer::receive` and drain the outgoing frame channel.

mod frames;
mod incoming;
mod outgoing;

use std::collections::HashMap;
use std::sync::atomic::AtomicI64;
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;
use serde_json::value::RawValue;
use tokio::sync::{Notify, mpsc};
use tokio_util::sync::CancellationToken;

use super::backlog::{Backlog, DEFAULT_MAX_QUEUED_BYTES};
use super::envelope::DecodeError;
use super::lines::BadLines;
use super::message::{
    ErrorObject, Message, Notification, Outcome, RequestId, encode, encode_response_line, to_raw,
};

pub use frames::{Answered, Frame, Frames};
pub use incoming::{BoxFuture, Handler, IncomingRequest};
pub use outgoing::{LogSink, ProgressSink, RequestError, RequestOptions};

use outgoing::Pending;

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

/// A handle that does not keep the connection alive: for a handler that needs its own peer
/// (the peer owns the handler, so a strong handle would be a cycle).
#[derive(Clone)]
pub(crate) struct WeakPeer(std::sync::Weak<Inner>);

impl WeakPeer {
    pub(crate) fn upgrade(&self) -> Option<Peer> {
        self.0.upgrade().map(|inner| Peer { inner })
    }
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

    pub(crate) fn downgrade(&self) -> WeakPeer {
        WeakPeer(Arc::downgrade(&self.inner))
    }

    /// Whether `other` is a handle on the same connection.
    pub(crate) fn is_same(&self, other: &Peer) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    pub fn label(&self) -> &str {
        &self.inner.label
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
            answer: None,
        });
    }

    /// Sends a notification whose params are already raw JSON.
    pub(crate) fn notify_raw(&self, method: &str, params: Option<Box<RawValue>>) {
        let bytes = encode(&Message::Notification(Notification {
            method: method.to_string(),
            params,
        }));
        self.send_frame(Frame {
            bytes,
            request_id: None,
            answer: None,
        });
    }

    pub fn send_frame(&self, frame: Frame) {
        let len = frame.bytes.len();
        // Fails only when the writer is gone, i.e. the connection is closed anyway.
        if self.inner.out.send(frame).is_ok() {
            self.inner.backlog.add(len);
        }
    }

    /// Deals with a message that could not be decoded (`excerpt`: its first bytes, for the
    /// log). An answer to one of our requests fails that request at once with the reason; a
    /// request with a readable id is answered with the error; what is left is answered with a
    /// `null` id ([`BadLines::Reply`]) or only logged ([`BadLines::Log`]). An answer is never
    /// answered.
    pub(crate) fn receive_unreadable(&self, err: &DecodeError, excerpt: &[u8], bad: BadLines) {
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

    /// Feeds one message that came with the answer to our request `request` (a transport that
    /// carries each request's messages apart): a log message goes to that request's log sink
    /// when it has one, anything else as [`Peer::receive`] does.
    pub(crate) fn receive_for(&self, request: Option<i64>, msg: Message) {
        match (request, msg) {
            (Some(id), Message::Notification(n)) if n.method == "notifications/message" => {
                match self.log_sink(id) {
                    Some(sink) => sink(n.params),
                    None => self.on_notification(n),
                }
            }
            (_, msg) => self.receive(msg),
        }
    }

    fn on_notification(&self, n: Notification) {
        match n.method.as_str() {
            "notifications/cancelled" => self.cancel_incoming(n.params.as_deref()),
            "notifications/progress" => {
                if !self.route_progress(n.params.as_deref()) {
                    self.inner.handler.on_notification(&n.method, n.params);
                }
            }
            _ => self.inner.handler.on_notification(&n.method, n.params),
        }
    }

    /// Sends a response to a request received from the other side.
    pub fn respond(&self, id: &RequestId, outcome: &Outcome) {
        let error = match outcome {
            Outcome::Result(_) => None,
            Outcome::Error(e) => crate::protocol::RawObject::parse(Some(e))
                .ok()
                .and_then(|o| o.get("code").and_then(|c| c.get().parse().ok())),
        };
        self.send_frame(Frame {
            bytes: encode_response_line(Some(id), outcome),
            request_id: None,
            answer: Some(Answered { error }),
        });
    }

    /// Replies to a line that could not be decoded.
    pub(crate) fn reject(&self, id: Option<&RequestId>, error: &ErrorObject) {
        self.send_frame(Frame {
            bytes: encode_response_line(id, &Outcome::error(error)),
            request_id: None,
            answer: Some(Answered {
                error: Some(error.code),
            }),
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

    pub(crate) fn is_closed(&self) -> bool {
        self.inner.closed.is_cancelled()
    }

    /// Resolves once the connection is closed.
    pub async fn closed(&self) {
        self.inner.closed.cancelled().await;
    }

    pub(crate) fn close_reason(&self) -> Arc<str> {
        lock(&self.inner.close_reason)
            .clone()
            .unwrap_or_else(|| Arc::from("closed"))
    }

    /// A token cancelled when the connection closes (transports stop on it).
    pub(crate) fn closed_token(&self) -> CancellationToken {
        self.inner.closed.clone()
    }
}

#[cfg(test)]
mod tests;
