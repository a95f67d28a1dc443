//! What vmcp reports to operators, attached to every session a driver opens: Prometheus
//! metrics (`vmcp serve`'s `/metrics`), and OpenTelemetry traces and metrics (`vmcp stdio` and
//! `vmcp serve`, when the standard `OTEL_*` variables name a collector). The mechanisms are the
//! `telemetry` layer's; what is here is vmcp's own: which metrics, which settings, which
//! sessions report.
//!
//! - `metrics.rs`: vmcp's Prometheus metric families and the observer each session reports to;
//! - `otel.rs`: the `OTEL_*` environment → the exporters' plans; `operations.rs`: the MCP
//!   conventions' operation-duration histograms, recorded from the spans.

pub(crate) mod metrics;
pub(crate) mod operations;
pub(crate) mod otel;

use std::sync::Arc;
use std::time::Duration;

use self::metrics::Metrics;
use crate::session::{CallObserver, CompletedCall};
use crate::telemetry::export::Tracer;
use crate::telemetry::meter::Meter;
use crate::telemetry::trace::Span;

/// How long the last spans and metrics may take to reach the collector when vmcp ends.
pub(crate) const OTLP_FLUSH_LIMIT: Duration = Duration::from_secs(2);

/// What sessions report to; nothing by default (zero cost).
#[derive(Default, Clone)]
pub(crate) struct Telemetry {
    pub metrics: Option<Arc<Metrics>>,
    pub tracer: Option<Tracer>,
    pub meter: Option<Arc<Meter>>,
}

impl Telemetry {
    /// Starts exporting what the environment asks for (on the current runtime).
    pub(crate) fn otlp_from_env(&mut self) {
        let plans = otel::plans(|name| std::env::var(name).ok());
        for why in &plans.refusals {
            tracing::warn!("{why}");
        }
        if let Some(plan) = plans.traces {
            let url = crate::support::url::redacted(&plan.destination.url);
            tracing::info!("exporting traces to {url}");
            self.tracer = Some(Tracer::start(plan));
        }
        if let Some(plan) = plans.metrics {
            let url = crate::support::url::redacted(&plan.destination.url);
            tracing::info!("exporting metrics to {url}");
            self.meter = Some(Arc::new(Meter::start(plan, operations::instruments())));
        }
    }

    /// Sends the spans still queued and the metrics as they stand (each within
    /// [`OTLP_FLUSH_LIMIT`]).
    pub(crate) async fn flush(&self) {
        if let Some(t) = &self.tracer {
            t.flush(OTLP_FLUSH_LIMIT).await;
        }
        if let Some(m) = &self.meter {
            m.flush(OTLP_FLUSH_LIMIT).await;
        }
    }

    /// The observers a session of vMCP `vmcp` reports to.
    pub(crate) fn observers(&self, vmcp: &str) -> Vec<Arc<dyn CallObserver>> {
        let mut out: Vec<Arc<dyn CallObserver>> = Vec::new();
        if let Some(m) = &self.metrics {
            out.push(m.observer(vmcp));
        }
        if self.tracer.is_some() || self.meter.is_some() {
            out.push(Arc::new(Otlp {
                tracer: self.tracer.clone(),
                meter: self.meter.clone(),
            }));
        }
        out
    }
}

/// Takes the session's spans: to the span exporter, and into the operation durations.
struct Otlp {
    tracer: Option<Tracer>,
    meter: Option<Arc<Meter>>,
}

impl CallObserver for Otlp {
    fn completed(&self, _call: CompletedCall) {}

    fn tracing(&self) -> bool {
        true
    }

    fn span(&self, span: Span) {
        if let Some(m) = &self.meter {
            operations::record(m, &span);
        }
        if let Some(t) = &self.tracer {
            t.record(span);
        }
    }
}
