//! Sending finished spans to an OTLP/HTTP collector in the background. Recording a span is a
//! push under a lock (never a wait for the network); a task sends batches when one is full or
//! the schedule delay has passed since the first span of a batch. The queue is bounded: when
//! the collector is slower than vmcp, spans are dropped and counted, never waited for.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{Notify, mpsc, oneshot};

use super::otlp::{Encoding, Origin, encode};
use super::trace::Span;

/// Where and how spans are sent (the standard `OTEL_*` settings, read by `app`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExportPlan {
    /// The traces URL (`…/v1/traces`).
    pub url: String,
    pub encoding: Encoding,
    /// Extra request headers (`OTEL_EXPORTER_OTLP_HEADERS`: often credentials).
    pub headers: Vec<(String, String)>,
    /// Per export request.
    pub timeout: Duration,
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

#[derive(Default)]
struct Queue {
    spans: Mutex<Vec<Span>>,
    /// Woken by the first span of a batch (an idle process wakes for nothing).
    first: Notify,
    /// Woken when a batch is full.
    full: Notify,
    dropped: AtomicU64,
}

/// Where spans are recorded; cheap to clone.
#[derive(Clone)]
pub(crate) struct Tracer {
    queue: Arc<Queue>,
    max_queue: usize,
    max_batch: usize,
    flush: mpsc::UnboundedSender<oneshot::Sender<()>>,
}

impl Tracer {
    /// Starts the exporter task (on the current runtime).
    pub(crate) fn start(plan: ExportPlan) -> Result<Tracer, String> {
        let client = reqwest::Client::builder()
            .timeout(plan.timeout)
            .build()
            .map_err(|e| format!("cannot build the OTLP client: {e}"))?;
        let queue = Arc::new(Queue::default());
        let (flush, requests) = mpsc::unbounded_channel();
        let tracer = Tracer {
            queue: queue.clone(),
            max_queue: plan.max_queue.max(1),
            max_batch: plan.max_batch.max(1),
            flush,
        };
        tokio::spawn(send_loop(client, plan, queue, requests));
        Ok(tracer)
    }

    /// Queues a finished span (unsampled ones are not kept).
    pub(crate) fn record(&self, span: Span) {
        if !span.context.sampled {
            return;
        }
        let queued = {
            let mut spans = self
                .queue
                .spans
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if spans.len() >= self.max_queue {
                None
            } else {
                spans.push(span);
                Some(spans.len())
            }
        };
        match queued {
            None => {
                if self.queue.dropped.fetch_add(1, Ordering::Relaxed) == 0 {
                    tracing::warn!(
                        "the OTLP collector does not keep up: spans are being dropped ({} wait)",
                        self.max_queue
                    );
                }
            }
            Some(1) => self.queue.first.notify_one(),
            Some(n) if n == self.max_batch => self.queue.full.notify_one(),
            Some(_) => {}
        }
    }

    /// Sends what is queued; waits at most `limit`.
    pub(crate) async fn flush(&self, limit: Duration) {
        let (done, wait) = oneshot::channel();
        if self.flush.send(done).is_ok() {
            let _ = tokio::time::timeout(limit, wait).await;
        }
        let dropped = self.queue.dropped.load(Ordering::Relaxed);
        if dropped > 0 {
            tracing::warn!("{dropped} spans were dropped: the OTLP collector did not keep up");
        }
    }
}

async fn send_loop(
    client: reqwest::Client,
    plan: ExportPlan,
    queue: Arc<Queue>,
    mut requests: mpsc::UnboundedReceiver<oneshot::Sender<()>>,
) {
    let mut failing = false;
    let mut waiters: Vec<oneshot::Sender<()>> = Vec::new();
    loop {
        let mut request = tokio::select! {
            r = requests.recv() => Some(r),
            () = queue.first.notified() => None,
        };
        if request.is_none() {
            request = tokio::select! {
                r = requests.recv() => Some(r),
                () = queue.full.notified() => None,
                () = tokio::time::sleep(plan.schedule_delay) => None,
            };
        }
        match request {
            Some(Some(w)) => waiters.push(w),
            Some(None) => return,
            None => {}
        }
        while let Ok(w) = requests.try_recv() {
            waiters.push(w);
        }
        let mut spans =
            std::mem::take(&mut *queue.spans.lock().unwrap_or_else(PoisonError::into_inner));
        while !spans.is_empty() {
            let rest = spans.split_off(spans.len().min(plan.max_batch));
            let batch = std::mem::replace(&mut spans, rest);
            let sent = send(&client, &plan, &batch).await;
            match sent {
                Ok(()) if failing => {
                    failing = false;
                    tracing::info!("the OTLP collector accepts spans again");
                }
                Ok(()) => {}
                Err(e) => {
                    // Said once per run of failures: a collector that is down must not flood
                    // the log.
                    if !failing {
                        tracing::warn!("cannot export {} spans to {}: {e}", batch.len(), plan.url);
                    }
                    failing = true;
                }
            }
        }
        for w in waiters.drain(..) {
            let _ = w.send(());
        }
    }
}

async fn send(client: &reqwest::Client, plan: &ExportPlan, spans: &[Span]) -> Result<(), String> {
    let body = encode(&plan.origin, spans, plan.encoding);
    let mut req = client
        .post(&plan.url)
        .header(reqwest::header::CONTENT_TYPE, plan.encoding.content_type())
        .body(body);
    for (k, v) in &plan.headers {
        req = req.header(k.as_str(), v.as_str());
    }
    let resp = req.send().await.map_err(crate::support::url::error_text)?;
    if resp.status().is_success() {
        Ok(())
    } else {
        Err(format!("the collector answered {}", resp.status()))
    }
}
