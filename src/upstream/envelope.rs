//! The outgoing envelope of one upstream connection: how vmcp dresses every request it sends
//! for the era the upstream speaks. A 2025-11-25 upstream learned who vmcp is in `initialize`,
//! so its requests go as they are. A 2026-07-28 upstream has no session: every request carries
//! the protocol version, vmcp's client info and the capabilities vmcp relays in `_meta`, ahead
//! of whatever `_meta` the request already had (progress token, trace context, extension keys),
//! which passes on verbatim and in order.

use serde_json::{Map, Value, json};

use super::handshake::ClientContext;
use crate::protocol::RawObject;
use crate::protocol::mcp::{Era, MODERN_VERSION};
use crate::protocol::meta::{key, take_meta_key};

/// How requests to one connection are dressed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Envelope {
    era: Era,
    /// The client capabilities declared to a modern upstream on every request.
    capabilities: Map<String, Value>,
}

impl Envelope {
    pub(crate) fn new(era: Era, client: &ClientContext) -> Envelope {
        Envelope {
            era,
            capabilities: client.forwarded_capabilities(),
        }
    }

    pub(crate) fn era(&self) -> Era {
        self.era
    }

    /// `params` as this connection's era wants them. For a modern upstream, `_meta` gets the
    /// reserved keys first (vmcp's own, replacing any the caller sent: they describe the
    /// connection, which is vmcp's), then the request's `logLevel` when the session set one,
    /// then the rest. A legacy upstream gets neither per-request key.
    pub(crate) fn dress(&self, params: Option<RawObject>) -> Option<RawObject> {
        if self.era == Era::Legacy {
            return params.map(without_per_request_keys);
        }
        let mut params = params.unwrap_or_default();
        let theirs = params
            .remove("_meta")
            .and_then(|raw| serde_json::from_str::<RawObject>(raw.get()).ok())
            .unwrap_or_default();
        let mut meta = RawObject::new();
        meta.set_value(key::PROTOCOL_VERSION, MODERN_VERSION);
        meta.set_value(
            key::CLIENT_INFO,
            &json!({"name": "vmcp", "version": env!("CARGO_PKG_VERSION")}),
        );
        // A 2026-07-28 caller's own (relayable) capabilities, when the session passed them on;
        // else those vmcp launched with (its own requests, legacy callers).
        match theirs.get(key::CLIENT_CAPABILITIES) {
            Some(caller) => meta.set(key::CLIENT_CAPABILITIES, caller.to_owned()),
            None => meta.set_value(key::CLIENT_CAPABILITIES, &self.capabilities),
        }
        // The level of this request's own caller (`session/logging.rs`), the only one.
        if let Some(level) = theirs.get(key::LOG_LEVEL) {
            meta.set(key::LOG_LEVEL, level.to_owned());
        }
        for (k, v) in theirs.into_entries() {
            let reserved = [
                key::PROTOCOL_VERSION,
                key::CLIENT_INFO,
                key::CLIENT_CAPABILITIES,
                key::LOG_LEVEL,
            ];
            if !reserved.contains(&k.as_str()) {
                meta.set(&k, v);
            }
        }
        params.set_value("_meta", &meta);
        Some(params)
    }
}

/// A legacy upstream learned the capabilities in `initialize` and logs at the level its
/// connection was set to: the per-request capabilities and level a 2026-07-28 caller's request
/// brought are dropped (params without them pass unchanged).
fn without_per_request_keys(mut params: RawObject) -> RawObject {
    // Every request to a legacy upstream passes here. The keys are only ever written by vmcp
    // (unescaped), so a `_meta` whose text names neither need not be parsed.
    for name in [key::CLIENT_CAPABILITIES, key::LOG_LEVEL] {
        if params.get("_meta").is_some_and(|m| m.get().contains(name)) {
            take_meta_key(&mut params, name);
        }
    }
    params
}

#[cfg(test)]
mod tests {
    use serde_json::value::RawValue;

    use super::*;

    fn client(caps: &Value) -> ClientContext {
        ClientContext {
            capabilities: caps.as_object().cloned().unwrap_or_default(),
            backlog: None,
        }
    }

    fn params(text: &str) -> RawObject {
        let raw = RawValue::from_string(text.to_string()).unwrap();
        RawObject::parse(Some(&raw)).unwrap()
    }

    fn text(p: Option<&RawObject>) -> String {
        serde_json::to_string(&p).unwrap()
    }

    #[test]
    fn legacy_requests_go_as_they_are() {
        let e = Envelope::new(Era::Legacy, &client(&json!({"roots": {}})));
        let p = r#"{"name":"t","_meta":{"x":1,"io.modelcontextprotocol/protocolVersion":"1"}}"#;
        assert_eq!(text(e.dress(Some(params(p))).as_ref()), p);
        assert_eq!(text(e.dress(None).as_ref()), "null");
        // A 2026-07-28 caller's per-request capabilities and level stay behind.
        let modern = r#"{"name":"t","_meta":{"io.modelcontextprotocol/clientCapabilities":{},"x":1,"io.modelcontextprotocol/logLevel":"info"}}"#;
        assert_eq!(
            text(e.dress(Some(params(modern))).as_ref()),
            r#"{"name":"t","_meta":{"x":1}}"#
        );
    }

    #[test]
    fn modern_requests_carry_vmcp_first_then_the_rest_verbatim() {
        let e = Envelope::new(
            Era::Modern,
            &client(&json!({"roots": {}, "experimental": {"x": {}}, "sampling": {}})),
        );
        let p = r#"{"name":"t","arguments":{"b":1,  "a":2},"_meta":{"traceparent":"00-a-b-01","io.modelcontextprotocol/clientInfo":{"name":"them"},"progressToken":7,"io.modelcontextprotocol/logLevel":"warning","x.example/k":[1, 2]}}"#;
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(
            text(e.dress(Some(params(p))).as_ref()),
            format!(
                r#"{{"name":"t","arguments":{{"b":1,  "a":2}},"_meta":{{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{{"name":"vmcp","version":"{version}"}},"io.modelcontextprotocol/clientCapabilities":{{"roots":{{}},"sampling":{{}}}},"io.modelcontextprotocol/logLevel":"warning","traceparent":"00-a-b-01","progressToken":7,"x.example/k":[1, 2]}}}}"#
            )
        );
        // No params at all: `_meta` alone.
        let bare = text(e.dress(None).as_ref());
        assert!(
            bare.starts_with(
                r#"{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","#
            ),
            "{bare}"
        );
        assert!(!bare.contains("logLevel"), "{bare}");
    }
}
