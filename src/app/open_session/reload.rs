//! Reloading the sessions of one vMCP: the vMCP is planned again exactly as at startup (same
//! source order, same environment, same trust and credentials) — once, whatever the number of
//! sessions — and each session that follows it applies the difference (`Session::reload`). A
//! definition that does not plan — an invalid edit, a vMCP that is gone from its source —
//! changes nothing: the sessions go on serving what they had, and the error (file:line:column
//! for YAML) is logged once; the next good definition applies. Every driver (stdio, serve, a
//! watcher, SIGHUP) reloads through [`Reloader::reload`].
//!
//! `vmcp stdio` has one session per reloader; `vmcp serve` one reloader per vMCP, followed by the
//! vMCP's shared Session and every legacy session, and new sessions start from the latest plan
//! ([`Reloader::latest`]). A session that started from a plan a reload then replaced (it was
//! opened while the reload ran) catches up at once.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use super::catalog_cache::{self, CatalogCache};
use super::{OpenOptions, SHUTDOWN_GRACE};
use crate::app::context::Context;
use crate::app::definition::{self, Planned};
use crate::session::{PlanChanges, Session, SessionPlan};
use crate::support::paths::Paths;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Plans one vMCP again and applies it to every session that follows it.
pub(crate) struct Reloader {
    vmcp: String,
    paths: Paths,
    /// `--config`, when the vMCP came from it.
    config: Option<PathBuf>,
    opts: OpenOptions,
    followers: Mutex<Followers>,
    /// One reload at a time, in the order asked.
    running: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct Followers {
    next: u64,
    live: HashMap<u64, Follower>,
    /// Bumped by every reload that planned.
    generation: u64,
    /// The latest definition that planned, shaped for the driver.
    latest: Option<Arc<Planned>>,
}

/// A session that follows the definition, with the cache that keeps its lists.
#[derive(Clone)]
struct Follower {
    session: Arc<Session>,
    cache: Arc<CatalogCache>,
}

impl Follower {
    fn apply(&self, plan: &SessionPlan) -> PlanChanges {
        self.cache.track(plan);
        self.session.reload(plan, SHUTDOWN_GRACE)
    }
}

/// A session's place among the followers of its definition; dropping it leaves.
pub(crate) struct Following {
    reloader: Arc<Reloader>,
    id: u64,
}

impl Following {
    pub(crate) fn reloader(&self) -> &Arc<Reloader> {
        &self.reloader
    }
}

impl Drop for Following {
    fn drop(&mut self) {
        lock(&self.reloader.followers).live.remove(&self.id);
    }
}

/// The files a definition read from `config` (or the default file) may change in: the file
/// itself and the stamp beside the store that every change to a stored definition rewrites.
pub(crate) fn watched_files(paths: &Paths, config: Option<&std::path::Path>) -> Vec<PathBuf> {
    let file = config.map_or_else(|| paths.config_file.clone(), std::path::Path::to_path_buf);
    let stamp = crate::store::Store::new(paths.store_file.clone()).stamp_path();
    [file, stamp]
        .into_iter()
        .map(|f| std::path::absolute(&f).unwrap_or(f))
        .collect()
}

impl Reloader {
    pub(crate) fn new(
        vmcp: String,
        paths: Paths,
        config: Option<PathBuf>,
        opts: OpenOptions,
    ) -> Arc<Reloader> {
        Arc::new(Reloader {
            vmcp,
            paths,
            config,
            opts,
            followers: Mutex::new(Followers::default()),
            running: tokio::sync::Mutex::new(()),
        })
    }

    pub(crate) fn opts(&self) -> OpenOptions {
        self.opts
    }

    /// What to watch for changes of the definition.
    pub(crate) fn watched_files(&self) -> Vec<PathBuf> {
        watched_files(&self.paths, self.config.as_deref())
    }

    /// Plans the vMCP now (off the async threads: it reads files and the store), shaped for the
    /// driver, with the cached lists of its servers where the catalog cache has them (a server
    /// a reload starts answers from them while it starts).
    async fn plan(&self) -> anyhow::Result<Planned> {
        let (paths, config, name, opts) = (
            self.paths.clone(),
            self.config.clone(),
            self.vmcp.clone(),
            self.opts,
        );
        tokio::task::spawn_blocking(move || {
            let ctx = Context::new(paths);
            let mut planned = definition::planned(&ctx, &name, config.as_deref())?;
            shape(&mut planned.plan, opts);
            catalog_cache::fill(
                &ctx.store,
                &mut planned.plan,
                opts.answer_from_cache,
                |_| false,
            );
            Ok(planned)
        })
        .await?
    }

    /// Plans the vMCP and makes it the plan new sessions start from (`vmcp serve`, for each vMCP
    /// it starts serving). An error is the definition's.
    pub(crate) async fn plan_first(&self) -> anyhow::Result<()> {
        let planned = Arc::new(self.plan().await?);
        lock(&self.followers).latest = Some(planned);
        Ok(())
    }

    /// The latest definition that planned, and its generation (for [`Reloader::follow`]).
    pub(crate) fn latest(&self) -> Option<(Arc<Planned>, u64)> {
        let f = lock(&self.followers);
        f.latest.clone().map(|p| (p, f.generation))
    }

    /// Whether the latest definition asks to be followed (the vMCP's `watch`; true before any).
    pub(crate) fn watching(&self) -> bool {
        lock(&self.followers)
            .latest
            .as_ref()
            .is_none_or(|p| p.watch)
    }

    /// Makes `session` follow the definition; it started from the plan of `generation` (0: one
    /// it planned itself), and catches up if a reload replaced that plan meanwhile.
    pub(super) fn follow(
        self: &Arc<Self>,
        session: Arc<Session>,
        cache: Arc<CatalogCache>,
        generation: u64,
    ) -> Following {
        let (id, behind) = {
            let mut f = lock(&self.followers);
            let id = f.next;
            f.next += 1;
            f.live.insert(id, Follower { session, cache });
            (id, generation != f.generation)
        };
        if behind {
            tokio::spawn(self.clone().catch_up(id));
        }
        Following {
            reloader: self.clone(),
            id,
        }
    }

    /// Applies the latest plan to follower `id` (after the reload in progress, if any).
    async fn catch_up(self: Arc<Self>, id: u64) {
        let _one_at_a_time = self.running.lock().await;
        let (follower, latest) = {
            let f = lock(&self.followers);
            (f.live.get(&id).cloned(), f.latest.clone())
        };
        if let (Some(follower), Some(latest)) = (follower, latest) {
            let changes = follower.apply(&latest.plan);
            if !changes.is_empty() {
                tracing::info!(vmcp = %self.vmcp, "a new session caught up with the reload: {}", describe(&changes));
            }
        }
    }

    /// Plans the vMCP again and applies what changed to every session that follows it (`why`
    /// says what asked, for the log). False when the definition did not plan (logged; the
    /// sessions keep their plan).
    pub(crate) async fn reload(&self, why: &str) -> bool {
        let _one_at_a_time = self.running.lock().await;
        let name = &self.vmcp;
        let planned = match self.plan().await {
            Ok(p) => Arc::new(p),
            Err(e) => {
                tracing::error!(
                    vmcp = %name,
                    "cannot reload ({why}): still serving the previous definition: {e:#}"
                );
                return false;
            }
        };
        let followers: Vec<Follower> = {
            let mut f = lock(&self.followers);
            f.generation += 1;
            f.latest = Some(planned.clone());
            f.live.values().cloned().collect()
        };
        let total = followers.len();
        // Sessions opened at different times may run different plans: alike outcomes are told once.
        let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
        for follower in followers {
            let changes = follower.apply(&planned.plan);
            *outcomes.entry(describe(&changes)).or_default() += 1;
            // Thousands of sessions must not hold a thread for the whole round.
            tokio::task::yield_now().await;
        }
        for (what, n) in outcomes {
            let sessions = if total > 1 {
                format!(" ({n} of {total} sessions)")
            } else {
                String::new()
            };
            if what.is_empty() {
                tracing::debug!(vmcp = %name, "reloaded ({why}): nothing changed{sessions}");
            } else {
                tracing::info!(vmcp = %name, "reloaded ({why}): {what}{sessions}");
            }
        }
        true
    }
}

/// What the driver changes about every plan it runs (also at startup).
pub(super) fn shape(plan: &mut SessionPlan, opts: OpenOptions) {
    if opts.single_attempt {
        for server in &mut plan.servers {
            server.upstream.max_attempts = 1;
        }
    }
}

/// `started a; stopped b; restarted c; catalog rebuilt for d` (the log line of a reload; empty
/// when nothing changed).
fn describe(c: &PlanChanges) -> String {
    let mut parts = Vec::new();
    for (what, names) in [
        ("started", &c.added),
        ("stopped", &c.removed),
        ("restarted", &c.restarted),
        ("presentation changed for", &c.reshaped),
    ] {
        if !names.is_empty() {
            parts.push(format!("{what} {}", names.join(", ")));
        }
    }
    if c.vmcp {
        parts.push("vMCP settings applied".into());
    }
    parts.join("; ")
}
