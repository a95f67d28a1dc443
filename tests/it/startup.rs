//! Startup of the upstream set: concurrent, isolated, bounded; late upstreams announced.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::{Home, upstream_entry};

#[test]
fn a_slow_upstream_does_not_block_a_fast_one() {
    let home = Home::new();
    let slow_events = home.path("slow.log").display().to_string();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("fast", &[]);
    yaml += &upstream_entry(
        "slow",
        &["--startup-delay-ms", "3000", "--events", &slow_events],
    );
    yaml += "vmcps:\n  v:\n    servers: [fast, slow]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    // A call to the fast server is served while the slow one has not even read `initialize`.
    assert_eq!(
        c.call_text("fast_echo", json!({"message": "quick"})),
        "quick"
    );
    assert!(
        !home
            .events("slow.log")
            .iter()
            .any(|l| l.contains("initialize")),
        "the slow upstream was already initialized: {:?}",
        home.events("slow.log")
    );
    // The first list waits for both, so it is complete.
    let names = c.tool_names();
    assert!(
        names.contains(&"fast_echo".to_string()) && names.contains(&"slow_echo".to_string()),
        "{names:?}"
    );
}

#[test]
fn a_failing_upstream_is_isolated_and_its_stderr_logged() {
    let home = Home::new();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("good", &[]);
    yaml += &upstream_entry("broken", &["--exit-immediately", "7"]);
    yaml += "  missing:\n    command: /nonexistent/mcp-server\n    trust: always\n";
    yaml += "vmcps:\n  v:\n    servers: [good, broken, missing]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    let names = c.tool_names();
    assert!(names.iter().all(|n| n.starts_with("good_")), "{names:?}");
    assert_eq!(
        c.call_text("good_echo", json!({"message": "still here"})),
        "still here"
    );
    let stderr = c.stderr();
    assert!(stderr.contains("process exited with status 7"), "{stderr}");
    assert!(
        stderr.contains("broken: fatal: simulated startup failure"),
        "stderr tail is logged: {stderr}"
    );
    assert!(
        stderr.contains("cannot start `/nonexistent/mcp-server`: program not found"),
        "{stderr}"
    );
}

#[test]
fn a_hung_upstream_fails_at_its_startup_deadline() {
    let home = Home::new();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("good", &[]);
    yaml += &upstream_entry("hung", &["--hang"]);
    yaml += "    startup_timeout: 700ms\n";
    yaml += "vmcps:\n  v:\n    servers: [good, hung]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    let names = c.tool_names();
    assert!(
        !names.is_empty() && names.iter().all(|n| n.starts_with("good_")),
        "{names:?}"
    );
    assert!(
        c.stderr().contains("did not finish starting within 700ms"),
        "{}",
        c.stderr()
    );
}

#[test]
fn a_late_upstream_is_announced_with_list_changed() {
    let home = Home::new();
    let marker = home.path("started-once").display().to_string();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("good", &[]);
    yaml += &upstream_entry(
        "late",
        &["--startup-delay-ms", "3000", "--slow-once", &marker],
    );
    yaml += "    startup_timeout: 500ms\n";
    yaml += "vmcps:\n  v:\n    servers: [good, late]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    let first = c.tool_names();
    assert!(first.iter().all(|n| n.starts_with("good_")), "{first:?}");
    // First attempt timed out; the retry starts fast and its tools are announced.
    c.notification("notifications/tools/list_changed");
    let second = c.tool_names();
    assert!(second.contains(&"late_echo".to_string()), "{second:?}");
}

#[test]
fn a_crashed_upstream_fails_its_call_and_is_restarted() {
    let home = Home::new();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("flaky", &["--crash-after", "2"]);
    yaml += "vmcps:\n  v:\n    servers: [flaky]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    let pid = c.call_text("flaky_pid", json!({}));
    assert_eq!(c.call_text("flaky_counter", json!({})), "1");
    let r = c.call("flaky_counter", json!({}));
    assert_eq!(r["isError"], true, "{r}");
    let text = r["content"][0]["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("server `flaky`") && text.contains("process exited with status 3"),
        "{text}"
    );
    // Restarted with backoff: a fresh process (state is lost, as it must be).
    let fresh = c.call_text_when_up("flaky_pid", &json!({}), Duration::from_secs(15));
    assert_ne!(fresh, pid);
    assert_eq!(c.call_text("flaky_counter", json!({})), "1");
    let _ = c.ok("tools/list", Value::Null);
}
