//! One client request carried by one HTTP POST: fed to a peer of its own (whose frames are what
//! belongs to that request), answered with plain JSON when the response is all there is, or
//! with an SSE stream when something comes first (progress, log messages, a listen stream's
//! acknowledgement) or the client accepts nothing else.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::super::runtime::Session;
use super::super::server::exchange_peer;
use crate::protocol::http_server::{Body, streamed};
use crate::protocol::message::Request;
use crate::protocol::peer::Frame;
use crate::protocol::{Frames, Message, Peer};

/// How often a quiet stream carries an SSE comment, so intermediaries and clients keep it open
/// and a client that left is noticed.
pub(crate) const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Chunks queued for a slow SSE reader before the writer waits.
const STREAM_QUEUE: usize = 32;

/// How the answer to one request goes back.
pub(super) enum Answer {
    /// The response alone; `error` is its JSON-RPC error code, if it is one.
    Json { bytes: Vec<u8>, error: Option<i64> },
    /// An SSE stream of the request's messages, ending with the response.
    Stream(Body),
}

/// What one exchange needs besides the request.
pub(super) struct Exchange {
    pub(super) session: Arc<Session>,
    /// The legacy session's connection peer (none for modern requests).
    pub(super) connection: Option<Peer>,
    /// Cancelled when the server drains: long-lived requests end.
    pub(super) closing: CancellationToken,
    pub(super) caller: Option<Arc<str>>,
    /// The client accepts `text/event-stream` only.
    pub(super) stream_only: bool,
    /// A modern request: the client closing the stream cancels it (2026-07-28). A legacy
    /// client's disconnect is not a cancellation (2025-11-25).
    pub(super) cancel_on_disconnect: bool,
}

/// A running exchange's handle for the legacy session, which routes the client's
/// `notifications/cancelled` to it.
#[derive(Clone)]
pub(super) struct Running {
    pub(super) peer: Peer,
    /// Cancelled once the request was cancelled: the exchange then ends without a response.
    pub(super) cancelled: CancellationToken,
}

/// A JSON-RPC message as one SSE event.
pub(super) fn sse_event(frame: &[u8]) -> Bytes {
    let json = frame.strip_suffix(b"\n").unwrap_or(frame);
    let mut out = Vec::with_capacity(json.len() + 24);
    out.extend_from_slice(b"event: message\ndata: ");
    out.extend_from_slice(json);
    out.extend_from_slice(b"\n\n");
    Bytes::from(out)
}

pub(super) const SSE_COMMENT: &[u8] = b":\n\n";

impl Exchange {
    /// Starts the request; `register` learns its handle before anything can cancel it.
    pub(super) async fn run(self, request: Request, register: impl FnOnce(Running)) -> Answer {
        let (peer, mut frames) = exchange_peer(
            &self.session,
            self.connection.clone(),
            self.closing.clone(),
            self.caller.clone(),
        );
        let cancelled = CancellationToken::new();
        register(Running {
            peer: peer.clone(),
            cancelled: cancelled.clone(),
        });
        peer.receive(Message::Request(request));
        // The POST dropped while waiting (the client left): a modern request is cancelled.
        let mut guard = CloseOnDrop(self.cancel_on_disconnect.then(|| peer.clone()));
        let first = if self.stream_only {
            None
        } else {
            match next(&peer, &mut frames, &cancelled).await {
                Some(Frame {
                    bytes,
                    answer: Some(answer),
                    ..
                }) => {
                    peer.close("answered");
                    return Answer::Json {
                        bytes,
                        error: answer.error,
                    };
                }
                Some(frame) => Some(frame),
                None => {
                    // Cancelled before anything was said: an empty stream ends the POST.
                    peer.close("cancelled");
                    return Answer::Stream(crate::protocol::http_server::empty());
                }
            }
        };
        guard.0 = None;
        let (tx, rx) = mpsc::channel(STREAM_QUEUE);
        tokio::spawn(pump(
            peer,
            frames,
            first,
            tx,
            cancelled,
            self.cancel_on_disconnect,
        ));
        Answer::Stream(streamed(rx))
    }
}

/// Closes the peer unless forgotten.
struct CloseOnDrop(Option<Peer>);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        if let Some(peer) = &self.0 {
            peer.close("the client went away");
        }
    }
}

/// The exchange's next frame; `None` once it was cancelled and has nothing more to say.
async fn next(peer: &Peer, frames: &mut Frames, cancelled: &CancellationToken) -> Option<Frame> {
    tokio::select! {
        frame = frames.recv() => frame,
        () = cancelled.cancelled() => {
            // The handler returns without answering; what it said before still goes out.
            peer.idle().await;
            frames.try_recv()
        }
        () = peer.closed() => frames.try_recv(),
    }
}

/// Writes the exchange's frames as SSE events until the response (or cancellation), with
/// keep-alive comments while it is quiet.
async fn pump(
    peer: Peer,
    mut frames: Frames,
    first: Option<Frame>,
    tx: mpsc::Sender<Bytes>,
    cancelled: CancellationToken,
    cancel_on_disconnect: bool,
) {
    let mut pending = first;
    let mut client_gone = false;
    loop {
        let frame = match pending.take() {
            Some(f) => f,
            None => {
                let tick = tokio::time::sleep(KEEP_ALIVE);
                tokio::select! {
                    frame = next(&peer, &mut frames, &cancelled) => match frame {
                        Some(f) => f,
                        None => break,
                    },
                    () = tx.closed(), if !client_gone => {
                        client_gone = true;
                        if cancel_on_disconnect {
                            break;
                        }
                        continue;
                    }
                    () = tick, if !client_gone => {
                        if tx.send(Bytes::from_static(SSE_COMMENT)).await.is_err() {
                            client_gone = true;
                            if cancel_on_disconnect {
                                break;
                            }
                        }
                        continue;
                    }
                }
            }
        };
        let last = frame.answer.is_some();
        if !client_gone && tx.send(sse_event(&frame.bytes)).await.is_err() {
            client_gone = true;
            if cancel_on_disconnect {
                break;
            }
        }
        if last {
            break;
        }
    }
    // Closing the peer cancels what still runs (a modern request whose client left, a listen
    // stream); a legacy request ran to its end above.
    peer.close(if client_gone {
        "the client closed the stream"
    } else {
        "answered"
    });
}
