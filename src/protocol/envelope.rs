//! Decoding one JSON-RPC message, and saying precisely why when it cannot be decoded.
//!
//! Only an object is a message: a top-level array is a batch (which MCP dropped) and is never
//! read by position. Each envelope field is kept as raw JSON and checked on its own, so a field
//! of the wrong type does not hide a good `id`; when the line is not even JSON, the id is
//! salvaged from its bytes. Either way the error can be answered to whoever is waiting for it.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::message::{
    ErrorObject, Message, Notification, Outcome, Request, RequestId, Response, codes,
};
use super::salvage::{EnvelopeScan, Salvaged};

/// Why a message could not be understood, with what could still be read of it.
#[derive(Debug)]
pub struct DecodeError {
    /// The message's id, when it could be read (even from a line that is not valid JSON).
    pub id: Option<RequestId>,
    /// Whether the message is an answer to a request (a `result` or `error`, no `method`):
    /// it fails that request rather than being answered itself.
    pub answer: bool,
    pub error: Box<ErrorObject>,
}

impl DecodeError {
    fn invalid(id: Option<RequestId>, answer: bool, message: impl Into<String>) -> DecodeError {
        DecodeError {
            id,
            answer,
            error: Box::new(ErrorObject::new(codes::INVALID_REQUEST, message)),
        }
    }

    /// A message longer than the reader accepts (`len`: its length, when known); `salvaged` is
    /// what its bytes revealed.
    pub(crate) fn too_long(len: Option<usize>, max: usize, salvaged: &Salvaged) -> DecodeError {
        let len = match len {
            Some(n) => format!("{n} bytes"),
            None => format!("more than {max} bytes"),
        };
        DecodeError::invalid(
            salvaged.id.clone(),
            salvaged.is_answer(),
            format!(
                "the message ({len}) is over the {} size limit for a message",
                describe_size(max)
            ),
        )
    }
}

/// `64 MiB`, `1000 bytes`.
fn describe_size(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// The envelope's fields as raw JSON borrowed from the input.
#[derive(Default)]
struct Fields<'a> {
    jsonrpc: Option<&'a RawValue>,
    id: Option<&'a RawValue>,
    method: Option<&'a RawValue>,
    params: Option<&'a RawValue>,
    result: Option<&'a RawValue>,
    error: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Key {
    Jsonrpc,
    Id,
    Method,
    Params,
    Result,
    Error,
    #[serde(other)]
    Other,
}

impl<'de: 'a, 'a> Deserialize<'de> for Fields<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Fields<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON-RPC message (an object)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'a>, A::Error> {
                let mut f = Fields::default();
                while let Some(key) = map.next_key::<Key>()? {
                    let (slot, name) = match key {
                        Key::Jsonrpc => (&mut f.jsonrpc, "jsonrpc"),
                        Key::Id => (&mut f.id, "id"),
                        Key::Method => (&mut f.method, "method"),
                        Key::Params => (&mut f.params, "params"),
                        Key::Result => (&mut f.result, "result"),
                        Key::Error => (&mut f.error, "error"),
                        Key::Other => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    if slot.is_some() {
                        return Err(de::Error::duplicate_field(name));
                    }
                    *slot = Some(map.next_value::<&'a RawValue>()?);
                }
                Ok(f)
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

/// Parses one JSON-RPC message from a line (or HTTP body).
pub fn decode(bytes: &[u8]) -> Result<Message, DecodeError> {
    let f: Fields<'_> = serde_json::from_slice(bytes).map_err(|e| unreadable(bytes, &e))?;
    let answer = f.method.is_none() && (f.result.is_some() || f.error.is_some());
    let id = match f.id {
        None => None,
        // `"id": null` answers a message whose id could not be read.
        Some(raw) if f.method.is_none() && raw.get() == "null" => None,
        Some(raw) => Some(RequestId::from_json(raw.get()).ok_or_else(|| {
            DecodeError::invalid(None, answer, "id must be a string or a number")
        })?),
    };
    if f.jsonrpc.map(RawValue::get) != Some("\"2.0\"") {
        return Err(DecodeError::invalid(id, answer, "jsonrpc must be \"2.0\""));
    }
    if let Some(m) = f.method {
        let method: String = serde_json::from_str(m.get())
            .map_err(|_| DecodeError::invalid(id.clone(), false, "method must be a string"))?;
        let params = f.params.map(RawValue::to_owned);
        return Ok(match id {
            Some(id) => Message::Request(Request { id, method, params }),
            None => Message::Notification(Notification { method, params }),
        });
    }
    let Some(id) = id else {
        let what = if f.error.is_some() {
            "error response without an id"
        } else {
            "message has neither a method nor an id"
        };
        return Err(DecodeError::invalid(None, answer, what));
    };
    let outcome = match (f.result, f.error) {
        (Some(r), None) => Outcome::Result(r.to_owned()),
        (None, Some(e)) => Outcome::Error(e.to_owned()),
        _ => {
            return Err(DecodeError::invalid(
                Some(id),
                answer,
                "a response needs exactly one of result and error",
            ));
        }
    };
    Ok(Message::Response(Response { id, outcome }))
}

/// The error for bytes that are not a JSON object, with the id salvaged from them if possible.
fn unreadable(bytes: &[u8], e: &serde_json::Error) -> DecodeError {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let error = if first == Some(&b'[') {
        ErrorObject::new(
            codes::INVALID_REQUEST,
            "JSON-RPC batches are not supported by MCP 2025-06-18 and later: send one object per message",
        )
    } else if let Err(bad) = std::str::from_utf8(bytes) {
        ErrorObject::new(
            codes::PARSE_ERROR,
            format!(
                "the message is not valid UTF-8 (byte {})",
                bad.valid_up_to()
            ),
        )
    } else if e.is_data() {
        ErrorObject::new(
            codes::INVALID_REQUEST,
            format!("invalid JSON-RPC message: {e}"),
        )
    } else {
        ErrorObject::new(codes::PARSE_ERROR, format!("parse error: {e}"))
    };
    let salvaged = if first == Some(&b'{') {
        EnvelopeScan::scan(bytes)
    } else {
        Salvaged::default()
    };
    DecodeError {
        answer: salvaged.is_answer(),
        id: salvaged.id,
        error: Box::new(error),
    }
}
