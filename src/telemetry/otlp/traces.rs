//! `ExportTraceServiceRequest`: spans with their resource and scope.

use serde_json::{Value as Json, json};

use super::{
    Encoding, Origin, Writer, attribute_json, nanos, resource_json, resource_protobuf, scope_json,
    scope_protobuf,
};
use crate::telemetry::trace::{Span, Status, hex};

/// The export request carrying `spans`.
pub(crate) fn encode_spans(origin: &Origin, spans: &[Span], encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Protobuf => protobuf(origin, spans),
        Encoding::Json => serde_json::to_vec(&json_body(origin, spans)).unwrap_or_default(),
    }
}

fn protobuf(origin: &Origin, spans: &[Span]) -> Vec<u8> {
    let mut w = Writer::default();
    // ExportTraceServiceRequest.resource_spans = 1
    w.message(1, |rs| {
        // ResourceSpans.resource = 1
        resource_protobuf(rs, 1, origin);
        // ResourceSpans.scope_spans = 2 { scope = 1, spans = 2 }
        rs.message(2, |ss| {
            scope_protobuf(ss, 1, origin);
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

fn json_body(origin: &Origin, spans: &[Span]) -> Json {
    let spans: Vec<Json> = spans.iter().map(span_json).collect();
    json!({"resourceSpans": [{
        "resource": resource_json(origin),
        "scopeSpans": [{"scope": scope_json(origin), "spans": spans}],
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
    use std::time::{Duration, UNIX_EPOCH};

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
        let body = encode_spans(&origin(), &[span()], Encoding::Protobuf);
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
            serde_json::from_slice(&encode_spans(&origin(), &[span()], Encoding::Json)).unwrap();
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
