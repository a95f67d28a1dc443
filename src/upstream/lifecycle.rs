//! The lifecycle of one upstream: connecting → ready → (connection lost | start failed) →
//! retrying with jittered backoff → … until it is stopped or has failed too often in a row. One
//! start attempt is `start.rs`; what a connection initiates (and the refresh of its lists) is
//! `inbound.rs`.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::Change;
use super::error::UpstreamError;
use super::handle::{Link, State, Upstream};
use super::handshake::Lists;
use super::inbound::schedule_refresh;
use super::plan::{CredentialSource, TransportPlan};
use super::start::{FAILED_TEARDOWN_GRACE, start};
use super::subscriptions;
use crate::protocol::mcp::{Era, method};
use crate::protocol::{RawObject, RequestOptions};

/// Longest delay between two start attempts (the backoff doubles up to it).
const MAX_RETRY_DELAY: Duration = Duration::from_secs(30);
/// A health ping unanswered this long (or for the ping interval, if shorter) means the
/// connection is dead.
const PING_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection up this long counts as a success even if it served nothing.
const STABLE_AFTER: Duration = Duration::from_secs(30);

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
        up.events.changed(
            up.index,
            Change::Down {
                permanent: !retrying,
            },
        );
        let _ = up.first_attempt.send_replace(true);
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
/// after closing the connection so the lifecycle restarts it. Never returns without pings. A
/// modern upstream is asked `server/discover` instead: its revision removed `ping`, and some
/// servers drop a connection on a modern request without the `_meta` every request needs.
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
        let ask = match link.envelope.era() {
            Era::Legacy => link.conn.peer.request(method::PING, None, opts),
            Era::Modern => {
                let params = link.envelope.dress(None);
                link.conn.peer.request(method::DISCOVER, params, opts)
            }
        };
        match ask.await {
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

fn became_ready(up: &Arc<Upstream>, link: &Arc<Link>) {
    let (level, dirty, subscribed) = {
        let mut inner = up.lock();
        inner.link = Some(link.clone());
        inner.state = State::Ready;
        let subscribed = inner.subscriptions.iter().cloned().collect();
        (inner.log_level.clone(), inner.dirty, subscribed)
    };
    up.state_changed();
    // What was subscribed to before it (a restart), or while it was being made.
    subscriptions::renew(up, link, subscribed);
    // A modern upstream hears each request's own level instead.
    if let Some(level) = level
        && link.info.has("logging")
        && link.envelope.era() == Era::Legacy
    {
        apply_log_level(link, &level);
    }
    tracing::info!(
        server = up.name(),
        pid = ?link.conn.pid(),
        protocol = link.info.protocol_version,
        "upstream ready"
    );
    // The catalog is rebuilt before the first attempt counts as done: a first list waiting
    // for it (on another worker thread) must find this upstream's tools in it.
    up.events.changed(up.index, Change::Ready);
    let _ = up.first_attempt.send_replace(true);
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
