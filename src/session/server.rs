//! The transport glue between the AI client and the session: serves newline-delimited JSON-RPC on
//! any byte streams and hands every request to `dispatch.rs` (timed for the observer, and
//! within its server span when the observer traces); and the same bridge for transports that
//! carry each request on its own exchange (HTTP: [`exchange_peer`], [`connection_peer`]).

use std::sync::{Arc, OnceLock, Weak};
use std::time::{Duration, Instant};

use serde_json::value::RawValue;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_util::sync::CancellationToken;

use super::dispatch::{Link, dispatch};
use super::observe::{Answer, AnsweredRequest};
use super::runtime::Session;
use super::spans;
use crate::protocol::lines::{BadLines, ReadOptions, read_lines, write_lines};
use crate::protocol::mcp::notification;
use crate::protocol::{
    BoxFuture, ErrorObject, Frames, Handler, IncomingRequest, Outcome, Peer, WeakPeer,
};

/// After the client closes its input, how long in-flight requests may still finish.
pub(crate) const DEFAULT_DRAIN_TIMEOUT: Duration = Duration::from_secs(2);

/// Weak both ways: the peer owns its handler, and a legacy session keeps its client's peer.
struct ClientBridge {
    session: Weak<Session>,
    /// The peer requests arrive on: what belongs to one request (its progress, a modern
    /// caller's log messages, a listen stream's notifications) goes there.
    peer: OnceLock<WeakPeer>,
    /// The client's connection, where it is not `peer` (HTTP): what belongs to the legacy
    /// session (list changes, forwarded requests, logging) goes there.
    connection: Option<Peer>,
    /// Cancelled when the client's input ends: long-lived requests (`subscriptions/listen`)
    /// end then instead of holding up the drain.
    closing: CancellationToken,
    /// Who sent the requests (an authenticated HTTP caller); the call log records it.
    caller: Option<Arc<str>>,
    /// What carries the requests, as spans name it: `pipe` (stdio) or `tcp` (HTTP).
    transport: &'static str,
}

/// Serves `session` to a client on `reader`/`writer` until the client closes its input.
/// Returns why serving stopped. Upstreams keep running: the caller shuts the session down.
pub(crate) async fn serve<R, W>(session: Arc<Session>, reader: R, writer: W) -> Arc<str>
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let closing = CancellationToken::new();
    let (peer, frames) = bridged("client", &session, None, closing.clone(), None);
    let write_peer = peer.clone();
    let writer = tokio::spawn(async move {
        if let Err(e) = write_lines(write_peer.clone(), frames, writer).await {
            write_peer.close(format!("the client stopped reading: {e}"));
        }
    });
    // A client that does not read what we write is not read from either (backpressure).
    let opts = ReadOptions::new(BadLines::Reply).pause_while_full(Some(peer.backlog().clone()));
    let reason = read_lines(&peer, reader, opts).await;
    closing.cancel();
    let _ = tokio::time::timeout(DEFAULT_DRAIN_TIMEOUT, peer.idle()).await;
    peer.close(reason.clone());
    let _ = writer.await;
    reason
}

/// A peer whose requests are served by `session`.
fn bridged(
    label: &str,
    session: &Arc<Session>,
    connection: Option<Peer>,
    closing: CancellationToken,
    caller: Option<Arc<str>>,
) -> (Peer, Frames) {
    let bridge = Arc::new(ClientBridge {
        session: Arc::downgrade(session),
        peer: OnceLock::new(),
        connection,
        closing,
        caller,
        transport: transport_named(label),
    });
    let (peer, frames) = Peer::new(label, bridge.clone());
    let _ = bridge.peer.set(peer.downgrade());
    (peer, frames)
}

/// The peer of one exchange that carries one client request (an HTTP POST): its frames are
/// what belongs to that request, ending with the response. `connection` is the legacy
/// session's [`connection_peer`] (none for modern requests); `closing` ends long-lived requests
/// (the server drains); `caller` is who authenticated.
pub(crate) fn exchange_peer(
    session: &Arc<Session>,
    connection: Option<Peer>,
    closing: CancellationToken,
    caller: Option<Arc<str>>,
) -> (Peer, Frames) {
    bridged("http-client", session, connection, closing, caller)
}

/// The peer of a legacy client's session as a whole (HTTP: the GET stream carries its frames;
/// the client's notifications and its answers to forwarded requests are fed to it).
pub(crate) fn connection_peer(session: &Arc<Session>) -> (Peer, Frames) {
    bridged(
        "http-session",
        session,
        None,
        CancellationToken::new(),
        None,
    )
}

/// What carries a client's messages, as spans name it, by the label of its peer: only stdio
/// serves on the "client" peer; the HTTP exchanges and sessions are TCP.
fn transport_named(label: &str) -> &'static str {
    if label == "client" { "pipe" } else { "tcp" }
}

/// What carries the messages of the client on `peer`, as spans name it.
pub(super) fn transport_of(peer: &Peer) -> &'static str {
    transport_named(peer.label())
}

/// How `outcome` answered a request for `method`, as observers count it.
pub(super) fn answer_of(method: &str, outcome: &Outcome) -> Answer {
    match outcome {
        Outcome::Error(raw) => {
            #[derive(serde::Deserialize)]
            struct Code {
                code: i64,
            }
            Answer::Error(serde_json::from_str::<Code>(raw.get()).map_or(0, |c| c.code))
        }
        Outcome::Result(raw)
            if method == crate::protocol::mcp::method::TOOLS_CALL
                && super::forward::is_error_result(raw) =>
        {
            Answer::ToolError
        }
        Outcome::Result(_) => Answer::Ok,
    }
}

impl Handler for ClientBridge {
    fn on_request(&self, req: IncomingRequest) -> BoxFuture<Outcome> {
        let Some(session) = self.session.upgrade() else {
            return Box::pin(async { Outcome::error(&ErrorObject::internal("the session ended")) });
        };
        let link = Link {
            reply: self.peer.get().and_then(WeakPeer::upgrade),
            connection: self.connection.clone(),
            caller: self.caller.clone(),
        };
        let closing = self.closing.clone();
        let transport = self.transport;
        Box::pin(async move {
            let Some(observer) = session.observer().cloned() else {
                return dispatch(&session, link, closing, req).await;
            };
            let method = req.method.clone();
            let clock = Instant::now();
            let span = observer
                .tracing()
                .then(|| spans::serving(&req, transport, &session.trace_labels));
            let outcome = match &span {
                Some(span) => spans::within(span, dispatch(&session, link, closing, req)).await,
                None => dispatch(&session, link, closing, req).await,
            };
            let answer = answer_of(&method, &outcome);
            observer.answered(&AnsweredRequest {
                method: &method,
                duration: clock.elapsed(),
                answer,
            });
            if let Some(span) = span {
                observer.span(spans::served(span, answer, &outcome));
            }
            outcome
        })
    }

    fn on_notification(&self, method: &str, _params: Option<Box<RawValue>>) {
        match method {
            notification::ROOTS_CHANGED => {
                if let Some(session) = self.session.upgrade() {
                    session.roots_changed();
                }
            }
            notification::INITIALIZED => {}
            other => tracing::debug!("ignored client notification {other}"),
        }
    }
}
