//! Many vmcp processes on one store at once: the situation of a user with several AI client
//! windows open (each runs its own `vmcp stdio`, which records calls) who adds servers meanwhile.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::{Client, Home, UPSTREAM, VMCP, run_vmcp};

const SESSIONS: usize = 16;
const CALLS_PER_SESSION: usize = 20;
const ADDS: usize = 50;

#[test]
fn sixteen_sessions_and_fifty_adds_lose_nothing() {
    let home = Home::new();
    let h = home.dir.path();
    assert_eq!(
        run_vmcp(
            &[
                "server", "add", "up", "--trust", "always", "--", UPSTREAM, "--name", "up"
            ],
            h
        )
        .0,
        0
    );
    assert_eq!(run_vmcp(&["vmcp", "create", "mine", "-s", "up"], h).0, 0);

    let adds: Vec<_> = (0..ADDS)
        .map(|i| {
            Command::new(VMCP)
                .args([
                    "server",
                    "add",
                    &format!("s{i}"),
                    "--no-approve",
                    "--",
                    "true",
                ])
                .env("VMCP_HOME", h)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn server add")
        })
        .collect();
    let answered: Vec<usize> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..SESSIONS)
            .map(|n| {
                scope.spawn(move || {
                    let mut c = Client::spawn_home(h, "mine");
                    c.initialize();
                    let mut ok = 0;
                    for i in 0..CALLS_PER_SESSION {
                        let msg = format!("{n}-{i}");
                        if c.call_text("up_echo", json!({"message": msg})) == msg {
                            ok += 1;
                        }
                    }
                    c.close_stdin();
                    let status = c.wait_exit(Duration::from_secs(30)).expect("session exits");
                    assert!(status.success(), "session {n}: {}", c.stderr());
                    ok
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("worker"))
            .collect()
    });
    for (i, add) in adds.into_iter().enumerate() {
        let out = add.wait_with_output().expect("server add");
        assert!(
            out.status.success(),
            "server add s{i}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(answered, vec![CALLS_PER_SESSION; SESSIONS]);

    let (code, out, err) = run_vmcp(&["server", "list", "--json"], h);
    assert_eq!(code, 0, "{err}");
    let servers: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(servers.as_array().unwrap().len(), ADDS + 1);

    let (code, out, err) = run_vmcp(&["log", "--json", "-n", "100000"], h);
    assert_eq!(code, 0, "{err}");
    let calls: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        calls.len(),
        SESSIONS * CALLS_PER_SESSION,
        "every call is recorded"
    );
    assert!(
        calls
            .iter()
            .all(|c| c["ok"] == true && c["exposed"] == "up_echo")
    );
}
