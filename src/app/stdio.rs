//! `vmcp stdio`: serve one vMCP to the AI client that launched us, until it closes our stdin or
//! signals us; then stop every upstream (in parallel, bounded) and return.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use tokio::signal::unix::{SignalKind, signal};

use super::call_log::CallLog;
use super::catalog_cache::CatalogCache;
use super::context::Context;
use crate::protocol::stdio;
use crate::session::{Session, server};

/// Per escalation step when the client closed stdin: close upstream stdin, wait, SIGTERM,
/// wait, SIGKILL. Hosts typically wait 3 s before signalling us.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);
/// Per escalation step when we were signalled: the host is already impatient.
pub const SIGNAL_GRACE: Duration = Duration::from_millis(300);

/// How long the last calls may take to reach the store at exit.
pub const CALL_LOG_FLUSH_LIMIT: Duration = Duration::from_secs(2);

pub struct StdioOptions {
    pub config: Option<PathBuf>,
    pub vmcp: String,
}

pub async fn run(opts: StdioOptions, ctx: &Context) -> anyhow::Result<()> {
    let (mut plan, source) = super::definition::plan(ctx, &opts.vmcp, opts.config.as_deref())?;
    let cache = CatalogCache::load(&ctx.store, &mut plan, true);
    let cached = plan.servers.iter().filter(|s| s.cached.is_some()).count();
    tracing::info!(
        vmcp = %plan.name,
        source = %source,
        servers = plan.servers.len(),
        cached,
        "starting"
    );
    let mut term = signal(SignalKind::terminate()).context("cannot install a SIGTERM handler")?;
    let mut int = signal(SignalKind::interrupt()).context("cannot install a SIGINT handler")?;
    let mut hup = signal(SignalKind::hangup()).context("cannot install a SIGHUP handler")?;
    let session = Session::start(plan);
    session.observe_lists(cache.clone());
    let call_log = CallLog::start(&ctx.store, &opts.vmcp).map(|(log, observer)| {
        session.observe(observer);
        log
    });
    // Served from a task, not from `block_on` itself: tasks spawned from a task are queued
    // locally, while spawning from the `block_on` future wakes the driver (a syscall per request).
    let mut serving = tokio::spawn(server::serve(
        session.clone(),
        stdio::stdin(),
        stdio::stdout(),
    ));
    let signalled = tokio::select! {
        reason = &mut serving => {
            let reason = reason.map_or_else(|e| e.to_string(), |r| r.to_string());
            tracing::info!("client disconnected ({reason}); stopping upstreams");
            false
        }
        // Nothing more could reach the client: a disconnect, even with our stdin still open.
        () = stdio::stdout_closed() => {
            tracing::info!("client disconnected (it closed our stdout); stopping upstreams");
            // No more requests are read (nor run for nobody).
            serving.abort();
            false
        }
        _ = term.recv() => true,
        _ = int.recv() => true,
        _ = hup.recv() => true,
    };
    let grace = if signalled {
        SIGNAL_GRACE
    } else {
        SHUTDOWN_GRACE
    };
    if signalled {
        tracing::info!("signalled; stopping upstreams");
    }
    // A second signal during shutdown means "now".
    tokio::select! {
        () = session.shutdown(grace) => {}
        _ = term.recv() => session.kill_now(),
        _ = int.recv() => session.kill_now(),
    }
    if let Some(log) = call_log {
        log.flush(CALL_LOG_FLUSH_LIMIT).await;
    }
    cache.flush(CALL_LOG_FLUSH_LIMIT).await;
    Ok(())
}
