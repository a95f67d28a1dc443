//! The transport glue between the AI client and the session: serves newline-delimited JSON-RPC on
//! any byte streams and hands every request to `dispatch.rs`.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serde_json::value::RawValue;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_util::sync::CancellationToken;

use super::dispatch::dispatch;
use super::runtime::Session;
use crate::protocol::lines::{BadLines, ReadOptions, read_lines, write_lines};
use crate::protocol::mcp::notification;
use crate::protocol::{BoxFuture, Handler, IncomingRequest, Outcome, Peer};

/// After the client closes its input, how long in-flight requests may still finish.
pub(crate) const DEFAULT_DRAIN_TIMEOUT: Duration = Duration::from_secs(2);

struct ClientBridge {
    session: Arc<Session>,
    peer: OnceLock<Peer>,
    /// Cancelled when the client's input ends: long-lived requests (`subscriptions/listen`)
    /// end then instead of holding up the drain.
    closing: CancellationToken,
}

/// Serves `session` to a client on `reader`/`writer` until the client closes its input.
/// Returns why serving stopped. Upstreams keep running: the caller shuts the session down.
pub(crate) async fn serve<R, W>(session: Arc<Session>, reader: R, writer: W) -> Arc<str>
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let bridge = Arc::new(ClientBridge {
        session,
        peer: OnceLock::new(),
        closing: CancellationToken::new(),
    });
    let (peer, frames) = Peer::new("client", bridge.clone());
    let _ = bridge.peer.set(peer.clone());
    let write_peer = peer.clone();
    let writer = tokio::spawn(async move {
        if let Err(e) = write_lines(write_peer.clone(), frames, writer).await {
            write_peer.close(format!("the client stopped reading: {e}"));
        }
    });
    // A client that does not read what we write is not read from either (backpressure).
    let opts = ReadOptions::new(BadLines::Reply).pause_while_full(Some(peer.backlog().clone()));
    let reason = read_lines(&peer, reader, opts).await;
    bridge.closing.cancel();
    let _ = tokio::time::timeout(DEFAULT_DRAIN_TIMEOUT, peer.idle()).await;
    peer.close(reason.clone());
    let _ = writer.await;
    reason
}

impl Handler for ClientBridge {
    fn on_request(&self, req: IncomingRequest) -> BoxFuture<Outcome> {
        let session = self.session.clone();
        let peer = self.peer.get().cloned();
        let closing = self.closing.clone();
        Box::pin(async move { dispatch(&session, peer, closing, req).await })
    }

    fn on_notification(&self, method: &str, _params: Option<Box<RawValue>>) {
        match method {
            notification::ROOTS_CHANGED => self.session.roots_changed(),
            notification::INITIALIZED => {}
            other => tracing::debug!("ignored client notification {other}"),
        }
    }
}
