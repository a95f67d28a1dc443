//! The child process of a stdio upstream, started by `crate::process` (clean environment, own
//! process group, parent-death signal, watched by the reaper): its stdin and stdout carry the
//! protocol, its stderr is drained line by line into the log and a ring buffer for error
//! messages, and stopping it escalates from closed stdin to SIGTERM to SIGKILL.

use std::process::ExitStatus;
use std::time::Duration;

use nix::sys::signal::Signal;
use tokio::process::{ChildStdin, ChildStdout};
use tokio::sync::watch;

use super::error::UpstreamError;
use super::plan::StdioPlan;
use crate::process::output::{StderrTail, drain_stderr};
use crate::process::{self, Group, Spawn};

/// A running child and what we need to stop it.
pub(crate) struct ChildProcess {
    pub pid: u32,
    group: Group,
    pub stderr: StderrTail,
    /// Becomes `Some(status)` when the child has exited.
    pub exit: watch::Receiver<Option<ExitStatus>>,
}

/// Spawns the child; returns its process handle and the pipes the transport will use.
pub(crate) fn spawn(
    label: &str,
    plan: &StdioPlan,
) -> Result<(ChildProcess, ChildStdin, ChildStdout), UpstreamError> {
    let child = process::spawn(&Spawn {
        program: &plan.program,
        args: &plan.args,
        env: &plan.env,
        cwd: plan.cwd.as_deref(),
        stdin: true,
        // A server gets the chance to exit cleanly; the reaper follows up with SIGKILL.
        parent_death: Signal::SIGTERM,
    })
    .map_err(|e| UpstreamError::spawn(&plan.program, &e))?;
    let process::Child {
        pid,
        group,
        stdin,
        stdout,
        stderr,
        mut exit,
    } = child;
    let (Some(stdin), Some(stdout), Some(stderr)) = (stdin, stdout, stderr) else {
        return Err(UpstreamError::Spawn {
            program: plan.program.clone(),
            message: "the child's pipes were not available".into(),
            retryable: true,
        });
    };
    let tail = StderrTail::default();
    tokio::spawn(drain_stderr(label.to_string(), stderr, tail.clone()));
    let (exit_tx, exit_rx) = watch::channel(None);
    tokio::spawn(async move {
        let status = exit.wait().await.ok();
        let _ = exit_tx.send(status);
    });
    tracing::debug!(server = label, pid, "started upstream process");
    Ok((
        ChildProcess {
            pid,
            group,
            stderr: tail,
            exit: exit_rx,
        },
        stdin,
        stdout,
    ))
}

impl ChildProcess {
    /// Waits until the child exits or `limit` passes; true when it exited.
    pub(crate) async fn wait_exit(&self, limit: Duration) -> bool {
        let mut rx = self.exit.clone();
        tokio::time::timeout(limit, rx.wait_for(Option::is_some))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    /// Stops the child's whole process group: the caller has already closed its stdin; after
    /// `grace` SIGTERM, after another `grace` SIGKILL. Stragglers in the group are always killed.
    pub(crate) async fn stop(&self, grace: Duration) {
        if !self.wait_exit(grace).await {
            self.group.signal(Signal::SIGTERM);
            if !self.wait_exit(grace).await {
                self.group.signal(Signal::SIGKILL);
                self.wait_exit(grace).await;
            }
        }
        // The leader may be gone while grandchildren it started live on in the group.
        self.group.end();
    }

    /// Kills the whole group at once (used when vmcp itself is told to terminate).
    pub(crate) fn kill_now(&self) {
        self.group.end();
    }
}

/// A human-readable reason for a child's end, with its stderr tail.
pub(crate) fn describe_end(status: Option<ExitStatus>, tail: &StderrTail) -> String {
    use std::os::unix::process::ExitStatusExt;
    let mut out = match status {
        Some(s) => match (s.code(), s.signal()) {
            (Some(c), _) => format!("process exited with status {c}"),
            (None, Some(sig)) => format!("process was killed by signal {sig}"),
            (None, None) => "process exited".to_string(),
        },
        None => "process closed its stdout".to_string(),
    };
    let tail = tail.render();
    if !tail.is_empty() {
        out.push_str("; its stderr ended with:\n");
        out.push_str(&tail);
    }
    out
}
