//! Sending telemetry to an OTLP/HTTP collector (`post`), and finished spans in the background.
//! Recording a span is a push under a lock (never a wait for the network); a task sends batches
//! when one is full or the schedule delay has passed since the first span of a batch. The queue
//! is bounded: when the collector is slower than vmcp, spans are dropped and counted, never
//! waited for.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use super::otlp::{Encoding, Origin, encode_spans};
use super::trace::Span;
use crate::support::batch::{Batch, Flush};

/// Where one signal (traces, metrics) goes and how (the standard `OTEL_*` settings, read by
/// `app`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Destination {
    /// The signal's URL (`…/v1/traces`, `…/v1/metrics`).
    pub url: String,
    pub encoding: Encoding,
    /// Extra request headers (`OTEL_EXPORTER_OTLP_HEADERS`: often credentials).
    pub headers: Vec<(String, String)>,
    /// Per export request.
    pub timeout: Duration,
}

/// The one HTTP client of every export, built by the first (off the startup path).
fn client() -> Result<&'static reqwest::Client, String> {
    static CLIENT: OnceLock<Result<reqwest::Client, String>> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            reqwest::Client::builder()
                .build()
                .map_err(|e| format!("cannot build the OTLP client: {e}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl Destination {
    /// POSTs one export request.
    pub(crate) async fn post(&self, body: Vec<u8>) -> Result<(), String> {
        let mut req = client()?
            .post(&self.url)
            .timeout(self.timeout)
            .header(reqwest::header::CONTENT_TYPE, self.encoding.content_type())
            .body(body);
        for (k, v) in &self.headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let resp = req.send().await.map_err(crate::support::url::error_text)?;
        if resp.status().is_success() {
            Ok(())
        } else {
            Err(format!("the collector answered {}", resp.status()))
        }
    }
}

/// How spans are exported.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExportPlan {
    pub destination: Destination,
    pub origin: Origin,
    /// How long the first span of a batch waits for others.
    pub schedule_delay: Duration,
    /// Spans waiting at most; more are dropped.
    pub max_queue: usize,
    /// Spans per export request at most.
    pub max_batch: usize,
}

/// `OTEL_BSP_SCHEDULE_DELAY`'s default.
pub(crate) const DEFAULT_SCHEDULE_DELAY: Duration = Duration::from_secs(5);
/// `OTEL_BSP_MAX_QUEUE_SIZE`'s default.
pub(crate) const DEFAULT_MAX_QUEUE: usize = 2048;
/// `OTEL_BSP_MAX_EXPORT_BATCH_SIZE`'s default.
pub(crate) const DEFAULT_MAX_BATCH: usize = 512;
/// `OTEL_EXPORTER_OTLP_TIMEOUT`'s default.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where spans are recorded; cheap to clone.
#[derive(Clone)]
pub(crate) struct Tracer {
    queue: Arc<Batch<Span>>,
    dropped: Arc<AtomicU64>,
    flush: mpsc::UnboundedSender<Flush>,
}

impl Tracer {
    /// Starts the exporter task (on the current runtime).
    pub(crate) fn start(plan: ExportPlan) -> Tracer {
        let queue = Arc::new(Batch::new(plan.max_batch, plan.max_queue));
        let (flush, requests) = mpsc::unbounded_channel();
        let tracer = Tracer {
            queue: queue.clone(),
            dropped: Arc::new(AtomicU64::new(0)),
            flush,
        };
        tokio::spawn(send_loop(plan, queue, requests));
        tracer
    }

    /// Queues a finished span (unsampled ones are not kept).
    pub(crate) fn record(&self, span: Span) {
        if span.context.sampled
            && self.queue.push(span).is_err()
            && self.dropped.fetch_add(1, Ordering::Relaxed) == 0
        {
            tracing::warn!("the OTLP collector does not keep up: spans are being dropped");
        }
    }

    /// Sends what is queued; waits at most `limit`.
    pub(crate) async fn flush(&self, limit: Duration) {
        let (done, wait) = oneshot::channel();
        if self.flush.send(done).is_ok() {
            let _ = tokio::time::timeout(limit, wait).await;
        }
        let dropped = self.dropped.load(Ordering::Relaxed);
        if dropped > 0 {
            tracing::warn!("{dropped} spans were dropped: the OTLP collector did not keep up");
        }
    }
}

async fn send_loop(
    plan: ExportPlan,
    queue: Arc<Batch<Span>>,
    mut requests: mpsc::UnboundedReceiver<Flush>,
) {
    let mut failing = false;
    while let Some(waiters) = queue.due(&mut requests, plan.schedule_delay).await {
        for batch in queue.take() {
            let body = encode_spans(&plan.origin, &batch, plan.destination.encoding);
            match plan.destination.post(body).await {
                Ok(()) if failing => {
                    failing = false;
                    tracing::info!("the OTLP collector accepts spans again");
                }
                Ok(()) => {}
                Err(e) => {
                    // Said once per run of failures: a collector that is down must not flood
                    // the log.
                    if !failing {
                        tracing::warn!(
                            "cannot export {} spans to {}: {e}",
                            batch.len(),
                            crate::support::url::redacted(&plan.destination.url)
                        );
                    }
                    failing = true;
                }
            }
        }
        for w in waiters {
            let _ = w.send(());
        }
    }
}
