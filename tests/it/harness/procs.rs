//! Process inspection for the child-hygiene tests (Linux /proc).

use std::process::{Child, ExitStatus};
use std::time::Duration;

use super::wait_for;

/// True while `pid` exists and is not a zombie.
pub fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            // The state follows the parenthesised command name.
            let state = stat
                .rsplit(')')
                .next()
                .and_then(|r| r.split_whitespace().next());
            state != Some("Z")
        }
        Err(_) => false,
    }
}

/// Waits until none of `pids` is alive; returns the survivors otherwise.
pub fn wait_gone(pids: &[i32], limit: Duration) -> Vec<i32> {
    let done = wait_for(limit, || {
        if pids.iter().any(|p| alive(*p)) {
            None
        } else {
            Some(())
        }
    });
    match done {
        Some(()) => Vec::new(),
        None => pids.iter().copied().filter(|p| alive(*p)).collect(),
    }
}

/// Direct children of `pid`.
pub fn children(pid: i32) -> Vec<i32> {
    let mut out = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return out;
    };
    for entry in dir.flatten() {
        let Ok(p) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat"))
            && let Some(rest) = stat.rsplit(')').next()
        {
            let fields: Vec<&str> = rest.split_whitespace().collect();
            if fields.get(1).and_then(|f| f.parse::<i32>().ok()) == Some(pid)
                && fields.first() != Some(&"Z")
            {
                out.push(p);
            }
        }
    }
    out
}

/// Sends a signal with the `kill` command (no libc in tests).
pub fn signal(pid: i32, sig: &str) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success(), "kill -{sig} {pid} failed");
}

/// Waits until `child` exits, at most `limit`.
pub fn wait_exit(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    wait_for(limit, || child.try_wait().ok().flatten())
}

/// Lets `child` end by itself (its input was closed), else kills it.
pub fn end(child: &mut Child) {
    if wait_exit(child, Duration::from_secs(5)).is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
}
