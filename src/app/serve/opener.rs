//! The factory behind `vmcp serve`'s sessions: each is opened on the one path every driver
//! uses (`open_session`: plan, catalog cache, call log), planned afresh so a session sees the
//! definition as it is when it starts.

use std::path::PathBuf;
use std::sync::Arc;

use crate::app::context::Context;
use crate::app::open_session::{OpenOptions, OpenSession};
use crate::protocol::BoxFuture;
use crate::session::Session;
use crate::session::http::{Opened, Opener};

pub(crate) struct VmcpOpener {
    pub ctx: Arc<Context>,
    pub vmcp: String,
    pub config: Option<PathBuf>,
}

impl VmcpOpener {
    /// Opens a session now (planning reads files and the store: off the async threads).
    pub(crate) async fn open_now(&self) -> anyhow::Result<Box<dyn Opened>> {
        let ctx = self.ctx.clone();
        let vmcp = self.vmcp.clone();
        let config = self.config.clone();
        let open = tokio::task::spawn_blocking(move || {
            OpenSession::open(&ctx, &vmcp, config.as_deref(), OpenOptions::AI_CLIENT)
        })
        .await??;
        Ok(Box::new(open))
    }
}

impl Opener for VmcpOpener {
    fn open(&self) -> BoxFuture<Result<Box<dyn Opened>, String>> {
        let this = VmcpOpener {
            ctx: self.ctx.clone(),
            vmcp: self.vmcp.clone(),
            config: self.config.clone(),
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
