//! What vmcp reports to operators, attached to every session a driver opens: Prometheus
//! metrics (`vmcp serve`'s `/metrics`). The mechanisms are the `telemetry` layer's; what is
//! here is vmcp's own: which metrics, and which sessions report to them.
//!
//! - `metrics.rs`: vmcp's metric families and the observer each session reports to.

pub(crate) mod metrics;

use std::sync::Arc;

use self::metrics::Metrics;
use crate::session::CallObserver;

/// What sessions report to; nothing by default (zero cost).
#[derive(Default, Clone)]
pub(crate) struct Telemetry {
    pub metrics: Option<Arc<Metrics>>,
}

impl Telemetry {
    /// The observers a session of vMCP `vmcp` reports to.
    pub(crate) fn observers(&self, vmcp: &str) -> Vec<Arc<dyn CallObserver>> {
        let mut out: Vec<Arc<dyn CallObserver>> = Vec::new();
        if let Some(m) = &self.metrics {
            out.push(m.observer(vmcp));
        }
        out
    }
}
