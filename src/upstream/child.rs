//! Child processes for stdio upstreams, with hygiene: a clean environment (allowlist + the
//! server's own `env`), an own process group (so the whole tree can be signalled), a parent-death
//! signal on Linux, registration with the reaper (so even a SIGKILLed vmcp leaves nothing behind),
//! and stderr drained line by line into the log and a ring buffer for error messages.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::sync::watch;

use super::error::UpstreamError;
use super::reaper::Reaper;

/// Lines of child stderr kept for error messages.
const STDERR_TAIL_LINES: usize = 30;
/// Longest stderr line kept (longer ones are cut).
const STDERR_LINE_MAX: usize = 400;

/// How to start one stdio upstream (fully resolved: no placeholders left).
#[derive(Debug, Clone, PartialEq)]
pub struct StdioPlan {
    pub program: String,
    pub args: Vec<String>,
    /// The complete environment of the child.
    pub env: BTreeMap<String, String>,
    pub cwd: Option<PathBuf>,
}

/// The last lines a child wrote to stderr.
#[derive(Clone, Default)]
pub struct StderrTail(Arc<Mutex<VecDeque<String>>>);

impl StderrTail {
    fn push(&self, line: String) {
        let mut q = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if q.len() == STDERR_TAIL_LINES {
            q.pop_front();
        }
        q.push_back(line);
    }

    /// The tail as one string (empty when the child wrote nothing).
    pub fn render(&self) -> String {
        let q = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        q.iter().cloned().collect::<Vec<_>>().join("\n")
    }
}

/// A running child and what we need to stop it.
pub struct ChildProcess {
    pub pid: u32,
    pgid: Pid,
    pub stderr: StderrTail,
    /// Becomes `Some(status)` when the child has exited.
    pub exit: watch::Receiver<Option<ExitStatus>>,
    reaper: Option<Reaper>,
}

/// Spawns the child; returns its process handle and the pipes the transport will use.
pub fn spawn(
    label: &str,
    plan: &StdioPlan,
    reaper: Option<Reaper>,
) -> Result<(ChildProcess, ChildStdin, ChildStdout), UpstreamError> {
    let mut cmd = Command::new(&plan.program);
    cmd.args(&plan.args)
        .env_clear()
        .envs(&plan.env)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true);
    if let Some(cwd) = &plan.cwd {
        cmd.current_dir(cwd);
    }
    set_parent_death_signal(&mut cmd);
    let mut child: Child = cmd
        .spawn()
        .map_err(|e| UpstreamError::spawn(&plan.program, &e))?;
    let pid = child.id().unwrap_or_default();
    // The child leads its own process group, so its pid is the group id.
    let group = Pid::from_raw(i32::try_from(pid).unwrap_or_default());
    if let Some(r) = &reaper {
        r.register(group.as_raw());
    }
    let (Some(stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return Err(UpstreamError::Spawn {
            program: plan.program.clone(),
            message: "the child's pipes were not available".into(),
            retryable: true,
        });
    };
    let tail = StderrTail::default();
    tokio::spawn(drain_stderr(label.to_string(), stderr, tail.clone()));
    let (exit_tx, exit) = watch::channel(None);
    tokio::spawn(async move {
        let status = child.wait().await.ok();
        let _ = exit_tx.send(status);
        // `child` is dropped here, after it was reaped: kill_on_drop has nothing left to do.
    });
    tracing::debug!(server = label, pid, "started upstream process");
    Ok((
        ChildProcess {
            pid,
            pgid: group,
            stderr: tail,
            exit,
            reaper,
        },
        stdin,
        stdout,
    ))
}

#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn set_parent_death_signal(cmd: &mut Command) {
    // SAFETY: the closure runs in the forked child before exec and only calls prctl(2), which is
    // async-signal-safe; it allocates nothing and touches no locks.
    unsafe {
        cmd.pre_exec(|| {
            nix::sys::prctl::set_pdeathsig(Signal::SIGTERM).map_err(std::io::Error::from)
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn set_parent_death_signal(_cmd: &mut Command) {
    // No PR_SET_PDEATHSIG outside Linux: the reaper process covers vmcp being killed.
}

async fn drain_stderr(label: String, stderr: tokio::process::ChildStderr, tail: StderrTail) {
    let mut lines = BufReader::new(stderr).split(b'\n');
    while let Ok(Some(bytes)) = lines.next_segment().await {
        let mut line = String::from_utf8_lossy(&bytes).trim_end().to_string();
        if line.is_empty() {
            continue;
        }
        if line.len() > STDERR_LINE_MAX {
            let mut cut = STDERR_LINE_MAX;
            while !line.is_char_boundary(cut) {
                cut -= 1;
            }
            line.truncate(cut);
            line.push('…');
        }
        tracing::info!(target: "vmcp::upstream::stderr", server = %label, "{line}");
        tail.push(line);
    }
}

impl ChildProcess {
    /// Waits until the child exits or `limit` passes; true when it exited.
    pub async fn wait_exit(&self, limit: Duration) -> bool {
        let mut rx = self.exit.clone();
        tokio::time::timeout(limit, rx.wait_for(Option::is_some))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    /// Stops the child's whole process group: the caller has already closed its stdin; after
    /// `grace` SIGTERM, after another `grace` SIGKILL. Stragglers in the group are always killed.
    pub async fn stop(&self, grace: Duration) {
        if !self.wait_exit(grace).await {
            self.signal(Signal::SIGTERM);
            if !self.wait_exit(grace).await {
                self.signal(Signal::SIGKILL);
                self.wait_exit(grace).await;
            }
        }
        // The leader may be gone while grandchildren it started live on in the group.
        self.signal(Signal::SIGKILL);
        if let Some(r) = &self.reaper {
            r.unregister(self.pgid.as_raw());
        }
    }

    /// Kills the whole group at once (used when vmcp itself is told to terminate).
    pub fn kill_now(&self) {
        self.signal(Signal::SIGKILL);
    }

    fn signal(&self, sig: Signal) {
        if self.pgid.as_raw() > 0 {
            // ESRCH (group already gone) is the normal case after a clean exit.
            let _ = killpg(self.pgid, sig);
        }
    }
}

/// A human-readable reason for a child's end, with its stderr tail.
pub fn describe_end(status: Option<ExitStatus>, tail: &StderrTail) -> String {
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
