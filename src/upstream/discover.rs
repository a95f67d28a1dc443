//! `server/discover` (MCP 2026-07-28): what a modern server speaks and offers, asked without a
//! session, and what its answer tells a client of both eras. A `DiscoverResult` means the
//! server is modern; a recognised modern error is an answer in the modern era too (−32022 names
//! the versions it speaks); any other error means the server does not know the method, i.e. it
//! is a 2025-11-25 server. Used to detect the era, to open a modern connection, and as a modern
//! upstream's health check (the revision removed `ping`).

use std::time::Duration;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::envelope::Envelope;
use super::error::UpstreamError;
use super::handshake::{ServerInfo, supported_versions};
use crate::protocol::mcp::{self, Era, MODERN_VERSION, MODERN_VERSIONS, method};
use crate::protocol::meta::key;
use crate::protocol::{ErrorObject, Peer, RequestError, RequestOptions, codes};

/// What a `server/discover` found out.
#[derive(Debug)]
pub(super) enum Discovered {
    Modern(ServerInfo),
    /// The server does not speak 2026-07-28 (why, for the log).
    Legacy(String),
}

/// Sends `server/discover` and reads the answer. With `probe`, silence for that long means a
/// legacy server (it ignores requests before `initialize`): the request is then dropped without
/// `notifications/cancelled`, which a legacy server must not see before `initialize`. Without,
/// the startup deadline around the caller bounds the wait.
pub(super) async fn discover(
    peer: &Peer,
    envelope: &Envelope,
    probe: Option<Duration>,
) -> Result<Discovered, UpstreamError> {
    let mut retried = false;
    loop {
        let ask = peer.request(
            method::DISCOVER,
            envelope.dress(None),
            RequestOptions::default(),
        );
        // Dropping the request future forgets it without telling the server.
        let answer = match probe {
            Some(wait) => match tokio::time::timeout(wait, ask).await {
                Ok(answer) => answer,
                Err(_) => {
                    return Ok(Discovered::Legacy(format!(
                        "no answer to {} within {wait:?}",
                        method::DISCOVER
                    )));
                }
            },
            None => ask.await,
        };
        let raw = match answer {
            Ok(raw) => return read_result(&raw),
            Err(RequestError::Rpc(raw)) => raw,
            Err(RequestError::Closed(reason)) => return Err(UpstreamError::Closed(reason)),
            Err(other) => {
                return Err(UpstreamError::Handshake(format!(
                    "{} failed: {other}",
                    method::DISCOVER
                )));
            }
        };
        let e: ErrorObject =
            serde_json::from_str(raw.get()).unwrap_or_else(|_| ErrorObject::internal(raw.get()));
        match read_error(&e) {
            Verdict::Retry if !retried => retried = true,
            Verdict::Retry | Verdict::Unsupported(_) => {
                return Err(UpstreamError::NoCommonVersion {
                    offered: MODERN_VERSIONS.to_vec(),
                    supported: supported_versions(&e).unwrap_or_default(),
                    forced: false,
                });
            }
            Verdict::Legacy => {
                return Ok(Discovered::Legacy(format!(
                    "{} was answered with {e}",
                    method::DISCOVER
                )));
            }
            Verdict::Failed => {
                return Err(UpstreamError::Handshake(format!(
                    "{} failed: {e}",
                    method::DISCOVER
                )));
            }
        }
    }
}

/// How an error answer to `server/discover` reads.
#[derive(Debug, PartialEq)]
enum Verdict {
    /// −32022 naming the version vmcp sent: worth one more try.
    Retry,
    /// −32022 naming only versions vmcp does not speak.
    Unsupported(Vec<String>),
    /// Not a modern answer, or −32022 naming legacy versions: a 2025-11-25 server.
    Legacy,
    /// A modern error other than a version mismatch (a header mismatch, a capability it
    /// requires): a modern server vmcp cannot use.
    Failed,
}

fn read_error(e: &ErrorObject) -> Verdict {
    if let Some(supported) = supported_versions(e) {
        return if supported.iter().any(|v| v == MODERN_VERSION) {
            Verdict::Retry
        } else if supported
            .iter()
            .any(|v| mcp::era_of(v) == Some(Era::Legacy))
        {
            Verdict::Legacy
        } else {
            Verdict::Unsupported(supported)
        };
    }
    match e.code {
        codes::HEADER_MISMATCH | codes::MISSING_REQUIRED_CLIENT_CAPABILITY => Verdict::Failed,
        _ => Verdict::Legacy,
    }
}

/// Reads a `DiscoverResult`. Server info moved into `_meta` in 2026-07-28; early servers put it
/// in the body.
fn read_result(raw: &RawValue) -> Result<Discovered, UpstreamError> {
    let result: Map<String, Value> = serde_json::from_str(raw.get()).map_err(|e| {
        UpstreamError::Handshake(format!("unreadable {} result: {e}", method::DISCOVER))
    })?;
    if let Some(versions) = result.get("supportedVersions").and_then(Value::as_array) {
        let versions: Vec<String> = versions
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        if !versions.iter().any(|v| v == MODERN_VERSION) {
            if versions.iter().any(|v| mcp::era_of(v) == Some(Era::Legacy)) {
                return Ok(Discovered::Legacy(format!(
                    "{} lists only {}",
                    method::DISCOVER,
                    versions.join(", ")
                )));
            }
            return Err(UpstreamError::NoCommonVersion {
                offered: MODERN_VERSIONS.to_vec(),
                supported: versions,
                forced: false,
            });
        }
    }
    let implementation = result
        .get("_meta")
        .and_then(|m| m.get(key::SERVER_INFO))
        .or_else(|| result.get("serverInfo"))
        .cloned()
        .unwrap_or(Value::Null);
    Ok(Discovered::Modern(ServerInfo {
        era: Era::Modern,
        protocol_version: MODERN_VERSION.to_string(),
        capabilities: result
            .get("capabilities")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        implementation,
        instructions: result
            .get("instructions")
            .and_then(Value::as_str)
            .map(str::to_string),
    }))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn error(code: i64, data: Option<Value>) -> ErrorObject {
        ErrorObject {
            code,
            message: "m".into(),
            data,
        }
    }

    #[test]
    fn error_answers_table() {
        let versions = |v: Value| Some(json!({"supported": v, "requested": "2026-07-28"}));
        let cases = [
            (error(-32601, None), Verdict::Legacy),
            (error(-32600, None), Verdict::Legacy),
            (error(-32602, None), Verdict::Legacy),
            (error(-32000, None), Verdict::Legacy),
            (error(-32020, None), Verdict::Failed),
            (error(-32021, None), Verdict::Failed),
            (
                error(-32022, versions(json!(["2026-07-28"]))),
                Verdict::Retry,
            ),
            (
                error(-32022, versions(json!(["2025-06-18", "2025-11-25"]))),
                Verdict::Legacy,
            ),
            (
                error(-32022, versions(json!(["2099-01-01"]))),
                Verdict::Unsupported(vec!["2099-01-01".into()]),
            ),
            (error(-32022, None), Verdict::Unsupported(Vec::new())),
        ];
        for (e, expected) in cases {
            assert_eq!(read_error(&e), expected, "{e:?}");
        }
    }

    fn result(text: &str) -> Result<Discovered, UpstreamError> {
        read_result(&RawValue::from_string(text.to_string()).unwrap())
    }

    #[test]
    fn discover_results() {
        let Ok(Discovered::Modern(info)) = result(
            r#"{"resultType":"complete","supportedVersions":["2026-07-28"],"capabilities":{"tools":{"listChanged":true}},"instructions":"hi","ttlMs":0,"cacheScope":"private","_meta":{"io.modelcontextprotocol/serverInfo":{"name":"s","version":"1"}}}"#,
        ) else {
            panic!("modern");
        };
        assert_eq!(info.era, Era::Modern);
        assert_eq!(info.protocol_version, "2026-07-28");
        assert!(info.has("tools"));
        assert_eq!(info.implementation["name"], "s");
        assert_eq!(info.instructions.as_deref(), Some("hi"));
        let Ok(Discovered::Modern(info)) =
            result(r#"{"capabilities":{},"serverInfo":{"name":"old"}}"#)
        else {
            panic!("modern, info in the body");
        };
        assert_eq!(info.implementation["name"], "old");
        assert!(matches!(
            result(r#"{"supportedVersions":["2025-11-25"],"capabilities":{}}"#),
            Ok(Discovered::Legacy(_))
        ));
        let e = result(r#"{"supportedVersions":["2099-01-01"],"capabilities":{}}"#).unwrap_err();
        assert!(e.to_string().contains("2099-01-01"), "{e}");
        assert!(result("[1]").is_err());
    }
}
