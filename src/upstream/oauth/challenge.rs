//! The 401 challenge (`WWW-Authenticate: Bearer …`) and the probe that tells whether a server
//! needs OAuth at all.

use reqwest::StatusCode;

use super::{OAuthError, failed};
use crate::upstream::http_client::error_text;

/// The parameters of a `WWW-Authenticate: Bearer …` challenge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Challenge {
    pub resource_metadata: Option<String>,
    pub scope: Option<String>,
    pub error: Option<String>,
}

/// Parses `Bearer realm="x", scope="a b", resource_metadata="https://…"` (other schemes and
/// unknown parameters are ignored).
pub(crate) fn parse_challenge(header: &str) -> Challenge {
    let mut out = Challenge::default();
    let rest = header.trim();
    let rest = match rest.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("bearer ") => &rest[7..],
        _ => rest,
    };
    let mut chars = rest.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
        if key.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '"' => break,
                    c => value.push(c),
                }
            }
        } else {
            value = chars.by_ref().take_while(|c| *c != ',').collect();
        }
        let value = value.trim().to_string();
        match key.trim().to_ascii_lowercase().as_str() {
            "resource_metadata" => out.resource_metadata = Some(value),
            "scope" => out.scope = Some(value),
            "error" => out.error = Some(value),
            _ => {}
        }
    }
    out
}

/// What an unauthenticated `initialize` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Probe {
    /// The server answered without asking for credentials.
    Open,
    /// 401 (or 403) with this challenge.
    Challenged(Challenge),
}

/// Sends an unauthenticated `initialize` to learn whether (and how) the server wants OAuth.
pub(crate) async fn probe(
    http: &reqwest::Client,
    url: &str,
    headers: &[(String, String)],
) -> Result<Probe, OAuthError> {
    let body = serde_json::json!({
        "jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                   "clientInfo": {"name": "vmcp", "version": env!("CARGO_PKG_VERSION")}}
    });
    let mut req = http
        .post(url)
        .header("accept", "application/json, text/event-stream")
        .json(&body);
    for (k, v) in headers {
        req = req.header(k.as_str(), v.as_str());
    }
    let resp = req.send().await.map_err(|e| {
        failed(format!(
            "cannot reach {}: {}",
            crate::support::url::redacted(url),
            error_text(e)
        ))
    })?;
    if let Some(c) = challenge_of(&resp) {
        return Ok(Probe::Challenged(c));
    }
    // Some servers let anyone initialize and protect only what follows: ask for the tools too.
    let session = resp.headers().get("mcp-session-id").cloned();
    let _ = resp.bytes().await;
    let follow = |body: serde_json::Value| {
        let mut req = http
            .post(url)
            .header("accept", "application/json, text/event-stream")
            .header("mcp-protocol-version", "2025-11-25")
            .json(&body);
        if let Some(s) = &session {
            req = req.header("mcp-session-id", s.clone());
        }
        for (k, v) in headers {
            req = req.header(k.as_str(), v.as_str());
        }
        req
    };
    let _ = follow(serde_json::json!({"jsonrpc": "2.0", "method": "notifications/initialized"}))
        .send()
        .await;
    let listed = follow(serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}))
        .send()
        .await;
    let found = listed.as_ref().ok().and_then(challenge_of);
    if let Some(s) = &session {
        let mut req = http.delete(url).header("mcp-session-id", s.clone());
        for (k, v) in headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let _ = req.send().await;
    }
    Ok(found.map_or(Probe::Open, Probe::Challenged))
}

/// The challenge of a 401/403 answer.
fn challenge_of(resp: &reqwest::Response) -> Option<Challenge> {
    let status = resp.status();
    (status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN).then(|| {
        resp.headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .map(parse_challenge)
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_parse() {
        let c = parse_challenge(
            r#"Bearer realm="x", error="insufficient_scope", scope="read write", resource_metadata="http://h/.well-known/oauth-protected-resource/mcp""#,
        );
        assert_eq!(c.scope.as_deref(), Some("read write"));
        assert_eq!(c.error.as_deref(), Some("insufficient_scope"));
        assert_eq!(
            c.resource_metadata.as_deref(),
            Some("http://h/.well-known/oauth-protected-resource/mcp")
        );
        let c = parse_challenge("Bearer scope=a,error=invalid_token");
        assert_eq!(c.scope.as_deref(), Some("a"));
        assert_eq!(c.error.as_deref(), Some("invalid_token"));
        assert_eq!(parse_challenge("Bearer"), Challenge::default());
    }
}
