//! The lifecycle of one upstream: connecting → ready → (connection lost | start failed) →
//! retrying with jittered backoff → … until it is stopped or has failed too often in a row.
//! Also keeps its lists fresh when it announces `list_changed`.

use std::sync::atomic::Ordering;
use std::sync::{Arc, Weak};
use std::time::Duration;

use serde_json::value::RawValue;

use super::Change;
use super::connection::Connection;
use super::error::UpstreamError;
use super::handle::{Link, State, Upstream};
use super::handshake::{self, ClientContext, ListKind, Lists};
use super::plan::{CredentialSource, HttpTransport, TransportPlan};
use crate::protocol::mcp::{method, notification};
use crate::protocol::{BoxFuture, Handler, IncomingRequest, Outcome, RawObject, RequestOptions};

/// Longest delay between two start attempts (the backoff doubles up to it).
const MAX_RETRY_DELAY: Duration = Duration::from_secs(30);
/// A health ping unanswered this long (or for the ping interval, if shorter) means the
/// connection is dead.
const PING_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection up this long counts as a success even if it served nothing.
const STABLE_AFTER: Duration = Duration::from_secs(30);

/// Grace period when tearing down a connection that failed to start or crashed.
const FAILED_TEARDOWN_GRACE: Duration = Duration::from_millis(500);

pub(super) async fn run(up: Arc<Upstream>) {
    let mut failures: u32 = 0;
    let mut attempt: u32 = 1;
    loop {
        set_state(&up, State::Connecting { attempt });
        let outcome = tokio::select! {
            biased;
            () = up.stop.cancelled() => None,
            r = start(&up) => Some(r),
        };
        let error = match outcome {
            None => return,
            Some(Ok(link)) => {
                let ready_at = tokio::time::Instant::now();
                up.served.store(false, Ordering::Relaxed);
                became_ready(&up, &link);
                tokio::select! {
                    biased;
                    () = up.stop.cancelled() => return,
                    () = link.conn.peer.closed() => {}
                    () = keep_alive(&up, &link) => {}
                }
                if up.stop.is_cancelled() {
                    return;
                }
                // Only a connection that did some work (or lived a while) ends a run of
                // failures: one that crashes right after every start is a crash loop, and
                // gives up like one that never starts.
                if up.served.load(Ordering::Relaxed) || ready_at.elapsed() >= STABLE_AFTER {
                    failures = 0;
                }
                let reason = link.conn.peer.close_reason();
                link.conn.shutdown(FAILED_TEARDOWN_GRACE).await;
                UpstreamError::Closed(reason)
            }
            Some(Err(e)) => e,
        };
        failures += 1;
        let retrying = error.retryable() && failures < up.plan.max_attempts;
        let await_login = matches!(error, UpstreamError::AuthRequired { .. });
        let outcome = if retrying {
            "failed (will retry)".to_string()
        } else if failures > 1 {
            format!("failed {failures} times in a row; giving up until the session ends")
        } else {
            "failed".to_string()
        };
        tracing::error!(server = up.name(), "upstream {outcome}: {error}");
        {
            let mut inner = up.lock();
            inner.link = None;
            inner.state = State::Failed { error, retrying };
            if !retrying {
                inner.lists = Lists::default();
            }
        }
        up.state_changed();
        let _ = up.first_attempt.send_replace(true);
        up.events.changed(
            up.index,
            Change::Down {
                permanent: !retrying,
            },
        );
        if !retrying {
            // Needs login: wait for `vmcp login` (in another process) to store new tokens, then
            // start again; meanwhile calls fail at once, saying what to run.
            if await_login
                && let Some(source) = credential_source(&up.plan.transport)
                && new_login(&up, source).await
            {
                tracing::info!(server = up.name(), "new credentials stored; reconnecting");
                failures = 0;
                attempt += 1;
                continue;
            }
            return;
        }
        let delay = backoff(up.plan.retry_delay, failures);
        set_state(
            &up,
            State::Retrying {
                attempt: attempt + 1,
                delay,
            },
        );
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            () = up.stop.cancelled() => return,
        }
        attempt += 1;
    }
}

/// How often a server that needs login looks for new credentials in the store.
const LOGIN_POLL: std::time::Duration = std::time::Duration::from_secs(2);

fn credential_source(plan: &TransportPlan) -> Option<&CredentialSource> {
    match plan {
        TransportPlan::Http(h) => h.credentials.as_ref(),
        TransportPlan::Stdio(_) => None,
    }
}

/// Waits until the store holds an access token other than the current one; false when the
/// upstream is stopped first.
async fn new_login(up: &Upstream, source: &CredentialSource) -> bool {
    let store = crate::store::Store::new(&source.store_path);
    let read = || {
        let (store, server) = (store.clone(), source.server.clone());
        async move {
            tokio::task::spawn_blocking(move || {
                store
                    .credentials(&server)
                    .ok()
                    .flatten()
                    .and_then(|c| c.tokens)
                    .map(|t| t.access_token)
            })
            .await
            .ok()
            .flatten()
        }
    };
    let before = read().await;
    loop {
        tokio::select! {
            () = tokio::time::sleep(LOGIN_POLL) => {}
            () = up.stop.cancelled() => return false,
        }
        let now = read().await;
        if now.is_some() && now != before {
            return true;
        }
    }
}

/// Pings a ready upstream every `ping_interval` (if set); returns when a ping goes unanswered,
/// after closing the connection so the lifecycle restarts it. Never returns without pings.
async fn keep_alive(up: &Upstream, link: &Link) {
    let Some(interval) = up.plan.ping_interval else {
        return std::future::pending().await;
    };
    let timeout = interval.min(PING_TIMEOUT);
    loop {
        tokio::time::sleep(interval).await;
        let opts = RequestOptions {
            timeout: Some(timeout),
            ..RequestOptions::default()
        };
        match link.conn.peer.request(method::PING, None, opts).await {
            Ok(_) => tracing::trace!(server = up.name(), "ping answered"),
            // A server that does not implement ping is alive; only silence is fatal.
            Err(crate::protocol::RequestError::Rpc(_)) => {}
            Err(e) => {
                tracing::warn!(server = up.name(), "health ping failed: {e}");
                link.conn.peer.close(format!("health ping failed: {e}"));
                return;
            }
        }
    }
}

fn set_state(up: &Upstream, state: State) {
    up.lock().state = state;
    up.state_changed();
}

/// Exponential backoff with ±25% jitter, capped.
fn backoff(base: Duration, failures: u32) -> Duration {
    let exp = base.saturating_mul(1u32 << failures.saturating_sub(1).min(10));
    let capped = exp.min(MAX_RETRY_DELAY);
    capped.mul_f64(0.75 + fastrand::f64() * 0.5)
}

/// One start attempt: open the transport, wait for the AI client, handshake, list.
async fn start(up: &Arc<Upstream>) -> Result<Arc<Link>, UpstreamError> {
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
    let attempt = async {
        let info = handshake::initialize(&conn.peer, client, timeout).await?;
        conn.negotiated(&info.protocol_version);
        let mut lists = Lists::default();
        let fetches = ListKind::ALL.map(|kind| {
            let (peer, info) = (&conn.peer, &info);
            async move { (kind, handshake::fetch_list(peer, info, kind, timeout).await) }
        });
        for (kind, items) in futures_util::future::join_all(fetches).await {
            lists.set(kind, items?);
        }
        Ok::<_, UpstreamError>((info, lists))
    };
    match tokio::time::timeout(timeout, attempt).await {
        Ok(Ok((info, lists))) => {
            let info = Arc::new(info);
            tracing::debug!(
                server = up.name(),
                transport = conn.transport(),
                "connected"
            );
            let mut inner = up.lock();
            inner.lists = lists;
            inner.info = Some(info.clone());
            Ok(Arc::new(Link { conn, info }))
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

/// A handshake that failed because the process died is best explained by how it died.
fn with_stderr(e: UpstreamError, conn: &Connection) -> UpstreamError {
    match e {
        UpstreamError::Closed(_) | UpstreamError::Handshake(_) if conn.peer.is_closed() => {
            UpstreamError::Closed(conn.peer.close_reason())
        }
        other => other,
    }
}

fn became_ready(up: &Arc<Upstream>, link: &Arc<Link>) {
    let (level, dirty) = {
        let mut inner = up.lock();
        inner.link = Some(link.clone());
        inner.state = State::Ready;
        (inner.log_level.clone(), inner.dirty)
    };
    up.state_changed();
    if let Some(level) = level
        && link.info.has("logging")
    {
        apply_log_level(link, &level);
    }
    tracing::info!(server = up.name(), pid = ?link.conn.pid(), "upstream ready");
    let _ = up.first_attempt.send_replace(true);
    up.events.changed(up.index, Change::Ready);
    if dirty != 0 {
        schedule_refresh(up, dirty);
    }
}

pub(super) fn apply_log_level(link: &Link, level: &str) {
    let peer = link.conn.peer.clone();
    let level = level.to_string();
    tokio::spawn(async move {
        let mut params = RawObject::new();
        params.set_value("level", &level);
        if let Err(e) = peer
            .request(method::SET_LEVEL, Some(params), RequestOptions::default())
            .await
        {
            tracing::debug!(server = peer.label(), "logging/setLevel failed: {e}");
        }
    });
}

/// Marks lists dirty and makes sure one refresher task fetches them (coalescing bursts).
fn schedule_refresh(up: &Arc<Upstream>, bits: u8) {
    {
        let mut inner = up.lock();
        inner.dirty |= bits;
        if inner.refreshing || inner.link.is_none() {
            return;
        }
        inner.refreshing = true;
    }
    let up = up.clone();
    tokio::spawn(async move {
        loop {
            let (bits, link) = {
                let mut inner = up.lock();
                let bits = std::mem::take(&mut inner.dirty);
                if bits == 0 || inner.link.is_none() {
                    inner.refreshing = false;
                    return;
                }
                (bits, inner.link.clone())
            };
            let Some(link) = link else { continue };
            let mut changed = false;
            for kind in ListKind::ALL.into_iter().filter(|k| bits & k.bit() != 0) {
                match handshake::fetch_list(&link.conn.peer, &link.info, kind, up.plan.call_timeout)
                    .await
                {
                    Ok(items) => {
                        up.lock().lists.set(kind, items);
                        changed = true;
                    }
                    Err(e) => {
                        tracing::warn!(server = up.name(), "refreshing {} failed: {e}", kind.key());
                    }
                }
            }
            if changed {
                up.events.changed(up.index, Change::Lists);
            }
        }
    });
}

/// Receives what one upstream connection initiates.
struct ConnHandler {
    upstream: Weak<Upstream>,
}

impl Handler for ConnHandler {
    fn on_request(&self, request: IncomingRequest) -> BoxFuture<Outcome> {
        match self.upstream.upgrade() {
            Some(up) => up.events.request(up.index, request),
            None => Box::pin(async {
                Outcome::error(&crate::protocol::ErrorObject::internal(
                    "session is shutting down",
                ))
            }),
        }
    }

    fn on_notification(&self, method: &str, params: Option<Box<RawValue>>) {
        let Some(up) = self.upstream.upgrade() else {
            return;
        };
        let bits = match method {
            notification::TOOLS_CHANGED => ListKind::Tools.bit(),
            notification::PROMPTS_CHANGED => ListKind::Prompts.bit(),
            notification::RESOURCES_CHANGED => {
                ListKind::Resources.bit() | ListKind::Templates.bit()
            }
            _ => {
                up.events.notification(up.index, method, params);
                return;
            }
        };
        schedule_refresh(&up, bits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let base = Duration::from_secs(1);
        for failures in 1..20 {
            let d = backoff(base, failures);
            let nominal = base
                .saturating_mul(1 << (failures - 1).min(10))
                .min(super::MAX_RETRY_DELAY);
            assert!(
                d >= nominal.mul_f64(0.74) && d <= nominal.mul_f64(1.26),
                "{failures}: {d:?}"
            );
        }
    }
}
