//! The vMCPs `vmcp serve` serves, each with its endpoint and the reloader every Session of it
//! follows (the shared one of stateless requests and each legacy session): one plan per reload
//! for all of them. The definition is followed by one watch for the whole server (every vMCP
//! comes from the same file and store) unless `--no-watch`; SIGHUP reloads every vMCP either way.
//! Without `--vmcp`, a vMCP added to the definition while serving is served from then on; one
//! removed keeps serving what it had (its reload says why). Each vMCP's `scope: shared` servers
//! run in one pool its sessions take them from, stopped with the server.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use tokio_util::sync::CancellationToken;

use super::opener::VmcpOpener;
use super::router::MCP_PREFIX;
use crate::app::context::Context;
use crate::app::open_session::reload::Reloader;
use crate::app::open_session::{OpenOptions, SHUTDOWN_GRACE};
use crate::session::SharedUpstreams;
use crate::session::http::Endpoint;
use crate::session::http::sessions::Sessions;

/// The endpoints by vMCP name (read by every request; written when a vMCP is added).
#[derive(Default)]
pub(crate) struct Endpoints(RwLock<BTreeMap<String, Arc<Endpoint>>>);

impl Endpoints {
    pub(crate) fn get(&self, name: &str) -> Option<Arc<Endpoint>> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(name)
            .cloned()
    }

    pub(crate) fn names(&self) -> Vec<String> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .keys()
            .cloned()
            .collect()
    }

    /// Every endpoint with its vMCP's name, in name order.
    pub(crate) fn entries(&self) -> Vec<(String, Arc<Endpoint>)> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|(name, endpoint)| (name.clone(), endpoint.clone()))
            .collect()
    }

    fn insert(&self, name: String, endpoint: Arc<Endpoint>) {
        self.0
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name, endpoint);
    }

    fn all(&self) -> Vec<Arc<Endpoint>> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .cloned()
            .collect()
    }
}

pub(crate) struct Served {
    pub(crate) ctx: Arc<Context>,
    pub(crate) config: Option<PathBuf>,
    /// `--vmcp`: only these; empty: every vMCP, those added while serving included.
    pub(crate) only: Vec<String>,
    pub(crate) sessions: Arc<Sessions>,
    /// Cancelled when the server drains.
    pub(crate) draining: CancellationToken,
    /// Where it listens (for the log line of a vMCP served).
    pub(crate) local: SocketAddr,
    pub(crate) endpoints: Arc<Endpoints>,
    reloaders: Mutex<BTreeMap<String, Arc<Reloader>>>,
    /// Every served vMCP's shared upstreams.
    pools: Mutex<Vec<Arc<SharedUpstreams>>>,
    /// One addition or reload round at a time.
    round: tokio::sync::Mutex<()>,
}

impl Served {
    pub(crate) fn new(
        ctx: Arc<Context>,
        config: Option<PathBuf>,
        only: Vec<String>,
        sessions: Arc<Sessions>,
        draining: CancellationToken,
        local: SocketAddr,
    ) -> Served {
        Served {
            ctx,
            config,
            only,
            sessions,
            draining,
            local,
            endpoints: Arc::new(Endpoints::default()),
            reloaders: Mutex::new(BTreeMap::new()),
            pools: Mutex::new(Vec::new()),
            round: tokio::sync::Mutex::new(()),
        }
    }

    /// The files the definitions of every served vMCP come from.
    pub(crate) fn watched_files(&self) -> Vec<PathBuf> {
        crate::app::open_session::reload::watched_files(&self.ctx.paths, self.config.as_deref())
    }

    /// Starts serving vMCP `name`: plans it and opens its shared Session. An error is the
    /// definition's.
    pub(crate) async fn add(&self, name: &str) -> anyhow::Result<()> {
        let reloader = Reloader::new(
            name.to_string(),
            self.ctx.paths.clone(),
            self.config.clone(),
            OpenOptions::AI_CLIENT,
        );
        reloader.plan_first().await?;
        let pool = SharedUpstreams::new(name);
        let opener = VmcpOpener {
            ctx: self.ctx.clone(),
            reloader: reloader.clone(),
            pool: pool.clone(),
        };
        let shared = match opener.open_now().await {
            Ok(shared) => shared,
            Err(e) => {
                pool.close(SHUTDOWN_GRACE).await;
                return Err(e);
            }
        };
        let endpoint = Endpoint::new(
            name.to_string(),
            Arc::new(opener),
            shared,
            self.sessions.clone(),
            self.draining.clone(),
        );
        self.endpoints.insert(name.to_string(), Arc::new(endpoint));
        self.reloaders
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name.to_string(), reloader);
        self.pools
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(pool);
        tracing::warn!(
            "serving vMCP `{name}` at http://{}{MCP_PREFIX}{name}",
            self.local
        );
        Ok(())
    }

    /// Serves the vMCPs the definition gained (without `--vmcp`), then reloads every served one
    /// — with `watched_only`, those whose definition asks to be followed (`watch`).
    pub(crate) async fn reload(&self, why: &str, watched_only: bool) {
        let _one_round = self.round.lock().await;
        if self.draining.is_cancelled() {
            return;
        }
        if self.only.is_empty() {
            self.add_new(why).await;
        }
        let reloaders: Vec<Arc<Reloader>> = self
            .reloaders
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .filter(|r| !watched_only || r.watching())
            .cloned()
            .collect();
        futures_util::future::join_all(reloaders.iter().map(|r| r.reload(why))).await;
    }

    /// Starts serving the vMCPs defined now that are not served yet.
    async fn add_new(&self, why: &str) {
        let (ctx, config) = (self.ctx.clone(), self.config.clone());
        let names = tokio::task::spawn_blocking(move || {
            crate::app::definition::source::vmcp_names(config.as_deref(), &ctx.paths, &ctx.store)
        })
        .await;
        let names = match names {
            Ok(Ok(n)) => n,
            // The reloads that follow say what is wrong with the definition.
            Ok(Err(e)) => {
                tracing::debug!("cannot list the vMCPs ({why}): {e:#}");
                return;
            }
            Err(e) => {
                tracing::error!("cannot list the vMCPs ({why}): {e}");
                return;
            }
        };
        let served = self.endpoints.names();
        for name in names.iter().filter(|n| !served.contains(n)) {
            if let Err(e) = self.add(name).await {
                tracing::error!(
                    "vMCP `{name}` was added to the definition ({why}) but cannot be served: {e:#}"
                );
            }
        }
    }

    /// Stops every vMCP's shared Session (legacy sessions are the table's to end), then the
    /// shared upstreams, which outlive every session.
    pub(crate) async fn close(&self) {
        futures_util::future::join_all(self.endpoints.all().iter().map(|e| e.close())).await;
        let pools = std::mem::take(&mut *self.pools.lock().unwrap_or_else(PoisonError::into_inner));
        futures_util::future::join_all(pools.iter().map(|p| p.close(SHUTDOWN_GRACE))).await;
    }
}
