//! `vmcp stdio`: serve one vMCP to the AI client that launched us, until it closes our stdin or
//! signals us; then stop every upstream (in parallel, bounded) and return. The session is the one
//! every driver opens (`open_session`); what is stdio's own is the serving and the signals.
//! While it serves, edits of the definition are followed (`open_session/watch.rs`) unless the
//! vMCP says `watch: off` or `--no-watch` was given; SIGHUP reloads at once either way.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use tokio::signal::unix::{SignalKind, signal};

use super::context::Context;
use super::open_session::{OpenOptions, OpenSession, SHUTDOWN_GRACE, watch};
use crate::protocol::stdio;
use crate::session::server;

/// Per escalation step when we were signalled: the host is already impatient.
pub(crate) const SIGNAL_GRACE: Duration = Duration::from_millis(300);

pub(crate) struct StdioOptions {
    pub config: Option<PathBuf>,
    pub vmcp: String,
    /// Follow edits of the definition (`--no-watch` turns it off).
    pub watch: bool,
}

pub(crate) async fn run(opts: StdioOptions, mut ctx: Context) -> anyhow::Result<()> {
    let planned = super::definition::planned(&ctx, &opts.vmcp, opts.config.as_deref())?;
    let mut term = signal(SignalKind::terminate()).context("cannot install a SIGTERM handler")?;
    let mut int = signal(SignalKind::interrupt()).context("cannot install a SIGINT handler")?;
    let mut hup = signal(SignalKind::hangup()).context("cannot install a SIGHUP handler")?;
    // Traces go to a collector only; stdout carries nothing but the protocol.
    ctx.telemetry.otlp_from_env();
    let open = OpenSession::start(&ctx, planned.plan, &planned.source, OpenOptions::AI_CLIENT);
    let reloader = open.reloader();
    let _watching = if opts.watch && planned.watch {
        let r = reloader.clone();
        Some(watch::follow(reloader.watched_files(), move || {
            let r = r.clone();
            async move {
                r.reload("the definition changed").await;
            }
        }))
    } else {
        tracing::info!(vmcp = %opts.vmcp, "not following edits of the definition (SIGHUP reloads it)");
        None
    };
    // Served from a task, not from `block_on` itself: tasks spawned from a task are queued
    // locally, while spawning from the `block_on` future wakes the driver (a syscall per request).
    let mut serving = tokio::spawn(server::serve(
        open.session.clone(),
        stdio::stdin(),
        stdio::stdout(),
    ));
    let closed = stdio::stdout_closed();
    tokio::pin!(closed);
    let signalled = loop {
        tokio::select! {
            reason = &mut serving => {
                let reason = reason.map_or_else(|e| e.to_string(), |r| r.to_string());
                tracing::info!("client disconnected ({reason}); stopping upstreams");
                break false;
            }
            // Nothing more could reach the client: a disconnect, even with our stdin still open.
            () = &mut closed => {
                tracing::info!("client disconnected (it closed our stdout); stopping upstreams");
                // No more requests are read (nor run for nobody).
                serving.abort();
                break false;
            }
            _ = term.recv() => break true,
            _ = int.recv() => break true,
            _ = hup.recv() => {
                reloader.reload("SIGHUP").await;
            }
        }
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
    ctx.telemetry.flush().await;
    Ok(())
}
