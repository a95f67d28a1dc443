//! Reloading an open session: the vMCP is planned again exactly as at startup (same source
//! order, same environment, same trust and credentials) and the session applies the difference
//! (`Session::reload`). A definition that does not plan — an invalid edit, a vMCP that is gone
//! from its source — changes nothing: the session goes on serving what it had, and the error
//! (file:line:column for YAML) is logged; the next good definition applies. Every driver of a
//! session (stdio, HTTP, a watcher, SIGHUP) reloads through [`Reloader::reload`].

use std::path::PathBuf;
use std::sync::Arc;

use super::catalog_cache::CatalogCache;
use super::{OpenOptions, SHUTDOWN_GRACE};
use crate::app::context::Context;
use crate::app::definition;
use crate::session::{PlanChanges, Session, SessionPlan};
use crate::support::paths::Paths;

/// What a reload needs to plan the vMCP again and apply it.
pub(crate) struct Reloader {
    session: Arc<Session>,
    paths: Paths,
    /// `--config`, when the vMCP came from it.
    config: Option<PathBuf>,
    opts: OpenOptions,
    cache: Arc<CatalogCache>,
    /// One reload at a time, in the order asked.
    running: tokio::sync::Mutex<()>,
}

impl Reloader {
    pub(super) fn new(
        session: Arc<Session>,
        paths: Paths,
        config: Option<PathBuf>,
        opts: OpenOptions,
        cache: Arc<CatalogCache>,
    ) -> Reloader {
        Reloader {
            session,
            paths,
            config,
            opts,
            cache,
            running: tokio::sync::Mutex::new(()),
        }
    }

    /// The files a definition of this vMCP may come from: the `--config` file, or else the
    /// default definition file (which wins over the store when it defines the vMCP).
    pub(crate) fn definition_files(&self) -> Vec<PathBuf> {
        vec![
            self.config
                .clone()
                .unwrap_or_else(|| self.paths.config_file.clone()),
        ]
    }

    /// The stamp beside the store that every change to a stored definition rewrites.
    pub(crate) fn store_stamp(&self) -> PathBuf {
        crate::store::Store::new(self.paths.store_file.clone()).stamp_path()
    }

    /// Plans the vMCP again and applies what changed (`why` says what asked, for the log).
    /// `None` when the definition did not plan (logged; the session keeps its plan).
    pub(crate) async fn reload(&self, why: &str) -> Option<PlanChanges> {
        let _one_at_a_time = self.running.lock().await;
        let name = self.session.name().to_string();
        let (paths, config) = (self.paths.clone(), self.config.clone());
        let planned = {
            let name = name.clone();
            tokio::task::spawn_blocking(move || {
                definition::planned(&Context::new(paths), &name, config.as_deref())
            })
            .await
        };
        let mut plan = match planned {
            Ok(Ok(p)) => p.plan,
            Ok(Err(e)) => {
                tracing::error!(
                    vmcp = %name,
                    "the definition changed ({why}) but cannot be used; still serving the previous one: {e:#}"
                );
                return None;
            }
            Err(e) => {
                tracing::error!(vmcp = %name, "reloading failed: {e}");
                return None;
            }
        };
        shape(&mut plan, self.opts);
        self.cache.track(&plan);
        let changes = self.session.reload(plan, SHUTDOWN_GRACE);
        if changes.is_empty() {
            tracing::debug!(vmcp = %name, "reloaded ({why}): nothing changed");
        } else {
            tracing::info!(vmcp = %name, "reloaded ({why}): {}", describe(&changes));
        }
        Some(changes)
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

/// `started a; stopped b; restarted c; catalog rebuilt for d` (the log line of a reload).
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
