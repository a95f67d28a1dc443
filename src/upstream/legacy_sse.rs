//! Legacy HTTP+SSE upstreams (MCP 2024-11-05, still served by many servers): a GET opens an SSE
//! stream whose first `endpoint` event names the URL to POST messages to; every answer and
//! server-initiated message arrives on that stream as a `message` event. There is no resumption:
//! when the stream ends, the session is over and the lifecycle reconnects.

use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue};
use tokio::sync::watch;

use super::error::UpstreamError;
use super::http_client::{self, ReadTurns};
use super::plan::HttpPlan;
use super::sse::SseParser;
use crate::protocol::{Backlog, Frames, Handler, Peer, peer::Frame};
use crate::support::url::redacted;

/// How long a message waits for the `endpoint` event before its request fails.
const ENDPOINT_WAIT: Duration = Duration::from_secs(15);

struct Shared {
    label: Arc<str>,
    client: reqwest::Client,
    /// The stream's URL for messages ([`HttpPlan::shown_url`]).
    shown_url: Arc<str>,
    headers: HeaderMap,
    /// Where to POST, once the server has said (`endpoint` event).
    endpoint: watch::Receiver<Option<reqwest::Url>>,
    /// Messages are read one at a time, while the AI client's queue has room.
    turns: ReadTurns,
}

/// A live legacy SSE connection.
#[derive(Clone)]
pub(crate) struct SseSession {
    peer: Peer,
}

/// Opens the event stream and the POST pump; the handshake's first POST waits for `endpoint`.
/// Reading the stream pauses while `pause` (the AI client's queue) is full.
pub(crate) fn connect(
    label: &str,
    plan: &HttpPlan,
    handler: Arc<dyn Handler>,
    pause: Option<Backlog>,
) -> Result<SseSession, UpstreamError> {
    let (url, headers, client) = http_client::prepare(plan)?;
    let (peer, frames) = Peer::new(label, handler);
    let (endpoint_tx, endpoint) = watch::channel(None);
    let shared = Arc::new(Shared {
        label: Arc::from(label),
        client,
        shown_url: Arc::from(plan.shown_url.as_str()),
        headers,
        endpoint,
        turns: ReadTurns::new(pause),
    });
    tokio::spawn(stream(shared.clone(), peer.clone(), url, endpoint_tx));
    tokio::spawn(pump(shared, peer.clone(), frames));
    Ok(SseSession { peer })
}

impl SseSession {
    pub(crate) fn peer(&self) -> &Peer {
        &self.peer
    }

    /// Ends the session: closing the stream is all the legacy transport has.
    pub(crate) fn terminate(&self) {
        self.peer.close("shutting down");
    }
}

/// Reads the event stream: `endpoint` once, then `message`s, until it ends.
async fn stream(
    shared: Arc<Shared>,
    peer: Peer,
    url: reqwest::Url,
    endpoint: watch::Sender<Option<reqwest::Url>>,
) {
    let mut headers = shared.headers.clone();
    headers.insert(ACCEPT, HeaderValue::from_static("text/event-stream"));
    let sent = tokio::select! {
        r = shared.client.get(url.clone()).headers(headers).send() => r,
        () = peer.closed() => return,
    };
    let resp = match sent {
        Ok(r) if r.status().is_success() => r,
        Ok(r) => {
            let what = http_client::describe_status(r).await;
            peer.close(format!("the SSE stream was refused: {what}"));
            return;
        }
        Err(e) => {
            peer.close(format!(
                "cannot reach {}: {}",
                shared.shown_url,
                http_client::error_text(e)
            ));
            return;
        }
    };
    let mut parser = SseParser::default();
    let mut body = resp.bytes_stream();
    let mut reader = shared.turns.reader();
    let closed = peer.closed_token();
    loop {
        if parser.is_idle() {
            reader.done();
        }
        let chunk = tokio::select! {
            c = reader.next(&mut body) => c,
            () = closed.cancelled() => return,
        };
        let chunk = match chunk {
            Some(Ok(c)) => c,
            Some(Err(e)) => {
                peer.close(format!(
                    "the SSE stream failed: {}",
                    http_client::error_text(e)
                ));
                return;
            }
            None => {
                peer.close("the server closed the SSE stream");
                return;
            }
        };
        for ev in parser.push(&chunk) {
            match ev.event.as_deref() {
                Some("endpoint") => match url.join(String::from_utf8_lossy(&ev.data).trim()) {
                    Ok(target) => {
                        tracing::debug!(server = %shared.label, endpoint = %redacted(target.as_str()), "SSE endpoint");
                        endpoint.send_replace(Some(target));
                    }
                    Err(e) => {
                        peer.close(format!("the server sent an unusable endpoint: {e}"));
                        return;
                    }
                },
                None | Some("message") => {
                    http_client::deliver_event(&shared.label, &peer, &ev, None);
                }
                _ => {}
            }
        }
    }
}

/// POSTs every outgoing frame to the endpoint, in order (the legacy transport has no other
/// way to keep a notification behind the request it follows).
async fn pump(shared: Arc<Shared>, peer: Peer, mut frames: Frames) {
    let closed = peer.closed_token();
    let mut endpoint = shared.endpoint.clone();
    loop {
        let frame = tokio::select! {
            f = frames.recv() => f,
            () = closed.cancelled() => None,
        };
        let Some(frame) = frame else { break };
        let target = tokio::select! {
            r = tokio::time::timeout(ENDPOINT_WAIT, endpoint.wait_for(Option::is_some)) => {
                r.ok().and_then(Result::ok).and_then(|e| e.clone())
            }
            () = closed.cancelled() => break,
        };
        let Some(target) = target else {
            http_client::fail_request(
                &peer,
                frame.request_id,
                &format!(
                    "the server did not announce its message endpoint within {ENDPOINT_WAIT:?}"
                ),
            );
            continue;
        };
        post(&shared, &peer, target, frame).await;
    }
}

async fn post(shared: &Shared, peer: &Peer, target: reqwest::Url, frame: Frame) {
    let mut headers = shared.headers.clone();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let sent = shared
        .client
        .post(target.clone())
        .headers(headers)
        .body(frame.bytes)
        .send()
        .await;
    match sent {
        Ok(resp) if resp.status().is_success() => {}
        Ok(resp) if resp.status() == StatusCode::NOT_FOUND => {
            peer.close("the server ended the session (HTTP 404)");
        }
        Ok(resp) => {
            let what = http_client::describe_status(resp).await;
            http_client::fail_request(peer, frame.request_id, &what);
        }
        Err(e) => http_client::fail_request(
            peer,
            frame.request_id,
            &format!(
                "cannot reach {}: {}",
                redacted(target.as_str()),
                http_client::error_text(e)
            ),
        ),
    }
}
