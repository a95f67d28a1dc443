//! OTLP/HTTP request bodies, in both encodings the specification gives: binary protobuf
//! (`application/x-protobuf`, the default) and JSON (`application/json`: ids as hex, enums as
//! numbers, 64-bit integers as decimal strings). Written by hand: the messages are small, and
//! the generated-code crates cost more to build than vmcp's whole HTTP stack.
//!
//! - `traces.rs`: `ExportTraceServiceRequest`; `metrics.rs`: `ExportMetricsServiceRequest`
//!   (histograms).

mod metrics;
mod traces;

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value as Json, json};

pub(crate) use self::metrics::{HistogramPoints, Point, encode_histograms};
pub(crate) use self::traces::encode_spans;
use super::trace::Value;

/// How telemetry is encoded on the wire.
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

/// Who sends: the resource's attributes and the instrumentation scope.
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

    fn double(&mut self, field: u32, v: f64) {
        self.tag(field, 1);
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    /// A packed repeated field of 8-byte values (`fixed64`, `double`).
    fn packed(&mut self, field: u32, values: impl ExactSizeIterator<Item = [u8; 8]>) {
        self.tag(field, 2);
        self.varint(values.len() as u64 * 8);
        for v in values {
            self.0.extend_from_slice(&v);
        }
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

/// `Resource { attributes = 1 }` as field `field` of `w`.
fn resource_protobuf(w: &mut Writer, field: u32, origin: &Origin) {
    w.message(field, |r| {
        for (k, v) in &origin.resource {
            r.attribute(1, k, &Value::Str(v.clone()));
        }
    });
}

/// `InstrumentationScope { name = 1, version = 2 }` as field `field` of `w`.
fn scope_protobuf(w: &mut Writer, field: u32, origin: &Origin) {
    w.message(field, |scope| {
        scope.string(1, origin.scope);
        scope.string(2, origin.version);
    });
}

fn attribute_json(key: &str, value: &Value) -> Json {
    let value = match value {
        Value::Str(s) => json!({"stringValue": s}),
        Value::Int(n) => json!({"intValue": n.to_string()}),
    };
    json!({"key": key, "value": value})
}

fn resource_json(origin: &Origin) -> Json {
    let attributes: Vec<Json> = origin
        .resource
        .iter()
        .map(|(k, v)| attribute_json(k, &Value::Str(v.clone())))
        .collect();
    json!({"attributes": attributes})
}

fn scope_json(origin: &Origin) -> Json {
    json!({"name": origin.scope, "version": origin.version})
}
