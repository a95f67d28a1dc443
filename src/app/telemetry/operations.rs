//! The OpenTelemetry MCP conventions' metrics: `mcp.server.operation.duration` (each client
//! request, as vmcp answered it) and `mcp.client.operation.duration` (each request vmcp sent an
//! upstream), recorded from the spans when they end, with the conventions' attributes. What
//! came from the client stays bounded: an unknown method is `_OTHER`, a tool or prompt name is
//! kept only when the request got past routing (a JSON-RPC error may be an unknown name), and
//! a protocol version only when it is one vmcp speaks.

use crate::protocol::mcp::{MODERN_VERSIONS, SUPPORTED_VERSIONS};
use crate::telemetry::meter::{Instrument, Meter};
use crate::telemetry::metrics::{DURATION_BUCKETS, Histogram};
use crate::telemetry::trace::{Span, SpanKind, Value};

const SERVER: &str = "mcp.server.operation.duration";
const CLIENT: &str = "mcp.client.operation.duration";

/// The attributes both histograms carry (only the client one names the upstream,
/// `vmcp.server`: an attribute a span lacks is left out).
const ATTRIBUTES: &[&str] = &[
    "mcp.method.name",
    "error.type",
    "gen_ai.tool.name",
    "gen_ai.prompt.name",
    "gen_ai.operation.name",
    "mcp.protocol.version",
    "network.transport",
    "vmcp.server",
];

pub(crate) fn instruments() -> Vec<Instrument> {
    vec![
        Instrument {
            name: SERVER,
            description: "MCP request duration as observed on the receiver from the time it was \
                          received until the result or ack is sent.",
            unit: "s",
            histogram: Histogram::new(SERVER, "", ATTRIBUTES, DURATION_BUCKETS),
        },
        Instrument {
            name: CLIENT,
            description: "The duration of the MCP request as observed on the sender from the \
                          time it was sent until the response is received.",
            unit: "s",
            histogram: Histogram::new(CLIENT, "", ATTRIBUTES, DURATION_BUCKETS),
        },
    ]
}

/// Records an ended span's duration in its histogram.
pub(crate) fn record(meter: &Meter, span: &Span) {
    let name = match span.kind {
        SpanKind::Server => SERVER,
        SpanKind::Client => CLIENT,
    };
    let Some(histogram) = meter.instrument(name) else {
        return;
    };
    let text = |key: &str| {
        span.attributes
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| match v {
                Value::Str(s) => s.clone(),
                Value::Int(n) => n.to_string(),
            })
    };
    let error = text("error.type");
    // A client's request that got a JSON-RPC error (a number) may name nothing routable; what
    // vmcp sends upstream was routed.
    let routed =
        span.kind == SpanKind::Client || error.as_deref().is_none_or(|e| e.parse::<i64>().is_err());
    let values: Vec<String> = ATTRIBUTES
        .iter()
        .map(|key| {
            let value = text(key).unwrap_or_default();
            match *key {
                "mcp.method.name" => super::metrics::known_method(&value)
                    .unwrap_or("_OTHER")
                    .to_string(),
                "gen_ai.tool.name" | "gen_ai.prompt.name" if !routed => String::new(),
                "mcp.protocol.version"
                    if !SUPPORTED_VERSIONS.contains(&value.as_str())
                        && !MODERN_VERSIONS.contains(&value.as_str()) =>
                {
                    String::new()
                }
                _ => value,
            }
        })
        .collect();
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    let seconds = span
        .end
        .duration_since(span.start)
        .unwrap_or_default()
        .as_secs_f64();
    histogram.observe(&values, seconds);
}
