//! `vmcp stdio`: serve one vMCP to the AI client that launched us, until it closes our stdin or
//! signals us; then stop every upstream (in parallel, bounded) and return. The session is the one
//! every driver opens (`open_session`); what is stdio's own is the serving and the signals.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use tokio::signal::unix::{SignalKind, signal};

use super::context::Context;
use super::open_session::{OpenOptions, OpenSession, SHUTDOWN_GRACE};
use crate::protocol::stdio;
use crate::session::server;

/// Per escalation step when we were signalled: the host is already impatient.
pub(crate) const SIGNAL_GRACE: Duration = Duration::from_millis(300);

pub(crate) struct StdioOptions {
    pub config: Option<PathBuf>,
    pub vmcp: String,
}

pub(crate) async fn run(opts: StdioOptions, ctx: &Context) -> anyhow::Result<()> {
    let (plan, source) = super::definition::plan(ctx, &opts.vmcp, opts.config.as_deref())?;
    let mut term = signal(SignalKind::terminate()).context("cannot install a SIGTERM handler")?;
    let mut int = signal(SignalKind::interrupt()).context("cannot install a SIGINT handler")?;
    let mut hup = signal(SignalKind::hangup()).context("cannot install a SIGHUP handler")?;
    let open = OpenSession::start(ctx, plan, &source, OpenOptions::AI_CLIENT);
    // Served from a task, not from `block_on` itself: tasks spawned from a task are queued
    // locally, while spawning from the `block_on` future wakes the driver (a syscall per request).
    let mut serving = tokio::spawn(server::serve(
        open.session.clone(),
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
        () = open.session.shutdown(grace) => {}
        _ = term.recv() => open.session.kill_now(),
        _ = int.recv() => open.session.kill_now(),
    }
    open.flush().await;
    Ok(())
}
