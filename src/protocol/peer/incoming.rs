//! Requests the other side sends: each runs concurrently in its own task with a cancellation
//! token the other side can trigger; its id stays taken until its handler returns, and the peer
//! knows how many are in flight (and when none is).

use std::collections::hash_map::Entry;
use std::future::Future;
use std::pin::Pin;

use serde_json::value::RawValue;
use tokio_util::sync::CancellationToken;

use super::{Peer, lock};
use crate::protocol::message::{ErrorObject, Outcome, Request, RequestId, codes, empty_object};
use crate::protocol::meta::raw_names_version;
use crate::protocol::raw_object::RawObject;

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

impl Peer {
    pub(super) fn on_request(&self, r: Request) {
        // A modern `ping` (2026-07-28 removed it) goes to the handler, which refuses it.
        if r.method == "ping" && !raw_names_version(r.params.as_deref()) {
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
    pub(super) fn finished(&self, id: &RequestId) {
        let idle = {
            let mut incoming = lock(&self.inner.incoming);
            incoming.remove(id);
            incoming.is_empty()
        };
        if idle {
            self.inner.idle.notify_waiters();
        }
    }

    /// The other side cancelled one of its requests (`notifications/cancelled`).
    pub(super) fn cancel_incoming(&self, params: Option<&RawValue>) {
        // Read from the raw text: an id beyond i64 must match exactly.
        let id = RawObject::parse(params).ok().and_then(|p| {
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

    /// Number of requests from the other side still being handled.
    pub(crate) fn in_flight(&self) -> usize {
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
}
