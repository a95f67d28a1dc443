//! The body of an OTLP/HTTP trace export (`ExportTraceServiceRequest`), in both encodings the
//! specification gives: binary protobuf (`application/x-protobuf`, the default) and JSON
//! (`application/json`: ids as hex, enums as numbers, 64-bit integers as decimal strings).
//! Written by hand: the message is small, and the generated-code crates cost more to build
//! than vmcp's whole HTTP stack.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value as Json, json};

use super::trace::{Span, Status, Value, hex};

/// How spans are encoded on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Protobuf,
    Json,
}

impl Encoding {
    pub(crate) fn content_type(self) -> &'static str {
        match self {
            Encoding::Protobuf => "application/x-protobuf",
            Encoding::Json => "application/json",
        }
    }
}

/// Who sends the spans: the resource's attributes and the instrumentation scope.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Origin {
    pub resource: Vec<(String, String)>,
    pub scope: &'static str,
    pub version: &'static str,
}

fn nanos(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// The export request carrying `spans`.
pub(crate) fn encode(origin: &Origin, spans: &[Span], encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Protobuf => protobuf(origin, spans),
        Encoding::Json => serde_json::to_vec(&json_body(origin, spans)).unwrap_or_default(),
    }
}

/// Protobuf's wire format, as much of it as the message needs.
#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "seven bits at a time: the mask keeps what the cast would cut"
    )]
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push(((v & 0x7f) as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn tag(&mut self, field: u32, wire: u8) {
        self.varint(u64::from(field) << 3 | u64::from(wire));
    }

    fn bytes(&mut self, field: u32, b: &[u8]) {
        self.tag(field, 2);
        self.varint(b.len() as u64);
        self.0.extend_from_slice(b);
    }

    /// A string field; empty ones are left out (proto3 defaults).
    fn string(&mut self, field: u32, s: &str) {
        if !s.is_empty() {
            self.bytes(field, s.as_bytes());
        }
    }

    fn message(&mut self, field: u32, build: impl FnOnce(&mut Writer)) {
        let mut inner = Writer::default();
        build(&mut inner);
        self.bytes(field, &inner.0);
    }

    fn uint(&mut self, field: u32, v: u64) {
        if v != 0 {
            self.tag(field, 0);
            self.varint(v);
        }
    }

    fn fixed64(&mut self, field: u32, v: u64) {
        self.tag(field, 1);
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    /// `KeyValue { key = 1; AnyValue value = 2 }`, `AnyValue { string_value = 1; int_value = 3 }`.
    fn attribute(&mut self, field: u32, key: &str, value: &Value) {
        self.message(field, |kv| {
            kv.string(1, key);
            kv.message(2, |any| match value {
                Value::Str(s) => any.bytes(1, s.as_bytes()),
                Value::Int(n) => {
                    any.tag(3, 0);
                    // int64 is a two's-complement varint.
                    any.varint(n.cast_unsigned());
                }
            });
        });
    }
}

fn protobuf(origin: &Origin, spans: &[Span]) -> Vec<u8> {
    let mut w = Writer::default();
    // ExportTraceServiceRequest.resource_spans = 1
    w.message(1, |rs| {
        // ResourceSpans.resource = 1 { attributes = 1 }
        rs.message(1, |r| {
            for (k, v) in &origin.resource {
                r.attribute(1, k, &Value::Str(v.clone()));
            }
        });
        // ResourceSpans.scope_spans = 2 { scope = 1 { name = 1, version = 2 }, spans = 2 }
        rs.message(2, |ss| {
            ss.message(1, |scope| {
                scope.string(1, origin.scope);
                scope.string(2, origin.version);
            });
            for span in spans {
                ss.message(2, |s| span_protobuf(s, span));
            }
        });
    });
    w.0
}

fn span_protobuf(w: &mut Writer, span: &Span) {
    w.bytes(1, &span.context.trace_id);
    w.bytes(2, &span.context.span_id);
    w.string(3, span.context.state.as_deref().unwrap_or_default());
    if let Some(parent) = &span.parent {
        w.bytes(4, parent);
    }
    w.string(5, &span.name);
    w.uint(6, span.kind as u64);
    w.fixed64(7, nanos(span.start));
    w.fixed64(8, nanos(span.end));
    for (k, v) in &span.attributes {
        w.attribute(9, k, v);
    }
    // Status { message = 2; code = 3 (2: error) }
    if let Status::Error(message) = &span.status {
        w.message(15, |st| {
            st.string(2, message);
            st.uint(3, 2);
        });
    }
}

fn attribute_json(key: &str, value: &Value) -> Json {
    let value = match value {
        Value::Str(s) => json!({"stringValue": s}),
        Value::Int(n) => json!({"intValue": n.to_string()}),
    };
    json!({"key": key, "value": value})
}

fn json_body(origin: &Origin, spans: &[Span]) -> Json {
    let resource: Vec<Json> = origin
        .resource
        .iter()
        .map(|(k, v)| attribute_json(k, &Value::Str(v.clone())))
        .collect();
    let spans: Vec<Json> = spans.iter().map(span_json).collect();
    json!({"resourceSpans": [{
        "resource": {"attributes": resource},
        "scopeSpans": [{
            "scope": {"name": origin.scope, "version": origin.version},
            "spans": spans,
        }],
    }]})
}

fn span_json(span: &Span) -> Json {
    let mut s = json!({
        "traceId": hex(&span.context.trace_id),
        "spanId": hex(&span.context.span_id),
        "name": span.name,
        "kind": span.kind as u8,
        "startTimeUnixNano": nanos(span.start).to_string(),
        "endTimeUnixNano": nanos(span.end).to_string(),
        "attributes": span.attributes.iter().map(|(k, v)| attribute_json(k, v)).collect::<Vec<_>>(),
    });
    if let Json::Object(m) = &mut s {
        if let Some(state) = &span.context.state {
            m.insert("traceState".into(), json!(state));
        }
        if let Some(parent) = &span.parent {
            m.insert("parentSpanId".into(), json!(hex(parent)));
        }
        if let Status::Error(message) = &span.status {
            m.insert("status".into(), json!({"message": message, "code": 2}));
        }
    }
    s
}

#[cfg(test)]
#[allow(
    clippy::cast_possible_truncation,
    reason = "the expected bytes are short: their lengths fit a byte"
)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::telemetry::trace::{SpanContext, SpanKind};

    fn span() -> Span {
        let parent = SpanContext::parse(
            "00-0102030405060708090a0b0c0d0e0f10-1112131415161718-01",
            None,
        )
        .unwrap();
        let mut s = Span::start("tools/call echo".into(), SpanKind::Server, Some(&parent));
        s.context.span_id = [0x21; 8];
        s.start = UNIX_EPOCH + Duration::from_micros(1);
        s.end = UNIX_EPOCH + Duration::from_micros(3);
        s.set("mcp.method.name", "tools/call");
        s.set("n", -1_i64);
        s.fail("tool_error".into(), "bad".into());
        s
    }

    fn origin() -> Origin {
        Origin {
            resource: vec![("service.name".into(), "vmcp".into())],
            scope: "vmcp",
            version: "1",
        }
    }

    /// A length as protobuf writes it (a varint: 163 → a3 01).
    fn length(n: usize) -> Vec<u8> {
        if n < 0x80 {
            vec![n as u8]
        } else {
            vec![(n as u8 & 0x7f) | 0x80, (n >> 7) as u8]
        }
    }

    #[test]
    fn protobuf_bytes_are_the_message_as_protoc_would_write_it() {
        let body = encode(&origin(), &[span()], Encoding::Protobuf);
        let mut expected: Vec<u8> = Vec::new();
        // The span, field by field.
        let mut s: Vec<u8> = vec![0x0a, 16];
        s.extend(1..=16u8);
        s.extend([0x12, 8]);
        s.extend([0x21; 8]);
        s.extend([0x22, 8]);
        s.extend(0x11..=0x18u8);
        s.extend([0x2a, 15]);
        s.extend(b"tools/call echo");
        s.extend([0x30, 2]);
        s.push(0x39);
        s.extend(1_000u64.to_le_bytes());
        s.push(0x41);
        s.extend(3_000u64.to_le_bytes());
        let kv = |key: &str, any: &[u8]| {
            let mut v = vec![0x0a, key.len() as u8];
            v.extend(key.as_bytes());
            v.extend([0x12, any.len() as u8]);
            v.extend(any);
            let mut out = vec![0x4a, v.len() as u8];
            out.extend(v);
            out
        };
        let mut any = vec![0x0a, 10];
        any.extend(b"tools/call");
        s.extend(kv("mcp.method.name", &any));
        let mut minus_one = vec![0x18];
        minus_one.extend([0xff; 9]);
        minus_one.push(0x01);
        s.extend(kv("n", &minus_one));
        let mut any = vec![0x0a, 10];
        any.extend(b"tool_error");
        s.extend(kv("error.type", &any));
        s.extend([0x7a, 7, 0x12, 3]);
        s.extend(b"bad");
        s.extend([0x18, 2]);
        // ScopeSpans { scope { name, version }, spans }
        let mut ss: Vec<u8> = vec![0x0a, 9, 0x0a, 4];
        ss.extend(b"vmcp");
        ss.extend([0x12, 1]);
        ss.extend(b"1");
        ss.push(0x12);
        ss.extend(length(s.len()));
        ss.extend(&s);
        // Resource { attributes { service.name = vmcp } }
        let mut r: Vec<u8> = Vec::new();
        let mut any = vec![0x0a, 4];
        any.extend(b"vmcp");
        let attr = {
            let mut v = vec![0x0a, 12];
            v.extend(b"service.name");
            v.extend([0x12, any.len() as u8]);
            v.extend(&any);
            v
        };
        r.extend([0x0a, attr.len() as u8]);
        r.extend(&attr);
        let mut rs: Vec<u8> = vec![0x0a, r.len() as u8];
        rs.extend(&r);
        rs.push(0x12);
        rs.extend(length(ss.len()));
        rs.extend(&ss);
        expected.push(0x0a);
        expected.extend(length(rs.len()));
        expected.extend(&rs);
        assert_eq!(body, expected);
    }

    #[test]
    fn json_uses_hex_ids_numeric_enums_and_string_integers() {
        let body: Json =
            serde_json::from_slice(&encode(&origin(), &[span()], Encoding::Json)).unwrap();
        let s = &body["resourceSpans"][0]["scopeSpans"][0]["spans"][0];
        assert_eq!(s["traceId"], "0102030405060708090a0b0c0d0e0f10");
        assert_eq!(s["parentSpanId"], "1112131415161718");
        assert_eq!(s["kind"], 2);
        assert_eq!(s["startTimeUnixNano"], "1000");
        assert_eq!(s["attributes"][1]["value"]["intValue"], "-1");
        assert_eq!(s["status"], json!({"message": "bad", "code": 2}));
        assert_eq!(
            body["resourceSpans"][0]["resource"]["attributes"][0],
            json!({"key": "service.name", "value": {"stringValue": "vmcp"}})
        );
    }
}
