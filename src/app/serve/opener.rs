//! The factory behind `vmcp serve`'s sessions: each is opened on the one path every driver
//! uses (`open_session`: catalog cache, call log) from the latest plan of its vMCP's reloader,
//! which it follows from then on (`open_session/reload.rs`). Every session of a vMCP takes its
//! `scope: shared` servers from the vMCP's one pool, which the server stops when it ends.

use std::sync::Arc;

use crate::app::context::Context;
use crate::app::open_session::OpenSession;
use crate::app::open_session::reload::Reloader;
use crate::protocol::BoxFuture;
use crate::session::http::{Opened, Opener};
use crate::session::{Session, SharedUpstreams};

#[derive(Clone)]
pub(crate) struct VmcpOpener {
    pub ctx: Arc<Context>,
    pub reloader: Arc<Reloader>,
    /// The vMCP's shared upstreams.
    pub pool: Arc<SharedUpstreams>,
}

impl VmcpOpener {
    /// Opens a session now (the catalog cache is read from the store: off the async threads).
    pub(crate) async fn open_now(&self) -> anyhow::Result<Box<dyn Opened>> {
        let (planned, generation) = self
            .reloader
            .latest()
            .ok_or_else(|| anyhow::anyhow!("the vMCP was never planned"))?;
        let this = self.clone();
        let open = tokio::task::spawn_blocking(move || {
            OpenSession::start_following(
                &this.ctx,
                planned.plan.clone(),
                &planned.source,
                &this.reloader,
                generation,
                Some(this.pool.clone()),
            )
        })
        .await?;
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
        Box::pin(OpenSession::retire(*self))
    }
}
