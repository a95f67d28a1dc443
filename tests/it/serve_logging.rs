//! Log levels under `vmcp serve`, where one upstream may serve many callers: a legacy
//! session's `logging/setLevel` and a 2026-07-28 request's own `logLevel` each govern what
//! that caller gets, and neither lowers nor raises what the others get. A 2025-11-25 server logs
//! per connection, so a shared one logs in the most detail anyone asked for and each caller's
//! level filters what it gets; a 2026-07-28 server logs per request, so each request carries its
//! own caller's level and its messages go to that caller only.

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::fixtures::{RMCP_UPSTREAM, example, rmcp_upstream_http};
use crate::harness::http::{Reply, Serve, modern, send};
use crate::harness::{Home, upstream_entry, wait_for};
use crate::serve::{legacy, serve_v, text};

const LOG_LEVEL: &str = "io.modelcontextprotocol/logLevel";

/// The test upstream as server `pool` (shared), recording its events in `pool.events`.
fn pool_entry(home: &Home) -> String {
    let events = home.path("pool.events").display().to_string();
    upstream_entry("pool", &["--events", &events])
}

/// The rmcp fixture, 2026-07-28 only, as server `name`.
fn modern_entry(name: &str) -> String {
    format!(
        "  {name}:\n    command: {}\n    args: [\"--era\", \"modern\"]\n    trust: always\n",
        example(RMCP_UPSTREAM).display()
    )
}

/// The `logging/setLevel` requests the test upstream got, in order.
fn levels_set(events: &Path) -> Vec<String> {
    std::fs::read_to_string(events)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("pool setLevel "))
        .map(String::from)
        .collect()
}

/// A legacy session that listed the tools (so its upstreams run) and holds its GET stream.
fn listening_session(s: &Serve) -> (String, Reply) {
    let sid = s.initialize("v", &[]);
    assert_eq!(legacy(s, &sid, 2, "tools/list", json!({})).status, 200);
    let stream = send(
        "GET",
        &s.url("v"),
        &[("Mcp-Session-Id", &sid), ("Accept", "text/event-stream")],
        None,
    );
    assert_eq!(stream.status, 200);
    (sid, stream)
}

fn set_level(s: &Serve, sid: &str, level: &str) {
    let set = legacy(s, sid, 3, "logging/setLevel", json!({"level": level}));
    assert_eq!(set.status, 200);
}

/// A legacy `tools/call` in session `sid`: its whole stream (or body), answer last.
fn legacy_call(s: &Serve, sid: &str, name: &str, arguments: Value) -> Vec<Value> {
    let r = legacy(
        s,
        sid,
        7,
        "tools/call",
        json!({"name": name, "arguments": arguments}),
    );
    every_message(r)
}

/// A modern `tools/call` with `_meta` `meta`: its whole stream (or body), answer last.
fn modern_call(s: &Serve, name: &str, arguments: Value, meta: Value) -> Vec<Value> {
    let r = modern(
        &s.url("v"),
        &[],
        5,
        "tools/call",
        json!({"name": name, "arguments": arguments, "_meta": meta}),
    );
    every_message(r)
}

fn every_message(r: Reply) -> Vec<Value> {
    assert_eq!(r.status, 200);
    if r.header("content-type")
        .is_some_and(|c| c.starts_with("text/event-stream"))
    {
        r.events()
    } else {
        vec![r.json()]
    }
}

/// The `data` of the log messages among `messages`.
fn logged(messages: &[Value]) -> Vec<Value> {
    messages
        .iter()
        .filter(|m| m["method"] == "notifications/message")
        .map(|m| m["params"]["data"].clone())
        .collect()
}

/// The log level the rmcp fixture saw on a request (its `echo_meta` tool), as the answer of
/// `messages` reports it.
fn level_seen(messages: &[Value]) -> Value {
    let answer = messages.last().expect("an answer");
    let seen: Value = serde_json::from_str(&text(answer)).expect("echo_meta answers JSON");
    seen["logLevel"].clone()
}

/// What `stream` carries up to the next list change.
fn until_list_change(stream: &mut Reply) -> Vec<Value> {
    let mut seen = Vec::new();
    while let Some(event) = stream.event() {
        if event["method"] == "notifications/tools/list_changed" {
            return seen;
        }
        seen.push(event);
    }
    panic!("the stream ended before a list change: {seen:?}");
}

/// Makes a list change that every session hears (on its GET stream) after what came before.
fn list_change(s: &Serve, sid: &str) {
    legacy_call(s, sid, "pool_add_tool", json!({"name": "late"}));
}

#[test]
fn a_modern_requests_level_neither_raises_a_shared_servers_level_nor_is_forgotten_by_it() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n{}vmcps:\n  v:\n    servers:\n      pool: {{scope: shared}}\n",
        pool_entry(&home)
    ));
    let events = home.path("pool.events");
    let s = serve_v(&home, &[]);
    let (b, mut b_stream) = listening_session(&s);
    set_level(&s, &b, "debug");
    let asked = wait_for(Duration::from_secs(10), || {
        (levels_set(&events).len() == 1).then_some(())
    });
    assert!(asked.is_some(), "{:?}", levels_set(&events));
    // A modern request that wants errors only: a warning is not for it (B, who wants all the
    // server says, gets it), and the server keeps logging in the detail B asked for.
    let warning = json!({"level": "warning", "message": "m1"});
    let got = modern_call(&s, "pool_log", warning, json!({LOG_LEVEL: "error"}));
    assert!(logged(&got).is_empty(), "{got:?}");
    legacy_call(
        &s,
        &b,
        "pool_log",
        json!({"level": "info", "message": "b1"}),
    );
    list_change(&s, &b);
    assert_eq!(logged(&until_list_change(&mut b_stream)), ["m1", "b1"]);
    // A modern request that wants debug detail gets it; then a session asking for errors only
    // does not raise the server's level over that request's head.
    let debug = json!({"level": "debug", "message": "m2"});
    let got = modern_call(&s, "pool_log", debug.clone(), json!({LOG_LEVEL: "debug"}));
    assert_eq!(logged(&got), ["m2"], "{got:?}");
    let (a, _a_stream) = listening_session(&s);
    set_level(&s, &a, "error");
    let got = modern_call(&s, "pool_log", debug, json!({LOG_LEVEL: "debug"}));
    assert_eq!(logged(&got), ["m2"], "{got:?}");
    assert_eq!(levels_set(&events), ["\"debug\""]);
}

#[test]
fn a_modern_server_hears_each_requests_own_level_whatever_the_others_asked_for() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n{}{}vmcps:\n  v:\n    servers:\n      m: {{scope: shared}}\n      n: {{}}\n",
        modern_entry("m"),
        modern_entry("n"),
    ));
    let s = serve_v(&home, &[]);
    let b = s.initialize("v", &[]);
    set_level(&s, &b, "debug");
    let legacy_level = |sid: &str| level_seen(&legacy_call(&s, sid, "m_echo_meta", json!({})));
    let modern_level =
        |tool: &str, meta: Value| level_seen(&modern_call(&s, tool, json!({}), meta));
    assert_eq!(legacy_level(&b), "debug");
    // The shared server: a modern request's level is its own, and the legacy session's stays
    // B's.
    assert_eq!(
        modern_level("m_echo_meta", json!({LOG_LEVEL: "error"})),
        "error"
    );
    assert_eq!(legacy_level(&b), "debug");
    assert_eq!(modern_level("m_echo_meta", json!({})), Value::Null);
    let a = s.initialize("v", &[]);
    assert_eq!(legacy_level(&a), Value::Null, "A never asked for logs");
    // The server of the modern requests' own Session: one request's level is not the next's.
    assert_eq!(
        modern_level("n_echo_meta", json!({LOG_LEVEL: "debug"})),
        "debug"
    );
    assert_eq!(modern_level("n_echo_meta", json!({})), Value::Null);
}

#[test]
fn a_modern_servers_log_messages_go_to_the_request_they_belong_to() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n{}{}vmcps:\n  v:\n    servers:\n      m: {{scope: shared}}\n      pool: {{scope: shared}}\n",
        modern_entry("m"),
        pool_entry(&home),
    ));
    let s = serve_v(&home, &[]);
    let (b, mut b_stream) = listening_session(&s);
    set_level(&s, &b, "debug");
    // A modern request's messages are its own: on its stream, not on B's.
    let got = modern_call(
        &s,
        "m_test_logging_tool",
        json!({}),
        json!({LOG_LEVEL: "info"}),
    );
    assert_eq!(logged(&got), ["logLevel was requested"], "{got:?}");
    // B's request's messages come with its answer.
    let got = legacy_call(&s, &b, "m_test_logging_tool", json!({}));
    assert_eq!(logged(&got), ["logLevel was requested"], "{got:?}");
    list_change(&s, &b);
    let between = until_list_change(&mut b_stream);
    assert!(between.is_empty(), "{between:?}");
}

#[test]
fn concurrent_requests_to_a_modern_http_server_get_only_their_own_log_messages() {
    let (_server, url) = rmcp_upstream_http(&["--era", "modern"]);
    let home = Home::new();
    home.config(&format!(
        "servers:\n  m:\n    url: {url}\n    trust: always\nvmcps:\n  v:\n    servers:\n      m: {{scope: shared}}\n"
    ));
    let s = serve_v(&home, &[]);
    // A long request that wants every message, in flight once its progress shows.
    let mut long = modern(
        &s.url("v"),
        &[],
        9,
        "tools/call",
        json!({"name": "m_wait", "arguments": {"ms": 1500},
               "_meta": {LOG_LEVEL: "debug", "progressToken": "p"}}),
    );
    let first = long.event().expect("progress");
    assert_eq!(first["method"], "notifications/progress", "{first}");
    // Over HTTP each request's messages come on its own stream: another request's are its own.
    let got = modern_call(
        &s,
        "m_test_tool_with_logging",
        json!({}),
        json!({LOG_LEVEL: "info"}),
    );
    assert_eq!(logged(&got).len(), 3, "{got:?}");
    let rest = long.events();
    assert!(logged(&rest).is_empty(), "{rest:?}");
    assert!(
        rest.last().is_some_and(|a| a["result"].is_object()),
        "{rest:?}"
    );
}
