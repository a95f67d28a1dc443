//! Child hygiene: no upstream process or grandchild survives vmcp, however vmcp ends.

use std::time::Duration;

use serde_json::json;

use crate::harness::procs::{alive, signal, wait_gone};
use crate::harness::{Client, Home, one_upstream, upstream_entry};

/// Starts a session with two upstreams, one of which starts a grandchild; returns the client and
/// the pids of the upstreams and the grandchild.
fn session(home: &Home) -> (Client, Vec<i32>) {
    let gc = home.path("grandchild.pid").display().to_string();
    let p1 = home.path("one.pid").display().to_string();
    let p2 = home.path("two.pid").display().to_string();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("one", &["--pidfile", &p1, "--grandchild", &gc]);
    yaml += &upstream_entry("two", &["--pidfile", &p2]);
    yaml += "vmcps:\n  v:\n    servers: [one, two]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(c.call_text("one_echo", json!({"message": "up"})), "up");
    let pids = running(&[
        home.read_pid("one.pid"),
        home.read_pid("two.pid"),
        home.read_pid("grandchild.pid"),
    ]);
    (c, pids)
}

/// Asserts that every one of `pids` is running; returns them.
fn running(pids: &[i32]) -> Vec<i32> {
    for p in pids {
        assert!(alive(*p), "{p} should be running");
    }
    pids.to_vec()
}

/// Closes vmcp's stdin: it exits 0, and none of `pids` outlives it.
fn eof_leaves_nothing(mut c: Client, pids: &[i32]) {
    c.close_stdin();
    let status = c
        .wait_exit(Duration::from_secs(10))
        .expect("vmcp exits on EOF");
    assert!(status.success(), "{status:?}\n{}", c.stderr());
    assert_eq!(
        wait_gone(pids, Duration::from_secs(5)),
        Vec::<i32>::new(),
        "{}",
        c.stderr()
    );
}

/// Kills vmcp with SIGKILL: none of `pids` outlives it.
fn sigkill_leaves_nothing(mut c: Client, pids: &[i32]) {
    signal(c.pid(), "KILL");
    c.wait_exit(Duration::from_secs(10)).expect("vmcp dies");
    assert_eq!(wait_gone(pids, Duration::from_secs(10)), Vec::<i32>::new());
}

#[test]
fn stdin_eof_stops_everything() {
    let home = Home::new();
    let (c, pids) = session(&home);
    eof_leaves_nothing(c, &pids);
}

/// A call still running when the client closes its input is answered before vmcp exits (it
/// drains for up to 2 s, ending as soon as nothing is in flight).
#[test]
fn a_call_in_flight_at_eof_is_answered_before_vmcp_exits() {
    let home = one_upstream(&[]);
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(c.call_text("s_echo", json!({"message": "up"})), "up");
    let id = c.send_request(
        "tools/call",
        json!({"name": "s_slow", "arguments": {"ms": 200}}),
    );
    c.close_stdin();
    let answer = c.response(&json!(id));
    assert!(answer.get("result").is_some(), "{answer}");
    let status = c.wait_exit(Duration::from_secs(10)).expect("vmcp exits");
    assert!(status.success(), "{status:?}\n{}", c.stderr());
}

#[test]
fn sigterm_stops_everything() {
    let home = Home::new();
    let (mut c, pids) = session(&home);
    signal(c.pid(), "TERM");
    c.wait_exit(Duration::from_secs(10))
        .expect("vmcp exits on SIGTERM");
    assert_eq!(
        wait_gone(&pids, Duration::from_secs(5)),
        Vec::<i32>::new(),
        "{}",
        c.stderr()
    );
}

#[test]
fn sigkill_leaves_no_orphans() {
    let home = Home::new();
    let (c, pids) = session(&home);
    // PR_SET_PDEATHSIG takes the children, the reaper takes the grandchild.
    sigkill_leaves_nothing(c, &pids);
}

#[test]
fn children_get_a_clean_environment() {
    let home = Home::new();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("s", &[]);
    yaml += "    env: { GIVEN: \"${env:FROM_PARENT}\", PLAIN: 42 }\n";
    yaml += "vmcps:\n  v:\n    servers: [s]\n";
    let config = home.config(&yaml);
    let mut c = Client::spawn_with(
        &config,
        "v",
        &[],
        &[
            ("FROM_PARENT", "passed-on"),
            ("SECRET_API_KEY", "must-not-leak"),
        ],
    );
    c.initialize();
    assert_eq!(c.call_text("s_env", json!({"name": "GIVEN"})), "passed-on");
    assert_eq!(c.call_text("s_env", json!({"name": "PLAIN"})), "42");
    assert_eq!(
        c.call_text("s_env", json!({"name": "SECRET_API_KEY"})),
        "<unset>"
    );
    assert_eq!(
        c.call_text("s_env", json!({"name": "FROM_PARENT"})),
        "<unset>"
    );
    assert_ne!(c.call_text("s_env", json!({"name": "PATH"})), "<unset>");
}

/// A custom `command` tool whose program leaves a grandchild in its process group (`sleep 300 &`)
/// and waits: returns the client (the call still running) and the pids of the tool's shell and
/// its grandchild.
fn tool_with_grandchild(home: &Home) -> (Client, Vec<i32>) {
    home.config(
        "servers: {}\nvmcps:\n  v:\n    servers: []\n    tools:\n      - name: hold\n        kind: command\n        command: [sh, -c, 'sleep 300 & echo $! > {dir}/tool-gc.pid; echo $$ > {dir}/tool.pid; wait']\n",
    );
    let mut c = home.client("v");
    c.initialize();
    c.send_request("tools/call", json!({"name": "hold", "arguments": {}}));
    let pids = running(&[home.read_pid("tool.pid"), home.read_pid("tool-gc.pid")]);
    (c, pids)
}

#[test]
fn sigkill_leaves_no_custom_tool_process_behind() {
    let home = Home::new();
    let (c, pids) = tool_with_grandchild(&home);
    // PR_SET_PDEATHSIG takes the tool's shell, the reaper its grandchild.
    sigkill_leaves_nothing(c, &pids);
}

/// An upstream and a custom tool that each start a grandchild detached with `setsid` (its own
/// session and process group, no stdio of theirs); returns the client and the pids of both
/// detached grandchildren.
fn detached_grandchildren(home: &Home) -> (Client, Vec<i32>) {
    let up = home.path("up-setsid.pid").display().to_string();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("up", &["--setsid-grandchild", &up]);
    yaml += "vmcps:\n  v:\n    servers: [up]\n    tools:\n      - name: detach\n        kind: command\n        command: [sh, -c, 'setsid sh -c \"echo \\$\\$ > {dir}/tool-setsid.pid; exec sleep 300\" < /dev/null > /dev/null 2>&1 & while [ ! -s {dir}/tool-setsid.pid ]; do sleep 0.01; done; echo started']\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(c.call_text("detach", json!({})), "started\n");
    assert_eq!(c.call_text("up_echo", json!({"message": "up"})), "up");
    let pids = running(&[
        home.read_pid("up-setsid.pid"),
        home.read_pid("tool-setsid.pid"),
    ]);
    (c, pids)
}

#[test]
fn detached_grandchildren_end_with_vmcp() {
    let home = Home::new();
    let (c, pids) = detached_grandchildren(&home);
    // vmcp, a child subreaper, adopted them and ends them as it exits.
    eof_leaves_nothing(c, &pids);
}

#[test]
fn detached_grandchildren_end_when_vmcp_is_killed() {
    let home = Home::new();
    let (c, pids) = detached_grandchildren(&home);
    // The reaper finds them by the tag in their environment.
    sigkill_leaves_nothing(c, &pids);
}
