//! Streamable HTTP upstreams (MCP 2025-03-26 and later): every outgoing message is a POST whose
//! answer is 202, one JSON message, or an SSE stream of messages; an optional GET stream carries
//! server-initiated messages; the session id and protocol version ride in headers; DELETE ends
//! the session. Payloads stay raw, like everywhere else in vmcp. A 2026-07-28 request (one
//! dressed with a modern `_meta`) goes without a session: it carries its own version, method and
//! name headers (`headers.rs`), and an answer's session id is not taken up; a modern
//! connection never opens the GET stream nor DELETEs anything.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};
use reqwest::{Response, StatusCode};
use tokio_util::sync::CancellationToken;

mod headers;
mod post;

use self::headers::{ModernHeaders, ParamTable};
use self::post::post;
use super::error::UpstreamError;
use super::http_client::{ReadTurns, deliver_event, error_text, prepare};
use super::oauth::TokenSource;
use super::plan::HttpPlan;
use super::sse::SseParser;
use crate::protocol::mcp::notification;
use crate::protocol::{Backlog, Frames, Handler, Message, Peer, RawObject, decode};

const SESSION_HEADER: &str = "mcp-session-id";
const VERSION_HEADER: &str = "mcp-protocol-version";
const LAST_EVENT_HEADER: &str = "last-event-id";
/// Longest wait between reconnections of the GET stream.
const MAX_STREAM_BACKOFF: Duration = Duration::from_secs(30);

struct Shared {
    label: Arc<str>,
    client: reqwest::Client,
    url: reqwest::Url,
    /// `url` for messages.
    shown_url: Arc<str>,
    headers: HeaderMap,
    session: Mutex<Option<HeaderValue>>,
    version: Mutex<Option<HeaderValue>>,
    /// A client error (other than 401/403) answering a message before any session existed: the
    /// server may only speak the legacy SSE transport.
    refused: Mutex<Option<StatusCode>>,
    /// Stored OAuth credentials, when the plan points at some.
    auth: Option<TokenSource>,
    /// The last refusal for want of credentials (status, what to do).
    auth_failure: Mutex<Option<(u16, String)>>,
    /// Answers are read one message at a time, while the AI client's queue has room.
    turns: ReadTurns,
    /// The POSTs of modern requests in flight, by request id: cancelling one closes its
    /// stream, which is how 2026-07-28 cancels over HTTP.
    modern_posts: Mutex<HashMap<i64, CancellationToken>>,
    /// Which tools' calls carry `Mcp-Param-*` headers (a 2026-07-28 server's `x-mcp-header`).
    param_headers: ParamTable,
}

/// A live HTTP connection; cloneable handle used to finish the handshake and to end the session.
#[derive(Clone)]
pub(crate) struct HttpSession {
    shared: Arc<Shared>,
    peer: Peer,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Creates the peer and the POST pump. Nothing is sent until the handshake sends `initialize`.
/// Reading answers pauses while `pause` (the AI client's queue) is full.
pub(crate) fn connect(
    label: &str,
    plan: &HttpPlan,
    handler: Arc<dyn Handler>,
    pause: Option<Backlog>,
) -> Result<HttpSession, UpstreamError> {
    let (url, headers, client) = prepare(plan)?;
    let (peer, frames) = Peer::new(label, handler);
    let shared = Arc::new(Shared {
        label: Arc::from(label),
        client,
        url,
        shown_url: Arc::from(plan.shown_url.as_str()),
        headers,
        session: Mutex::new(None),
        version: Mutex::new(None),
        refused: Mutex::new(None),
        auth: plan
            .credentials
            .clone()
            .map(|c| TokenSource::new(c, &plan.url)),
        auth_failure: Mutex::new(None),
        turns: ReadTurns::new(pause),
        modern_posts: Mutex::new(HashMap::new()),
        param_headers: ParamTable::default(),
    });
    tokio::spawn(pump(shared.clone(), peer.clone(), frames));
    Ok(HttpSession { shared, peer })
}

impl HttpSession {
    /// Whether the server gave this connection an `Mcp-Session-Id`: it keeps state per session.
    pub(crate) fn has_session(&self) -> bool {
        lock(&self.shared.session).is_some()
    }

    pub(crate) fn peer(&self) -> &Peer {
        &self.peer
    }

    /// Why the server refused us for want of credentials (HTTP status and what to run), if it did.
    pub(crate) fn auth_failure(&self) -> Option<(u16, String)> {
        lock(&self.shared.auth_failure).clone()
    }

    /// The client error with which the server refused streamable HTTP, if it did.
    pub(crate) fn refused(&self) -> Option<StatusCode> {
        *lock(&self.shared.refused)
    }

    /// Called after `initialize`: later requests carry the version, and the GET stream opens.
    pub(crate) fn negotiated(&self, version: &str) {
        if let Ok(v) = HeaderValue::from_str(version) {
            *lock(&self.shared.version) = Some(v);
        }
        tokio::spawn(listen(self.shared.clone(), self.peer.clone()));
    }

    /// Takes in a 2026-07-28 server's tools (`ParamTable::accept`): those with invalid
    /// `x-mcp-header` annotations are left out, the others' calls carry their headers.
    pub(crate) fn accept_tools(&self, tools: Vec<RawObject>) -> Vec<RawObject> {
        self.shared.param_headers.accept(&self.shared.label, tools)
    }

    /// Ends the session politely (DELETE), bounded by `grace`.
    pub(crate) async fn terminate(&self, grace: Duration) {
        self.peer.close("shutting down");
        let Some(session) = lock(&self.shared.session).clone() else {
            return;
        };
        let mut req = self
            .shared
            .client
            .delete(self.shared.url.clone())
            .headers(self.shared.headers.clone())
            .header(SESSION_HEADER, session)
            .timeout(grace);
        if let Some(auth) = &self.shared.auth
            && let Ok(Some(token)) = auth.bearer().await
        {
            req = req.bearer_auth(token);
        }
        let _ = req.send().await;
    }
}

/// Sends every outgoing frame as its own POST, concurrently. The cancellation of a modern
/// request is not posted: its POST is dropped instead, which closes the stream.
async fn pump(shared: Arc<Shared>, peer: Peer, mut frames: Frames) {
    let closed = peer.closed_token();
    loop {
        let frame = tokio::select! {
            f = frames.recv() => f,
            () = closed.cancelled() => None,
        };
        let Some(frame) = frame else { break };
        let modern = headers::modern(&frame.bytes, &shared.param_headers);
        if modern.is_none()
            && let Some(id) = cancelled_request(&frame.bytes)
            && let Some(stream) = lock(&shared.modern_posts).remove(&id)
        {
            stream.cancel();
            continue;
        }
        let dropped = match (&modern, frame.request_id) {
            (Some(_), Some(id)) => {
                let token = CancellationToken::new();
                lock(&shared.modern_posts).insert(id, token.clone());
                Some((id, token))
            }
            _ => None,
        };
        let (shared, peer) = (shared.clone(), peer.clone());
        tokio::spawn(async move {
            match dropped {
                Some((id, token)) => {
                    tokio::select! {
                        () = token.cancelled() => {}
                        () = post(&shared, &peer, frame, modern.as_ref()) => {}
                    }
                    lock(&shared.modern_posts).remove(&id);
                }
                None => post(&shared, &peer, frame, modern.as_ref()).await,
            }
        });
    }
}

/// The request a `notifications/cancelled` cancels.
fn cancelled_request(bytes: &[u8]) -> Option<i64> {
    // Every legacy frame comes by here: `decode` reads the method and keeps params raw.
    let Message::Notification(n) = decode(bytes).ok()? else {
        return None;
    };
    if n.method != notification::CANCELLED {
        return None;
    }
    let params = RawObject::parse(n.params.as_deref()).ok()?;
    params.get("requestId")?.get().parse().ok()
}

fn request_headers(
    shared: &Shared,
    accept: &'static str,
    modern: Option<&ModernHeaders>,
) -> HeaderMap {
    let mut h = shared.headers.clone();
    h.insert(ACCEPT, HeaderValue::from_static(accept));
    if let Some(m) = modern {
        let values = [
            (headers::VERSION, Some(&m.version)),
            (headers::METHOD, Some(&m.method)),
            (headers::NAME, m.name.as_ref()),
        ];
        for (name, value) in values {
            if let Some(v) = value.and_then(|v| HeaderValue::from_str(v).ok()) {
                h.insert(name, v);
            }
        }
        for (name, value) in &m.params {
            if let (Ok(n), Ok(v)) = (
                reqwest::header::HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                h.insert(n, v);
            }
        }
        return h;
    }
    if let Some(s) = lock(&shared.session).clone() {
        h.insert(SESSION_HEADER, s);
    }
    if let Some(v) = lock(&shared.version).clone() {
        h.insert(VERSION_HEADER, v);
    }
    h
}

/// Reads an SSE body, delivering each message event (`request`: the request whose answer it
/// is, if any); returns the last event id seen.
async fn read_sse(
    shared: &Shared,
    peer: &Peer,
    resp: Response,
    request: Option<i64>,
) -> Option<String> {
    let mut parser = SseParser::default();
    let mut last_id = None;
    let mut body = resp.bytes_stream();
    let mut reader = shared.turns.reader();
    let closed = peer.closed_token();
    loop {
        let chunk = tokio::select! {
            c = reader.next(&mut body) => c,
            () = closed.cancelled() => None,
        };
        let Some(Ok(chunk)) = chunk else { break };
        for ev in parser.push(&chunk) {
            if ev.id.is_some() {
                last_id.clone_from(&ev.id);
            }
            if matches!(ev.event.as_deref(), None | Some("message")) {
                deliver_event(&shared.label, peer, &ev, request);
            }
        }
        if parser.is_idle() {
            reader.done();
        }
    }
    last_id
}

/// The optional GET stream for server-initiated messages, reconnected with backoff.
async fn listen(shared: Arc<Shared>, peer: Peer) {
    let mut last_id: Option<String> = None;
    let mut backoff = Duration::from_millis(500);
    while !peer.is_closed() {
        let mut headers = request_headers(&shared, "text/event-stream", None);
        if let Some(id) = &last_id
            && let Ok(v) = HeaderValue::from_str(id)
        {
            headers.insert(LAST_EVENT_HEADER, v);
        }
        let mut req = shared.client.get(shared.url.clone()).headers(headers);
        if let Some(auth) = &shared.auth
            && let Ok(Some(token)) = auth.bearer().await
        {
            req = req.bearer_auth(token);
        }
        let sent = req.send().await;
        match sent {
            Ok(resp) if resp.status().is_success() => {
                backoff = Duration::from_millis(500);
                if let Some(id) = read_sse(&shared, &peer, resp, None).await {
                    last_id = Some(id);
                }
            }
            Ok(resp) if resp.status() == StatusCode::METHOD_NOT_ALLOWED => return,
            Ok(resp) if resp.status() == StatusCode::NOT_FOUND => {
                // Servers without a GET stream often answer 404 rather than 405 (an expired
                // session shows on the next POST, which does end it).
                tracing::debug!(server = %shared.label, "no GET stream (HTTP 404)");
                return;
            }
            Ok(resp) => {
                tracing::debug!(server = %shared.label, status = %resp.status(), "GET stream refused");
                if resp.status().is_client_error() {
                    return;
                }
            }
            Err(e) => {
                tracing::debug!(server = %shared.label, "GET stream failed: {}", error_text(e));
            }
        }
        tokio::select! {
            () = tokio::time::sleep(backoff) => {}
            () = peer.closed() => return,
        }
        backoff = (backoff * 2).min(MAX_STREAM_BACKOFF);
    }
}
