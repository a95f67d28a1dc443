//! Private network namespaces (`unshare --net`, only loopback, brought up): the one place a test
//! may start a server that listens on every interface, and clients that reach it from inside.

use std::ffi::OsStr;
use std::process::Command;

/// Whether the tests run as root.
fn root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `unshare` about to make a new network namespace: as root directly, else mapped to root in a
/// new user namespace first (what joining it from this process would not allow: see [`inside`]).
pub fn unshare() -> Command {
    let mut c = Command::new("unshare");
    if root() {
        c.arg("--net");
    } else {
        c.args(["--user", "--map-root-user", "--net"]);
    }
    c
}

/// `program` run in a network namespace of its own with loopback up (its later arguments are
/// the caller's to add): the process has the namespace's only address, 127.0.0.1.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut c = unshare();
    c.args(["sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""])
        .arg(program);
    c
}

/// Whether [`command`] and [`inside`] work here (root, `unshare` and `ip` present, namespaces
/// allowed); otherwise says loudly that `test` is skipped, and why.
pub fn available(test: &str) -> bool {
    if !root() {
        eprintln!(
            "SKIPPING {test}: it needs root, to join a private network namespace (`unshare --net`) \
             where a server may listen on every interface"
        );
        return false;
    }
    match command("true").output() {
        Ok(out) if out.status.success() => true,
        Ok(out) => {
            eprintln!(
                "SKIPPING {test}: cannot make a private network namespace: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            false
        }
        Err(e) => {
            eprintln!(
                "SKIPPING {test}: cannot run `unshare` ({e}): install util-linux and iproute2"
            );
            false
        }
    }
}

/// Runs `f` on a thread of its own that joined the network namespace of process `pid` (needs
/// root): its sockets reach the servers in there, and nothing else. Only that thread moves.
pub fn inside<T: Send>(pid: i32, f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        let joined = s.spawn(|| {
            let ns = std::fs::File::open(format!("/proc/{pid}/ns/net"))
                .unwrap_or_else(|e| panic!("the network namespace of {pid}: {e}"));
            nix::sched::setns(&ns, nix::sched::CloneFlags::CLONE_NEWNET)
                .unwrap_or_else(|e| panic!("cannot join the network namespace of {pid}: {e}"));
            f()
        });
        joined
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}
