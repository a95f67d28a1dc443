//! Upstreams that crash, loop, restart or hang, through the real binary: the session keeps
//! serving, fails what cannot work promptly, and recovers what can.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::servers::{port_of, test_upstream};
use crate::harness::{Home, upstream_entry, wait_for};

fn initializes(home: &Home, file: &str) -> usize {
    home.events(file)
        .iter()
        .filter(|l| l.contains(" initialize protocol="))
        .count()
}

#[test]
fn a_crash_loop_gives_up_and_the_other_upstreams_are_fine() {
    let home = Home::new();
    let events = home.path("loop.events");
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry(
        "loop",
        &[
            "--tools-only",
            "--exit-after-ms",
            "150",
            "--events",
            events.to_str().unwrap(),
        ],
    );
    yaml += "    retry_delay: 20ms\n    max_failures: 3\n";
    yaml += &upstream_entry("ok", &["--tools-only"]);
    yaml += "vmcps:\n  v:\n    catalog_cache: off\n    servers: [loop, ok]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    assert!(c.tool_names().contains(&"loop_echo".to_string()));
    // Started, crashed, restarted… three times, then it stays down and its tools go.
    let gone = wait_for(Duration::from_secs(10), || {
        (!c.tool_names().iter().any(|n| n.starts_with("loop_"))).then_some(())
    });
    assert!(
        gone.is_some(),
        "the crash-looping server's tools are still listed"
    );
    assert_eq!(initializes(&home, "loop.events"), 3);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        initializes(&home, "loop.events"),
        3,
        "no restart after giving up"
    );
    assert!(
        c.stderr()
            .contains("failed 3 times in a row; giving up until the session ends"),
        "{}",
        c.stderr()
    );
    // The other upstream never noticed.
    assert_eq!(c.call_text("ok_add", json!({"a": 1, "b": 1})), "2");
    let e = c
        .request(
            "tools/call",
            json!({"name": "loop_echo", "arguments": {"message": "x"}}),
        )
        .expect_err("its tools are gone");
    assert!(
        e["message"]
            .as_str()
            .unwrap_or_default()
            .contains("unknown tool `loop_echo`"),
        "{e}"
    );
}

#[test]
fn a_server_that_crashes_after_doing_work_is_always_restarted() {
    // Each crash follows a successful call: not a loop, so it is restarted every time.
    let home = Home::new();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("flaky", &["--tools-only"]);
    yaml += "    retry_delay: 10ms\n    max_failures: 2\n";
    yaml += "vmcps:\n  v:\n    catalog_cache: off\n    servers: [flaky]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    let mut pids = Vec::new();
    for _ in 0..5 {
        let pid = c.call_text_when_up("flaky_pid", &json!({}), Duration::from_secs(10));
        pids.push(pid);
        let r = c.call("flaky_crash", json!({}));
        assert_eq!(
            r["isError"], true,
            "a call in flight when the server dies fails: {r}"
        );
    }
    pids.dedup();
    assert_eq!(pids.len(), 5, "a fresh process each time: {pids:?}");
}

#[test]
fn an_http_server_restarted_behind_a_stale_session_is_reconnected_without_hanging() {
    let home = Home::new();
    let events = home.path("web.events");
    let (server, url) = test_upstream(&["--name", "web", "--http", "0"], &events);
    let port = port_of(&url);
    home.config(&format!(
        "servers:\n  web:\n    url: {url}\n    retry_delay: 50ms\n    trust: always\nvmcps:\n  v:\n    catalog_cache: off\n    servers: [web]\n"
    ));
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(c.call_text("web_echo", json!({"message": "one"})), "one");
    // The server restarts: same address, none of the old sessions.
    drop(server);
    let (_server, _) = test_upstream(&["--name", "web", "--http", &port.to_string()], &events);
    // The first call after the restart meets the stale session id: it fails promptly or is
    // served after the reconnect; either way nothing hangs, and calls then succeed.
    let r = c.call("web_echo", json!({"message": "two"}));
    if r["isError"] == true {
        let text = r["content"][0]["text"].as_str().unwrap_or_default();
        assert!(text.contains("server `web`"), "{text}");
    }
    let recovered = wait_for(Duration::from_secs(10), || {
        let r = c.call("web_echo", json!({"message": "three"}));
        (r["isError"] != true).then(|| r["content"][0]["text"].clone())
    });
    assert_eq!(recovered, Some(Value::from("three")));
    assert!(initializes(&home, "web.events") >= 2, "re-initialized");
}

#[test]
fn a_frozen_server_is_caught_by_health_pings_and_replaced() {
    let home = Home::new();
    let events = home.path("frozen.events");
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry(
        "frozen",
        &["--tools-only", "--events", events.to_str().unwrap()],
    );
    yaml += "    ping_interval: 100ms\n    retry_delay: 20ms\n";
    yaml += "vmcps:\n  v:\n    catalog_cache: off\n    servers: [frozen]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    let first = c.call_text("frozen_pid", json!({}));
    // Stopped, not dead: only an unanswered ping shows it. It is killed and replaced.
    let pid: i32 = first.parse().expect("pid");
    crate::harness::procs::signal(pid, "STOP");
    let restarted = wait_for(Duration::from_secs(10), || {
        (initializes(&home, "frozen.events") >= 2).then_some(())
    });
    assert!(
        restarted.is_some(),
        "never restarted: {:?}",
        home.events("frozen.events")
    );
    assert!(c.stderr().contains("health ping failed"), "{}", c.stderr());
    let fresh = c.call_text_when_up("frozen_pid", &json!({}), Duration::from_secs(10));
    assert_ne!(fresh, first);
    assert!(
        crate::harness::procs::wait_gone(&[pid], Duration::from_secs(5)).is_empty(),
        "the frozen process was left behind"
    );
}

#[test]
fn startup_concurrency_bounds_how_many_servers_start_at_once() {
    let home = Home::new();
    let events = home.path("all.events");
    let mut yaml = String::from("servers:\n");
    for name in ["a", "b", "c"] {
        yaml += &upstream_entry(
            name,
            &[
                "--tools-only",
                "--startup-delay-ms",
                "250",
                "--events",
                events.to_str().unwrap(),
            ],
        );
    }
    yaml += "vmcps:\n  v:\n    startup_concurrency: 1\n    catalog_cache: off\n    servers: [a, b, c]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    let started = std::time::Instant::now();
    c.initialize();
    assert_eq!(c.tool_names().len(), 60);
    // Three 250 ms starts one after the other cannot complete sooner than 750 ms (at once, they
    // would take about 250 ms).
    assert!(
        started.elapsed() >= Duration::from_millis(750),
        "{:?}",
        started.elapsed()
    );
    // One at a time: each server's handshake completes before the next one is spawned.
    let lines: Vec<String> = home
        .events("all.events")
        .into_iter()
        .filter(|l| l.contains(" initialize protocol=") || l.ends_with(" initialized"))
        .map(|l| {
            let mut words = l.split(' ');
            format!(
                "{} {}",
                words.next().unwrap_or(""),
                words.next().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(lines.len(), 6, "{lines:?}");
    for pair in lines.chunks(2) {
        let server = pair[0].split(' ').next().unwrap();
        assert_eq!(
            pair,
            [
                format!("{server} initialize"),
                format!("{server} initialized")
            ],
            "{lines:?}"
        );
    }
}

/// vmcp's peak resident memory (`VmHWM`) in bytes.
fn peak_rss(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb * 1024
}

#[test]
fn a_huge_stderr_line_costs_no_memory() {
    const LINE: usize = 300 * 1024 * 1024;
    let home = Home::new();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("loud", &["--stderr-bytes", &LINE.to_string()]);
    yaml += "vmcps:\n  v:\n    servers: [loud]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    // The upstream writes the whole line before it serves: an answer means vmcp read it all.
    assert_eq!(c.call_text("loud_echo", json!({"message": "hi"})), "hi");
    let peak = peak_rss(c.pid());
    assert!(
        peak < 64 * 1024 * 1024,
        "vmcp peaked at {} MiB reading a {} MiB stderr line",
        peak >> 20,
        LINE >> 20
    );
}

#[test]
fn a_restarted_server_is_subscribed_once_to_each_resource_the_client_holds() {
    let home = Home::new();
    let events = home.path("up.events");
    let pidfile = home.path("up.pid");
    let mut yaml = String::from("servers:\n");
    // Slow to start, so a subscription can arrive while it restarts.
    yaml += &upstream_entry(
        "up",
        &[
            "--events",
            events.to_str().unwrap(),
            "--pidfile",
            pidfile.to_str().unwrap(),
            "--startup-delay-ms",
            "1500",
        ],
    );
    yaml += "    retry_delay: 10ms\nvmcps:\n  v:\n    servers: [up]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    for uri in ["test://up/items/a", "test://up/items/b"] {
        c.ok("resources/subscribe", json!({"uri": uri}));
    }
    c.ok("resources/unsubscribe", json!({"uri": "test://up/items/b"}));
    let old = home.read_pid("up.pid");
    let r = c.call("up_crash", json!({}));
    assert_eq!(r["isError"], true, "{r}");
    let restarting = wait_for(Duration::from_secs(10), || {
        (home.read_pid("up.pid") != old).then_some(())
    });
    assert!(restarting.is_some(), "the server was not restarted");
    // Subscribed while the new process starts (answered once it is ready). Sorted first, it
    // would be renewed before `a`: once `a` was asked for, every request was made.
    c.ok("resources/subscribe", json!({"uri": "test://up/items/0"}));
    let asked = wait_for(Duration::from_secs(10), || {
        let got = crate::serve_subscriptions::subscribed_by_latest(&events, "up");
        got.contains(&"test://up/items/a".to_string())
            .then_some(got)
    });
    assert_eq!(
        asked,
        Some(vec![
            "test://up/items/0".to_string(),
            "test://up/items/a".to_string()
        ]),
        "{:?}",
        home.events("up.events")
    );
}
