//! A deliberately small streamable HTTP front for the test server (HTTP/1.1, one request per
//! connection): POST answers requests with JSON, 202 for the rest; GET opens the SSE stream that
//! carries server-initiated messages; DELETE ends the session (later requests get 404).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};
use vmcp::protocol::{Message, decode};
use vmcp::protocol::{Peer, RequestId};

use crate::oauth::{AuthServer, Verdict};
use crate::server::{Adapter, TestServer};
use crate::{Opts, record};

const CRLF: &str = "\r\n";

struct State {
    opts: Arc<Opts>,
    peer: Peer,
    pending: Mutex<HashMap<RequestId, oneshot::Sender<Vec<u8>>>>,
    stream: Mutex<Option<mpsc::UnboundedSender<Vec<u8>>>>,
    backlog: Mutex<Vec<Vec<u8>>>,
    session: Mutex<Option<String>>,
    sessions: Arc<AtomicU64>,
    oauth: Option<Arc<AuthServer>>,
    /// `--multi-session`: every initialize gets its own server and peer, by session id.
    multi: Option<Mutex<HashMap<String, Arc<State>>>>,
}

/// A server, its peer and the router of what it sends.
fn new_state(
    opts: &Arc<Opts>,
    sessions: Arc<AtomicU64>,
    oauth: Option<Arc<AuthServer>>,
    multi: bool,
) -> Arc<State> {
    let server = TestServer::new(opts.clone());
    let (peer, mut frames) = Peer::new("test-upstream", Arc::new(Adapter(server.clone())));
    let _ = server.peer.set(peer.clone());
    let state = Arc::new(State {
        opts: opts.clone(),
        peer,
        pending: Mutex::new(HashMap::new()),
        stream: Mutex::new(None),
        backlog: Mutex::new(Vec::new()),
        session: Mutex::new(None),
        sessions,
        oauth,
        multi: multi.then(|| Mutex::new(HashMap::new())),
    });
    let router = state.clone();
    tokio::spawn(async move {
        while let Some(frame) = frames.recv().await {
            router.route(frame.bytes);
        }
    });
    state
}

/// Binds 127.0.0.1:`port` and prints the URL of `path` on it: the one line a test reads to
/// learn the address.
pub(crate) async fn bind_and_announce(opts: &Opts, port: u16, path: &str) -> Option<TcpListener> {
    let Ok(listener) = TcpListener::bind(("127.0.0.1", port)).await else {
        record(opts, "bind failed");
        return None;
    };
    let port = listener.local_addr().map_or(port, |a| a.port());
    let mut out = std::io::stdout().lock();
    let _ = std::io::Write::write_all(
        &mut out,
        format!("http://127.0.0.1:{port}{path}\n").as_bytes(),
    );
    let _ = std::io::Write::flush(&mut out);
    Some(listener)
}

/// The test server and the peer that speaks for it.
pub(crate) fn server_peer(opts: &Arc<Opts>) -> (Peer, vmcp::protocol::Frames) {
    let server = TestServer::new(opts.clone());
    let (peer, frames) = Peer::new("test-upstream", Arc::new(Adapter(server.clone())));
    let _ = server.peer.set(peer.clone());
    (peer, frames)
}

pub(crate) async fn serve(opts: Arc<Opts>, port: u16) {
    let Some(listener) = bind_and_announce(&opts, port, "/mcp").await else {
        return;
    };
    let port = listener.local_addr().map_or(port, |a| a.port());
    let oauth = opts
        .oauth
        .then(|| Arc::new(AuthServer::new(opts.clone(), port)));
    let state = new_state(
        &opts,
        Arc::new(AtomicU64::new(0)),
        oauth,
        opts.multi_session,
    );
    while let Ok((sock, _)) = listener.accept().await {
        tokio::spawn(handle(state.clone(), sock));
    }
}

impl State {
    /// Responses go back on the POST that asked; everything else on the GET stream.
    fn route(&self, bytes: Vec<u8>) {
        if let Ok(Message::Response(r)) = decode(&bytes)
            && let Some(tx) = self.pending.lock().ok().and_then(|mut p| p.remove(&r.id))
        {
            let _ = tx.send(bytes);
            return;
        }
        let sent = self
            .stream
            .lock()
            .ok()
            .and_then(|s| s.as_ref().map(|tx| tx.send(bytes.clone()).is_ok()))
            .unwrap_or(false);
        if !sent && let Ok(mut b) = self.backlog.lock() {
            b.push(bytes);
        }
    }
}

pub(crate) struct HttpRequest {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) headers: HashMap<String, String>,
    pub(crate) body: Vec<u8>,
}

pub(crate) async fn read_request(sock: &mut TcpStream) -> Option<HttpRequest> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = sock.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_string();
    let path = first.next()?.to_string();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let n = sock.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(HttpRequest {
        method,
        path,
        headers,
        body,
    })
}

pub(crate) async fn respond(
    sock: &mut TcpStream,
    status: &str,
    headers: &[(&str, String)],
    body: &[u8],
) {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(k);
        out.push_str(": ");
        out.push_str(v);
        out.push_str(CRLF);
    }
    out.push_str("\r\n");
    let _ = sock.write_all(out.as_bytes()).await;
    let _ = sock.write_all(body).await;
    let _ = sock.shutdown().await;
}

async fn handle(state: Arc<State>, mut sock: TcpStream) {
    let Some(req) = read_request(&mut sock).await else {
        return;
    };
    if let Some(auth) = &state.oauth
        && auth.serve(&mut sock, &req).await
    {
        return;
    }
    if req.path != "/mcp" {
        respond(&mut sock, "404 Not Found", &[], b"not found").await;
        return;
    }
    if let Some(auth) = &state.oauth {
        let call = match decode(&req.body) {
            Ok(Message::Request(r)) if r.method == "tools/call" => r
                .params
                .as_ref()
                .and_then(|p| serde_json::from_str::<serde_json::Value>(p.get()).ok())
                .and_then(|p| p["name"].as_str().map(str::to_string)),
            _ => None,
        };
        if let Verdict::Reject(status, headers) = auth.check(&req, call.as_deref()) {
            respond(&mut sock, status, &headers, b"unauthorized").await;
            return;
        }
    }
    for required in &state.opts.require_header {
        let (name, value) = required.split_once(':').unwrap_or((required, ""));
        let given = req.headers.get(&name.trim().to_ascii_lowercase());
        if given.map(String::as_str) != Some(value.trim()) {
            record(&state.opts, &format!("rejected: missing {}", name.trim()));
            let challenge = ("WWW-Authenticate", "Bearer realm=\"test\"".to_string());
            respond(&mut sock, "401 Unauthorized", &[challenge], b"unauthorized").await;
            return;
        }
    }
    let given = req.headers.get("mcp-session-id").cloned();
    let is_initialize = req.method == "POST"
        && matches!(decode(&req.body), Ok(Message::Request(ref r)) if r.method == "initialize");
    let mut new_id = None;
    let state = match &state.multi {
        None => state,
        Some(map) => {
            if is_initialize {
                let n = state.sessions.fetch_add(1, Ordering::SeqCst) + 1;
                let id = format!("session-{n}");
                let s = new_state(&state.opts, state.sessions.clone(), None, false);
                if let Ok(mut m) = map.lock() {
                    m.insert(id.clone(), s.clone());
                }
                new_id = Some(id);
                s
            } else {
                let found = given
                    .as_ref()
                    .and_then(|g| map.lock().ok().and_then(|m| m.get(g).cloned()));
                match found {
                    Some(s) => s,
                    None => {
                        respond(&mut sock, "404 Not Found", &[], b"unknown session").await;
                        return;
                    }
                }
            }
        }
    };
    let current = state.session.lock().ok().and_then(|s| s.clone());
    if !is_initialize {
        match (&current, &given) {
            (Some(c), Some(g)) if c == g => {}
            (_, None) => {
                respond(&mut sock, "400 Bad Request", &[], b"missing mcp-session-id").await;
                return;
            }
            _ => {
                respond(&mut sock, "404 Not Found", &[], b"unknown session").await;
                return;
            }
        }
    }
    match req.method.as_str() {
        "POST" => post(&state, &mut sock, &req, is_initialize, new_id).await,
        "GET" => get(&state, sock).await,
        "DELETE" => {
            if let Ok(mut s) = state.session.lock() {
                *s = None;
            }
            record(&state.opts, "session deleted");
            respond(&mut sock, "200 OK", &[], b"").await;
        }
        _ => respond(&mut sock, "405 Method Not Allowed", &[], b"").await,
    }
}

async fn post(
    state: &State,
    sock: &mut TcpStream,
    req: &HttpRequest,
    is_initialize: bool,
    new_id: Option<String>,
) {
    let msg = match decode(&req.body) {
        Ok(m) => m,
        Err(e) => {
            respond(sock, "400 Bad Request", &[], e.error.message.as_bytes()).await;
            return;
        }
    };
    let Message::Request(r) = &msg else {
        state.peer.receive(msg);
        respond(sock, "202 Accepted", &[], b"").await;
        return;
    };
    let (tx, rx) = oneshot::channel();
    if let Ok(mut p) = state.pending.lock() {
        p.insert(r.id.clone(), tx);
    }
    let mut headers = vec![("Content-Type", "application/json".to_string())];
    if is_initialize {
        let id = new_id.unwrap_or_else(|| {
            let n = state.sessions.fetch_add(1, Ordering::SeqCst) + 1;
            format!("session-{n}")
        });
        if let Ok(mut s) = state.session.lock() {
            *s = Some(id.clone());
        }
        record(
            &state.opts,
            &format!(
                "http session {id} version={}",
                req.headers
                    .get("mcp-protocol-version")
                    .map_or("-", String::as_str)
            ),
        );
        headers.push(("Mcp-Session-Id", id));
    } else {
        record(
            &state.opts,
            &format!(
                "http post version={}",
                req.headers
                    .get("mcp-protocol-version")
                    .map_or("-", String::as_str)
            ),
        );
    }
    state.peer.receive(msg);
    match rx.await {
        Ok(body) if state.opts.pretty => respond(sock, "200 OK", &headers, &pretty(&body)).await,
        Ok(body) => respond(sock, "200 OK", &headers, &body).await,
        Err(_) => respond(sock, "500 Internal Server Error", &[], b"no response").await,
    }
}

async fn get(state: &State, mut sock: TcpStream) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let backlog = state
        .backlog
        .lock()
        .map(|mut b| std::mem::take(&mut *b))
        .unwrap_or_default();
    for b in backlog {
        let _ = tx.send(b);
    }
    if let Ok(mut s) = state.stream.lock() {
        *s = Some(tx);
    }
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
    if sock.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let mut n = 0u64;
    while let Some(bytes) = rx.recv().await {
        n += 1;
        let bytes = if state.opts.pretty {
            pretty(&bytes)
        } else {
            bytes
        };
        let data = String::from_utf8_lossy(&bytes);
        // A message over several lines takes one `data:` line each (SSE joins them with `\n`).
        let data = data.trim_end().replace('\n', "\ndata: ");
        let event = format!("id: {n}\nevent: message\ndata: {data}\n\n");
        if sock.write_all(event.as_bytes()).await.is_err() {
            break;
        }
    }
}

/// Pretty-prints a JSON message by adding whitespace only (outside strings): every value stays
/// byte for byte as it was, as a server's own pretty-printer would keep it.
fn pretty(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() * 2);
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', depth * 2));
    };
    for &b in json.trim_ascii_end() {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                out.push(b);
            }
            b'{' | b'[' => {
                depth += 1;
                out.push(b);
                newline(&mut out, depth);
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
    }
    out.push(b'\n');
    out
}
