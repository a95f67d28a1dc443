//! Which era a client request belongs to, and where it goes. The one rule of the serving side,
//! per request (both eras may interleave on one connection):
//! 1. `_meta` names a protocol version ⇒ modern (2026-07-28): checked (−32022, −32602) and
//!    served if the revision has the method (else −32601, `initialize` and `ping` included);
//! 2. else `initialize` ⇒ the legacy handshake;
//! 3. else `ping` ⇒ answered;
//! 4. else, after this connection's `initialize` ⇒ legacy;
//! 5. else ⇒ −32602: neither a modern `_meta` nor a handshake.
//!
//! Both eras then run the same operations (`shared`); `legacy.rs` and `modern.rs` own what
//! differs.

use std::sync::Arc;

use serde_json::value::RawValue;
use serde_json::{Map, Value};
use tokio_util::sync::CancellationToken;

use super::forward::CallContext;
use super::runtime::Session;
use super::{legacy, modern, shape};
use crate::protocol::mcp::{method, notification};
use crate::protocol::message::{empty_object, to_raw};
use crate::protocol::meta::{ModernCaller, RequestMeta, key, names_version};
use crate::protocol::{ErrorObject, IncomingRequest, Outcome, Peer, ProgressSink, RawObject};
use crate::upstream::ListKind;

/// The methods of 2026-07-28 vmcp serves to a modern caller.
const MODERN_METHODS: &[&str] = &[
    method::DISCOVER,
    method::SUBSCRIPTIONS_LISTEN,
    method::TOOLS_LIST,
    method::TOOLS_CALL,
    method::PROMPTS_LIST,
    method::PROMPTS_GET,
    method::RESOURCES_LIST,
    method::RESOURCE_TEMPLATES_LIST,
    method::RESOURCES_READ,
    method::COMPLETE,
    // The tasks extension's (`tasks.rs`); its removed `tasks/result` and `tasks/list` are not.
    method::TASKS_GET,
    method::TASKS_UPDATE,
    method::TASKS_CANCEL,
];

/// What a request is, by the rule above.
#[derive(Debug)]
pub(super) enum Class {
    /// A valid modern request; its reserved `_meta` keys are taken out of the params.
    Modern {
        caller: ModernCaller,
        meta: RequestMeta,
    },
    Initialize,
    Ping,
    Legacy,
    Refused(ErrorObject),
}

pub(super) fn classify(method: &str, params: &mut RawObject, initialized: bool) -> Class {
    if names_version(params) {
        let meta = match RequestMeta::take(params) {
            Ok(meta) => meta,
            Err(e) => return Class::Refused(e),
        };
        return match meta.modern_caller() {
            Err(e) => Class::Refused(e),
            Ok(_) if !MODERN_METHODS.contains(&method) => {
                Class::Refused(ErrorObject::method_not_found(method))
            }
            Ok(caller) => Class::Modern { caller, meta },
        };
    }
    match method {
        method::INITIALIZE => Class::Initialize,
        method::PING => Class::Ping,
        _ if initialized => Class::Legacy,
        _ => Class::Refused(ErrorObject::invalid_params(format!(
            "request `_meta` is missing {} and {}: send them on every request (2026-07-28), or \
             `initialize` first (2025-11-25)",
            key::PROTOCOL_VERSION,
            key::CLIENT_CAPABILITIES
        ))),
    }
}

/// Where a request came from and where what it causes goes.
pub(super) struct Link {
    /// The peer the request came on (its progress, modern log messages, listen streams).
    pub(super) reply: Option<Peer>,
    /// The client's connection when it is not `reply` (HTTP): a legacy `initialize` records
    /// it as the session's client.
    pub(super) connection: Option<Peer>,
    /// Who sent it, when the transport authenticated the caller.
    pub(super) caller: Option<Arc<str>>,
}

/// Answers one client request. `closing` is cancelled when the client's input ended
/// (long-lived requests end then).
pub(super) async fn dispatch(
    session: &Arc<Session>,
    link: Link,
    closing: CancellationToken,
    req: IncomingRequest,
) -> Outcome {
    let Link {
        reply: peer,
        connection,
        caller: who,
    } = link;
    let mut params = match RawObject::parse(req.params.as_deref()) {
        Ok(p) => p,
        Err(e) => return Outcome::error(&e),
    };
    match classify(&req.method, &mut params, session.is_initialized()) {
        Class::Refused(e) => Outcome::error(&e),
        Class::Initialize => legacy::initialize(session, connection.or(peer), &params),
        Class::Ping => Outcome::Result(empty_object()),
        Class::Legacy => {
            legacy::dispatch(session, peer, who, &req.method, params, req.cancel).await
        }
        Class::Modern { caller, meta } => {
            let req = modern::Request {
                id: req.id,
                method: req.method,
                params,
                meta,
                caller,
                cancel: req.cancel,
                closing,
            };
            modern::dispatch(session, peer, who, req).await
        }
    }
}

/// The list a list method asks for.
pub(super) fn list_kind(m: &str) -> Option<ListKind> {
    match m {
        method::TOOLS_LIST => Some(ListKind::Tools),
        method::PROMPTS_LIST => Some(ListKind::Prompts),
        method::RESOURCES_LIST => Some(ListKind::Resources),
        method::RESOURCE_TEMPLATES_LIST => Some(ListKind::Templates),
        _ => None,
    }
}

/// The operations both eras share; `None` for any other method.
pub(super) async fn shared(
    session: &Session,
    m: &str,
    params: RawObject,
    ctx: CallContext,
) -> Option<Outcome> {
    if let Some(kind) = list_kind(m) {
        return Some(Outcome::Result(session.client_list(kind).await));
    }
    let result = match m {
        method::TOOLS_CALL => {
            return Some(shape::tool_outcome(session.call_tool(params, ctx).await));
        }
        method::PROMPTS_GET => session.get_prompt(params, ctx).await,
        method::RESOURCES_READ => session.read_resource(params, ctx).await,
        method::COMPLETE => session.complete(params, ctx).await,
        _ => return None,
    };
    Some(shape::outcome(result))
}

/// A sink that relays the upstream's progress to the client under the client's own `token`
/// (upstream tokens are vmcp's own, one per request). The token stays raw: one beyond i64 goes
/// back exactly.
pub(super) fn progress_sink(token: Box<RawValue>, client: &Peer) -> ProgressSink {
    let client = client.clone();
    Arc::new(move |p: Map<String, Value>| {
        let mut p = RawObject::from_map(p);
        p.set("progressToken", token.clone());
        client.notify_raw(notification::PROGRESS, Some(to_raw(&p)));
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::codes;

    fn params(text: &str) -> RawObject {
        let raw = RawValue::from_string(text.to_string()).unwrap();
        RawObject::parse(Some(&raw)).unwrap()
    }

    const CAPS: &str = r#""io.modelcontextprotocol/clientCapabilities":{}"#;

    fn modern_meta(version: &str, rest: &str) -> String {
        format!(r#"{{"_meta":{{"io.modelcontextprotocol/protocolVersion":{version}{rest}}}}}"#)
    }

    /// What `classify` says, as a short label (and the error code, if refused).
    fn label(method: &str, text: &str, initialized: bool) -> String {
        match classify(method, &mut params(text), initialized) {
            Class::Modern { .. } => "modern".into(),
            Class::Initialize => "initialize".into(),
            Class::Ping => "ping".into(),
            Class::Legacy => "legacy".into(),
            Class::Refused(e) => e.code.to_string(),
        }
    }

    #[test]
    fn the_five_rows() {
        let ok = modern_meta(r#""2026-07-28""#, &format!(",{CAPS}"));
        let cases: &[(&str, &str, bool, &str)] = &[
            // 1: modern, whatever the connection did before
            ("tools/list", &ok, false, "modern"),
            ("server/discover", &ok, true, "modern"),
            ("subscriptions/listen", &ok, false, "modern"),
            ("initialize", &ok, false, "-32601"),
            ("ping", &ok, false, "-32601"),
            ("logging/setLevel", &ok, true, "-32601"),
            ("resources/subscribe", &ok, true, "-32601"),
            ("resources/unsubscribe", &ok, true, "-32601"),
            ("tasks/get", &ok, false, "modern"),
            ("tasks/cancel", &ok, false, "modern"),
            ("tasks/result", &ok, false, "-32601"),
            ("tasks/list", &ok, false, "-32601"),
            (
                "tools/list",
                &modern_meta(r#""2099-01-01""#, &format!(",{CAPS}")),
                false,
                "-32022",
            ),
            (
                "tools/list",
                &modern_meta("null", &format!(",{CAPS}")),
                false,
                "-32022",
            ),
            (
                "tools/list",
                &modern_meta(r#""2026-07-28""#, ""),
                true,
                "-32602",
            ),
            // 2-4
            (
                "initialize",
                r#"{"protocolVersion":"2026-07-28"}"#,
                false,
                "initialize",
            ),
            ("ping", "{}", false, "ping"),
            (
                "tools/list",
                r#"{"_meta":{"progressToken":1}}"#,
                true,
                "legacy",
            ),
            ("tools/list", r#"{"_meta":7}"#, true, "legacy"),
            // 5
            ("tools/list", "{}", false, "-32602"),
            (
                "tools/list",
                r#"{"_meta":{"io.modelcontextprotocol/clientCapabilities":{}}}"#,
                false,
                "-32602",
            ),
        ];
        for (method, text, initialized, expected) in cases {
            assert_eq!(
                &label(method, text, *initialized),
                expected,
                "{method} {text} initialized={initialized}"
            );
        }
        assert_eq!(codes::METHOD_NOT_FOUND, -32601);
    }

    #[test]
    fn a_modern_request_leaves_the_rest_of_its_meta_and_a_legacy_one_everything() {
        let text = r#"{"name":"t","_meta":{"traceparent":"00-1","io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{"roots":{}},"progressToken":"p"}}"#;
        let mut p = params(text);
        let Class::Modern { caller, meta } = classify("tools/call", &mut p, false) else {
            panic!("modern expected");
        };
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"name":"t"}"#);
        assert_eq!(
            serde_json::to_string(&meta.rest).unwrap(),
            r#"{"traceparent":"00-1"}"#
        );
        assert!(caller.capabilities.contains_key("roots"));
        let legacy = r#"{"name":"t","_meta":{"progressToken":"p","x":1}}"#;
        let mut p = params(legacy);
        assert!(matches!(
            classify("tools/call", &mut p, true),
            Class::Legacy
        ));
        assert_eq!(serde_json::to_string(&p).unwrap(), legacy);
    }
}
