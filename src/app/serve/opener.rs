//! The factory behind `vmcp serve`'s sessions: each is opened on the one path every driver
//! uses (`open_session`: plan, catalog cache, call log), planned afresh so a session sees the
//! definition as it is when it starts. Every session of a vMCP takes its `scope: shared`
//! servers from the vMCP's one pool, which the server stops when it ends.

use std::path::PathBuf;
use std::sync::Arc;

use crate::app::context::Context;
use crate::app::open_session::{OpenOptions, OpenSession};
use crate::protocol::BoxFuture;
use crate::session::http::{Opened, Opener};
use crate::session::{Session, SharedUpstreams};

#[derive(Clone)]
pub(crate) struct VmcpOpener {
    pub ctx: Arc<Context>,
    pub vmcp: String,
    pub config: Option<PathBuf>,
    /// The vMCP's shared upstreams.
    pub pool: Arc<SharedUpstreams>,
}

impl VmcpOpener {
    /// Opens a session now (planning reads files and the store: off the async threads).
    pub(crate) async fn open_now(&self) -> anyhow::Result<Box<dyn Opened>> {
        let this = self.clone();
        let open = tokio::task::spawn_blocking(move || {
            OpenSession::open_in(
                &this.ctx,
                &this.vmcp,
                this.config.as_deref(),
                OpenOptions::AI_CLIENT,
                Some(this.pool.clone()),
            )
        })
        .await??;
        Ok(Box::new(open))
    }
}

impl Opener for VmcpOpener {
    fn open(&self) -> BoxFuture<Result<Box<dyn Opened>, String>> {
        let this = self.clone();
        Box::pin(async move { this.open_now().await.map_err(|e| format!("{e:#}")) })
    }
}

impl Opened for OpenSession {
    fn session(&self) -> &Arc<Session> {
        &self.session
    }

    fn close(self: Box<Self>) -> BoxFuture<()> {
        Box::pin(OpenSession::close(*self))
    }
}
