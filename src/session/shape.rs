//! Answers shaped for the caller's era: session errors mapped onto JSON-RPC (the one place where
//! that mapping lives), and what a modern (2026-07-28) caller gets on top of an answer that an
//! upstream of either era or vmcp itself produced: `resultType`, who answered
//! (`_meta.serverInfo`), cache hints on cacheable results, and −32602 where a legacy caller gets
//! −32002 for an unknown resource. Results otherwise pass through as they came.

use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

use super::error::SessionError;
use super::hints::CacheHint;
use crate::protocol::message::to_raw;
use crate::protocol::meta::key;
use crate::protocol::{ErrorObject, Outcome, RawObject, RequestError, codes};
use crate::upstream::UpstreamError;

/// A tool that could not run is reported as a tool error the model can read; protocol-level
/// problems (unknown tool, bad params, upstream JSON-RPC errors) stay JSON-RPC errors.
pub(super) fn tool_outcome(result: Result<Box<RawValue>, SessionError>) -> Outcome {
    match result {
        Ok(raw) => Outcome::Result(raw),
        Err(e @ SessionError::Upstream { .. }) if !is_rpc_error(&e) => {
            let text = e.to_string();
            Outcome::Result(to_raw(&json!({
                "content": [{ "type": "text", "text": text }],
                "isError": true,
            })))
        }
        Err(e) => error_outcome(&e),
    }
}

fn is_rpc_error(e: &SessionError) -> bool {
    matches!(
        e,
        SessionError::Upstream {
            error: UpstreamError::Request(RequestError::Rpc(_) | RequestError::Cancelled),
            ..
        }
    )
}

pub(super) fn outcome(result: Result<Box<RawValue>, SessionError>) -> Outcome {
    match result {
        Ok(raw) => Outcome::Result(raw),
        Err(e) => error_outcome(&e),
    }
}

pub(super) fn error_outcome(e: &SessionError) -> Outcome {
    let (code, message) = match e {
        SessionError::Upstream {
            error: UpstreamError::Request(RequestError::Rpc(raw)),
            ..
        } => return Outcome::Error(raw.as_ref().to_owned()),
        SessionError::UnknownTool(_)
        | SessionError::UnknownPrompt(_)
        | SessionError::UnknownTask(_)
        | SessionError::InvalidParams(_)
        | SessionError::Withheld(_)
        | SessionError::Unsupported { .. } => (codes::INVALID_PARAMS, e.to_string()),
        SessionError::UnknownResource(_) => (codes::RESOURCE_NOT_FOUND, e.to_string()),
        SessionError::Upstream {
            error: UpstreamError::Request(RequestError::Timeout(_)),
            ..
        } => (codes::REQUEST_TIMEOUT, e.to_string()),
        SessionError::Upstream { .. } | SessionError::Custom(_) | SessionError::Input(_) => {
            (codes::INTERNAL_ERROR, e.to_string())
        }
    };
    Outcome::error(&ErrorObject::new(code, message))
}

/// A 2026-07-28 result as a legacy (2025-11-25) caller gets it: without `resultType`, which
/// that revision does not have (the rest as it came).
pub(super) fn legacy_result(raw: Box<RawValue>) -> Box<RawValue> {
    // Parsed only when the text names the key at all.
    if !raw.get().contains("\"resultType\"") {
        return raw;
    }
    let Ok(mut result) = RawObject::parse(Some(&raw)) else {
        return raw;
    };
    match result.remove("resultType") {
        Some(_) => to_raw(&result),
        None => raw,
    }
}

/// What a modern caller's answer gets beyond the answer itself.
pub(super) struct Modern<'a> {
    /// vmcp's implementation info, for `_meta.serverInfo`.
    pub(super) server_info: &'a Value,
    /// Hints, for cacheable results.
    pub(super) hint: Option<CacheHint>,
    /// The resource asked for, named in a not-found error.
    pub(super) uri: Option<&'a str>,
}

/// Shapes `outcome` for a modern caller. Fields the answer already has are kept.
pub(super) fn modern(outcome: Outcome, with: &Modern<'_>) -> Outcome {
    match outcome {
        Outcome::Result(raw) => Outcome::Result(modern_result(raw, with)),
        Outcome::Error(raw) => Outcome::Error(modern_error(raw, with.uri)),
    }
}

fn modern_result(raw: Box<RawValue>, with: &Modern<'_>) -> Box<RawValue> {
    let Ok(mut result) = RawObject::parse(Some(&raw)) else {
        return raw;
    };
    if result.get("resultType").is_none() {
        result.set_value("resultType", "complete");
    }
    // Input-required results are never cached (2026-07-28).
    let complete = result.get_str("resultType").as_deref() != Some("input_required");
    if let Some(hint) = with.hint.filter(|_| complete) {
        if result.get("ttlMs").is_none() {
            result.set_value("ttlMs", &hint.ttl_ms);
        }
        if result.get("cacheScope").is_none() {
            result.set_value("cacheScope", hint.scope());
        }
    }
    let mut meta = result
        .get("_meta")
        .and_then(|m| RawObject::parse(Some(m)).ok())
        .unwrap_or_default();
    if meta.get(key::SERVER_INFO).is_none() {
        meta.set_value(key::SERVER_INFO, with.server_info);
        result.set_value("_meta", &meta);
    }
    to_raw(&result)
}

/// 2026-07-28 forbids −32002 (resource not found): it is −32602, naming the URI.
fn modern_error(raw: Box<RawValue>, uri: Option<&str>) -> Box<RawValue> {
    let Ok(mut error) = serde_json::from_str::<Map<String, Value>>(raw.get()) else {
        return raw;
    };
    if error.get("code").and_then(Value::as_i64) != Some(codes::RESOURCE_NOT_FOUND) {
        return raw;
    }
    error.insert("code".into(), codes::INVALID_PARAMS.into());
    if let Some(uri) = uri {
        let data = error.entry("data").or_insert(Value::Null);
        if data.is_null() {
            *data = json!({});
        }
        if let Value::Object(data) = data {
            data.entry("uri").or_insert_with(|| uri.into());
        }
    }
    to_raw(&error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_string()).unwrap()
    }

    fn shaped(outcome: Outcome, hint: Option<CacheHint>, uri: Option<&str>) -> String {
        let info = json!({"name": "vmcp"});
        let with = Modern {
            server_info: &info,
            hint,
            uri,
        };
        match modern(outcome, &with) {
            Outcome::Result(r) | Outcome::Error(r) => r.get().to_string(),
        }
    }

    #[test]
    fn results_get_a_type_server_info_and_hints_and_keep_what_they_have() {
        let hint = Some(CacheHint {
            ttl_ms: 5,
            public: false,
        });
        assert_eq!(
            shaped(Outcome::Result(raw(r#"{"tools":[1, 2]}"#)), hint, None),
            r#"{"tools":[1, 2],"resultType":"complete","ttlMs":5,"cacheScope":"private","_meta":{"io.modelcontextprotocol/serverInfo":{"name":"vmcp"}}}"#
        );
        assert_eq!(
            shaped(
                Outcome::Result(raw(
                    r#"{"_meta":{"a":1},"resultType":"input_required","content":[]}"#
                )),
                None,
                None
            ),
            r#"{"_meta":{"a":1,"io.modelcontextprotocol/serverInfo":{"name":"vmcp"}},"resultType":"input_required","content":[]}"#
        );
        assert_eq!(shaped(Outcome::Result(raw("[1]")), hint, None), "[1]");
    }

    #[test]
    fn legacy_callers_get_results_without_a_result_type() {
        let strip = |text: &str| legacy_result(raw(text)).get().to_string();
        assert_eq!(
            strip(r#"{"content":[],"resultType":"complete","isError":false}"#),
            r#"{"content":[],"isError":false}"#
        );
        let nested = r#"{"content":[{"type":"text","text":"\"resultType\""}]}"#;
        assert_eq!(strip(nested), nested);
        assert_eq!(strip("[1]"), "[1]");
    }

    #[test]
    fn resource_not_found_becomes_invalid_params_naming_the_uri() {
        let not_found = r#"{"code":-32002,"message":"gone"}"#;
        assert_eq!(
            shaped(Outcome::Error(raw(not_found)), None, Some("test://x")),
            r#"{"code":-32602,"message":"gone","data":{"uri":"test://x"}}"#
        );
        assert_eq!(
            shaped(
                Outcome::Error(raw(r#"{"code":-32002,"message":"m","data":{"uri":"u"}}"#)),
                None,
                Some("test://x")
            ),
            r#"{"code":-32602,"message":"m","data":{"uri":"u"}}"#
        );
        let other = r#"{"code":-32601,"message":"no"}"#;
        assert_eq!(shaped(Outcome::Error(raw(other)), None, Some("u")), other);
    }
}
