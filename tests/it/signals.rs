//! Commands that start upstreams, signalled while they wait: each says "interrupted", exits
//! 128 + the signal number (130 for Ctrl-C) and leaves no upstream process behind.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::procs::{signal, wait_gone};
use crate::harness::{Home, UPSTREAM, VMCP, run_vmcp, upstream_entry, wait_for};

/// A vMCP whose only server never answers `initialize` (and writes its pid), also stored as the
/// server `stuck` for `vmcp server test`.
fn hung_home() -> Home {
    let home = Home::new();
    let pidfile = home.path("stuck.pid").display().to_string();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("stuck", &["--hang", "--pidfile", &pidfile]);
    yaml += "vmcps:\n  v:\n    servers: [stuck]\n";
    home.config(&yaml);
    let (code, _, err) = run_vmcp(
        &[
            "server",
            "add",
            "stuck",
            "--trust",
            "always",
            "--",
            UPSTREAM,
            "--hang",
            "--pidfile",
            &pidfile,
        ],
        home.dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    home
}

/// Waits (bounded) for `child` to end; returns its output.
fn ended(child: std::process::Child, what: &str) -> std::process::Output {
    let waited = std::thread::spawn(move || child.wait_with_output());
    wait_for(Duration::from_secs(10), || {
        waited.is_finished().then_some(())
    })
    .unwrap_or_else(|| panic!("{what} did not end"));
    waited.join().unwrap().unwrap()
}

/// Runs `vmcp ARGS…`, sends `sig` once its upstream is running, and returns (exit code, stderr);
/// asserts that the upstream is gone afterwards.
fn interrupt(args: &[&str], sig: &str) -> (i32, String) {
    let home = hung_home();
    let child = Command::new(VMCP)
        .args(args)
        .current_dir(home.dir.path())
        .env("VMCP_HOME", home.dir.path())
        .env_remove("VMCP_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let upstream = home.read_pid("stuck.pid");
    signal(i32::try_from(child.id()).unwrap(), sig);
    let out = ended(child, &format!("vmcp {args:?} on SIG{sig}"));
    assert_eq!(
        wait_gone(&[upstream], Duration::from_secs(5)),
        Vec::<i32>::new(),
        "the upstream outlived `vmcp {}`",
        args.join(" ")
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn commands_that_start_upstreams_end_cleanly_on_sigint_and_sigterm() {
    let commands: [&[&str]; 4] = [
        &["tools", "list", "--vmcp", "v"],
        &["check", "--vmcp", "v"],
        &["server", "test", "stuck"],
        &["call", "--vmcp", "v", "stuck_echo", "message=hi"],
    ];
    for args in commands {
        for (sig, code) in [("INT", 130), ("TERM", 143)] {
            let (status, stderr) = interrupt(args, sig);
            assert_eq!(
                status,
                code,
                "`vmcp {}` on SIG{sig}: {stderr}",
                args.join(" ")
            );
            assert!(
                stderr.contains("interrupted"),
                "`vmcp {}` on SIG{sig}: {stderr}",
                args.join(" ")
            );
        }
    }
}

#[test]
fn an_interrupted_call_is_cancelled_upstream_first() {
    let home = Home::new();
    let events = home.path("w.events").display().to_string();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("w", &["--events", &events]);
    yaml += "vmcps:\n  v:\n    servers: [w]\n";
    home.config(&yaml);
    let child = Command::new(VMCP)
        .args(["call", "--vmcp", "v", "w_slow", "ms=60000"])
        .current_dir(home.dir.path())
        .env("VMCP_HOME", home.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    home.wait_event("w.events", "slow started");
    signal(i32::try_from(child.id()).unwrap(), "INT");
    let out = ended(child, "vmcp call on SIGINT");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    home.wait_event("w.events", "cancelled slow");
}
