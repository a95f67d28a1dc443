//! What vmcp reports to operators, attached to every session a driver opens: Prometheus
//! metrics (`vmcp serve`'s `/metrics`) and OpenTelemetry traces (`vmcp stdio` and `vmcp serve`,
//! when the standard `OTEL_*` variables name a collector). The mechanisms are the `telemetry`
//! layer's; what is here is vmcp's own: which metrics, which settings, which sessions report.
//!
//! - `metrics.rs`: vmcp's metric families and the observer each session reports to;
//! - `otel.rs`: the `OTEL_*` environment → the trace exporter's plan.

pub(crate) mod metrics;
pub(crate) mod otel;

use std::sync::Arc;
use std::time::Duration;

use self::metrics::Metrics;
use crate::session::{CallObserver, CompletedCall};
use crate::telemetry::export::Tracer;
use crate::telemetry::trace::Span;

/// How long the last spans may take to reach the collector when vmcp ends.
pub(crate) const TRACE_FLUSH_LIMIT: Duration = Duration::from_secs(2);

/// What sessions report to; nothing by default (zero cost).
#[derive(Default, Clone)]
pub(crate) struct Telemetry {
    pub metrics: Option<Arc<Metrics>>,
    pub tracer: Option<Tracer>,
}

impl Telemetry {
    /// Starts exporting traces if the environment asks for it (on the current runtime).
    pub(crate) fn trace_from_env(&mut self) {
        let Some(plan) = otel::plan(|name| std::env::var(name).ok()) else {
            return;
        };
        let url = crate::support::url::redacted(&plan.url);
        match Tracer::start(plan) {
            Ok(t) => {
                tracing::info!("exporting traces to {url}");
                self.tracer = Some(t);
            }
            Err(e) => tracing::warn!("not exporting traces: {e}"),
        }
    }

    /// Sends the spans still queued (within [`TRACE_FLUSH_LIMIT`]).
    pub(crate) async fn flush(&self) {
        if let Some(t) = &self.tracer {
            t.flush(TRACE_FLUSH_LIMIT).await;
        }
    }

    /// The observers a session of vMCP `vmcp` reports to.
    pub(crate) fn observers(&self, vmcp: &str) -> Vec<Arc<dyn CallObserver>> {
        let mut out: Vec<Arc<dyn CallObserver>> = Vec::new();
        if let Some(m) = &self.metrics {
            out.push(m.observer(vmcp));
        }
        if let Some(t) = &self.tracer {
            out.push(Arc::new(Spans(t.clone())));
        }
        out
    }
}

/// Hands the session's spans to the exporter.
struct Spans(Tracer);

impl CallObserver for Spans {
    fn completed(&self, _call: CompletedCall) {}

    fn tracing(&self) -> bool {
        true
    }

    fn span(&self, span: Span) {
        self.0.record(span);
    }
}
