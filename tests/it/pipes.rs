//! Commands whose output goes to a reader that went away (`vmcp … | head -1`) end quietly with
//! status 0, as ripgrep does: no panic, no error message. A closed stderr is no reason to fail
//! either.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::harness::{Home, VMCP, one_upstream, run_vmcp, wait_for};

fn home() -> Home {
    one_upstream(&["--tools-only"])
}

fn command(home: &Home, args: &[&str]) -> Command {
    let mut cmd = Command::new(VMCP);
    cmd.args(args)
        .current_dir(home.dir.path())
        .env("VMCP_HOME", home.dir.path())
        .env_remove("VMCP_LOG")
        .stdin(Stdio::null());
    cmd
}

/// Runs `vmcp ARGS` with stdout (or stderr) a pipe nobody reads anymore; returns the status
/// code and what it wrote to the other stream.
fn run_closed(home: &Home, args: &[&str], close_stderr: bool) -> (i32, String) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut cmd = command(home, args);
    if close_stderr {
        cmd.stderr(writer).stdout(Stdio::piped());
    } else {
        cmd.stdout(writer).stderr(Stdio::piped());
    }
    let out = cmd.output().expect("run vmcp");
    let other = if close_stderr { out.stdout } else { out.stderr };
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&other).into_owned(),
    )
}

#[test]
fn commands_writing_to_a_closed_pipe_end_quietly_with_status_0() {
    let home = home();
    let (code, _, err) = run_vmcp(
        &["call", "--vmcp", "v", "s_echo", "message=hi"],
        home.dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    for args in [
        &["completions", "bash"][..],
        &["tools", "list", "--vmcp", "v"],
        &["tools", "list", "--vmcp", "v", "--json"],
        &["call", "--vmcp", "v", "s_echo", "message=hi"],
        &["log"],
        &["vmcp", "list"],
    ] {
        let (code, stderr) = run_closed(&home, args, false);
        assert_eq!((code, stderr.as_str()), (0, ""), "vmcp {}", args.join(" "));
    }
}

#[test]
fn a_closed_stderr_changes_nothing_but_the_messages() {
    let home = home();
    // An error goes to stderr: its exit code stays the documented one.
    let (code, _) = run_closed(&home, &["tools", "list", "--vmcp", "nope"], true);
    assert_eq!(code, 4);
    // Logs go to stderr too.
    let (code, out) = run_closed(&home, &["tools", "list", "--vmcp", "v", "-vv"], true);
    assert_eq!(code, 0);
    assert!(out.contains("s_echo"), "{out}");
}

fn spawn_follow(home: &Home) -> Child {
    command(home, &["log", "--follow"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn vmcp log --follow")
}

#[test]
fn log_follow_into_head_ends_quietly() {
    let home = home();
    let call = || {
        let (code, _, err) = run_vmcp(
            &["call", "--vmcp", "v", "s_echo", "message=hi"],
            home.dir.path(),
        );
        assert_eq!(code, 0, "{err}");
    };
    call();
    // `vmcp log --follow | head -1`: one line read, then the reader is gone.
    let mut follow = spawn_follow(&home);
    let mut lines = BufReader::new(follow.stdout.take().expect("stdout")).lines();
    assert!(
        lines
            .next()
            .is_some_and(|l| l.is_ok_and(|l| l.contains("s_echo")))
    );
    drop(lines);
    // The next record is printed to nobody: the command ends, status 0, nothing said.
    call();
    let status = wait_for(Duration::from_secs(10), || follow.try_wait().ok().flatten());
    let Some(status) = status else {
        let _ = follow.kill();
        panic!("vmcp log --follow kept running after its reader went away");
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut follow.stderr.take().expect("stderr"), &mut err)
        .expect("stderr");
    assert_eq!((status.code(), err.as_str()), (Some(0), ""));
}
