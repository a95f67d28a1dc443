//! The headers a 2026-07-28 request carries over streamable HTTP, read off the request vmcp is
//! about to POST: `MCP-Protocol-Version` (the `_meta` version), `Mcp-Method` and `Mcp-Name`
//! (`params.name` of `tools/call` and `prompts/get`, `params.uri` of `resources/read`,
//! `params.taskId` of the tasks methods), and a `tools/call`'s `Mcp-Param-*` headers for the
//! arguments its tool's schema marks with `x-mcp-header` ([`ParamTable`], filled from the
//! server's `tools/list`, which also leaves out tools whose annotations are invalid). A value
//! that is not plain visible ASCII goes as `=?base64?…?=`. A request without a modern `_meta`
//! (2025-11-25) gets none of them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::protocol::RawObject;
use crate::protocol::http_headers::encode_value;
use crate::protocol::mcp::method;
use crate::protocol::meta::key;
use crate::protocol::param_headers::{self, ParamHeader};

pub(crate) const VERSION: &str = "mcp-protocol-version";
pub(crate) const METHOD: &str = "mcp-method";
pub(crate) const NAME: &str = "mcp-name";

/// What a modern request's headers say.
#[derive(Debug, PartialEq)]
pub(crate) struct ModernHeaders {
    pub(crate) version: String,
    pub(crate) method: String,
    pub(crate) name: Option<String>,
    /// `Mcp-Param-*` headers (lowercase names) and their values, as sent.
    pub(crate) params: Vec<(String, String)>,
}

/// The tools of one server whose calls carry `Mcp-Param-*` headers, by name.
#[derive(Default)]
pub(crate) struct ParamTable {
    tools: Mutex<HashMap<String, Arc<[ParamHeader]>>>,
}

impl ParamTable {
    /// Takes in the server's tools (a fresh `tools/list`): a tool whose `x-mcp-header`
    /// annotations are invalid is left out, with a warning (the revision requires it of HTTP
    /// clients); the headers of the others are what their calls will carry.
    pub(crate) fn accept(&self, server: &str, tools: Vec<RawObject>) -> Vec<RawObject> {
        let mut table = HashMap::new();
        let kept = tools
            .into_iter()
            .filter(|tool| {
                let Some(schema) = tool
                    .get("inputSchema")
                    .filter(|s| s.get().contains("x-mcp-header"))
                else {
                    return true;
                };
                let name = tool.get_str("name").unwrap_or_default();
                let declared = serde_json::from_str::<Value>(schema.get())
                    .map_err(|e| e.to_string())
                    .and_then(|s| param_headers::declared(&s));
                match declared {
                    Ok(hs) => {
                        if !hs.is_empty() {
                            table.insert(name, hs.into());
                        }
                        true
                    }
                    Err(why) => {
                        tracing::warn!(server, tool = %name, "tool left out: {why}");
                        false
                    }
                }
            })
            .collect();
        *self.tools.lock().unwrap_or_else(PoisonError::into_inner) = table;
        kept
    }

    fn get(&self, tool: &str) -> Option<Arc<[ParamHeader]>> {
        self.tools
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(tool)
            .cloned()
    }
}

#[derive(Deserialize)]
struct Request<'a> {
    method: Option<String>,
    #[serde(borrow)]
    params: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Params<'a> {
    #[serde(rename = "_meta")]
    meta: Option<Map<String, Value>>,
    name: Option<String>,
    uri: Option<String>,
    #[serde(rename = "taskId")]
    task_id: Option<String>,
    #[serde(borrow)]
    arguments: Option<&'a RawValue>,
}

/// The `Mcp-Param-*` headers of a call to `tool` with `arguments` (the table's tools only).
fn param_values(
    table: &ParamTable,
    tool: Option<&str>,
    arguments: Option<&RawValue>,
) -> Vec<(String, String)> {
    let Some(declared) = tool.and_then(|t| table.get(t)) else {
        return Vec::new();
    };
    let arguments =
        arguments.and_then(|a| serde_json::from_str::<Map<String, Value>>(a.get()).ok());
    declared
        .iter()
        .filter_map(|h| {
            let value = h.value(arguments.as_ref())?;
            Some((h.header(), encode_value(&param_headers::text(value))))
        })
        .collect()
}

/// The headers of the request in `body` when it is a modern request; `None` for anything else
/// (a legacy request, a notification or response without a modern `_meta`).
pub(crate) fn modern(body: &[u8], table: &ParamTable) -> Option<ModernHeaders> {
    let request: Request<'_> = serde_json::from_slice(body).ok()?;
    let raw_params = request.params?;
    let params: Params<'_> = serde_json::from_str(raw_params.get()).ok()?;
    let version = params
        .meta
        .as_ref()?
        .get(key::PROTOCOL_VERSION)?
        .as_str()?
        .to_string();
    let method = request.method?;
    let values = if method == method::TOOLS_CALL {
        param_values(table, params.name.as_deref(), params.arguments)
    } else {
        Vec::new()
    };
    let name = match method.as_str() {
        method::TOOLS_CALL | method::PROMPTS_GET => params.name,
        method::RESOURCES_READ => params.uri,
        method::TASKS_GET | method::TASKS_UPDATE | method::TASKS_CANCEL => params.task_id,
        _ => None,
    };
    Some(ModernHeaders {
        version,
        method: encode_value(&method),
        name: name.as_deref().map(encode_value),
        params: values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(body: &str) -> Option<ModernHeaders> {
        modern(body.as_bytes(), &ParamTable::default())
    }

    fn tool(json: Value) -> RawObject {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn calls_carry_the_params_their_tool_marks_and_invalid_tools_are_left_out() {
        let table = ParamTable::default();
        let kept = table.accept(
            "s",
            vec![
                tool(
                    serde_json::json!({"name": "sql", "inputSchema": {"properties": {
                    "region": {"type": "string", "x-mcp-header": "Region"},
                    "n": {"type": "integer", "x-mcp-header": "N"},
                    "query": {"type": "string"}}}}),
                ),
                tool(
                    serde_json::json!({"name": "bad", "inputSchema": {"properties": {
                    "x": {"type": "number", "x-mcp-header": "X"}}}}),
                ),
                tool(serde_json::json!({"name": "plain", "inputSchema": {}})),
            ],
        );
        let names: Vec<String> = kept.iter().filter_map(|t| t.get_str("name")).collect();
        assert_eq!(names, ["sql", "plain"]);
        let body = format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{{"name":"sql","arguments":{{"region":"Hello, 世界","n":42,"query":"q"}},{META}}}}}"#
        );
        let h = modern(body.as_bytes(), &table).unwrap();
        assert_eq!(
            h.params,
            [
                (
                    "mcp-param-region".to_string(),
                    "=?base64?SGVsbG8sIOS4lueVjA==?=".to_string()
                ),
                ("mcp-param-n".to_string(), "42".to_string()),
            ]
        );
        // An argument left out (or null) sends no header.
        let body = format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{{"name":"sql","arguments":{{"n":null}},{META}}}}}"#
        );
        assert_eq!(modern(body.as_bytes(), &table).unwrap().params, []);
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
}
