//! `vmcp serve`: every vMCP (or the named ones) over streamable HTTP at `/mcp/<name>`, for many
//! clients at once. The Sessions are the ones `vmcp stdio` serves (opened on the same path,
//! `open_session`); what is serve's own is the listener, the rules for who may connect (bearer
//! tokens, loopback-only without them), health endpoints and metrics, and the drain on
//! SIGTERM/SIGINT.
//!
//! - `opener.rs`: the session factory; `router.rs`: paths, `Origin`/`Host`, tokens;
//!   `metrics.rs`: `/metrics`;
//!   `tokens.rs`: `vmcp serve token …` and checking them.

pub(crate) mod metrics;
pub(crate) mod opener;
pub(crate) mod router;
pub(crate) mod tokens;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio::signal::unix::{SignalKind, signal};
use tokio_util::sync::CancellationToken;

use self::opener::VmcpOpener;
use self::router::{MCP_PREFIX, Router};
use self::tokens::Verifier;
use super::InvalidInput;
use super::context::Context;
use super::telemetry::metrics::Metrics;
use crate::protocol::http_server::{self, Limits};
use crate::session::http::Endpoint;
use crate::session::http::sessions::{self, Sessions};

/// Where `vmcp serve` listens unless told otherwise.
pub(crate) const DEFAULT_LISTEN: &str = "127.0.0.1:7332";
/// How long requests in progress may take to finish once the server was signalled.
pub(crate) const DEFAULT_DRAIN_GRACE: Duration = Duration::from_secs(10);

pub(crate) struct ServeOptions {
    pub config: Option<PathBuf>,
    /// Empty: every vMCP.
    pub vmcps: Vec<String>,
    pub listen: SocketAddr,
    pub no_auth: bool,
    pub session_ttl: Duration,
    pub max_sessions: usize,
    pub allowed_origins: Vec<String>,
    pub grace: Duration,
    pub max_body: usize,
}

/// Refuses what would expose vMCPs to anyone who can reach the address.
fn check_exposure(opts: &ServeOptions) -> Result<(), InvalidInput> {
    if opts.no_auth && !opts.listen.ip().is_loopback() {
        return Err(InvalidInput(format!(
            "refusing to serve {} without authentication: anyone who can reach it could use your \
             servers and their credentials\n  hint: drop --no-auth and create a token with `vmcp \
             serve token create NAME`, or listen on 127.0.0.1",
            opts.listen
        )));
    }
    Ok(())
}

pub(crate) async fn run(opts: ServeOptions, mut ctx: Context) -> anyhow::Result<()> {
    check_exposure(&opts)?;
    // Every session this server opens reports to the one set of metrics `/metrics` shows.
    let metrics = Arc::new(Metrics::default());
    ctx.telemetry.metrics = Some(metrics.clone());
    ctx.telemetry.otlp_from_env();
    let ctx = Arc::new(ctx);
    let names = if opts.vmcps.is_empty() {
        super::definition::source::vmcp_names(opts.config.as_deref(), &ctx.paths, &ctx.store)?
    } else {
        opts.vmcps.clone()
    };
    if names.is_empty() {
        return Err(InvalidInput(
            "no vMCP to serve\n  hint: create one with `vmcp vmcp create` or write it in the definition file"
                .into(),
        )
        .into());
    }
    let mut term = signal(SignalKind::terminate()).context("cannot install a SIGTERM handler")?;
    let mut int = signal(SignalKind::interrupt()).context("cannot install a SIGINT handler")?;
    let verifier = if opts.no_auth {
        tracing::warn!(
            "SERVING WITHOUT AUTHENTICATION (--no-auth): every local process and user can use \
             these vMCPs and the credentials of their servers"
        );
        None
    } else {
        let v = Verifier::new(ctx.store.clone());
        if v.count().await == 0 {
            tracing::warn!(
                "no tokens exist yet: every request will be refused until you run `vmcp serve \
                 token create NAME`"
            );
        }
        Some(v)
    };
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .with_context(|| format!("cannot listen on {}", opts.listen))?;
    let local = listener.local_addr().unwrap_or(opts.listen);
    let sessions = Arc::new(Sessions::new(opts.session_ttl, opts.max_sessions));
    let draining = CancellationToken::new();
    let mut endpoints = BTreeMap::new();
    // Every definition is planned once now: a broken one stops the server at start.
    for name in &names {
        let opener = VmcpOpener {
            ctx: ctx.clone(),
            vmcp: name.clone(),
            config: opts.config.clone(),
        };
        let shared = opener.open_now().await?;
        let endpoint = Endpoint::new(
            name.clone(),
            Arc::new(opener),
            shared,
            sessions.clone(),
            draining.clone(),
        );
        endpoints.insert(name.clone(), Arc::new(endpoint));
    }
    let router = Arc::new(Router {
        endpoints: endpoints.clone(),
        verifier,
        loopback: local.ip().is_loopback(),
        allowed_origins: opts.allowed_origins.clone(),
        draining: draining.clone(),
        metrics,
    });
    for name in &names {
        tracing::warn!("serving vMCP `{name}` at http://{local}{MCP_PREFIX}{name}");
    }
    let stop = CancellationToken::new();
    let sweeper = tokio::spawn(sessions::sweep(sessions.clone(), stop.clone()));
    let limits = Limits {
        max_body: opts.max_body,
        ..Limits::default()
    };
    let server = tokio::spawn(http_server::serve(
        listener,
        router,
        limits,
        stop.clone(),
        opts.grace,
    ));
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
    tracing::warn!(
        "signalled: no new connections; requests in progress may finish within {:?}",
        opts.grace
    );
    draining.cancel();
    stop.cancel();
    // A second signal means "now".
    tokio::select! {
        _ = server => {}
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
    let _ = sweeper.await;
    let legacy = sessions.take_all();
    tracing::info!(
        sessions = legacy.len(),
        "ending the sessions and stopping upstreams"
    );
    let ending = async {
        sessions::close_all(legacy, "the server stops").await;
        futures_util::future::join_all(endpoints.values().map(|e| e.close())).await;
    };
    tokio::select! {
        () = ending => {}
        _ = term.recv() => crate::process::sweep(),
        _ = int.recv() => crate::process::sweep(),
    }
    ctx.telemetry.flush().await;
    Ok(())
}
