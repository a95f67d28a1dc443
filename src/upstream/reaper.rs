//! The reaper: a tiny helper process (`vmcp __reaper`) that outlives vmcp by design. vmcp tells it
//! the process group of every child it starts; when vmcp's end of the pipe closes, however vmcp
//! died (even SIGKILL), the reaper terminates whatever is left in those groups. This covers
//! grandchildren that `PR_SET_PDEATHSIG` cannot reach, and platforms without it.

use std::collections::BTreeSet;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

/// The hidden subcommand that runs [`run`].
pub const REAPER_SUBCOMMAND: &str = "__reaper";
/// How long the reaper waits between SIGTERM and SIGKILL.
const REAPER_GRACE: Duration = Duration::from_millis(1500);

/// How to start the reaper: vmcp's own executable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaperCommand {
    pub program: PathBuf,
}

impl ReaperCommand {
    /// vmcp's own binary (works even if the file was replaced while running, on Linux).
    pub fn current_exe() -> Option<ReaperCommand> {
        let program = if cfg!(target_os = "linux") {
            PathBuf::from("/proc/self/exe")
        } else {
            std::env::current_exe().ok()?
        };
        Some(ReaperCommand { program })
    }
}

enum State {
    /// Being started; registrations wait here.
    Starting(Vec<String>),
    Ready(ChildStdin),
    Gone,
}

/// vmcp's handle on the reaper: registrations are lines on its stdin.
#[derive(Clone)]
pub struct Reaper {
    state: Arc<Mutex<State>>,
}

impl Reaper {
    /// Starts the reaper process, in its own process group (terminal signals do not reach it),
    /// on a helper thread: spawning must not delay vmcp's answer to `initialize`.
    pub fn start(cmd: &ReaperCommand) -> Reaper {
        let reaper = Reaper {
            state: Arc::new(Mutex::new(State::Starting(Vec::new()))),
        };
        let (cmd, handle) = (cmd.clone(), reaper.clone());
        let spawned = std::thread::Builder::new()
            .name("vmcp-reaper-start".into())
            .spawn(move || handle.launch(&cmd));
        if let Err(e) = spawned {
            tracing::warn!("cannot start the reaper ({e}); children may outlive a killed vmcp");
            *reaper.lock() = State::Gone;
        }
        reaper
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn launch(&self, cmd: &ReaperCommand) {
        use std::os::unix::process::CommandExt;
        let spawned = Command::new(&cmd.program)
            .arg(REAPER_SUBCOMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn();
        // The reaper is reaped by init after vmcp exits; we never wait for it.
        let mut state = self.lock();
        let queued = match std::mem::replace(&mut *state, State::Gone) {
            State::Starting(q) => q,
            State::Ready(_) | State::Gone => Vec::new(),
        };
        match spawned.map(|mut c| c.stdin.take()) {
            Ok(Some(mut pipe)) => {
                let ok = queued.iter().all(|l| pipe.write_all(l.as_bytes()).is_ok());
                if ok {
                    *state = State::Ready(pipe);
                }
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(
                "cannot start the reaper process ({e}); children may outlive a killed vmcp"
            ),
        }
    }

    pub fn register(&self, pgid: i32) {
        self.send(format!("+{pgid}\n"));
    }

    pub fn unregister(&self, pgid: i32) {
        self.send(format!("-{pgid}\n"));
    }

    fn send(&self, line: String) {
        let mut state = self.lock();
        match &mut *state {
            State::Starting(q) => q.push(line),
            State::Ready(pipe) => {
                if let Err(e) = pipe.write_all(line.as_bytes()) {
                    tracing::warn!(
                        "the reaper process is gone ({e}); children may outlive a killed vmcp"
                    );
                    *state = State::Gone;
                }
            }
            State::Gone => {}
        }
    }
}

/// The reaper's main loop: collect groups until stdin closes, then end them. Returns the exit code.
pub fn run(input: impl BufRead) -> i32 {
    let mut groups = BTreeSet::new();
    for line in input.lines() {
        let Ok(line) = line else { break };
        let (op, num) = line.split_at(line.len().min(1));
        let Ok(pgid) = num.trim().parse::<i32>() else {
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
    terminate(&groups);
    0
}

fn alive(pgid: i32) -> bool {
    killpg(Pid::from_raw(pgid), None).is_ok()
}

fn terminate(groups: &BTreeSet<i32>) {
    let live: Vec<i32> = groups.iter().copied().filter(|g| alive(*g)).collect();
    if live.is_empty() {
        return;
    }
    for g in &live {
        let _ = killpg(Pid::from_raw(*g), Signal::SIGTERM);
    }
    let deadline = Instant::now() + REAPER_GRACE;
    while Instant::now() < deadline && live.iter().any(|g| alive(*g)) {
        std::thread::sleep(Duration::from_millis(25));
    }
    for g in &live {
        let _ = killpg(Pid::from_raw(*g), Signal::SIGKILL);
    }
}
