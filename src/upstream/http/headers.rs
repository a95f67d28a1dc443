//! The headers a 2026-07-28 request carries over streamable HTTP, read off the request vmcp is
//! about to POST: `MCP-Protocol-Version` (the `_meta` version), `Mcp-Method` and `Mcp-Name`
//! (`params.name` of `tools/call` and `prompts/get`, `params.uri` of `resources/read`,
//! `params.taskId` of the tasks methods). A value that is not plain visible ASCII goes as
//! `=?base64?…?=`. A request without a modern `_meta` (2025-11-25) gets none of them.

use base64::Engine;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::protocol::mcp::method;
use crate::protocol::meta::key;

pub(crate) const VERSION: &str = "mcp-protocol-version";
pub(crate) const METHOD: &str = "mcp-method";
pub(crate) const NAME: &str = "mcp-name";

/// What a modern request's headers say.
#[derive(Debug, PartialEq)]
pub(crate) struct ModernHeaders {
    pub(crate) version: String,
    pub(crate) method: String,
    pub(crate) name: Option<String>,
}

#[derive(Deserialize)]
struct Request<'a> {
    method: Option<String>,
    #[serde(borrow)]
    params: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Params {
    #[serde(rename = "_meta")]
    meta: Option<serde_json::Map<String, serde_json::Value>>,
    name: Option<String>,
    uri: Option<String>,
    #[serde(rename = "taskId")]
    task_id: Option<String>,
}

/// The headers of the request in `body` when it is a modern request; `None` for anything else
/// (a legacy request, a notification or response without a modern `_meta`).
pub(crate) fn modern(body: &[u8]) -> Option<ModernHeaders> {
    let request: Request<'_> = serde_json::from_slice(body).ok()?;
    let params: Params = serde_json::from_str(request.params?.get()).ok()?;
    let version = params
        .meta
        .as_ref()?
        .get(key::PROTOCOL_VERSION)?
        .as_str()?
        .to_string();
    let method = request.method?;
    let name = match method.as_str() {
        method::TOOLS_CALL | method::PROMPTS_GET => params.name,
        method::RESOURCES_READ => params.uri,
        method::TASKS_GET | method::TASKS_UPDATE | method::TASKS_CANCEL => params.task_id,
        _ => None,
    };
    Some(ModernHeaders {
        version,
        method: encode(&method),
        name: name.as_deref().map(encode),
    })
}

const SENTINEL: &str = "=?base64?";

/// A header value as sent: itself when it is visible ASCII (spaces inside allowed) without
/// surrounding whitespace and not itself looking encoded; else `=?base64?<standard b64>?=`.
fn encode(value: &str) -> String {
    let plain = value.bytes().all(|b| (0x20..0x7f).contains(&b))
        && value.trim() == value
        && !value.starts_with(SENTINEL);
    if plain {
        value.to_string()
    } else {
        let b64 = base64::engine::general_purpose::STANDARD.encode(value.as_bytes());
        format!("{SENTINEL}{b64}?=")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(body: &str) -> Option<ModernHeaders> {
        modern(body.as_bytes())
    }

    const META: &str = r#""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}"#;

    #[test]
    fn names_by_method() {
        let cases = [
            (
                format!(
                    r#"{{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{{"name":"echo",{META}}}}}"#
                ),
                Some("echo"),
            ),
            (
                format!(
                    r#"{{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{{"name":"greet",{META}}}}}"#
                ),
                Some("greet"),
            ),
            (
                format!(
                    r#"{{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{{"uri":"file:///a b",{META}}}}}"#
                ),
                Some("file:///a b"),
            ),
            (
                format!(
                    r#"{{"jsonrpc":"2.0","id":1,"method":"tasks/get","params":{{"taskId":"t1",{META}}}}}"#
                ),
                Some("t1"),
            ),
            (
                format!(
                    r#"{{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{{"name":"x",{META}}}}}"#
                ),
                None,
            ),
        ];
        for (body, name) in cases {
            let h = headers(&body).unwrap();
            assert_eq!(h.version, "2026-07-28");
            assert_eq!(h.name.as_deref(), name, "{body}");
        }
    }

    #[test]
    fn legacy_requests_and_other_messages_get_none() {
        assert_eq!(
            headers(r#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo"}}"#),
            None
        );
        assert_eq!(headers(r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#), None);
        assert_eq!(headers(r#"{"jsonrpc":"2.0","id":1,"result":{}}"#), None);
        assert_eq!(
            headers(
                r#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}"#
            ),
            None
        );
    }

    #[test]
    fn values_that_are_not_plain_ascii_go_base64() {
        assert_eq!(encode("get_weather"), "get_weather");
        assert_eq!(encode("a b"), "a b");
        assert_eq!(encode("héllo"), "=?base64?aMOpbGxv?=");
        assert_eq!(encode(" padded"), "=?base64?IHBhZGRlZA==?=");
        assert_eq!(encode("tab\there"), "=?base64?dGFiCWhlcmU=?=");
        assert_eq!(encode("=?base64?x?="), "=?base64?PT9iYXNlNjQ/eD89?=");
    }
}
