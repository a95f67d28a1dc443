//! Histograms exported over OTLP/HTTP: recorded in memory (the `metrics.rs` families), sent
//! whole (cumulative) every export interval by a background task, and once more at exit.
//! A series' label names are its attribute keys; an empty value leaves the attribute out.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::{mpsc, oneshot};

use super::export::Destination;
use super::metrics::Histogram;
use super::otlp::{HistogramPoints, Origin, Point, encode_histograms};

/// How metrics are exported.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MetricsPlan {
    pub destination: Destination,
    pub origin: Origin,
    /// `OTEL_METRIC_EXPORT_INTERVAL`.
    pub interval: Duration,
}

/// `OTEL_METRIC_EXPORT_INTERVAL`'s default.
pub(crate) const DEFAULT_EXPORT_INTERVAL: Duration = Duration::from_secs(60);

/// One histogram and what OTLP calls it.
pub(crate) struct Instrument {
    pub name: &'static str,
    pub description: &'static str,
    pub unit: &'static str,
    pub histogram: Histogram,
}

/// The instruments and their exporter.
pub(crate) struct Meter {
    instruments: Arc<Vec<Instrument>>,
    flush: mpsc::UnboundedSender<oneshot::Sender<()>>,
}

impl Meter {
    /// Starts exporting `instruments` (on the current runtime).
    pub(crate) fn start(plan: MetricsPlan, instruments: Vec<Instrument>) -> Meter {
        let instruments = Arc::new(instruments);
        let (flush, requests) = mpsc::unbounded_channel();
        tokio::spawn(export_loop(plan, instruments.clone(), requests));
        Meter { instruments, flush }
    }

    /// The instrument named `name`.
    pub(crate) fn instrument(&self, name: &str) -> Option<&Histogram> {
        self.instruments
            .iter()
            .find(|i| i.name == name)
            .map(|i| &i.histogram)
    }

    /// Exports now; waits at most `limit`.
    pub(crate) async fn flush(&self, limit: Duration) {
        let (done, wait) = oneshot::channel();
        if self.flush.send(done).is_ok() {
            let _ = tokio::time::timeout(limit, wait).await;
        }
    }
}

fn snapshot(instruments: &[Instrument], start: SystemTime) -> Vec<HistogramPoints> {
    instruments
        .iter()
        .map(|i| {
            let labels = i.histogram.labels();
            let points = i
                .histogram
                .points()
                .into_iter()
                .map(|(values, counts, sum, count)| {
                    let attributes = labels
                        .iter()
                        .zip(values)
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(k, v)| (*k, v))
                        .collect();
                    Point {
                        attributes,
                        counts,
                        sum,
                        count,
                    }
                })
                .collect();
            HistogramPoints {
                name: i.name,
                description: i.description,
                unit: i.unit,
                bounds: i.histogram.bounds(),
                start,
                points,
            }
        })
        .filter(|m| !m.points.is_empty())
        .collect()
}

async fn export_loop(
    plan: MetricsPlan,
    instruments: Arc<Vec<Instrument>>,
    mut requests: mpsc::UnboundedReceiver<oneshot::Sender<()>>,
) {
    let start = SystemTime::now();
    let mut failing = false;
    let mut tick =
        tokio::time::interval_at(tokio::time::Instant::now() + plan.interval, plan.interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let waiter = tokio::select! {
            r = requests.recv() => match r {
                Some(w) => Some(w),
                None => return,
            },
            _ = tick.tick() => None,
        };
        let metrics = snapshot(&instruments, start);
        if !metrics.is_empty() {
            let body = encode_histograms(
                &plan.origin,
                &metrics,
                SystemTime::now(),
                plan.destination.encoding,
            );
            match plan.destination.post(body).await {
                Ok(()) => failing = false,
                Err(e) => {
                    if !failing {
                        tracing::warn!(
                            "cannot export metrics to {}: {e}",
                            crate::support::url::redacted(&plan.destination.url)
                        );
                    }
                    failing = true;
                }
            }
        }
        if let Some(w) = waiter {
            let _ = w.send(());
        }
    }
}
