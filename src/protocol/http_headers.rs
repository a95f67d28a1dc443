//! The request metadata a streamable HTTP client mirrors into headers, checked against the body
//! (2026-07-28, `basic/transports/streamable-http.mdx` §Request Metadata): `MCP-Protocol-Version`,
//! `Mcp-Method` and `Mcp-Name` (for the tasks extension's methods: the `taskId`) must be present
//! and equal what the body says, values in the
//! Base64 sentinel form (`=?base64?…?=`) decoded first; a `tools/call`'s `Mcp-Param-*` headers
//! against its arguments (`param_headers.rs` reads which the tool declares). Also how a client
//! encodes such a value, and which HTTP status a JSON-RPC error of a modern request travels with.
//! Pure: headers and body in, a verdict out.

use base64::Engine as _;
use http::HeaderMap;
use serde_json::{Map, Value};

use super::codes;
use super::mcp::method;
use super::message::ErrorObject;
use super::param_headers::{self, ParamHeader};
use super::raw_object::RawObject;

pub(crate) const PROTOCOL_VERSION: &str = "mcp-protocol-version";
pub(crate) const METHOD: &str = "mcp-method";
pub(crate) const NAME: &str = "mcp-name";
pub(crate) const SESSION_ID: &str = "mcp-session-id";

const SENTINEL_START: &str = "=?base64?";
const SENTINEL_END: &str = "?=";

/// The body field `Mcp-Name` mirrors for `method`, if it has one.
fn name_field(m: &str) -> Option<&'static str> {
    match m {
        method::TOOLS_CALL | method::PROMPTS_GET => Some("name"),
        method::RESOURCES_READ => Some("uri"),
        method::TASKS_GET | method::TASKS_UPDATE | method::TASKS_CANCEL => Some("taskId"),
        _ => None,
    }
}

fn mismatch(message: &str) -> ErrorObject {
    ErrorObject::new(
        codes::HEADER_MISMATCH,
        format!("Header mismatch: {message}"),
    )
}

/// A header's value as the client meant it: plain visible ASCII (with inner spaces or tabs), or
/// the Base64 sentinel form of any UTF-8 text.
pub(crate) fn header_value(raw: &[u8]) -> Result<String, String> {
    let plain = raw.iter().all(|b| (0x20..=0x7e).contains(b) || *b == b'\t');
    let text = std::str::from_utf8(raw)
        .ok()
        .filter(|_| plain)
        .ok_or("contains characters a header value may not carry")?;
    match text
        .strip_prefix(SENTINEL_START)
        .and_then(|t| t.strip_suffix(SENTINEL_END))
    {
        Some(encoded) => base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or_else(|| "is not valid Base64 of UTF-8 text".to_string()),
        None => Ok(text.to_string()),
    }
}

/// A value as a client sends it in a header that allows the sentinel form (`Mcp-Name`,
/// `Mcp-Param-*`): itself when it is visible ASCII (spaces inside allowed) without surrounding
/// whitespace and not itself looking encoded; else `=?base64?<standard Base64 of UTF-8>?=`.
pub(crate) fn encode_value(value: &str) -> String {
    let plain = value.bytes().all(|b| (0x20..0x7f).contains(&b))
        && value.trim() == value
        && !value.starts_with(SENTINEL_START);
    if plain {
        value.to_string()
    } else {
        let b64 = base64::engine::general_purpose::STANDARD.encode(value.as_bytes());
        format!("{SENTINEL_START}{b64}{SENTINEL_END}")
    }
}

/// One required header equal to `expected`.
fn expect(
    headers: &HeaderMap,
    name: &str,
    expected: &str,
    decode: bool,
) -> Result<(), ErrorObject> {
    let Some(raw) = headers.get(name) else {
        return Err(mismatch(&format!(
            "the {name} header is missing (the body says `{expected}`)"
        )));
    };
    let value = if decode {
        header_value(raw.as_bytes()).map_err(|e| mismatch(&format!("the {name} header {e}")))?
    } else {
        String::from_utf8_lossy(raw.as_bytes()).into_owned()
    };
    if value == expected {
        Ok(())
    } else {
        Err(mismatch(&format!(
            "{name} header value `{value}` does not match body value `{expected}`"
        )))
    }
}

/// Checks the standard headers of a modern request against its body: `version` is what `_meta`
/// names (raw JSON text when it is not a string), `params` the request's params.
pub(crate) fn check_modern(
    headers: &HeaderMap,
    m: &str,
    version: &str,
    params: &RawObject,
) -> Result<(), ErrorObject> {
    expect(headers, PROTOCOL_VERSION, version, false)?;
    expect(headers, METHOD, m, false)?;
    if let Some(field) = name_field(m) {
        let Some(value) = params.get_str(field) else {
            // The body is invalid anyway: the operation says so with its own error.
            return Ok(());
        };
        expect(headers, NAME, &value, true)?;
    }
    Ok(())
}

/// Checks a `tools/call`'s `Mcp-Param-*` headers against its `arguments`, for the headers the
/// called tool `declared`: one whose argument is present must come, and decode to it (integers
/// compare as numbers); one that comes must decode, whatever the body says. Headers the tool
/// does not declare are not looked at.
pub(crate) fn check_params(
    headers: &HeaderMap,
    declared: &[ParamHeader],
    arguments: Option<&Map<String, Value>>,
) -> Result<(), ErrorObject> {
    for h in declared {
        let shown = format!("Mcp-Param-{}", h.name);
        let sent = match headers.get(h.header()) {
            Some(raw) => Some(
                header_value(raw.as_bytes())
                    .map_err(|e| mismatch(&format!("the {shown} header {e}")))?,
            ),
            None => None,
        };
        let Some(body) = h.value(arguments) else {
            continue;
        };
        let expected = param_headers::text(body);
        let Some(sent) = sent else {
            return Err(mismatch(&format!(
                "the {shown} header is missing (the body says `{expected}`)"
            )));
        };
        let same = match (body.as_f64(), h.integer) {
            // Exactly equal numbers (`42.0` is `42`).
            (Some(n), true) => sent
                .trim()
                .parse::<f64>()
                .is_ok_and(|s| s.total_cmp(&n).is_eq()),
            _ => sent == expected,
        };
        if !same {
            return Err(mismatch(&format!(
                "{shown} header value `{sent}` does not match body value `{expected}`"
            )));
        }
    }
    Ok(())
}

/// The HTTP status that carries a modern request's JSON-RPC error (§Server Validation, version
/// negotiation): the request's own errors are 400, an unknown method 404; errors of the
/// operation travel with 200. `malformed` says the error is about the request's `_meta` (so a
/// −32602 is the transport's to report).
pub(crate) fn modern_status(code: i64, malformed: bool) -> u16 {
    match code {
        codes::HEADER_MISMATCH
        | codes::MISSING_REQUIRED_CLIENT_CAPABILITY
        | codes::UNSUPPORTED_PROTOCOL_VERSION => 400,
        codes::INVALID_PARAMS if malformed => 400,
        codes::METHOD_NOT_FOUND => 404,
        _ => 200,
    }
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;
    use serde_json::value::RawValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn params(text: &str) -> RawObject {
        let raw = RawValue::from_string(text.to_string()).unwrap();
        RawObject::parse(Some(&raw)).unwrap()
    }

    #[test]
    fn sentinel_values_decode_and_plain_ones_stay() {
        let cases: &[(&[u8], Result<&str, ()>)] = &[
            (b"us-west1", Ok("us-west1")),
            (b"=?base64?SGVsbG8sIOS4lueVjA==?=", Ok("Hello, 世界")),
            (b"=?base64?IHBhZGRlZCA=?=", Ok(" padded ")),
            (
                b"=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=",
                Ok("=?base64?literal?="),
            ),
            (b"=?base64?!!!?=", Err(())),
            (b"line\nbreak", Err(())),
            ("caf\u{e9}".as_bytes(), Err(())),
        ];
        for (raw, expected) in cases {
            let got = header_value(raw).map_err(|_| ());
            assert_eq!(
                got.as_deref(),
                expected.as_ref().map(|s| *s).map_err(|()| &()),
                "{}",
                String::from_utf8_lossy(raw)
            );
        }
    }

    #[test]
    fn each_header_is_required_and_must_match_the_body() {
        let call = params(r#"{"name":"get weather","arguments":{}}"#);
        let read = params(r#"{"uri":"file:///a b"}"#);
        let v = "2026-07-28";
        let good = [
            (PROTOCOL_VERSION, v),
            (METHOD, "tools/call"),
            (NAME, "get weather"),
        ];
        let cases: Vec<(HeaderMap, &str, &RawObject, bool)> = vec![
            (headers(&good), "tools/call", &call, true),
            (headers(&good[..2]), "tools/call", &call, false),
            (headers(&good[1..]), "tools/call", &call, false),
            (
                headers(&[(PROTOCOL_VERSION, "2025-11-25"), good[1], good[2]]),
                "tools/call",
                &call,
                false,
            ),
            (
                headers(&[good[0], (METHOD, "tools/list"), good[2]]),
                "tools/call",
                &call,
                false,
            ),
            (
                headers(&[good[0], good[1], (NAME, "=?base64?Z2V0IHdlYXRoZXI=?=")]),
                "tools/call",
                &call,
                true,
            ),
            (
                headers(&[good[0], (METHOD, "resources/read"), (NAME, "file:///a b")]),
                "resources/read",
                &read,
                true,
            ),
            (
                headers(&[good[0], (METHOD, "tools/list")]),
                "tools/list",
                &call,
                true,
            ),
        ];
        for (i, (h, m, p, ok)) in cases.iter().enumerate() {
            let got = check_modern(h, m, v, p);
            assert_eq!(got.is_ok(), *ok, "case {i}: {got:?}");
            if let Err(e) = got {
                assert_eq!(e.code, codes::HEADER_MISMATCH, "case {i}");
            }
        }
    }

    #[test]
    fn values_that_are_not_plain_ascii_go_base64() {
        assert_eq!(encode_value("get_weather"), "get_weather");
        assert_eq!(encode_value("a b"), "a b");
        assert_eq!(encode_value("héllo"), "=?base64?aMOpbGxv?=");
        assert_eq!(encode_value(" padded"), "=?base64?IHBhZGRlZA==?=");
        assert_eq!(encode_value("tab\there"), "=?base64?dGFiCWhlcmU=?=");
        assert_eq!(encode_value("=?base64?x?="), "=?base64?PT9iYXNlNjQ/eD89?=");
        for v in ["héllo", " padded", "=?base64?x?=", "plain"] {
            assert_eq!(header_value(encode_value(v).as_bytes()).unwrap(), v);
        }
    }

    #[test]
    fn param_headers_must_come_with_their_arguments_and_match_them() {
        let declared = param_headers::declared(&serde_json::json!({"properties": {
            "region": {"type": "string", "x-mcp-header": "Region"},
            "n": {"type": "integer", "x-mcp-header": "N"},
            "flag": {"type": "boolean", "x-mcp-header": "Flag"},
        }}))
        .unwrap();
        let args = serde_json::json!({"region": "Hello", "n": 42, "flag": true});
        let args = args.as_object();
        let all = [("mcp-param-n", "42.0"), ("mcp-param-flag", "true")];
        let with = |region: &str| {
            let mut pairs = all.to_vec();
            pairs.push(("mcp-param-region", region));
            headers(&pairs)
        };
        let ok = |h: &HeaderMap, a| check_params(h, &declared, a).is_ok();
        assert!(ok(&with("Hello"), args));
        assert!(ok(&with("=?base64?SGVsbG8=?="), args));
        assert!(!ok(&with("=?base64?SGVsbG8?="), args), "bad padding");
        assert!(!ok(&with("=?base64?SGVs!!!bG8=?="), args), "bad characters");
        assert!(!ok(&with("hello"), args), "values are case-sensitive");
        assert!(!ok(&headers(&all), args), "missing");
        // Literal text that only looks like the sentinel is compared as it is.
        let literal = serde_json::json!({"region": "=?base64?SGVsbG8=", "n": 42, "flag": true});
        assert!(ok(&with("=?base64?SGVsbG8="), literal.as_object()));
        // No argument, no header expected; one sent anyway must still decode.
        let none = serde_json::json!({});
        assert!(ok(&HeaderMap::new(), none.as_object()));
        assert!(ok(&HeaderMap::new(), None));
        assert!(!ok(&with("=?base64?!?="), none.as_object()));
        let wrong = [
            ("mcp-param-n", "41"),
            ("mcp-param-flag", "true"),
            ("mcp-param-region", "Hello"),
        ];
        assert!(!ok(&headers(&wrong), args));
    }

    #[test]
    fn statuses_follow_the_revision() {
        assert_eq!(modern_status(codes::HEADER_MISMATCH, false), 400);
        assert_eq!(
            modern_status(codes::UNSUPPORTED_PROTOCOL_VERSION, false),
            400
        );
        assert_eq!(modern_status(codes::INVALID_PARAMS, true), 400);
        assert_eq!(modern_status(codes::INVALID_PARAMS, false), 200);
        assert_eq!(modern_status(codes::METHOD_NOT_FOUND, false), 404);
        assert_eq!(modern_status(codes::INTERNAL_ERROR, false), 200);
    }
}
