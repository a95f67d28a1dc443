//! Telemetry: the mechanisms that tell operators what vmcp does, knowing nothing of sessions
//! or upstreams (the session reports through its observer seam, `app` wires the rest).
//!
//! - `metrics.rs`: labelled counters, gauges and histograms, and their Prometheus text;
//! - `trace.rs`: trace context (`traceparent`) and spans; `otlp.rs`: their OTLP/HTTP encodings
//!   (protobuf, JSON); `export.rs`: the background exporter with its bounded queue.

pub(crate) mod export;
pub(crate) mod metrics;
pub(crate) mod otlp;
pub(crate) mod trace;
