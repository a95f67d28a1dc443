//! Telemetry: the mechanisms that tell operators what vmcp does, knowing nothing of sessions
//! or upstreams (the session reports through its observer seam, `app` wires the rest).
//!
//! - `metrics.rs`: labelled counters, gauges and histograms, and their Prometheus text;
//! - `trace.rs`: trace context (`traceparent`) and spans; `otlp/`: OTLP/HTTP encodings
//!   (protobuf, JSON) of spans and histograms; `export.rs`: the destination and the span
//!   exporter with its bounded queue; `meter.rs`: histograms exported periodically.

pub(crate) mod export;
pub(crate) mod meter;
pub(crate) mod metrics;
pub(crate) mod otlp;
pub(crate) mod trace;
