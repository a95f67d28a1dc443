//! A vMCP session opened for whoever drives it: an AI client (`vmcp stdio`) or one command
//! (`vmcp tools list`, `vmcp call`…). Opening finds and plans the vMCP, starts its upstreams, and
//! attaches what every session shares: the catalog cache (kept fresh for the next session) and
//! the call log. Closing stops the upstreams and writes both. What differs between drivers is an
//! [`OpenOptions`] value, not a second copy of this path.

pub(crate) mod catalog_cache;
pub(crate) mod invoke;
pub(crate) mod reload;
pub(crate) mod watch;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use self::catalog_cache::CatalogCache;
use self::reload::{Following, Reloader};
use super::call_log::CallLog;
use super::context::Context;
use super::definition::source::Source;
use crate::session::{Observers, ServerPlan, Session, SessionPlan, SharedUpstreams};
use crate::upstream::{ClientContext, State};

/// Per escalation step when the session ends normally: close upstream stdin, wait, SIGTERM,
/// wait, SIGKILL. Hosts typically wait 3 s before signalling us.
pub(crate) const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// How long the last calls and lists may take to reach the store at the end.
pub(crate) const FLUSH_LIMIT: Duration = Duration::from_secs(2);

/// Who drives the session, as what the session does differently for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OpenOptions {
    /// Answer the first lists from the catalog cache while the upstreams start. An AI client
    /// wants its first `tools/list` at once; a command shows what the servers offer now.
    pub answer_from_cache: bool,
    /// One start attempt per upstream: a command reports the first failure, where retrying in
    /// the background would only delay it. An AI client's session retries.
    pub single_attempt: bool,
    /// Set the client at once, as one that offers no sampling, elicitation or roots (a
    /// command). An AI client says what it offers in `initialize`.
    pub command_line_client: bool,
}

impl OpenOptions {
    /// For the AI client of `vmcp stdio`.
    pub(crate) const AI_CLIENT: OpenOptions = OpenOptions {
        answer_from_cache: true,
        single_attempt: false,
        command_line_client: false,
    };
    /// For one command of the command line.
    pub(crate) const COMMAND: OpenOptions = OpenOptions {
        answer_from_cache: false,
        single_attempt: true,
        command_line_client: true,
    };
}

/// How one upstream of an open session is doing (also a `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ServerStatus {
    pub name: String,
    /// `connecting`, `ready`, `failed`, `retrying` or `stopped`.
    pub state: &'static str,
    pub error: Option<String>,
}

/// A tool the trust gate withholds (a `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WithheldTool {
    /// The name the client would see.
    pub name: String,
    pub server: String,
    pub original_name: String,
    /// Why, and what to run about it.
    pub message: String,
}

/// A started session with its catalog cache and call log, following its definition.
pub(crate) struct OpenSession {
    pub session: Arc<Session>,
    call_log: Option<CallLog>,
    cache: Arc<CatalogCache>,
    following: Following,
}

impl OpenSession {
    /// Finds, plans and starts vMCP `name`.
    pub(crate) fn open(
        ctx: &Context,
        name: &str,
        config: Option<&Path>,
        opts: OpenOptions,
    ) -> anyhow::Result<OpenSession> {
        let (plan, source) = super::definition::plan(ctx, name, config)?;
        Ok(Self::start(ctx, plan, &source, opts))
    }

    /// Starts a planned session (`vmcp tools test` plans fewer upstreams), with a reloader of
    /// its own and every server its own (`scope` wants nothing else of one session per process).
    pub(crate) fn start(
        ctx: &Context,
        plan: SessionPlan,
        source: &Source,
        opts: OpenOptions,
    ) -> OpenSession {
        let config = match source {
            Source::File(p) => Some(p.clone()),
            Source::DefaultFile(_) | Source::Store(_) => None,
        };
        let reloader = Reloader::new(plan.name.clone(), ctx.paths.clone(), config, opts);
        Self::start_following(ctx, plan, source, &reloader, 0, None)
    }

    /// Starts a session that follows `reloader`'s definition, from the plan of `generation`
    /// (see [`Reloader::follow`]): `vmcp serve`'s sessions of one vMCP share one reloader, and
    /// take their `scope: shared` servers from the vMCP's one `pool`.
    pub(crate) fn start_following(
        ctx: &Context,
        mut plan: SessionPlan,
        source: &Source,
        reloader: &Arc<Reloader>,
        generation: u64,
        pool: Option<Arc<SharedUpstreams>>,
    ) -> OpenSession {
        let opts = reloader.opts();
        reload::shape(&mut plan, opts);
        // Whoever drives it, the cache is kept fresh for the next session. A shared server that
        // runs already has its lists: its cache entry is not read.
        let running = |s: &ServerPlan| pool.as_ref().is_some_and(|p| s.shared() && p.runs(s));
        let cache = CatalogCache::load(&ctx.store, &mut plan, opts.answer_from_cache, running);
        let cached = plan.servers.iter().filter(|s| s.cached.is_some()).count();
        tracing::info!(
            vmcp = %plan.name,
            source = %source,
            servers = plan.servers.len(),
            cached,
            "starting"
        );
        let vmcp = plan.name.clone();
        let session = Session::start_in(plan, pool);
        session.observe_lists(cache.clone());
        let mut observers = ctx.telemetry.observers(&vmcp);
        let call_log = ctx.call_log().map(|log| {
            observers.push(log.observer(&vmcp));
            log.clone()
        });
        match observers.len() {
            0 => {}
            1 => session.observe(observers.swap_remove(0)),
            _ => session.observe(Arc::new(Observers(observers))),
        }
        if opts.command_line_client {
            session.launch(ClientContext::default());
        }
        let following = reloader.follow(session.clone(), cache.clone(), generation);
        OpenSession {
            session,
            call_log,
            cache,
            following,
        }
    }

    /// Plans the vMCP again and applies what changed (see `reload.rs`).
    pub(crate) fn reloader(&self) -> Arc<Reloader> {
        self.following.reloader().clone()
    }

    /// Every upstream's state now.
    pub(crate) fn statuses(&self) -> Vec<ServerStatus> {
        self.session
            .upstreams()
            .iter()
            .map(|u| {
                let state = u.state();
                ServerStatus {
                    name: u.name().to_string(),
                    state: state.label(),
                    error: match state {
                        State::Failed { error, .. } => Some(error.to_string()),
                        _ => None,
                    },
                }
            })
            .collect()
    }

    /// Upstreams that are not ready (after the first attempts, the ones that failed).
    pub(crate) fn unavailable(&self) -> Vec<ServerStatus> {
        self.statuses()
            .into_iter()
            .filter(|s| s.state != "ready")
            .collect()
    }

    /// The tools the trust gate keeps out of the catalog, by exposed name.
    pub(crate) fn withheld(&self) -> Vec<WithheldTool> {
        let catalog = self.session.catalog();
        let mut out: Vec<WithheldTool> = catalog
            .withheld
            .iter()
            .map(|(exposed, w)| WithheldTool {
                name: exposed.clone(),
                server: w.server.name.clone(),
                original_name: w.raw.clone(),
                message: w.refusal(exposed),
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// Waits until every upstream has been started once (ready or failed).
    pub(crate) async fn started(&self) {
        self.session.wait_initial().await;
    }

    /// Writes what the call log and the catalog cache still hold (each within [`FLUSH_LIMIT`]);
    /// after the upstreams stopped. The session no longer follows its definition.
    pub(crate) async fn flush(self) {
        if let Some(log) = &self.call_log {
            log.flush(FLUSH_LIMIT).await;
        }
        self.end().await;
    }

    /// Stops following the definition and writes what the catalog cache still holds; the calls
    /// stay with the process's call log, which writes them within a second (and at exit):
    /// `vmcp serve`'s sessions end without a store write each.
    pub(crate) async fn end(self) {
        drop(self.following);
        self.cache.flush(FLUSH_LIMIT).await;
    }

    /// Stops following the definition and the upstreams, then writes the call log and the
    /// catalog cache.
    pub(crate) async fn close(self) {
        self.session.shutdown(SHUTDOWN_GRACE).await;
        self.flush().await;
    }

    /// Stops the upstreams and ends (see [`OpenSession::end`]): one session of many ending while
    /// the process goes on.
    pub(crate) async fn retire(self) {
        self.session.shutdown(SHUTDOWN_GRACE).await;
        self.end().await;
    }
}
