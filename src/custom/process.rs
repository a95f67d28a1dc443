//! Running the program of a `command` or `python` tool: no shell, a minimal environment, its own
//! process group (killed as a whole when the call ends, times out or is cancelled, so nothing it
//! started outlives the call), bounded stdout, and the end of stderr kept for error messages.
//!
//! This is process hygiene, not a sandbox: the program runs with the user's privileges.

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;

use crate::support::env_vars::CUSTOM_TOOL_ENV_ALLOWLIST;

/// Most bytes of stdout a tool may write.
pub(super) const MAX_STDOUT: usize = 1024 * 1024;
/// Bytes of stderr kept (the end) for error messages.
const STDERR_TAIL: usize = 2000;

/// One run of a program, fully rendered.
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub program: String,
    pub args: Vec<String>,
    /// Written to stdin, which is then closed (`None`: stdin is empty).
    pub stdin: Option<Vec<u8>>,
    /// Variables on top of the allowlisted part of vmcp's environment.
    pub env: BTreeMap<String, String>,
    pub cwd: PathBuf,
}

/// How the program ended.
#[derive(Debug)]
pub(super) struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr_tail: String,
}

/// The allowlisted part of vmcp's own environment.
pub(super) fn base_env() -> BTreeMap<String, String> {
    CUSTOM_TOOL_ENV_ALLOWLIST
        .iter()
        .filter_map(|k| std::env::var(k).ok().map(|v| ((*k).to_string(), v)))
        .collect()
}

/// Kills the process group when dropped: on every way out of [`run`], cancellation included.
struct Group(Pid);

impl Group {
    fn kill(&self) {
        if self.0.as_raw() > 0 {
            // ESRCH (nothing left in the group) is the normal case.
            let _ = killpg(self.0, Signal::SIGKILL);
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs `run` to its end. Dropping the future (timeout, cancellation) kills the process group.
pub(super) async fn run(run: &Run) -> Result<Finished, String> {
    if !run.cwd.is_dir() {
        return Err(format!(
            "the working directory `{}` does not exist",
            run.cwd.display()
        ));
    }
    let mut cmd = Command::new(&run.program);
    cmd.args(&run.args)
        .env_clear()
        .envs(base_env())
        .envs(&run.env)
        .current_dir(&run.cwd)
        .stdin(if run.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true);
    set_parent_death_signal(&mut cmd);
    let mut child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "cannot run `{}`: not found (is it installed and on the PATH?)",
            run.program
        ),
        _ => format!("cannot run `{}`: {e}", run.program),
    })?;
    // The child leads its own process group, so its pid is the group id.
    let group = Group(Pid::from_raw(
        i32::try_from(child.id().unwrap_or_default()).unwrap_or_default(),
    ));
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let input = run.stdin.as_deref().unwrap_or_default();
    let write = async move {
        if let Some(mut pipe) = stdin {
            // A program that does not read its input is not an error (EPIPE is ignored).
            let _ = pipe.write_all(input).await;
            drop(pipe);
        }
    };
    let read_out = async {
        let r = read_bounded(stdout, MAX_STDOUT).await;
        if r.is_err() {
            group.kill();
        }
        r
    };
    let read_err = read_tail(stderr);
    let wait = async {
        let status = child.wait().await;
        // Whatever the program left running in its group goes with it (and its pipes close).
        group.kill();
        status
    };
    let ((), out, stderr_tail, status) = tokio::join!(write, read_out, read_err, wait);
    let status = status.map_err(|e| format!("waiting for `{}` failed: {e}", run.program))?;
    let stdout = out.map_err(|()| {
        format!(
            "`{}` wrote more than {} bytes to stdout and was stopped",
            run.program, MAX_STDOUT
        )
    })?;
    Ok(Finished {
        status,
        stdout,
        stderr_tail,
    })
}

async fn read_bounded(pipe: Option<impl AsyncRead + Unpin>, max: usize) -> Result<Vec<u8>, ()> {
    let mut out = Vec::new();
    let Some(mut pipe) = pipe else {
        return Ok(out);
    };
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match pipe.read(&mut buf).await {
            Ok(0) | Err(_) => return Ok(out),
            Ok(n) => {
                if out.len() + n > max {
                    return Err(());
                }
                out.extend_from_slice(&buf[..n]);
            }
        }
    }
}

/// Reads a pipe to its end, keeping the last [`STDERR_TAIL`] bytes.
async fn read_tail(pipe: Option<impl AsyncRead + Unpin>) -> String {
    let mut kept: Vec<u8> = Vec::new();
    let Some(mut pipe) = pipe else {
        return String::new();
    };
    let mut buf = vec![0u8; 8 * 1024];
    while let Ok(n) = pipe.read(&mut buf).await {
        if n == 0 {
            break;
        }
        kept.extend_from_slice(&buf[..n]);
        if kept.len() > 2 * STDERR_TAIL {
            kept.drain(..kept.len() - STDERR_TAIL);
        }
    }
    if kept.len() > STDERR_TAIL {
        kept.drain(..kept.len() - STDERR_TAIL);
    }
    String::from_utf8_lossy(&kept).trim().to_string()
}

/// "exited with status 3", "was killed by signal 9".
pub(super) fn describe_status(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(c), _) => format!("exited with status {c}"),
        (None, Some(s)) => format!("was killed by signal {s}"),
        (None, None) => "ended abnormally".into(),
    }
}

/// The error text of a program that failed: how it ended and the end of its stderr.
pub(super) fn failure(program: &str, f: &Finished) -> String {
    let mut msg = format!("`{program}` {}", describe_status(f.status));
    if !f.stderr_tail.is_empty() {
        msg.push_str("; stderr ends with:\n");
        msg.push_str(&f.stderr_tail);
    }
    msg
}

#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn set_parent_death_signal(cmd: &mut Command) {
    // SAFETY: runs in the forked child before exec and only calls prctl(2), which is
    // async-signal-safe; it allocates nothing and takes no locks.
    unsafe {
        cmd.pre_exec(|| {
            nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).map_err(std::io::Error::from)
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn set_parent_death_signal(_cmd: &mut Command) {}
