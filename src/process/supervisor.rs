//! What vmcp keeps, for as long as it runs, about the processes it starts: the tag every child
//! carries in its environment, the reaper (started with the first child), the children whose exit
//! the runtime has not collected yet, and — on Linux — vmcp's role as a child subreaper: whatever
//! a child starts and detaches (`setsid`, a daemon's double fork) is re-parented to vmcp instead
//! of init, reaped here when it exits on its own, and ended by [`sweep`] when vmcp exits.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::reaper::{Reaper, ReaperCommand};
use super::tree;
use crate::support::env_vars::VMCP_CHILD_TAG;

/// How long [`sweep`] lets leftover processes end after SIGTERM before SIGKILL.
pub(crate) const SWEEP_GRACE: Duration = Duration::from_millis(500);
/// Adopted processes that exit are collected at most this often (a `/proc` scan each time).
const REAP_INTERVAL: Duration = Duration::from_secs(1);
/// Rounds of SIGKILL at exit, for processes forked while the others were being ended.
const KILL_ROUNDS: usize = 10;

static SUPERVISOR: LazyLock<Supervisor> = LazyLock::new(|| Supervisor {
    tag: format!(
        "{}-{:016x}{:016x}",
        std::process::id(),
        fastrand::u64(..),
        fastrand::u64(..)
    ),
    spawned: Mutex::new(HashSet::new()),
    reaper: Mutex::new(Slot::Off),
    supervising: AtomicBool::new(false),
});

struct Supervisor {
    /// The value of `VMCP_CHILD_TAG` in every child's environment: unique to this process.
    tag: String,
    /// Children the async runtime will collect the exit of: the reaping of adopted processes
    /// leaves them alone (held while spawning, so a child cannot exit before it is listed).
    spawned: Mutex<HashSet<i32>>,
    reaper: Mutex<Slot>,
    /// Whether this process looks after its children (set by [`supervise`]).
    supervising: AtomicBool,
}

enum Slot {
    Off,
    /// To be started with the first child.
    Wanted(ReaperCommand),
    Running(Reaper),
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// From now on this process looks after every child it starts, for good (the first call
/// decides): the reaper (`reaper`, vmcp's own binary) starts with the first child; on Linux the
/// process becomes a child subreaper, collects the adopted processes that exit, and [`sweep`]
/// ends what is left at exit. Needs the async runtime (a task collects adopted processes).
pub(crate) fn supervise(reaper: &ReaperCommand) {
    let sup = &*SUPERVISOR;
    {
        let mut slot = lock(&sup.reaper);
        if matches!(*slot, Slot::Off) {
            *slot = Slot::Wanted(reaper.clone());
        }
    }
    if sup.supervising.swap(true, Ordering::SeqCst) {
        return;
    }
    become_subreaper();
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(collect_adopted());
    }
}

#[cfg(target_os = "linux")]
fn become_subreaper() {
    if let Err(e) = nix::sys::prctl::set_child_subreaper(true) {
        tracing::warn!(
            "cannot become a child subreaper ({e}); detached grandchildren may outlive vmcp"
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn become_subreaper() {
    // No subreapers here: the reaper's process groups are what vmcp can end.
}

/// The environment entry every child carries: `(VMCP_CHILD_TAG, value)`.
pub(crate) fn tag() -> (&'static str, &'static str) {
    (VMCP_CHILD_TAG, SUPERVISOR.tag.as_str())
}

/// Runs `spawn` with the list of runtime-collected children locked, and lists the child.
pub(crate) fn spawning(
    spawn: impl FnOnce() -> std::io::Result<tokio::process::Child>,
) -> std::io::Result<tokio::process::Child> {
    let mut spawned = lock(&SUPERVISOR.spawned);
    let child = spawn()?;
    if let Some(pid) = child.id().and_then(|p| i32::try_from(p).ok()) {
        spawned.insert(pid);
    }
    Ok(child)
}

/// The runtime has collected `pid`'s exit (or given the child up).
pub(crate) fn collected(pid: i32) {
    lock(&SUPERVISOR.spawned).remove(&pid);
}

/// Starts the reaper if it is wanted and not running yet: before the first child, so that no
/// child runs unwatched.
pub(crate) fn ensure_reaper() {
    let mut slot = lock(&SUPERVISOR.reaper);
    if let Slot::Wanted(cmd) = &*slot {
        let entry = format!("{VMCP_CHILD_TAG}={}", SUPERVISOR.tag);
        *slot = Slot::Running(Reaper::start(cmd, &entry));
    }
}

/// Tells the reaper about a new process group.
pub(crate) fn watch_group(pgid: i32) {
    if let Slot::Running(r) = &*lock(&SUPERVISOR.reaper) {
        r.register(pgid);
    }
}

/// The group is gone: the reaper can forget it.
pub(crate) fn unwatch_group(pgid: i32) {
    if let Slot::Running(r) = &*lock(&SUPERVISOR.reaper) {
        r.unregister(pgid);
    }
}

fn reaper_pid() -> Option<i32> {
    match &*lock(&SUPERVISOR.reaper) {
        Slot::Running(r) => r.pid(),
        Slot::Off | Slot::Wanted(_) => None,
    }
}

/// Collects the exit status of adopted processes (only they: the runtime collects the children
/// it started), so they do not linger as zombies. Checks on SIGCHLD, at most every
/// [`REAP_INTERVAL`].
async fn collect_adopted() {
    use tokio::signal::unix::{SignalKind, signal};
    let Ok(mut exits) = signal(SignalKind::child()) else {
        return;
    };
    while exits.recv().await.is_some() {
        reap_adopted();
        tokio::time::sleep(REAP_INTERVAL).await;
    }
}

fn reap_adopted() {
    use nix::sys::wait::{WaitPidFlag, waitpid};
    let spawned = lock(&SUPERVISOR.spawned);
    let me = i32::try_from(std::process::id()).unwrap_or_default();
    for e in tree::table() {
        if e.ppid == me && e.zombie && !spawned.contains(&e.pid) {
            let _ = waitpid(Pid::from_raw(e.pid), Some(WaitPidFlag::WNOHANG));
        }
    }
}

/// Ends every process still descending from this one (the reaper excepted): SIGTERM, up to
/// [`SWEEP_GRACE`] to go, then SIGKILL. As a subreaper, vmcp is the ancestor of everything its
/// children started, detached or not, so this leaves nothing behind. Blocks; a no-op unless
/// [`supervise`] was called. Called when vmcp is about to exit.
pub(crate) fn sweep() {
    if !SUPERVISOR.supervising.load(Ordering::SeqCst) {
        return;
    }
    let me = i32::try_from(std::process::id()).unwrap_or_default();
    let spared = reaper_pid();
    let left = || -> Vec<i32> {
        tree::descendants(me)
            .into_iter()
            .filter(|p| Some(*p) != spared)
            .collect()
    };
    let first = left();
    if first.is_empty() {
        return;
    }
    tracing::debug!(count = first.len(), "ending processes left behind");
    for p in &first {
        let _ = kill(Pid::from_raw(*p), Signal::SIGTERM);
    }
    let deadline = Instant::now() + SWEEP_GRACE;
    while Instant::now() < deadline && first.iter().any(|p| tree::alive(*p)) {
        std::thread::sleep(Duration::from_millis(10));
    }
    for _ in 0..KILL_ROUNDS {
        let pids = left();
        if pids.is_empty() {
            break;
        }
        for p in pids {
            let _ = kill(Pid::from_raw(p), Signal::SIGKILL);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
