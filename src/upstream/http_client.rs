//! What both HTTP transports (streamable HTTP and legacy SSE) share: building the client from a
//! plan, turning received bodies into messages, and reporting HTTP failures against the request
//! that caused them.

use std::sync::Once;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Response, StatusCode};

use super::error::UpstreamError;
use super::http::HttpPlan;
use crate::protocol::message::{Message, Outcome, Response as RpcResponse, decode};
use crate::protocol::{ErrorObject, Peer, RequestId};

/// Connecting to the server may take this long before the request fails.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// Longest body read when an error status is reported (for the message).
const ERROR_BODY_EXCERPT: usize = 300;

pub(super) fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only if another provider was installed first, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The parsed URL, the configured headers and an HTTP client (shared by both HTTP transports).
pub(super) fn prepare(
    plan: &HttpPlan,
) -> Result<(reqwest::Url, HeaderMap, reqwest::Client), UpstreamError> {
    install_crypto_provider();
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
    let client = reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .build()
        .map_err(|e| UpstreamError::Http(format!("cannot build the HTTP client: {e}")))?;
    Ok((url, headers, client))
}

/// The text of an HTTP failure with its causes (`error sending request: client error (Connect):
/// tcp connect error: Connection refused`), without the URL reqwest puts in it: the URL may hold
/// credentials, and the text reaches logs and, as tool errors, the model.
pub fn error_text(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        let text = s.to_string();
        if !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        source = s.source();
    }
    msg
}

/// Decodes one body (a message, or a batch of them) into the peer.
pub(super) fn deliver(label: &str, peer: &Peer, body: &[u8]) {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'[') {
        match serde_json::from_slice::<Vec<Box<serde_json::value::RawValue>>>(body) {
            Ok(items) => {
                for item in items {
                    deliver(label, peer, item.get().as_bytes());
                }
            }
            Err(e) => tracing::warn!(server = %label, "ignored an unreadable batch: {e}"),
        }
        return;
    }
    match decode(body) {
        Ok(msg) => peer.receive(msg),
        Err(e) => {
            tracing::warn!(server = %label, "ignored an unreadable message: {}", e.error.message);
        }
    }
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
