//! JSON-RPC 2.0 messages as MCP uses them, kept lossless.
//!
//! A proxy must not lose what it does not understand, so payloads (`params`, `result`, `error`)
//! stay as raw JSON text (`RawValue`) until someone needs to look inside. Only the envelope
//! (`id`, `method`) is parsed. Encoding guarantees one message per line (stdio framing).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// A JSON-RPC request id. MCP uses integers and strings; JSON-RPC allows any number, so a number
/// that is not an `i64` as written (beyond its range, a fraction, an exponent, `-0`) is kept as
/// its text and goes back exactly as it came.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RequestId {
    Number(i64),
    String(String),
    Other(RawNumber),
}

/// The JSON text of a number that is not a plain `i64`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RawNumber(Box<str>);

impl RawNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl RequestId {
    /// Reads an id from its JSON text: a string, or any number (kept exactly). `None` for
    /// anything else, `null` included.
    pub(crate) fn from_json(text: &str) -> Option<RequestId> {
        match text.as_bytes().first()? {
            b'"' => serde_json::from_str(text).ok().map(RequestId::String),
            b'-' | b'0'..=b'9' => {
                let digits = text.strip_prefix('-').unwrap_or(text);
                let plain = digits.bytes().all(|b| b.is_ascii_digit())
                    && (digits == "0" || !digits.starts_with('0'))
                    && text != "-0";
                if plain && let Ok(n) = text.parse::<i64>() {
                    return Some(RequestId::Number(n));
                }
                // Syntax only: a number beyond f64 (`1e400`) is still a valid id.
                serde_json::from_str::<&RawValue>(text)
                    .ok()
                    .map(|_| RequestId::Other(RawNumber(text.into())))
            }
            _ => None,
        }
    }
}

impl Serialize for RequestId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RequestId::Number(n) => s.serialize_i64(*n),
            RequestId::String(t) => s.serialize_str(t),
            RequestId::Other(RawNumber(text)) => {
                // Valid JSON by construction; borrowing it as raw JSON writes it verbatim.
                let raw: &RawValue =
                    serde_json::from_str(text).map_err(serde::ser::Error::custom)?;
                raw.serialize(s)
            }
        }
    }
}

impl<'de> Deserialize<'de> for RequestId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        RequestId::from_json(raw.get())
            .ok_or_else(|| serde::de::Error::custom("an id must be a string or a number"))
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestId::Number(n) => write!(f, "{n}"),
            RequestId::String(s) => write!(f, "{s:?}"),
            RequestId::Other(n) => f.write_str(n.as_str()),
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
pub(crate) mod codes {
    pub(crate) const PARSE_ERROR: i64 = -32700;
    pub(crate) const INVALID_REQUEST: i64 = -32600;
    pub(crate) const METHOD_NOT_FOUND: i64 = -32601;
    pub(crate) const INVALID_PARAMS: i64 = -32602;
    pub(crate) const INTERNAL_ERROR: i64 = -32603;
    /// JSON-RPC's first implementation-defined server error: vmcp uses it for a request refused
    /// because its session has too many in progress (`vmcp serve --max-concurrent`).
    pub(crate) const SERVER_BUSY: i64 = -32000;
    /// Used by the MCP SDKs for a request that timed out.
    pub(crate) const REQUEST_TIMEOUT: i64 = -32001;
    /// MCP up to 2025-11-25: the requested resource does not exist (2026-07-28 uses
    /// [`INVALID_PARAMS`] instead and forbids this code).
    pub(crate) const RESOURCE_NOT_FOUND: i64 = -32002;
    /// MCP 2026-07-28: an HTTP `Mcp-*` header disagrees with the request body.
    pub(crate) const HEADER_MISMATCH: i64 = -32020;
    /// MCP 2026-07-28: the request needs a client capability its `_meta` did not declare;
    /// `data.requiredCapabilities` names it.
    pub(crate) const MISSING_REQUIRED_CLIENT_CAPABILITY: i64 = -32021;
    /// MCP 2026-07-28: the request's protocol version is not one the receiver speaks;
    /// `data: {supported, requested}`.
    pub(crate) const UNSUPPORTED_PROTOCOL_VERSION: i64 = -32022;
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
    /// The answer to a request whose `_meta` names a protocol version vmcp does not speak.
    /// `requested` is the value as sent (it may not even be a string).
    pub(crate) fn unsupported_version(requested: Value, supported: &[&str]) -> Self {
        let shown = match &requested {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        Self {
            code: codes::UNSUPPORTED_PROTOCOL_VERSION,
            message: format!(
                "unsupported protocol version {shown}; supported: {}",
                supported.join(", ")
            ),
            data: Some(Value::Object(Map::from_iter([
                ("supported".to_string(), supported.into()),
                ("requested".to_string(), requested),
            ]))),
        }
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

#[derive(Serialize)]
struct OutRequest<'a, P: Serialize + ?Sized> {
    jsonrpc: &'static str,
    id: &'a RequestId,
    method: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<&'a P>,
}

/// Encodes a request line straight from its params (no intermediate copy).
pub(crate) fn encode_request<P: Serialize + ?Sized>(
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
pub(crate) fn encode(msg: &Message) -> Vec<u8> {
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
pub(crate) fn encode_response_line(id: Option<&RequestId>, outcome: &Outcome) -> Vec<u8> {
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

/// Raw payloads (from HTTP upstreams, say) may be pretty-printed; stdio framing needs one line.
/// Only the whitespace between tokens goes: numbers, strings and escapes stay byte for byte
/// (re-encoding would turn `1.50` into `1.5`, or a large integer into a float). Raw values are
/// valid JSON, so a line break can only be whitespace outside a string.
fn ensure_single_line(out: &mut Vec<u8>) {
    if memchr::memchr2(b'\n', b'\r', out).is_none() {
        return;
    }
    let (mut in_string, mut escaped) = (false, false);
    out.retain(|&b| {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            true
        } else if b == b'"' {
            in_string = true;
            true
        } else {
            !matches!(b, b' ' | b'\t' | b'\n' | b'\r')
        }
    });
}

/// Serializes a value into raw JSON.
pub fn to_raw<T: Serialize + ?Sized>(v: &T) -> Box<RawValue> {
    serde_json::value::to_raw_value(v).unwrap_or_else(|_| empty_object())
}

/// `{}`: the result of ping, setLevel, subscribe and friends.
pub(crate) fn empty_object() -> Box<RawValue> {
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
