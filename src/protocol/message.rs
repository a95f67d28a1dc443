//! JSON-RPC 2.0 messages as MCP uses them, kept lossless.
//!
//! A proxy must not lose what it does not understand, so payloads (`params`, `result`, `error`)
//! stay as raw JSON text (`RawValue`) until someone needs to look inside. Only the envelope
//! (`id`, `method`) is parsed. Encoding guarantees one message per line (stdio framing).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// A JSON-RPC request id: MCP allows integers and strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RequestId {
    Number(i64),
    String(String),
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestId::Number(n) => write!(f, "{n}"),
            RequestId::String(s) => write!(f, "{s:?}"),
        }
    }
}

/// A JSON-RPC error object. Used for errors vmcp originates; upstream errors pass through raw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorObject {
    pub code: i64,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

/// Standard and MCP-conventional JSON-RPC error codes.
pub mod codes {
    pub const PARSE_ERROR: i64 = -32700;
    pub const INVALID_REQUEST: i64 = -32600;
    pub const METHOD_NOT_FOUND: i64 = -32601;
    pub const INVALID_PARAMS: i64 = -32602;
    pub const INTERNAL_ERROR: i64 = -32603;
    /// Used by the MCP SDKs for a request that timed out.
    pub const REQUEST_TIMEOUT: i64 = -32001;
    /// MCP: the requested resource does not exist.
    pub const RESOURCE_NOT_FOUND: i64 = -32002;
}

impl ErrorObject {
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }
    pub fn invalid_params(message: impl Into<String>) -> Self {
        Self::new(codes::INVALID_PARAMS, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(codes::INTERNAL_ERROR, message)
    }
    pub fn method_not_found(method: &str) -> Self {
        Self::new(
            codes::METHOD_NOT_FOUND,
            format!("Method not found: {method}"),
        )
    }
}

impl fmt::Display for ErrorObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (code {})", self.message, self.code)
    }
}

/// The outcome carried by a response: a raw result or a raw error object.
#[derive(Debug)]
pub enum Outcome {
    Result(Box<RawValue>),
    Error(Box<RawValue>),
}

impl Outcome {
    pub fn error(err: &ErrorObject) -> Self {
        Outcome::Error(to_raw(err))
    }
}

#[derive(Debug)]
pub struct Request {
    pub id: RequestId,
    pub method: String,
    pub params: Option<Box<RawValue>>,
}

#[derive(Debug)]
pub struct Notification {
    pub method: String,
    pub params: Option<Box<RawValue>>,
}

#[derive(Debug)]
pub struct Response {
    pub id: RequestId,
    pub outcome: Outcome,
}

#[derive(Debug)]
pub enum Message {
    Request(Request),
    Notification(Notification),
    Response(Response),
}

/// Why a line could not be understood as a message. `id` is set when the line was JSON with an id,
/// so the error reply can reach the sender.
#[derive(Debug)]
pub struct DecodeError {
    pub id: Option<RequestId>,
    pub error: Box<ErrorObject>,
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default)]
    jsonrpc: Option<&'a str>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    params: Option<Box<RawValue>>,
    #[serde(default)]
    result: Option<Box<RawValue>>,
    #[serde(default)]
    error: Option<Box<RawValue>>,
}

/// Distinguishes `"id": null` (present, Some(Null)) from a missing id (None).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

fn parse_id(v: &Value) -> Option<RequestId> {
    match v {
        Value::Number(n) => n.as_i64().map(RequestId::Number),
        Value::String(s) => Some(RequestId::String(s.clone())),
        _ => None,
    }
}

/// Parses one JSON-RPC message from a line (or HTTP body).
pub fn decode(bytes: &[u8]) -> Result<Message, DecodeError> {
    let env: Envelope<'_> = serde_json::from_slice(bytes).map_err(|e| {
        let trimmed = bytes.iter().find(|b| !b.is_ascii_whitespace());
        let error = if trimmed == Some(&b'[') {
            ErrorObject::new(
                codes::INVALID_REQUEST,
                "JSON-RPC batches are not supported by MCP 2025-06-18 and later",
            )
        } else if e.is_data() {
            ErrorObject::new(
                codes::INVALID_REQUEST,
                format!("invalid JSON-RPC message: {e}"),
            )
        } else {
            ErrorObject::new(codes::PARSE_ERROR, format!("parse error: {e}"))
        };
        DecodeError {
            id: None,
            error: Box::new(error),
        }
    })?;
    let id = match &env.id {
        None => None,
        Some(v) => match parse_id(v) {
            Some(id) => Some(id),
            None if v.is_null() && env.method.is_none() => None,
            None => {
                return Err(invalid(
                    None,
                    "id must be an integer or a string".to_string(),
                ));
            }
        },
    };
    if env.jsonrpc != Some("2.0") {
        return Err(invalid(id, "jsonrpc must be \"2.0\"".to_string()));
    }
    match (env.method, id) {
        (Some(method), Some(id)) => Ok(Message::Request(Request {
            id,
            method,
            params: env.params,
        })),
        (Some(method), None) => Ok(Message::Notification(Notification {
            method,
            params: env.params,
        })),
        (None, Some(id)) => {
            let outcome = match (env.result, env.error) {
                (Some(r), None) => Outcome::Result(r),
                (None, Some(e)) => Outcome::Error(e),
                _ => {
                    return Err(invalid(
                        Some(id),
                        "a response needs exactly one of result and error".into(),
                    ));
                }
            };
            Ok(Message::Response(Response { id, outcome }))
        }
        (None, None) => {
            let what = if env.error.is_some() {
                "error response without an id"
            } else {
                "message has neither a method nor an id"
            };
            Err(invalid(None, what.to_string()))
        }
    }
}

fn invalid(id: Option<RequestId>, message: String) -> DecodeError {
    DecodeError {
        id,
        error: Box::new(ErrorObject::new(codes::INVALID_REQUEST, message)),
    }
}

#[derive(Serialize)]
struct OutRequest<'a, P: Serialize + ?Sized> {
    jsonrpc: &'static str,
    id: &'a RequestId,
    method: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<&'a P>,
}

/// Encodes a request line straight from its params (no intermediate copy).
pub fn encode_request<P: Serialize + ?Sized>(
    id: &RequestId,
    method: &str,
    params: Option<&P>,
) -> Vec<u8> {
    let mut out = to_vec(&OutRequest {
        jsonrpc: "2.0",
        id,
        method,
        params,
    });
    ensure_single_line(&mut out);
    out.push(b'\n');
    out
}

#[derive(Serialize)]
struct OutNotification<'a> {
    jsonrpc: &'static str,
    method: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<&'a RawValue>,
}

#[derive(Serialize)]
struct OutResult<'a> {
    jsonrpc: &'static str,
    id: Option<&'a RequestId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a RawValue>,
}

/// Encodes a message as one line (with the trailing newline).
pub fn encode(msg: &Message) -> Vec<u8> {
    let mut out = match msg {
        Message::Request(r) => to_vec(&OutRequest::<RawValue> {
            jsonrpc: "2.0",
            id: &r.id,
            method: &r.method,
            params: r.params.as_deref(),
        }),
        Message::Notification(n) => to_vec(&OutNotification {
            jsonrpc: "2.0",
            method: &n.method,
            params: n.params.as_deref(),
        }),
        Message::Response(r) => encode_response(Some(&r.id), &r.outcome),
    };
    ensure_single_line(&mut out);
    out.push(b'\n');
    out
}

/// Encodes a response; `id` is `None` only for errors about unparseable input.
pub fn encode_response_line(id: Option<&RequestId>, outcome: &Outcome) -> Vec<u8> {
    let mut out = encode_response(id, outcome);
    ensure_single_line(&mut out);
    out.push(b'\n');
    out
}

fn encode_response(id: Option<&RequestId>, outcome: &Outcome) -> Vec<u8> {
    let (result, error) = match outcome {
        Outcome::Result(r) => (Some(&**r), None),
        Outcome::Error(e) => (None, Some(&**e)),
    };
    to_vec(&OutResult {
        jsonrpc: "2.0",
        id,
        result,
        error,
    })
}

fn to_vec<T: Serialize>(v: &T) -> Vec<u8> {
    // Serializing these envelopes cannot fail: keys are strings and payloads are valid JSON.
    serde_json::to_vec(v).unwrap_or_default()
}

/// Raw payloads from HTTP upstreams may be pretty-printed; stdio framing needs one line.
fn ensure_single_line(out: &mut Vec<u8>) {
    if memchr::memchr2(b'\n', b'\r', out).is_some()
        && let Ok(v) = serde_json::from_slice::<Value>(out)
    {
        *out = to_vec(&v);
    }
}

/// Serializes a value into raw JSON.
pub fn to_raw<T: Serialize + ?Sized>(v: &T) -> Box<RawValue> {
    serde_json::value::to_raw_value(v).unwrap_or_else(|_| empty_object())
}

/// `{}`: the result of ping, setLevel, subscribe and friends.
pub fn empty_object() -> Box<RawValue> {
    RawValue::from_string("{}".to_string()).expect("static JSON is valid")
}

/// Parses raw params into an object; absent params become an empty object.
pub fn params_object(params: Option<&RawValue>) -> Result<Map<String, Value>, ErrorObject> {
    match params {
        None => Ok(Map::new()),
        Some(raw) => match serde_json::from_str::<Value>(raw.get()) {
            Ok(Value::Object(m)) => Ok(m),
            Ok(Value::Null) => Ok(Map::new()),
            Ok(_) => Err(ErrorObject::invalid_params("params must be an object")),
            Err(e) => Err(ErrorObject::invalid_params(format!("invalid params: {e}"))),
        },
    }
}

#[cfg(test)]
#[path = "message_tests.rs"]
mod tests;
