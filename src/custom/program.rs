//! The program a `command` or `python` tool runs: where it is found, and running it with no
//! shell, a minimal environment, and the hygiene of every child vmcp starts (`crate::process`): its own process group (killed as a
//! whole when the call ends, times out or is cancelled), watched by the reaper, bounded stdout,
//! and the end of stderr kept for error messages.
//!
//! This is process hygiene, not a sandbox: the program runs with the user's privileges.

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;

use nix::sys::signal::Signal;

use crate::process::{Finished, Spawn};
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

/// A program given as a relative path (`./tool.sh`) is relative to the definition file; bare
/// names (`wc`) are looked up on the PATH.
pub(super) fn resolve_program(program: &str, base_dir: &Path) -> String {
    if program.contains('/') && Path::new(program).is_relative() {
        base_dir.join(program).to_string_lossy().into_owned()
    } else {
        program.to_string()
    }
}

/// The allowlisted part of vmcp's own environment.
pub(super) fn base_env() -> BTreeMap<String, String> {
    CUSTOM_TOOL_ENV_ALLOWLIST
        .iter()
        .filter_map(|k| std::env::var(k).ok().map(|v| ((*k).to_string(), v)))
        .collect()
}

/// Runs `run` to its end. Dropping the future (timeout, cancellation) kills the process group.
pub(super) async fn run(run: &Run) -> Result<Finished, String> {
    if !run.cwd.is_dir() {
        return Err(format!(
            "the working directory `{}` does not exist",
            run.cwd.display()
        ));
    }
    let mut env = base_env();
    env.extend(run.env.clone());
    let spawn = Spawn {
        program: &run.program,
        args: &run.args,
        env: &env,
        cwd: Some(&run.cwd),
        stdin: run.stdin.is_some(),
        parent_death: Signal::SIGKILL,
    };
    crate::process::run(&spawn, run.stdin.as_deref(), MAX_STDOUT, STDERR_TAIL)
        .await
        .map_err(|e| e.to_string())
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
