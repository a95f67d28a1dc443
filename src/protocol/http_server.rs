//! The HTTP/1.1 side of `vmcp serve`: accepting connections, reading each request whole (bounded
//! in size and time), writing answers (whole or streamed), and draining on shutdown. hyper does
//! the framing; what a request means is the [`Service`]'s business.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, Limited, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::BoxFuture;

/// A response body: empty, whole, or streamed chunk by chunk (SSE).
pub(crate) type Body = BoxBody<Bytes, Infallible>;

/// Answers requests whose body was read whole.
pub(crate) trait Service: Send + Sync + 'static {
    fn call(self: Arc<Self>, request: http::Request<Bytes>) -> BoxFuture<http::Response<Body>>;
}

/// The largest request body read (a JSON-RPC message), by default.
pub(crate) const DEFAULT_MAX_BODY: usize = 4 * 1024 * 1024;
/// How long a client may take to send a request's headers, then its body (no slowloris).
pub(crate) const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub max_body: usize,
    pub read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: DEFAULT_MAX_BODY,
            read_timeout: DEFAULT_READ_TIMEOUT,
        }
    }
}

pub(crate) fn empty() -> Body {
    Full::new(Bytes::new()).boxed()
}

pub(crate) fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into()).boxed()
}

/// A body whose chunks arrive on `rx`; it ends when every sender is gone. A sender learns that
/// the client went away when a send fails.
pub(crate) fn streamed(rx: mpsc::Receiver<Bytes>) -> Body {
    let chunks = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|chunk| (Ok::<_, Infallible>(Frame::data(chunk)), rx))
    });
    BodyExt::boxed(StreamBody::new(chunks))
}

/// A plain response with a status and a text or JSON body.
pub(crate) fn response(
    status: u16,
    content_type: &str,
    body: impl Into<Bytes>,
) -> http::Response<Body> {
    let mut r = http::Response::new(full(body));
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::OK);
    if let Ok(v) = http::HeaderValue::from_str(content_type) {
        r.headers_mut().insert(http::header::CONTENT_TYPE, v);
    }
    r
}

/// Serves `service` on `listener` until `stop` is cancelled; then stops accepting, lets every
/// request in progress finish within `grace` (long-lived streams must end on their own signal),
/// and closes what is left.
pub(crate) async fn serve(
    listener: TcpListener,
    service: Arc<dyn Service>,
    limits: Limits,
    stop: CancellationToken,
    grace: Duration,
) {
    let mut connections = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            () = stop.cancelled() => break,
            accepted = listener.accept() => accepted,
            // Reap finished connections as we go.
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of descriptors and the like: wait a little rather than spin.
                tracing::warn!("cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = service.clone();
        let stop = stop.clone();
        connections.spawn(async move {
            let handler = service_fn(move |req: http::Request<Incoming>| {
                let service = service.clone();
                async move { Ok::<_, Infallible>(read_then_call(service, req, limits).await) }
            });
            let conn = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.read_timeout)
                .serve_connection(TokioIo::new(stream), handler);
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                result = conn.as_mut() => {
                    if let Err(e) = result {
                        tracing::debug!("HTTP connection ended: {e}");
                    }
                    return;
                }
                () = stop.cancelled() => {}
            }
            // Finish the request in progress (if any), then close.
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        });
    }
    drop(listener);
    let drained = async { while connections.join_next().await.is_some() {} };
    if tokio::time::timeout(grace, drained).await.is_err() {
        tracing::warn!(
            left = connections.len(),
            "requests still in progress after the grace period; closing their connections"
        );
        connections.shutdown().await;
    }
}

/// Reads the body (bounded in size and time), then hands the request to the service.
async fn read_then_call(
    service: Arc<dyn Service>,
    req: http::Request<Incoming>,
    limits: Limits,
) -> http::Response<Body> {
    let (parts, body) = req.into_parts();
    let read = tokio::time::timeout(
        limits.read_timeout,
        Limited::new(body, limits.max_body).collect(),
    );
    let bytes = match read.await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
            return response(
                413,
                "text/plain",
                format!("the request body exceeds {} bytes\n", limits.max_body),
            );
        }
        Ok(Err(e)) => {
            return response(
                400,
                "text/plain",
                format!("cannot read the request body: {e}\n"),
            );
        }
        Err(_) => {
            return response(
                408,
                "text/plain",
                format!(
                    "the request body did not arrive within {:?}\n",
                    limits.read_timeout
                ),
            );
        }
    };
    service.call(http::Request::from_parts(parts, bytes)).await
}
