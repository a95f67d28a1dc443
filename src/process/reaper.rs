//! The reaper: a tiny helper process (`vmcp __reaper`) that outlives vmcp by design. vmcp tells it
//! the process group of every child it starts, and the tag every child carries in its
//! environment (`VMCP_CHILD_TAG`, inherited by what the child starts); when vmcp's end of the pipe
//! closes, however vmcp died (even SIGKILL), the reaper terminates whatever is left in those
//! groups and every process still carrying the tag — grandchildren that `PR_SET_PDEATHSIG` cannot
//! reach, ones that left the group with `setsid`, and everything on platforms without either.

use std::collections::BTreeSet;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill, killpg};
use nix::unistd::Pid;

use super::tree;
use crate::support::env_vars::VMCP_CHILD_TAG;

/// The hidden subcommand that runs [`run`].
pub(crate) const REAPER_SUBCOMMAND: &str = "__reaper";
/// How long the reaper waits between SIGTERM and SIGKILL.
const REAPER_GRACE: Duration = Duration::from_millis(1500);
/// Rounds of SIGKILL for tagged processes that were forked while the others were ended.
const KILL_ROUNDS: usize = 10;

/// How to start the reaper: vmcp's own executable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReaperCommand {
    pub program: PathBuf,
}

impl ReaperCommand {
    /// vmcp's own binary (works even if the file was replaced while running, on Linux).
    pub(crate) fn current_exe() -> Option<ReaperCommand> {
        let program = if cfg!(target_os = "linux") {
            PathBuf::from("/proc/self/exe")
        } else {
            std::env::current_exe().ok()?
        };
        Some(ReaperCommand { program })
    }
}

/// vmcp's handle on the reaper: registrations are lines on its stdin.
pub(crate) struct Reaper {
    /// `None` once the reaper is gone (it could not start, or stopped reading).
    pipe: Mutex<Option<ChildStdin>>,
    pid: Option<i32>,
}

impl Reaper {
    /// Starts the reaper process, in its own process group (terminal signals do not reach it),
    /// and tells it `tag`, the `NAME=value` environment entry every child carries. Started with
    /// the first child (after `initialize` was answered), and before it, so that no child ever
    /// runs unwatched.
    pub(crate) fn start(cmd: &ReaperCommand, tag: &str) -> Reaper {
        use std::os::unix::process::CommandExt;
        let spawned = Command::new(&cmd.program)
            .arg(REAPER_SUBCOMMAND)
            // A vmcp that is itself a child of another vmcp carries that one's tag: its reaper
            // must not, or the outer reaper would end it before it does its work.
            .env_remove(VMCP_CHILD_TAG)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn();
        // The reaper is reaped by init after vmcp exits; we never wait for it.
        let reaper = match spawned {
            Ok(mut child) => Reaper {
                pipe: Mutex::new(child.stdin.take()),
                pid: i32::try_from(child.id()).ok(),
            },
            Err(e) => {
                tracing::warn!(
                    "cannot start the reaper process ({e}); children may outlive a killed vmcp"
                );
                Reaper {
                    pipe: Mutex::new(None),
                    pid: None,
                }
            }
        };
        reaper.send(&format!("={tag}\n"));
        reaper
    }

    /// The reaper's process id (the sweep at exit spares it).
    pub(crate) fn pid(&self) -> Option<i32> {
        self.pid
    }

    pub(crate) fn register(&self, pgid: i32) {
        self.send(&format!("+{pgid}\n"));
    }

    pub(crate) fn unregister(&self, pgid: i32) {
        self.send(&format!("-{pgid}\n"));
    }

    fn send(&self, line: &str) {
        let mut pipe = self.pipe.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(p) = pipe.as_mut()
            && let Err(e) = p.write_all(line.as_bytes())
        {
            tracing::warn!("the reaper process is gone ({e}); children may outlive a killed vmcp");
            *pipe = None;
        }
    }
}

/// The reaper's main loop: collect groups (`+PGID`, `-PGID`) and the tag (`=NAME=value`) until
/// stdin closes, then end them. Returns the exit code.
pub(crate) fn run(input: impl BufRead) -> i32 {
    let mut groups = BTreeSet::new();
    let mut tag = None;
    for line in input.lines() {
        let Ok(line) = line else { break };
        let (op, rest) = line.split_at(line.len().min(1));
        if op == "=" {
            tag = Some(rest.to_string()).filter(|t| t.contains('='));
            continue;
        }
        let Ok(pgid) = rest.trim().parse::<i32>() else {
            continue;
        };
        if pgid <= 1 {
            continue;
        }
        match op {
            "+" => {
                groups.insert(pgid);
            }
            "-" => {
                groups.remove(&pgid);
            }
            _ => {}
        }
    }
    terminate(&groups, tag.as_deref());
    0
}

fn group_alive(pgid: i32) -> bool {
    killpg(Pid::from_raw(pgid), None).is_ok()
}

/// The processes carrying `tag`, but never the reaper itself.
fn tagged(tag: Option<&str>) -> Vec<i32> {
    let me = i32::try_from(std::process::id()).unwrap_or_default();
    tag.map(tree::tagged)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| *p != me && *p > 1)
        .collect()
}

fn terminate(groups: &BTreeSet<i32>, tag: Option<&str>) {
    let live: Vec<i32> = groups.iter().copied().filter(|g| group_alive(*g)).collect();
    let marked = tagged(tag);
    if live.is_empty() && marked.is_empty() {
        return;
    }
    for g in &live {
        let _ = killpg(Pid::from_raw(*g), Signal::SIGTERM);
    }
    for p in &marked {
        let _ = kill(Pid::from_raw(*p), Signal::SIGTERM);
    }
    let deadline = Instant::now() + REAPER_GRACE;
    while Instant::now() < deadline
        && (live.iter().any(|g| group_alive(*g)) || marked.iter().any(|p| tree::alive(*p)))
    {
        std::thread::sleep(Duration::from_millis(25));
    }
    for g in &live {
        let _ = killpg(Pid::from_raw(*g), Signal::SIGKILL);
    }
    // What was forked meanwhile carries the tag too.
    for _ in 0..KILL_ROUNDS {
        let left = tagged(tag);
        if left.is_empty() {
            break;
        }
        for p in left {
            let _ = kill(Pid::from_raw(p), Signal::SIGKILL);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
