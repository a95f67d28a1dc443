//! The factory behind `vmcp serve`'s sessions: each is opened on the one path every driver
//! uses (`open_session`: catalog cache, call log) from the latest plan of its vMCP's reloader,
//! which it follows from then on (`open_session/reload.rs`).

use std::sync::Arc;

use crate::app::context::Context;
use crate::app::open_session::OpenSession;
use crate::app::open_session::reload::Reloader;
use crate::protocol::BoxFuture;
use crate::session::Session;
use crate::session::http::{Opened, Opener};

pub(crate) struct VmcpOpener {
    pub ctx: Arc<Context>,
    pub reloader: Arc<Reloader>,
}

impl VmcpOpener {
    /// Opens a session now (the catalog cache is read from the store: off the async threads).
    pub(crate) async fn open_now(&self) -> anyhow::Result<Box<dyn Opened>> {
        let (planned, generation) = self
            .reloader
            .latest()
            .ok_or_else(|| anyhow::anyhow!("the vMCP was never planned"))?;
        let ctx = self.ctx.clone();
        let reloader = self.reloader.clone();
        let open = tokio::task::spawn_blocking(move || {
            OpenSession::start_following(
                &ctx,
                planned.plan.clone(),
                &planned.source,
                &reloader,
                generation,
            )
        })
        .await?;
        Ok(Box::new(open))
    }
}

impl Opener for VmcpOpener {
    fn open(&self) -> BoxFuture<Result<Box<dyn Opened>, String>> {
        let this = VmcpOpener {
            ctx: self.ctx.clone(),
            reloader: self.reloader.clone(),
        };
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
