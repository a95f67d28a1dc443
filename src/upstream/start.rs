//! One start attempt of an upstream: wait for the AI client, open the transport, initialize and
//! fetch every list within the startup timeout. An `auto` HTTP server that refuses streamable
//! HTTP with a 4xx is tried again over the legacy SSE transport, and later starts go straight
//! there.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::connection::Connection;
use super::envelope::Envelope;
use super::era;
use super::error::UpstreamError;
use super::handle::{Link, Upstream};
use super::handshake::{ClientContext, ListKind, Lists};
use super::inbound::ConnHandler;
use super::listen;
use super::plan::{HttpTransport, ProtocolChoice, TransportPlan};
use crate::protocol::mcp::Era;

/// Grace period when tearing down a connection that failed to start or crashed.
pub(super) const FAILED_TEARDOWN_GRACE: Duration = Duration::from_millis(500);

/// One start attempt: open the transport, wait for the AI client, handshake, list.
pub(super) async fn start(up: &Arc<Upstream>) -> Result<Arc<Link>, UpstreamError> {
    // The startup timeout runs from here: waiting for a turn is not the server's fault.
    let _turn = up.startup_slots.acquire().await;
    let result = start_inner(up).await;
    up.lock().starting = None;
    result
}

async fn start_inner(up: &Arc<Upstream>) -> Result<Arc<Link>, UpstreamError> {
    // Nothing starts before the client has initialized: its capabilities shape the handshake,
    // and a `vmcp stdio` nobody talks to should cost nothing.
    let mut client_rx = up.client.clone();
    let waited = client_rx
        .wait_for(Option::is_some)
        .await
        .map(|c| c.clone().unwrap_or_default());
    let Ok(client) = waited else {
        return Err(UpstreamError::Closed(Arc::from(
            "session ended before the client initialized",
        )));
    };
    let timeout = up.plan.startup_timeout;
    let started = tokio::time::Instant::now();
    let plan = if up.use_legacy_sse.load(Ordering::Relaxed) {
        legacy_sse_plan(&up.plan.transport).unwrap_or_else(|| up.plan.transport.clone())
    } else {
        up.plan.transport.clone()
    };
    match connect_and_list(up, &plan, &client, timeout).await {
        Err((e, Some(status))) => {
            // `auto`: a server that refuses streamable HTTP with a 4xx may speak legacy SSE.
            let Some(sse) = legacy_sse_plan(&plan) else {
                return Err(e);
            };
            tracing::info!(
                server = up.name(),
                "streamable HTTP refused (HTTP {status}); trying the SSE transport"
            );
            let left = timeout.saturating_sub(started.elapsed());
            let link = connect_and_list(up, &sse, &client, left)
                .await
                .map_err(|(sse_error, _)| {
                    UpstreamError::Http(format!(
                        "streamable HTTP was refused (HTTP {status}) and SSE failed too: {sse_error}"
                    ))
                })?;
            up.use_legacy_sse.store(true, Ordering::Relaxed);
            Ok(link)
        }
        other => other.map_err(|(e, _)| e),
    }
}

/// The legacy SSE version of an `auto` HTTP plan (`None` for any other plan).
fn legacy_sse_plan(plan: &TransportPlan) -> Option<TransportPlan> {
    match plan {
        TransportPlan::Http(h) if h.transport == HttpTransport::Auto => {
            let mut h = h.clone();
            h.transport = HttpTransport::LegacySse;
            Some(TransportPlan::Http(h))
        }
        _ => None,
    }
}

/// Opens the transport, initializes and fetches every list within `timeout`. On failure, also
/// says whether a streamable HTTP server refused the handshake with a 4xx (SSE may work).
async fn connect_and_list(
    up: &Arc<Upstream>,
    plan: &TransportPlan,
    client: &ClientContext,
    timeout: Duration,
) -> Result<Arc<Link>, (UpstreamError, Option<u16>)> {
    let handler = Arc::new(ConnHandler {
        upstream: Arc::downgrade(up),
    });
    let conn = Arc::new(
        Connection::open(up.name(), plan, handler, client.backlog.clone())
            .map_err(|e| (e, None))?,
    );
    up.lock().starting = Some(conn.clone());
    let (choice, remembered) = era_of(up, plan);
    let attempt = async {
        let learned = |era| up.lock().learned_era = Some(era);
        let info = era::open(&conn.peer, choice, remembered, client, timeout, &learned).await?;
        if info.era == Era::Legacy {
            conn.negotiated(&info.protocol_version);
        }
        let envelope = Envelope::new(info.era, client);
        if info.era == Era::Modern {
            listen::open(up, &conn.peer, &info, &envelope, timeout).await;
        }
        let mut lists = Lists::default();
        let fetches = ListKind::ALL.map(|kind| {
            let (conn, info, envelope) = (&conn, &info, &envelope);
            async move {
                let items = conn.fetch_list(info, envelope, kind, timeout).await;
                (kind, items)
            }
        });
        let mut ttls = HashMap::new();
        for (kind, listed) in futures_util::future::join_all(fetches).await {
            let listed = listed?;
            if let Some(ttl) = listed.ttl_ms {
                ttls.insert(kind, ttl);
            }
            lists.set(kind, listed.items);
        }
        Ok::<_, UpstreamError>((info, envelope, lists, ttls))
    };
    match tokio::time::timeout(timeout, attempt).await {
        Ok(Ok((info, envelope, lists, ttls))) => {
            let info = Arc::new(info);
            tracing::debug!(
                server = up.name(),
                transport = conn.transport(),
                protocol = info.protocol_version,
                "connected"
            );
            let mut inner = up.lock();
            inner.lists = lists;
            inner.list_ttls = ttls;
            inner.info = Some(info.clone());
            Ok(Arc::new(Link {
                conn,
                info,
                envelope,
            }))
        }
        Ok(Err(e)) => {
            let e = match conn.auth_failure() {
                Some((status, hint)) => UpstreamError::AuthRequired {
                    status,
                    hint: Some(hint),
                },
                None => with_stderr(e, &conn),
            };
            let refused = conn.refused_streamable();
            conn.shutdown(FAILED_TEARDOWN_GRACE).await;
            Err((e, refused))
        }
        Err(_) => {
            let refused = conn.refused_streamable();
            conn.shutdown(FAILED_TEARDOWN_GRACE).await;
            Err((UpstreamError::StartupTimeout(timeout), refused))
        }
    }
}

/// The configured revision and the era last seen: this session's previous connection (or what
/// a failed attempt learned), else the one the store remembers. Only `auto` looks at the latter, and the legacy SSE transport is
/// 2025-11-25 by definition.
fn era_of(up: &Upstream, plan: &TransportPlan) -> (ProtocolChoice, Option<Era>) {
    if let TransportPlan::Http(h) = plan
        && h.transport == HttpTransport::LegacySse
    {
        return (ProtocolChoice::Legacy, None);
    }
    let seen = {
        let inner = up.lock();
        inner.info.as_ref().map(|i| i.era).or(inner.learned_era)
    };
    (up.plan.protocol, seen.or(up.plan.remembered_era))
}

/// A handshake that failed because the process died is best explained by how it died.
fn with_stderr(e: UpstreamError, conn: &Connection) -> UpstreamError {
    match e {
        UpstreamError::Closed(_) | UpstreamError::Handshake(_) if conn.peer.is_closed() => {
            UpstreamError::Closed(conn.peer.close_reason())
        }
        other => other,
    }
}
