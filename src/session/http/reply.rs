//! The HTTP answers of an MCP endpoint: what the client's `Accept` allows, JSON and SSE
//! responses, JSON-RPC errors as the whole answer, and the statuses the transport prescribes.

use bytes::Bytes;
use http::{HeaderMap, StatusCode, header};

use super::exchange::Answer;
use super::{EVENT_STREAM, JSON};
use crate::protocol::http_headers::SESSION_ID;
use crate::protocol::http_server::{Body, response};
use crate::protocol::message::encode_response_line;
use crate::protocol::{ErrorObject, Outcome, RequestId, codes};

/// What the client's `Accept` allows.
pub(super) struct Accepts {
    pub(super) json: bool,
    pub(super) stream: bool,
}

pub(super) fn accepts(headers: &HeaderMap) -> Accepts {
    let Some(value) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return Accepts {
            json: true,
            stream: true,
        };
    };
    let mut a = Accepts {
        json: false,
        stream: false,
    };
    for item in value.split(',') {
        let media = item.split(';').next().unwrap_or("").trim();
        match media {
            "*/*" => {
                a.json = true;
                a.stream = true;
            }
            "application/*" | JSON => a.json = true,
            "text/*" | EVENT_STREAM => a.stream = true,
            _ => {}
        }
    }
    a
}

pub(super) fn json_response(status: u16, bytes: impl Into<Bytes>) -> http::Response<Body> {
    response(status, JSON, bytes)
}

/// A JSON-RPC error as the whole answer.
pub(super) fn rpc_error(
    status: u16,
    id: Option<&RequestId>,
    e: &ErrorObject,
) -> http::Response<Body> {
    json_response(status, encode_response_line(id, &Outcome::error(e)))
}

pub(super) fn status(code: u16) -> http::Response<Body> {
    let mut r = http::Response::new(crate::protocol::http_server::empty());
    *r.status_mut() = StatusCode::from_u16(code).unwrap_or(StatusCode::OK);
    r
}

pub(super) fn not_allowed(allow: &'static str, why: &str) -> http::Response<Body> {
    let mut r = rpc_error(
        405,
        None,
        &ErrorObject::new(codes::INVALID_REQUEST, why.to_string()),
    );
    r.headers_mut()
        .insert(header::ALLOW, http::HeaderValue::from_static(allow));
    r
}

pub(super) fn session_not_found() -> http::Response<Body> {
    rpc_error(
        404,
        None,
        &ErrorObject::new(
            codes::INVALID_REQUEST,
            "session not found (it ended, expired or was never opened here): send `initialize` again",
        ),
    )
}

/// A request over the session's `--max-concurrent`: refused at once, never queued. 429 (RFC
/// 6585) tells HTTP clients and proxies what happened; the JSON-RPC error (−32000, a server
/// error) tells the MCP client, with its request's id.
pub(super) fn busy(id: &RequestId, max: usize) -> http::Response<Body> {
    let mut r = rpc_error(
        429,
        Some(id),
        &ErrorObject::new(
            codes::SERVER_BUSY,
            format!(
                "too many requests in progress on this session (at most {max}: `vmcp serve \
                 --max-concurrent`); send it again once one is answered"
            ),
        ),
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, http::HeaderValue::from_static("1"));
    r
}

pub(super) fn stream_response(body: Body) -> http::Response<Body> {
    let mut r = http::Response::new(body);
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        http::HeaderValue::from_static(EVENT_STREAM),
    );
    h.insert(
        header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-cache"),
    );
    h.insert("x-accel-buffering", http::HeaderValue::from_static("no"));
    r
}

/// The answer to a legacy request, with the session id when one was just opened.
pub(super) fn legacy_reply(answer: Answer, opened: Option<&str>) -> http::Response<Body> {
    let mut r = match answer {
        Answer::Json { bytes, .. } => json_response(200, bytes),
        Answer::Stream(body) => stream_response(body),
    };
    if let Some(id) = opened.and_then(|id| http::HeaderValue::from_str(id).ok()) {
        r.headers_mut().insert(SESSION_ID, id);
    }
    r
}
