//! A request's `_meta`, split into the keys MCP reserves (2026-07-28 carries the protocol version,
//! client info, client capabilities and log level there on every request) and the rest (trace
//! context, extension and vendor keys), which a proxy passes on verbatim and in order.

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::mcp::{Era, MODERN_VERSIONS};
use super::message::ErrorObject;
use super::raw_object::RawObject;

/// The reserved `_meta` keys.
pub(crate) mod key {
    pub(crate) const PROTOCOL_VERSION: &str = "io.modelcontextprotocol/protocolVersion";
    pub(crate) const CLIENT_INFO: &str = "io.modelcontextprotocol/clientInfo";
    pub(crate) const CLIENT_CAPABILITIES: &str = "io.modelcontextprotocol/clientCapabilities";
    pub(crate) const LOG_LEVEL: &str = "io.modelcontextprotocol/logLevel";
    /// On results: who answered (self-reported).
    pub(crate) const SERVER_INFO: &str = "io.modelcontextprotocol/serverInfo";
    /// On notifications delivered on a `subscriptions/listen` stream: the listen request's id.
    pub(crate) const SUBSCRIPTION_ID: &str = "io.modelcontextprotocol/subscriptionId";
    pub(crate) const PROGRESS_TOKEN: &str = "progressToken";
}

/// The log levels of `logging/setLevel` and of the per-request `logLevel`, least severe first.
pub const LOG_LEVELS: &[&str] = &[
    "debug",
    "info",
    "notice",
    "warning",
    "error",
    "critical",
    "alert",
    "emergency",
];

/// Takes `name` out of `params._meta` (dropping a `_meta` left empty) and returns its value; the
/// rest of `_meta` stays raw and in order.
pub(crate) fn take_meta_key(params: &mut RawObject, name: &str) -> Option<Box<RawValue>> {
    let mut meta = params
        .get("_meta")
        .and_then(|m| RawObject::parse(Some(m)).ok())?;
    let value = meta.remove(name)?;
    if meta.is_empty() {
        params.remove("_meta");
    } else {
        params.set_value("_meta", &meta);
    }
    Some(value)
}

/// The string at `name` in `params._meta`, if there is one.
pub(crate) fn meta_str(params: &RawObject, name: &str) -> Option<String> {
    params
        .get("_meta")
        .and_then(|m| RawObject::parse(Some(m)).ok())?
        .get_str(name)
}

/// Sets `name` in `params._meta` (made if missing; a `_meta` that is not an object is
/// replaced), keeping the rest of `_meta` raw and in order.
pub(crate) fn set_meta_key(params: &mut RawObject, name: &str, value: &str) {
    let mut meta = params
        .get("_meta")
        .and_then(|m| RawObject::parse(Some(m)).ok())
        .unwrap_or_default();
    meta.set_value(name, value);
    params.set_value("_meta", &meta);
}

/// The `_meta` of one request, taken apart. Values stay raw JSON so they go on exactly as sent.
#[derive(Debug, Default)]
pub(crate) struct RequestMeta {
    /// Present (whatever its JSON type) ⇒ the sender speaks the modern era.
    pub(crate) protocol_version: Option<Box<RawValue>>,
    pub(crate) client_info: Option<Box<RawValue>>,
    pub(crate) client_capabilities: Option<Box<RawValue>>,
    pub(crate) log_level: Option<Box<RawValue>>,
    pub(crate) progress_token: Option<Box<RawValue>>,
    /// Every other key, in the order sent.
    pub(crate) rest: RawObject,
}

/// What a valid modern request declares about its sender.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ModernCaller {
    pub(crate) version: String,
    pub(crate) capabilities: Map<String, Value>,
    pub(crate) client_info: Option<Value>,
    /// Absent: the sender wants no `notifications/message` for this request.
    pub(crate) log_level: Option<String>,
}

/// Whether `params` name a protocol version in `_meta` (the mark of a modern request), without
/// taking anything apart: a legacy request is then forwarded as it came.
pub(crate) fn names_version(params: &RawObject) -> bool {
    params
        .get("_meta")
        .and_then(|m| RawObject::parse(Some(m)).ok())
        .is_some_and(|m| m.get(key::PROTOCOL_VERSION).is_some())
}

/// [`names_version`] on params still in their raw text (absent or unreadable: no).
pub(crate) fn raw_names_version(params: Option<&RawValue>) -> bool {
    params.is_some_and(|p| RawObject::parse(Some(p)).is_ok_and(|p| names_version(&p)))
}

impl RequestMeta {
    /// Moves `_meta` out of `params`. A `_meta` that is not an object is invalid params.
    pub(crate) fn take(params: &mut RawObject) -> Result<RequestMeta, ErrorObject> {
        let Some(raw) = params.remove("_meta") else {
            return Ok(RequestMeta::default());
        };
        let object: RawObject = serde_json::from_str(raw.get())
            .map_err(|_| ErrorObject::invalid_params("`_meta` must be an object"))?;
        let mut meta = RequestMeta {
            rest: object,
            ..RequestMeta::default()
        };
        meta.protocol_version = meta.rest.remove(key::PROTOCOL_VERSION);
        meta.client_info = meta.rest.remove(key::CLIENT_INFO);
        meta.client_capabilities = meta.rest.remove(key::CLIENT_CAPABILITIES);
        meta.log_level = meta.rest.remove(key::LOG_LEVEL);
        meta.progress_token = meta.rest.remove(key::PROGRESS_TOKEN);
        Ok(meta)
    }

    /// Modern when the request names a protocol version in `_meta`, valid or not.
    #[cfg_attr(
        not(test),
        expect(
            dead_code,
            reason = "for the upstream side of issue 14; serving uses `names_version`"
        )
    )]
    pub(crate) fn era(&self) -> Era {
        if self.protocol_version.is_some() {
            Era::Modern
        } else {
            Era::Legacy
        }
    }

    /// Checks a modern request's reserved keys: a supported version (else −32022 with the
    /// supported list), capabilities present and an object, a known log level (else −32602).
    /// Client info is optional, as the revision requires of servers.
    pub(crate) fn modern_caller(&self) -> Result<ModernCaller, ErrorObject> {
        let raw_version = self.protocol_version.as_deref().ok_or_else(|| {
            ErrorObject::invalid_params(format!(
                "request `_meta` is missing {}",
                key::PROTOCOL_VERSION
            ))
        })?;
        let requested: Value = serde_json::from_str(raw_version.get()).unwrap_or(Value::Null);
        let version = match &requested {
            Value::String(v) if MODERN_VERSIONS.contains(&v.as_str()) => v.clone(),
            _ => return Err(ErrorObject::unsupported_version(requested, MODERN_VERSIONS)),
        };
        let capabilities = match self.client_capabilities.as_deref() {
            None => {
                return Err(ErrorObject::invalid_params(format!(
                    "request `_meta` is missing {} (send {{}} for none)",
                    key::CLIENT_CAPABILITIES
                )));
            }
            Some(raw) => serde_json::from_str::<Map<String, Value>>(raw.get()).map_err(|_| {
                ErrorObject::invalid_params(format!(
                    "{} in `_meta` must be an object",
                    key::CLIENT_CAPABILITIES
                ))
            })?,
        };
        let log_level = match self.log_level.as_deref() {
            None => None,
            Some(raw) => match serde_json::from_str::<String>(raw.get()) {
                Ok(level) if LOG_LEVELS.contains(&level.as_str()) => Some(level),
                _ => {
                    return Err(ErrorObject::invalid_params(format!(
                        "{} must be one of {}",
                        key::LOG_LEVEL,
                        LOG_LEVELS.join(", ")
                    )));
                }
            },
        };
        let client_info = self
            .client_info
            .as_deref()
            .and_then(|raw| serde_json::from_str(raw.get()).ok());
        Ok(ModernCaller {
            version,
            capabilities,
            client_info,
            log_level,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::codes;

    fn params(text: &str) -> RawObject {
        let raw = RawValue::from_string(text.to_string()).unwrap();
        RawObject::parse(Some(&raw)).unwrap()
    }

    const MODERN: &str = r#"{"name":"t","_meta":{"traceparent":"00-a-b-01","io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{"roots":{}},"x.example/k":[1, 2],"progressToken":12345678901234567890}}"#;

    #[test]
    fn takes_reserved_keys_and_keeps_the_rest_in_order() {
        let mut p = params(MODERN);
        let meta = RequestMeta::take(&mut p).unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"name":"t"}"#);
        assert_eq!(meta.era(), Era::Modern);
        assert_eq!(
            meta.progress_token.as_deref().map(RawValue::get),
            Some("12345678901234567890")
        );
        assert_eq!(
            serde_json::to_string(&meta.rest).unwrap(),
            r#"{"traceparent":"00-a-b-01","x.example/k":[1, 2]}"#
        );
        let caller = meta.modern_caller().unwrap();
        assert_eq!(caller.version, "2026-07-28");
        assert_eq!(caller.capabilities["roots"], serde_json::json!({}));
        assert_eq!(caller.client_info, None);
        assert_eq!(caller.log_level, None);
    }

    #[test]
    fn legacy_without_meta_or_without_a_version() {
        let mut p = params(r#"{"name":"t"}"#);
        assert_eq!(RequestMeta::take(&mut p).unwrap().era(), Era::Legacy);
        let mut p = params(r#"{"_meta":{"progressToken":"a"}}"#);
        let meta = RequestMeta::take(&mut p).unwrap();
        assert_eq!(meta.era(), Era::Legacy);
        assert!(meta.rest.is_empty());
        let mut p = params(r#"{"_meta":[1]}"#);
        assert_eq!(
            RequestMeta::take(&mut p).unwrap_err().code,
            codes::INVALID_PARAMS
        );
    }

    #[test]
    fn modern_validation_table() {
        let cases = [
            // (protocolVersion, clientCapabilities, logLevel, expected error code)
            (r#""2026-07-28""#, Some("{}"), None, None),
            (r#""2026-07-28""#, Some("{}"), Some(r#""info""#), None),
            (
                r#""2099-01-01""#,
                Some("{}"),
                None,
                Some(codes::UNSUPPORTED_PROTOCOL_VERSION),
            ),
            (
                r#""2025-11-25""#,
                Some("{}"),
                None,
                Some(codes::UNSUPPORTED_PROTOCOL_VERSION),
            ),
            (
                "7",
                Some("{}"),
                None,
                Some(codes::UNSUPPORTED_PROTOCOL_VERSION),
            ),
            (r#""2026-07-28""#, None, None, Some(codes::INVALID_PARAMS)),
            (
                r#""2026-07-28""#,
                Some("[]"),
                None,
                Some(codes::INVALID_PARAMS),
            ),
            (
                r#""2026-07-28""#,
                Some("{}"),
                Some(r#""loud""#),
                Some(codes::INVALID_PARAMS),
            ),
        ];
        for (version, caps, level, expected) in cases {
            let mut parts = vec![format!(r#""{}":{version}"#, key::PROTOCOL_VERSION)];
            if let Some(c) = caps {
                parts.push(format!(r#""{}":{c}"#, key::CLIENT_CAPABILITIES));
            }
            if let Some(l) = level {
                parts.push(format!(r#""{}":{l}"#, key::LOG_LEVEL));
            }
            let meta = format!("{{{}}}", parts.join(","));
            let mut p = params(&format!(r#"{{"_meta":{meta}}}"#));
            let got = RequestMeta::take(&mut p).unwrap().modern_caller();
            assert_eq!(got.err().map(|e| e.code), expected, "{meta}");
        }
    }

    #[test]
    fn unsupported_version_names_both_lists() {
        let mut p = params(
            r#"{"_meta":{"io.modelcontextprotocol/protocolVersion":"2099-01-01","io.modelcontextprotocol/clientCapabilities":{}}}"#,
        );
        let e = RequestMeta::take(&mut p)
            .unwrap()
            .modern_caller()
            .unwrap_err();
        assert_eq!(
            e.data,
            Some(serde_json::json!({"supported":["2026-07-28"],"requested":"2099-01-01"}))
        );
    }
}
