//! One live connection to an upstream, over whichever transport: the peer to send requests on,
//! and how to end it (stop the process tree, or DELETE the HTTP session).

use std::sync::Arc;
use std::time::Duration;

use super::child::{self, ChildProcess};
use super::envelope::Envelope;
use super::error::UpstreamError;
use super::handshake::{self, ListKind, Listed, ServerInfo};
use super::http::{self, HttpSession};
use super::legacy_sse::{self, SseSession};
use super::plan::{HttpTransport, TransportPlan};
use crate::process::output::StderrTail;
use crate::protocol::lines::{BadLines, ReadOptions, read_lines, write_lines};
use crate::protocol::mcp::Era;
use crate::protocol::{Backlog, Handler, Peer};

enum Kind {
    Stdio(ChildProcess),
    Http(HttpSession),
    Sse(SseSession),
}

pub(crate) struct Connection {
    pub peer: Peer,
    kind: Kind,
}

/// After the child exits, how long the stdout reader may still drain before the peer is closed.
const DRAIN_AFTER_EXIT: Duration = Duration::from_millis(300);

/// Closes the peer with the child's exit status and stderr tail as the reason, giving the status
/// a moment to arrive (stdout closes a little before the process is reaped).
async fn close_with_exit(
    peer: &Peer,
    mut exit: tokio::sync::watch::Receiver<Option<std::process::ExitStatus>>,
    tail: &StderrTail,
) {
    let _ = tokio::time::timeout(Duration::from_millis(500), exit.wait_for(Option::is_some)).await;
    let status = *exit.borrow();
    peer.close(child::describe_end(status, tail));
}

impl Connection {
    /// Starts the transport: spawns the process, or prepares the HTTP client. Reading from the
    /// upstream pauses while `pause` (the AI client's queue) is full.
    pub(crate) fn open(
        label: &str,
        plan: &TransportPlan,
        handler: Arc<dyn Handler>,
        pause: Option<Backlog>,
    ) -> Result<Connection, UpstreamError> {
        match plan {
            TransportPlan::Stdio(p) => {
                let (proc_, stdin, stdout) = child::spawn(label, p)?;
                let (peer, frames) = Peer::new(label, handler);
                let (writer_peer, exit, tail) =
                    (peer.clone(), proc_.exit.clone(), proc_.stderr.clone());
                tokio::spawn(async move {
                    // A failed write means the child stopped reading: report how it ended.
                    if write_lines(writer_peer.clone(), frames, stdin)
                        .await
                        .is_err()
                    {
                        close_with_exit(&writer_peer, exit, &tail).await;
                    }
                });
                let (reader_peer, exit, tail) =
                    (peer.clone(), proc_.exit.clone(), proc_.stderr.clone());
                tokio::spawn(async move {
                    let opts = ReadOptions::new(BadLines::Log).pause_while_full(pause);
                    read_lines(&reader_peer, stdout, opts).await;
                    close_with_exit(&reader_peer, exit, &tail).await;
                });
                let exit_peer = peer.clone();
                let mut exit = proc_.exit.clone();
                let tail = proc_.stderr.clone();
                tokio::spawn(async move {
                    if exit.wait_for(Option::is_some).await.is_ok() {
                        // A grandchild may hold stdout open; do not wait for EOF forever.
                        tokio::time::sleep(DRAIN_AFTER_EXIT).await;
                        let status = *exit.borrow();
                        exit_peer.close(child::describe_end(status, &tail));
                    }
                });
                Ok(Connection {
                    peer,
                    kind: Kind::Stdio(proc_),
                })
            }
            TransportPlan::Http(p) if p.transport == HttpTransport::LegacySse => {
                let session = legacy_sse::connect(label, p, handler, pause)?;
                Ok(Connection {
                    peer: session.peer().clone(),
                    kind: Kind::Sse(session),
                })
            }
            TransportPlan::Http(p) => {
                let session = http::connect(label, p, handler, pause)?;
                Ok(Connection {
                    peer: session.peer().clone(),
                    kind: Kind::Http(session),
                })
            }
        }
    }

    /// One list of the server (`handshake::fetch_list`). Over streamable HTTP, a 2026-07-28
    /// server's tools whose `x-mcp-header` annotations are invalid are left out (the revision
    /// requires it of HTTP clients), and the others' calls carry their `Mcp-Param-*` headers.
    pub(crate) async fn fetch_list(
        &self,
        info: &ServerInfo,
        envelope: &Envelope,
        kind: ListKind,
        timeout: Duration,
    ) -> Result<Listed, UpstreamError> {
        let mut listed = handshake::fetch_list(&self.peer, info, envelope, kind, timeout).await?;
        if let (Kind::Http(h), ListKind::Tools, Era::Modern) = (&self.kind, kind, info.era) {
            listed.items = h.accept_tools(std::mem::take(&mut listed.items));
        }
        Ok(listed)
    }

    /// Tells the transport the negotiated protocol version (HTTP sends it as a header).
    pub(crate) fn negotiated(&self, version: &str) {
        match &self.kind {
            Kind::Http(h) => h.negotiated(version),
            Kind::Stdio(_) | Kind::Sse(_) => {}
        }
    }

    /// Whether a streamable HTTP server refused the handshake in a way that suggests it only
    /// speaks the legacy SSE transport (a 4xx other than 401/403).
    pub(crate) fn refused_streamable(&self) -> Option<u16> {
        match &self.kind {
            Kind::Http(h) => h.refused().map(|s| s.as_u16()),
            Kind::Stdio(_) | Kind::Sse(_) => None,
        }
    }

    /// Why the server refused us for want of credentials (HTTP status, what to run).
    pub(crate) fn auth_failure(&self) -> Option<(u16, String)> {
        match &self.kind {
            Kind::Http(h) => h.auth_failure(),
            Kind::Stdio(_) | Kind::Sse(_) => None,
        }
    }

    /// Whether the server keeps a session for this connection (a streamable HTTP server that
    /// answered with an `Mcp-Session-Id`).
    pub(crate) fn keeps_session(&self) -> bool {
        match &self.kind {
            Kind::Http(h) => h.has_session(),
            Kind::Stdio(_) | Kind::Sse(_) => false,
        }
    }

    /// The transport spoken, for logs and reports: `stdio`, `http` (streamable) or `sse`.
    pub(crate) fn transport(&self) -> &'static str {
        match &self.kind {
            Kind::Stdio(_) => "stdio",
            Kind::Http(_) => "http",
            Kind::Sse(_) => "sse",
        }
    }

    /// The process id of a stdio upstream.
    pub(crate) fn pid(&self) -> Option<u32> {
        match &self.kind {
            Kind::Stdio(c) => Some(c.pid),
            Kind::Http(_) | Kind::Sse(_) => None,
        }
    }

    /// Ends the connection: closes stdin and stops the process group, or ends the HTTP session.
    pub(crate) async fn shutdown(&self, grace: Duration) {
        match &self.kind {
            Kind::Stdio(c) => {
                self.peer.close("shutting down");
                c.stop(grace).await;
            }
            Kind::Http(h) => h.terminate(grace).await,
            Kind::Sse(s) => s.terminate(),
        }
    }

    /// Kills a stdio upstream's process group immediately (vmcp was told to terminate).
    pub(crate) fn kill_now(&self) {
        if let Kind::Stdio(c) = &self.kind {
            c.kill_now();
        }
        self.peer.close("killed");
    }
}
