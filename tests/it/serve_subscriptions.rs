//! Resource subscriptions on a `scope: shared` server under `vmcp serve`, across its restarts:
//! whatever the sessions hold is subscribed on each new process exactly once, those made while
//! it restarted and those a session brings to a new instance after it is ready included.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;

use crate::harness::http::Serve;
use crate::harness::{Home, upstream_entry, wait_for};
use crate::serve::legacy;

/// A vMCP `v` of one shared test upstream `pool` started with `args`, recording its events in
/// file `events` (returned).
fn pool_with(home: &Home, events: &str, args: &[&str]) -> PathBuf {
    let events = home.path(events);
    let mut all = vec!["--events", events.to_str().unwrap()];
    all.extend_from_slice(args);
    home.config(&format!(
        "servers:\n{}    retry_delay: 50ms\nvmcps:\n  v:\n    servers:\n      pool: {{scope: shared}}\n",
        upstream_entry("pool", &all),
    ));
    events
}

fn serve(home: &Home) -> Serve {
    Serve::start(home.dir.path(), &home.path("vmcp.yaml"), &["--no-auth"])
}

/// A legacy session whose upstreams run.
fn session(s: &Serve) -> String {
    let sid = s.initialize("v", &[]);
    assert_eq!(legacy(s, &sid, 2, "tools/list", json!({})).status, 200);
    sid
}

fn subscribe(s: &Serve, sid: &str, uri: &str) {
    let r = legacy(s, sid, 3, "resources/subscribe", json!({"uri": uri}));
    assert_eq!(r.status, 200);
    let answer = r.json();
    assert!(answer.get("result").is_some(), "{answer}");
}

/// The URIs the latest process of test upstream `server` recording in `events` was asked to
/// subscribe to, sorted, once per request (what the processes before it were asked is left out).
pub(crate) fn subscribed_by_latest(events: &Path, server: &str) -> Vec<String> {
    let log = std::fs::read_to_string(events).unwrap_or_default();
    let lines: Vec<&str> = log.lines().collect();
    let latest = lines
        .iter()
        .rposition(|l| l.starts_with(&format!("{server} initialize")))
        .unwrap_or(0);
    let asked = format!("{server} resources/subscribe ");
    let mut uris: Vec<String> = lines[latest..]
        .iter()
        .filter_map(|l| l.strip_prefix(&asked))
        .map(|u| u.trim_matches('"').to_string())
        .collect();
    uris.sort();
    uris
}

/// Waits until the latest process was asked for every one of `uris`; then what it was asked.
fn renewed(events: &Path, uris: &[&str]) -> Vec<String> {
    let all = wait_for(Duration::from_secs(10), || {
        let got = subscribed_by_latest(events, "pool");
        uris.iter()
            .all(|u| got.iter().any(|g| g == u))
            .then_some(got)
    });
    all.unwrap_or_else(|| {
        panic!(
            "the new process was not asked for every one of {uris:?}:\n{}",
            std::fs::read_to_string(events).unwrap_or_default()
        )
    })
}

#[test]
fn a_crashed_shared_server_is_asked_once_for_every_uri_held_those_subscribed_meanwhile_included() {
    let home = Home::new();
    let pidfile = home.path("pool.pid");
    // Slow to start, so a subscription can arrive while it restarts.
    let events = pool_with(
        &home,
        "pool.events",
        &[
            "--pidfile",
            pidfile.to_str().unwrap(),
            "--startup-delay-ms",
            "1500",
        ],
    );
    let s = serve(&home);
    let (a, b) = (session(&s), session(&s));
    subscribe(&s, &a, "test://pool/items/a");
    subscribe(&s, &b, "test://pool/items/b");
    subscribe(&s, &a, "test://pool/items/c");
    subscribe(&s, &b, "test://pool/items/c");
    // Held by nobody any more: not renewed.
    subscribe(&s, &a, "test://pool/items/d");
    let left = legacy(
        &s,
        &a,
        3,
        "resources/unsubscribe",
        json!({"uri": "test://pool/items/d"}),
    );
    assert_eq!(left.status, 200);
    let old = home.read_pid("pool.pid");
    let crashed = legacy(
        &s,
        &a,
        4,
        "tools/call",
        json!({"name": "pool_crash", "arguments": {}}),
    );
    assert_eq!(crashed.status, 200);
    let restarting = wait_for(Duration::from_secs(10), || {
        (home.read_pid("pool.pid") != old).then_some(())
    });
    assert!(restarting.is_some(), "the shared server was not restarted");
    // Held by nobody yet, subscribed while the new process starts (answered once it is ready).
    // Sorted first, it would be renewed first: once the others were, every request was made.
    subscribe(&s, &b, "test://pool/items/0");
    let asked = renewed(
        &events,
        &[
            "test://pool/items/a",
            "test://pool/items/b",
            "test://pool/items/c",
        ],
    );
    assert_eq!(
        asked,
        [
            "test://pool/items/0",
            "test://pool/items/a",
            "test://pool/items/b",
            "test://pool/items/c"
        ],
        "{}",
        std::fs::read_to_string(&events).unwrap_or_default()
    );
}

#[test]
fn an_edit_that_restarts_a_shared_server_asks_the_new_instance_once_for_every_uri_held() {
    let home = Home::new();
    pool_with(&home, "old.events", &[]);
    let s = serve(&home);
    // Enough sessions that the round of their reloads outlasts the start of the new instance:
    // those that reload once it is ready still bring it URIs nobody asked it for yet.
    let sessions: Vec<String> = (0..30).map(|_| session(&s)).collect();
    let uris: Vec<String> = (0..sessions.len())
        .map(|i| format!("test://pool/items/{i:02}"))
        .collect();
    for (sid, uri) in sessions.iter().zip(&uris) {
        subscribe(&s, sid, uri);
        subscribe(&s, sid, "test://pool/items/all");
    }
    // The new instance records elsewhere.
    let events = pool_with(&home, "new.events", &[]);
    let mut expected: Vec<&str> = uris.iter().map(String::as_str).collect();
    expected.push("test://pool/items/all");
    let asked = renewed(&events, &expected);
    assert_eq!(
        asked,
        expected,
        "{}",
        std::fs::read_to_string(&events).unwrap_or_default()
    );
}
