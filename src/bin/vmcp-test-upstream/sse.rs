//! The legacy HTTP+SSE transport (MCP 2024-11-05) for the test server: GET /sse opens the event
//! stream, whose first event names the endpoint (`/message?sessionId=N`) that POSTs go to; every
//! message from the server travels on the stream. Any other request is refused with 405, as a
//! server that predates streamable HTTP would.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use vmcp::protocol::Peer;
use vmcp::protocol::decode;

use crate::http::{bind_and_announce, read_request, respond, server_peer};
use crate::{Opts, record};

struct State {
    opts: Arc<Opts>,
    peer: Peer,
    /// The current stream and its session number.
    stream: Mutex<Option<(u64, mpsc::UnboundedSender<Vec<u8>>)>>,
    sessions: AtomicU64,
}

pub(crate) async fn serve(opts: Arc<Opts>, port: u16) {
    let Some(listener) = bind_and_announce(&opts, port, "/sse").await else {
        return;
    };
    let (peer, mut frames) = server_peer(&opts);
    let state = Arc::new(State {
        opts,
        peer,
        stream: Mutex::new(None),
        sessions: AtomicU64::new(0),
    });
    let router = state.clone();
    tokio::spawn(async move {
        while let Some(frame) = frames.recv().await {
            if let Ok(s) = router.stream.lock()
                && let Some((_, tx)) = s.as_ref()
            {
                let _ = tx.send(frame.bytes);
            }
        }
    });
    while let Ok((sock, _)) = listener.accept().await {
        tokio::spawn(handle(state.clone(), sock));
    }
}

async fn handle(state: Arc<State>, mut sock: TcpStream) {
    let Some(req) = read_request(&mut sock).await else {
        return;
    };
    let (path, query) = req.path.split_once('?').unwrap_or((req.path.as_str(), ""));
    match (req.method.as_str(), path) {
        ("GET", "/sse") => stream(&state, sock).await,
        ("POST", "/message") => {
            let current = state
                .stream
                .lock()
                .ok()
                .and_then(|s| s.as_ref().map(|(n, _)| *n));
            let given = query
                .strip_prefix("sessionId=")
                .and_then(|n| n.parse::<u64>().ok());
            if current.is_none() || current != given {
                respond(&mut sock, "404 Not Found", &[], b"unknown session").await;
                return;
            }
            match decode(&req.body) {
                Ok(msg) => {
                    state.peer.receive(msg);
                    respond(&mut sock, "202 Accepted", &[], b"Accepted").await;
                }
                Err(e) => {
                    respond(
                        &mut sock,
                        "400 Bad Request",
                        &[],
                        e.error.message.as_bytes(),
                    )
                    .await;
                }
            }
        }
        _ => respond(&mut sock, "405 Method Not Allowed", &[], b"use GET /sse").await,
    }
}

async fn stream(state: &State, mut sock: TcpStream) {
    let n = state.sessions.fetch_add(1, Ordering::SeqCst) + 1;
    let (tx, mut rx) = mpsc::unbounded_channel();
    if let Ok(mut s) = state.stream.lock() {
        *s = Some((n, tx));
    }
    record(&state.opts, &format!("sse session {n}"));
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\nevent: endpoint\ndata: /message?sessionId={n}\n\n"
    );
    if sock.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    while let Some(bytes) = rx.recv().await {
        let data = String::from_utf8_lossy(&bytes);
        let event = format!("event: message\ndata: {}\n\n", data.trim_end());
        if sock.write_all(event.as_bytes()).await.is_err() {
            break;
        }
    }
}
