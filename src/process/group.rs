//! A child's process group: the child leads it, so its pid is the group id. The reaper watches
//! the group while it may hold processes; it is ended (SIGKILL to every member) when the child is
//! stopped, and at the latest when this handle is dropped — on a timeout or a cancellation too.

use std::sync::atomic::{AtomicBool, Ordering};

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

use super::supervisor;

pub(crate) struct Group {
    pgid: Pid,
    ended: AtomicBool,
}

impl Group {
    /// The group `leader` leads, watched by the reaper from now on.
    pub(crate) fn led_by(leader: u32) -> Group {
        let pgid = Pid::from_raw(i32::try_from(leader).unwrap_or_default());
        if pgid.as_raw() > 1 {
            supervisor::watch_group(pgid.as_raw());
        }
        Group {
            pgid,
            ended: AtomicBool::new(false),
        }
    }

    /// Sends `sig` to every process of the group (nothing once the group was ended: its id may
    /// belong to someone else by then).
    pub(crate) fn signal(&self, sig: Signal) {
        if self.pgid.as_raw() > 1 && !self.ended.load(Ordering::SeqCst) {
            // ESRCH (nothing left in the group) is the normal case after a clean exit.
            let _ = killpg(self.pgid, sig);
        }
    }

    /// Kills whatever is left in the group (a leader gone may leave members behind) and stops
    /// watching it. Only the first call does anything.
    pub(crate) fn end(&self) {
        if self.pgid.as_raw() > 1 && !self.ended.swap(true, Ordering::SeqCst) {
            let _ = killpg(self.pgid, Signal::SIGKILL);
            supervisor::unwatch_group(self.pgid.as_raw());
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.end();
    }
}
