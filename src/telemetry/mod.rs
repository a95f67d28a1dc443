//! Telemetry: the mechanisms that tell operators what vmcp does, knowing nothing of sessions
//! or upstreams (the session reports through its observer seam, `app` wires the rest).
//!
//! - `metrics.rs`: labelled counters, gauges and histograms, and their Prometheus text.

pub(crate) mod metrics;
