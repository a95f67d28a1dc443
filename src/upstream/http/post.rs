//! One POST of a streamable HTTP upstream and its answer: the bearer token (renewed once when
//! refused), 401/403 turned into what to run, the session id taken up, a 4xx refusing a modern
//! request read for its JSON-RPC error, and the body — one message, or an SSE stream of them —
//! delivered to the peer.

use reqwest::header::{CONTENT_TYPE, HeaderValue};
use reqwest::{Response, StatusCode};

use super::headers::ModernHeaders;
use super::{SESSION_HEADER, Shared, lock, read_sse, request_headers};
use crate::protocol::message::Message;
use crate::protocol::{Peer, RequestId, decode, peer::Frame};
use crate::upstream::http_client::{
    deliver, describe_answer, describe_status, error_text, fail_request, read_body,
};
use crate::upstream::oauth;

/// One POST of `body`, with the bearer token when there is one.
async fn send_post(
    shared: &Shared,
    body: &[u8],
    modern: Option<&ModernHeaders>,
    bearer: Option<&str>,
) -> Result<Response, reqwest::Error> {
    let mut headers = request_headers(shared, "application/json, text/event-stream", modern);
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let mut req = shared
        .client
        .post(shared.url.clone())
        .headers(headers)
        .body(body.to_vec());
    if let Some(token) = bearer {
        req = req.bearer_auth(token);
    }
    req.send().await
}

/// What the user must do after a 401/403, from the challenge (`login`: the command that logs
/// in to the server).
fn auth_advice(login: &str, status: StatusCode, challenge: Option<&str>) -> String {
    let c = challenge.map(oauth::parse_challenge).unwrap_or_default();
    if status == StatusCode::FORBIDDEN && c.error.as_deref() == Some("insufficient_scope") {
        let scopes = c
            .scope
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(",");
        return format!(
            "the server needs more permissions (scope `{scopes}`): run `{login} --scope {scopes}`"
        );
    }
    format!("needs login: {}", oauth::login_hint(login))
}

pub(super) async fn post(
    shared: &Shared,
    peer: &Peer,
    frame: Frame,
    modern: Option<&ModernHeaders>,
) {
    let mut bearer = None;
    if let Some(auth) = &shared.auth {
        match auth.bearer().await {
            Ok(b) => bearer = b,
            Err(e) => {
                *lock(&shared.auth_failure) = Some((401, e.clone()));
                refuse_request(peer, frame.request_id, &e);
                return;
            }
        }
    }
    let mut sent = send_post(shared, &frame.bytes, modern, bearer.as_deref()).await;
    // Once: a token another process stored meanwhile, or a refresh.
    if let (Ok(resp), Some(auth)) = (&sent, &shared.auth) {
        let status = resp.status();
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            match auth
                .after_rejection(bearer.as_deref(), status == StatusCode::UNAUTHORIZED)
                .await
            {
                Ok(Some(token)) => {
                    tracing::debug!(server = %shared.label, "retrying with a new access token");
                    sent = send_post(shared, &frame.bytes, modern, Some(&token)).await;
                }
                Ok(None) => {}
                Err(e) => {
                    *lock(&shared.auth_failure) = Some((status.as_u16(), e.clone()));
                    refuse_request(peer, frame.request_id, &e);
                    return;
                }
            }
        }
    }
    let resp = match sent {
        Ok(r) => r,
        Err(e) => {
            fail_request(
                peer,
                frame.request_id,
                &format!("cannot reach {}: {}", shared.shown_url, error_text(e)),
            );
            return;
        }
    };
    let status = resp.status();
    if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
        let challenge = resp
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        if let Some(auth) = &shared.auth {
            let advice = auth_advice(auth.login_command(), status, challenge.as_deref());
            let message = format!("HTTP {status}: {advice}");
            *lock(&shared.auth_failure) = Some((status.as_u16(), advice));
            if status == StatusCode::UNAUTHORIZED && lock(&shared.session).is_some() {
                // Logged out mid-session: every call would fail the same way, so the connection
                // ends with what to run, and calls to this server say so.
                tracing::warn!(server = %shared.label, "{message}");
                peer.close(message);
            } else {
                refuse_request(peer, frame.request_id, &message);
            }
            return;
        }
    }
    if let Some(s) = resp.headers().get(SESSION_HEADER)
        && modern.is_none()
    {
        let mut current = lock(&shared.session);
        if current.is_none() {
            *current = Some(s.clone());
        }
    }
    if status == StatusCode::ACCEPTED || status == StatusCode::NO_CONTENT {
        return;
    }
    if status == StatusCode::NOT_FOUND && lock(&shared.session).is_some() {
        peer.close("the server ended the session (HTTP 404)");
        return;
    }
    if modern.is_some()
        && status.is_client_error()
        && status != StatusCode::UNAUTHORIZED
        && status != StatusCode::FORBIDDEN
    {
        modern_refusal(peer, frame.request_id, resp).await;
        return;
    }
    if status.is_client_error()
        && status != StatusCode::UNAUTHORIZED
        && status != StatusCode::FORBIDDEN
        && lock(&shared.session).is_none()
    {
        lock(&shared.refused).get_or_insert(status);
    }
    if !status.is_success() {
        let what = describe_status(resp).await;
        fail_request(peer, frame.request_id, &what);
        return;
    }
    let is_sse = resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"));
    if is_sse {
        read_sse(shared, peer, resp, frame.request_id).await;
    } else if let Some(body) = read_body(&shared.turns, peer, frame.request_id, resp).await
        && !body.iter().all(u8::is_ascii_whitespace)
    {
        deliver(&shared.label, peer, &body, frame.request_id);
    }
}

/// A 4xx answering a modern request: a 2026-07-28 server says why in a JSON-RPC error for the
/// request (−32022 with the versions it speaks, −32602 for a bad `_meta`, −32601 with a 404),
/// which the request gets as the server's answer; anything else (a 2025-11-25 server wanting a
/// session, a proxy) fails it with the status and an excerpt of the body.
async fn modern_refusal(peer: &Peer, request_id: Option<i64>, resp: Response) {
    let status = resp.status();
    let body = resp.text().await.unwrap_or_default();
    if let (Some(id), Ok(Message::Response(r))) = (request_id, decode(body.trim().as_bytes()))
        && r.id == RequestId::Number(id)
    {
        peer.receive(Message::Response(r));
        return;
    }
    fail_request(peer, request_id, &describe_answer(status, None, &body));
}

/// Fails a request because the server wants other credentials: the caller sees `message` as
/// such (a tool error for a tool call), not as a JSON-RPC error of the server.
fn refuse_request(peer: &Peer, request_id: Option<i64>, message: &str) {
    match request_id {
        Some(id) => {
            peer.refuse(id, message);
        }
        None => tracing::warn!(peer = peer.label(), "{message}"),
    }
}
