//! Child hygiene: no upstream process or grandchild survives vmcp, however vmcp ends.

use std::time::Duration;

use serde_json::json;

use crate::harness::procs::{alive, signal, wait_gone};
use crate::harness::{Client, Home, upstream_entry};

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
    let pids = vec![
        home.read_pid("one.pid"),
        home.read_pid("two.pid"),
        home.read_pid("grandchild.pid"),
    ];
    for p in &pids {
        assert!(alive(*p), "{p} should be running");
    }
    (c, pids)
}

#[test]
fn stdin_eof_stops_everything() {
    let home = Home::new();
    let (mut c, pids) = session(&home);
    c.close_stdin();
    let status = c
        .wait_exit(Duration::from_secs(10))
        .expect("vmcp exits on EOF");
    assert!(status.success(), "{status:?}\n{}", c.stderr());
    assert_eq!(
        wait_gone(&pids, Duration::from_secs(5)),
        Vec::<i32>::new(),
        "{}",
        c.stderr()
    );
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
    let (mut c, pids) = session(&home);
    signal(c.pid(), "KILL");
    c.wait_exit(Duration::from_secs(10)).expect("vmcp dies");
    // PR_SET_PDEATHSIG takes the children, the reaper takes the grandchild.
    assert_eq!(wait_gone(&pids, Duration::from_secs(10)), Vec::<i32>::new());
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
