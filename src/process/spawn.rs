//! Starting a program, the one way vmcp does it: the environment given and nothing else of
//! vmcp's (plus its tag), its own process group, a signal when vmcp dies (Linux), the group
//! watched by the reaper, and the child listed so that only the runtime collects its exit.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{ExitStatus, Stdio};

use nix::sys::signal::Signal;
use tokio::process::{ChildStderr, ChildStdin, ChildStdout, Command};

use super::group::Group;
use super::supervisor;

/// What to start (fully resolved: no placeholders left).
pub(crate) struct Spawn<'a> {
    pub program: &'a str,
    pub args: &'a [String],
    /// The child's whole environment: nothing of vmcp's own is passed on, but its tag.
    pub env: &'a BTreeMap<String, String>,
    pub cwd: Option<&'a Path>,
    /// A pipe for stdin (else `/dev/null`). stdout and stderr are always pipes.
    pub stdin: bool,
    /// What the child receives when vmcp dies (Linux; elsewhere the reaper covers it).
    pub parent_death: Signal,
}

/// A started child: its group, its pipes, and its exit to wait for.
pub(crate) struct Child {
    pub pid: u32,
    pub group: Group,
    pub stdin: Option<ChildStdin>,
    pub stdout: Option<ChildStdout>,
    pub stderr: Option<ChildStderr>,
    pub exit: Exit,
}

/// The child's exit. Dropped without waiting, the child is killed (and collected by the runtime).
pub(crate) struct Exit {
    process: tokio::process::Child,
    pid: i32,
}

impl Exit {
    /// Waits for the child (the leader of its group) to exit.
    pub(crate) async fn wait(&mut self) -> std::io::Result<ExitStatus> {
        let status = self.process.wait().await;
        supervisor::collected(self.pid);
        status
    }
}

impl Drop for Exit {
    fn drop(&mut self) {
        supervisor::collected(self.pid);
    }
}

/// Starts `s`.
pub(crate) fn spawn(s: &Spawn<'_>) -> std::io::Result<Child> {
    let (tag, value) = supervisor::tag();
    let mut cmd = Command::new(s.program);
    cmd.args(s.args)
        .env_clear()
        .envs(s.env)
        .env(tag, value)
        .stdin(if s.stdin {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true);
    if let Some(cwd) = s.cwd {
        cmd.current_dir(cwd);
    }
    set_parent_death_signal(&mut cmd, s.parent_death);
    supervisor::ensure_reaper();
    let mut process = supervisor::spawning(|| cmd.spawn())?;
    let pid = process.id().unwrap_or_default();
    Ok(Child {
        pid,
        group: Group::led_by(pid),
        stdin: process.stdin.take(),
        stdout: process.stdout.take(),
        stderr: process.stderr.take(),
        exit: Exit {
            process,
            pid: i32::try_from(pid).unwrap_or_default(),
        },
    })
}

#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn set_parent_death_signal(cmd: &mut Command, signal: Signal) {
    // SAFETY: the closure runs in the forked child before exec and only calls prctl(2), which is
    // async-signal-safe; it allocates nothing and takes no locks.
    unsafe {
        cmd.pre_exec(move || nix::sys::prctl::set_pdeathsig(signal).map_err(std::io::Error::from));
    }
}

#[cfg(not(target_os = "linux"))]
fn set_parent_death_signal(_cmd: &mut Command, _signal: Signal) {
    // No PR_SET_PDEATHSIG outside Linux: the reaper process covers vmcp being killed.
}
