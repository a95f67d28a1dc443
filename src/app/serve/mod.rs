//! `vmcp serve`: every vMCP (or the named ones) over streamable HTTP at `/mcp/<name>`, for many
//! clients at once. The Sessions are the ones `vmcp stdio` serves (opened on the same path,
//! `open_session`); what is serve's own is the listener, the rules for who may connect (bearer
//! tokens or OAuth access tokens, loopback-only without them), health endpoints and metrics,
//! and the drain on SIGTERM/SIGINT.
//!
//! While it serves, every Session follows edits of its vMCP's definition (`served.rs`).
//!
//! - `opener.rs`: the session factory; `router.rs`: paths, `Origin`/`Host`;
//!   `access.rs`: who may use a vMCP; `tokens.rs`: `vmcp serve token …` and checking them;
//!   `oauth/`: the OAuth resource-server mode (JWTs, protected-resource metadata);
//!   `served.rs`: the vMCPs served and their reloads; `metrics.rs`: `/metrics`.

pub(crate) mod access;
pub(crate) mod metrics;
pub(crate) mod oauth;
pub(crate) mod opener;
pub(crate) mod router;
pub(crate) mod served;
pub(crate) mod tokens;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio::signal::unix::{SignalKind, signal};
use tokio_util::sync::CancellationToken;

use self::access::Access;
use self::oauth::{OAuthOptions, ResourceServer};
use self::router::{MCP_PREFIX, Router};
use self::served::Served;
use self::tokens::Verifier;
use super::InvalidInput;
use super::context::Context;
use super::open_session::watch;
use super::telemetry::metrics::Metrics;
use crate::protocol::http_server::{self, Limits};
use crate::session::http::sessions::{self, Sessions};

/// Where `vmcp serve` listens unless told otherwise.
pub(crate) const DEFAULT_LISTEN: &str = "127.0.0.1:7332";
/// The URL `vmcp serve` serves `vmcp` at by default.
pub(crate) fn default_url(vmcp: &str) -> String {
    format!("http://{DEFAULT_LISTEN}{MCP_PREFIX}{vmcp}")
}

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
    pub max_concurrent: usize,
    pub allowed_origins: Vec<String>,
    pub grace: Duration,
    pub max_body: usize,
    /// `--oauth-issuer`: JWT access tokens are accepted too.
    pub oauth: Option<OAuthOptions>,
    /// Follow edits of the definitions (`--no-watch` turns it off; SIGHUP still reloads).
    pub watch: bool,
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

/// Who may connect: stored tokens, and JWTs with `--oauth-issuer` (`None`: `--no-auth`).
async fn access(
    opts: &ServeOptions,
    ctx: &Context,
    local: SocketAddr,
) -> Result<Option<Access>, InvalidInput> {
    if opts.no_auth {
        tracing::warn!(
            "SERVING WITHOUT AUTHENTICATION (--no-auth): every local process and user can use \
             these vMCPs and the credentials of their servers"
        );
        Ok(None)
    } else {
        let tokens = Verifier::new(ctx.store.clone());
        let oauth = match &opts.oauth {
            Some(o) => Some(ResourceServer::new(o, local)?),
            None => None,
        };
        if let Some(rs) = &oauth {
            let warm = rs.clone();
            tokio::spawn(async move { warm.warm().await });
        } else if tokens.count().await == 0 {
            tracing::warn!(
                "no tokens exist yet: every request will be refused until you run `vmcp serve \
                 token create NAME`"
            );
        }
        Ok(Some(Access { tokens, oauth }))
    }
}

/// Follows edits of the served definitions (unless `--no-watch`): each reloads every vMCP.
fn follow_edits(watch: bool, vmcps: &Arc<Served>) -> Option<watch::Watching> {
    if !watch {
        tracing::info!("not following edits of the definitions (SIGHUP reloads them)");
        return None;
    }
    let s = vmcps.clone();
    Some(watch::follow(vmcps.watched_files(), move || {
        let s = s.clone();
        async move { s.reload("the definition changed", true).await }
    }))
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
    let mut hup = signal(SignalKind::hangup()).context("cannot install a SIGHUP handler")?;
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .with_context(|| format!("cannot listen on {}", opts.listen))?;
    let local = listener.local_addr().unwrap_or(opts.listen);
    let access = access(&opts, &ctx, local).await?;
    let sessions = Arc::new(Sessions::new(
        opts.session_ttl,
        opts.max_sessions,
        opts.max_concurrent,
    ));
    let draining = CancellationToken::new();
    let vmcps = Arc::new(Served::new(
        ctx.clone(),
        opts.config.clone(),
        opts.vmcps.clone(),
        sessions.clone(),
        draining.clone(),
        local,
    ));
    // Every definition is planned once now: a broken one stops the server at start.
    for name in &names {
        vmcps.add(name).await?;
    }
    let router = Arc::new(Router {
        endpoints: vmcps.endpoints.clone(),
        access,
        loopback: local.ip().is_loopback(),
        allowed_origins: opts.allowed_origins.clone(),
        draining: draining.clone(),
        metrics,
    });
    if let Some(rs) = router.access.as_ref().and_then(|a| a.oauth.as_ref()) {
        tracing::warn!(
            "accepting OAuth access tokens from {} for audience {} (each vMCP's URL) with \
             scope vmcp:<name> or vmcp:*",
            rs.issuer(),
            rs.resource("<name>")
        );
    }
    let watching = follow_edits(opts.watch, &vmcps);
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
    loop {
        tokio::select! {
            _ = term.recv() => break,
            _ = int.recv() => break,
            _ = hup.recv() => {
                // In the background: the signals are still listened to meanwhile.
                let s = vmcps.clone();
                tokio::spawn(async move { s.reload("SIGHUP", false).await });
            }
        }
    }
    // Nothing is reloaded or added while the server drains.
    drop(watching);
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
        vmcps.close().await;
    };
    tokio::select! {
        () = ending => {}
        _ = term.recv() => crate::process::sweep(),
        _ = int.recv() => crate::process::sweep(),
    }
    ctx.flush_calls(crate::app::open_session::FLUSH_LIMIT).await;
    ctx.telemetry.flush().await;
    Ok(())
}
