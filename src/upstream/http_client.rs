//! What both HTTP transports (streamable HTTP and legacy SSE) share: building the client from a
//! plan, reading bodies in turns, turning them into messages, and reporting HTTP failures against
//! the request that caused them.

use std::sync::OnceLock;
use std::time::Duration;

use futures_util::{Stream, StreamExt};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Response, StatusCode};
use tokio::sync::{Mutex, MutexGuard};

use super::error::UpstreamError;
use super::plan::HttpPlan;
use super::sse::Event;
use crate::protocol::lines::{BadLines, DEFAULT_MAX_LINE_BYTES};
use crate::protocol::message::{Message, Outcome, Response as RpcResponse};
use crate::protocol::salvage::Salvaged;
use crate::protocol::{Backlog, DecodeError};
use crate::protocol::{ErrorObject, Peer, RequestId, decode};

/// Connecting to the server may take this long before the request fails.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// Longest body read when an error status is reported (for the message).
const ERROR_BODY_EXCERPT: usize = 300;

/// The parsed URL, the configured headers and an HTTP client (shared by both HTTP transports).
pub(super) fn prepare(
    plan: &HttpPlan,
) -> Result<(reqwest::Url, HeaderMap, reqwest::Client), UpstreamError> {
    let url = reqwest::Url::parse(&plan.url)
        .map_err(|e| UpstreamError::Http(format!("invalid URL `{}`: {e}", plan.shown_url)))?;
    let mut headers = HeaderMap::new();
    for (k, v) in &plan.headers {
        let name = HeaderName::from_bytes(k.as_bytes())
            .map_err(|e| UpstreamError::Http(format!("invalid header name `{k}`: {e}")))?;
        let value = HeaderValue::from_str(v)
            .map_err(|e| UpstreamError::Http(format!("invalid value for header `{k}`: {e}")))?;
        headers.insert(name, value);
    }
    Ok((url, headers, shared_client()?))
}

/// One client for every HTTP upstream of the process. Building one loads the system's root
/// certificates (hundreds of files) and a session of `vmcp serve` opens its upstreams anew, so a
/// client per connection cost milliseconds per session; one client also keeps connections to
/// an upstream alive across sessions. Headers and timeouts are per request, never per client.
fn shared_client() -> Result<reqwest::Client, UpstreamError> {
    static CLIENT: OnceLock<Result<reqwest::Client, String>> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            reqwest::Client::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .build()
                .map_err(|e| format!("cannot build the HTTP client: {e}"))
        })
        .clone()
        .map_err(UpstreamError::Http)
}

pub(crate) use crate::support::url::error_text;

/// Decodes one body (a message, or a batch of them) into the peer; `request`: the request whose
/// answer carried it (the POST's), if any.
pub(super) fn deliver(label: &str, peer: &Peer, body: &[u8], request: Option<i64>) {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'[') {
        match serde_json::from_slice::<Vec<Box<serde_json::value::RawValue>>>(body) {
            Ok(items) => {
                for item in items {
                    deliver(label, peer, item.get().as_bytes(), request);
                }
            }
            Err(e) => tracing::warn!(server = %label, "ignored an unreadable batch: {e}"),
        }
        return;
    }
    match decode(body) {
        Ok(msg) => peer.receive_for(request, msg),
        Err(e) => peer.receive_unreadable(&e, body, BadLines::Log),
    }
}

/// Delivers one SSE event: its message, or the error of a message over the size limit;
/// `request`: the request whose answer's stream carried it, if any.
pub(super) fn deliver_event(label: &str, peer: &Peer, ev: &Event, request: Option<i64>) {
    match &ev.oversized {
        Some((len, salvaged)) => {
            let err = DecodeError::too_long(Some(*len), DEFAULT_MAX_LINE_BYTES, salvaged);
            peer.receive_unreadable(&err, b"", BadLines::Log);
        }
        None if !ev.is_blank() => deliver(label, peer, &ev.data, request),
        None => {}
    }
}

/// A stalled body gives up its turn after this long, so that others can be read meanwhile.
const TURN_STALL: Duration = Duration::from_millis(500);

/// Reading one HTTP upstream's bodies as a stdio upstream's single pipe is read: one message at
/// a time, and only while the AI client's queue has room. A client that stops reading thus stops
/// vmcp reading the bodies (TCP then stops the server), however many calls are in flight.
pub(super) struct ReadTurns {
    pause: Option<Backlog>,
    turn: Mutex<()>,
}

impl ReadTurns {
    pub(super) fn new(pause: Option<Backlog>) -> ReadTurns {
        ReadTurns {
            pause,
            turn: Mutex::new(()),
        }
    }

    async fn enter(&self) -> MutexGuard<'_, ()> {
        let turn = self.turn.lock().await;
        if let Some(b) = &self.pause {
            b.room().await;
        }
        turn
    }

    /// A reader of one body.
    pub(super) fn reader(&self) -> TurnReader<'_> {
        TurnReader {
            turns: self,
            held: None,
        }
    }
}

/// One body read in turns: a chunk that starts a message waits for the turn, which is kept
/// until the caller says the message is complete (or the body stalls).
pub(super) struct TurnReader<'a> {
    turns: &'a ReadTurns,
    held: Option<MutexGuard<'a, ()>>,
}

impl TurnReader<'_> {
    /// The next chunk of `body`, read in turn.
    pub(super) async fn next<S: Stream + Unpin>(&mut self, body: &mut S) -> Option<S::Item> {
        if self.held.is_some() {
            match tokio::time::timeout(TURN_STALL, body.next()).await {
                Ok(item) => return item,
                // Stalled in the middle of a message: let the others read meanwhile.
                Err(_) => self.held = None,
            }
        }
        let item = body.next().await;
        if item.is_some() {
            self.held = Some(self.turns.enter().await);
        }
        item
    }

    /// The message under way is complete: others may read.
    pub(super) fn done(&mut self) {
        self.held = None;
    }
}

/// A whole body (one JSON message), read in turn. A body over the size limit fails the request
/// it answers (`request_id`) at once; `None` then, as when reading fails (reported the same way).
pub(super) async fn read_body(
    turns: &ReadTurns,
    peer: &Peer,
    request_id: Option<i64>,
    resp: Response,
) -> Option<Vec<u8>> {
    let max = DEFAULT_MAX_LINE_BYTES;
    let too_long = |len: Option<usize>| {
        let answer = Salvaged {
            id: request_id.map(RequestId::Number),
            has_method: false,
            has_outcome: true,
        };
        peer.receive_unreadable(
            &DecodeError::too_long(len, max, &answer),
            b"",
            BadLines::Log,
        );
    };
    if let Some(len) = resp.content_length().and_then(|l| usize::try_from(l).ok())
        && len > max
    {
        too_long(Some(len));
        return None;
    }
    let mut body = Vec::new();
    let mut stream = resp.bytes_stream();
    let mut reader = turns.reader();
    while let Some(chunk) = reader.next(&mut stream).await {
        match chunk {
            Ok(c) if body.len() + c.len() > max => {
                too_long(None);
                return None;
            }
            Ok(c) => body.extend_from_slice(&c),
            Err(e) => {
                fail_request(
                    peer,
                    request_id,
                    &format!("reading the response failed: {}", error_text(e)),
                );
                return None;
            }
        }
    }
    Some(body)
}

/// Reports a transport failure as the JSON-RPC error of the request that caused it.
pub(super) fn fail_request(peer: &Peer, request_id: Option<i64>, message: &str) {
    match request_id {
        Some(id) => peer.receive(Message::Response(RpcResponse {
            id: RequestId::Number(id),
            outcome: Outcome::error(&ErrorObject::internal(message)),
        })),
        None => tracing::warn!(peer = peer.label(), "{message}"),
    }
}

pub(super) async fn describe_status(resp: Response) -> String {
    let status = resp.status();
    let auth = resp
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = resp.text().await.unwrap_or_default();
    describe_answer(status, auth.as_deref(), &body)
}

/// [`describe_status`] of an answer whose body was read already.
pub(super) fn describe_answer(status: StatusCode, auth: Option<&str>, body: &str) -> String {
    let mut excerpt: String = body.trim().chars().take(ERROR_BODY_EXCERPT).collect();
    if body.trim().chars().count() > ERROR_BODY_EXCERPT {
        excerpt.push('…');
    }
    let mut msg = format!("HTTP {status}");
    if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
        msg.push_str(": the server requires authentication");
        if auth.is_some() {
            msg.push_str(" (it offers OAuth: run `vmcp login NAME`, or set `auth:`)");
        }
    }
    if !excerpt.is_empty() {
        msg.push_str(": ");
        msg.push_str(&excerpt);
    }
    msg
}
