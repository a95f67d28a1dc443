//! The 2025-11-25 side of the endpoint: `initialize` opens a Session of its own, its requests
//! run in it (answers on the POST, its own messages on the GET stream), DELETE ends it.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use bytes::Bytes;
use http::HeaderMap;
use tokio::sync::{OwnedSemaphorePermit, mpsc};
use tokio_util::sync::CancellationToken;

use super::exchange::{Answer, Exchange, KEEP_ALIVE, SSE_COMMENT, sse_event};
use super::reply::{
    Accepts, accepts, legacy_reply, not_allowed, rpc_error, session_not_found, status,
    stream_response,
};
use super::sessions::{Legacy, close_all};
use super::{Endpoint, session_header};
use crate::protocol::http_server::{Body, response, streamed};
use crate::protocol::mcp::notification;
use crate::protocol::message::{Notification, Request};
use crate::protocol::{ErrorObject, Message, RawObject, RequestId, codes};
use crate::session::runtime::lock;

impl Endpoint {
    pub(super) async fn initialize(
        &self,
        r: Request,
        accepts: &Accepts,
        caller: Option<Arc<str>>,
    ) -> http::Response<Body> {
        let Some(id) = crate::support::secret::random_hex(16) else {
            return rpc_error(
                500,
                Some(&r.id),
                &ErrorObject::internal("no randomness for a session id"),
            );
        };
        let opened = match self.opener.open().await {
            Ok(o) => o,
            Err(e) => {
                tracing::error!(vmcp = %self.vmcp, "cannot open a session: {e}");
                return rpc_error(
                    500,
                    Some(&r.id),
                    &ErrorObject::internal(format!("cannot open vMCP `{}`: {e}", self.vmcp)),
                );
            }
        };
        let session = Arc::new(Legacy::new(
            id.clone(),
            self.vmcp.clone(),
            opened,
            caller,
            self.sessions.max_concurrent,
        ));
        let evicted = self.sessions.insert(session.clone());
        if !evicted.is_empty() {
            tokio::spawn(close_all(
                evicted,
                "evicted: the server holds --max-sessions sessions",
            ));
        }
        tracing::info!(session = %id, vmcp = %self.vmcp, live = self.sessions.len(), "session opened");
        let answer = self.run_legacy(&session, r, accepts, None).await;
        if let Answer::Json { error: Some(_), .. } = &answer
            && let Some(s) = self.sessions.remove(&id)
        {
            s.close("its initialize failed").await;
            return legacy_reply(answer, None);
        }
        legacy_reply(answer, Some(&id))
    }

    /// Runs a request of legacy session `s`, where the client's cancellation can find it;
    /// `permit` (its place among the session's requests in progress) is held until it is
    /// answered.
    pub(super) async fn run_legacy(
        &self,
        s: &Arc<Legacy>,
        r: Request,
        accepts: &Accepts,
        permit: Option<OwnedSemaphorePermit>,
    ) -> Answer {
        let id = r.id.clone();
        let exchange = Exchange {
            session: s.session.clone(),
            connection: Some(s.connection.clone()),
            closing: s.ended.clone(),
            caller: s.caller.clone(),
            stream_only: !accepts.json,
            cancel_on_disconnect: false,
        };
        let answer = exchange
            .run(r, |running| {
                lock(&s.running).insert(id.clone(), running);
            })
            .await;
        // A streamed answer is still running: it leaves the table when its stream ends.
        match &answer {
            Answer::Json { .. } => {
                lock(&s.running).remove(&id);
            }
            Answer::Stream(_) => {
                let s = s.clone();
                let running = lock(&s.running).get(&id).cloned();
                if let Some(running) = running {
                    tokio::spawn(async move {
                        running.peer.closed().await;
                        lock(&s.running).remove(&id);
                        s.touch();
                        drop(permit);
                    });
                }
            }
        }
        answer
    }

    /// GET: a legacy session's stream of its own messages.
    pub(super) fn get(
        &self,
        headers: &HeaderMap,
        caller: Option<&Arc<str>>,
    ) -> http::Response<Body> {
        let Some(id) = session_header(headers) else {
            return not_allowed(
                "POST",
                "no GET stream without a session (2026-07-28 has none; 2025-11-25 clients send Mcp-Session-Id)",
            );
        };
        let Some(s) = self.legacy(id, caller) else {
            return session_not_found();
        };
        if !accepts(headers).stream {
            return response(406, "text/plain", "the GET stream is text/event-stream\n");
        }
        let Some(frames) = lock(&s.frames).take() else {
            return rpc_error(
                409,
                None,
                &ErrorObject::new(
                    codes::INVALID_REQUEST,
                    "this session's GET stream is already open",
                ),
            );
        };
        s.streaming.store(true, Ordering::Release);
        let (tx, rx) = mpsc::channel(32);
        tokio::spawn(session_stream(s, frames, tx, self.closing.clone()));
        stream_response(streamed(rx))
    }

    /// DELETE: the client ends its legacy session.
    pub(super) async fn delete(
        &self,
        headers: &HeaderMap,
        caller: Option<&Arc<str>>,
    ) -> http::Response<Body> {
        let Some(id) = session_header(headers) else {
            return not_allowed("POST", "nothing to delete without an Mcp-Session-Id");
        };
        if self.legacy(id, caller).is_none() {
            return session_not_found();
        }
        match self.sessions.remove(id) {
            Some(s) => {
                s.close("the client deleted it").await;
                status(200)
            }
            None => session_not_found(),
        }
    }
}

/// A legacy client's notification: a cancellation goes to the request it names, the rest to the
/// session.
pub(super) fn notify(s: &Legacy, n: Notification) {
    if n.method == notification::CANCELLED {
        let target = RawObject::parse(n.params.as_deref())
            .ok()
            .and_then(|p| {
                p.get("requestId")
                    .and_then(|r| RequestId::from_json(r.get()))
            })
            .and_then(|id| lock(&s.running).get(&id).cloned());
        if let Some(running) = target {
            running.peer.receive(Message::Notification(n));
            running.cancelled.cancel();
        }
        return;
    }
    s.connection.receive(Message::Notification(n));
}

/// Writes a legacy session's own messages to its GET stream until the client leaves, the
/// session ends or the server drains; then gives the frames back for the next GET.
async fn session_stream(
    s: Arc<Legacy>,
    mut frames: crate::protocol::Frames,
    tx: mpsc::Sender<Bytes>,
    closing: CancellationToken,
) {
    loop {
        let chunk = tokio::select! {
            () = s.ended.cancelled() => break,
            () = closing.cancelled() => break,
            () = tx.closed() => break,
            frame = frames.recv() => match frame {
                Some(f) => sse_event(&f.bytes),
                None => break,
            },
            () = tokio::time::sleep(KEEP_ALIVE) => Bytes::from_static(SSE_COMMENT),
        };
        if tx.send(chunk).await.is_err() {
            break;
        }
    }
    *lock(&s.frames) = Some(frames);
    s.streaming.store(false, Ordering::Release);
    s.touch();
}
