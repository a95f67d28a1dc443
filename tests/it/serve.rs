//! `vmcp serve`: the same vMCPs over streamable HTTP, through the real binary and real sockets.
//! Legacy (2025-11-25) clients get sessions of their own (each its own upstreams, ended by
//! DELETE, idle TTL or eviction); modern (2026-07-28) requests share one Session per vMCP, with
//! their headers checked against the body. Access: loopback `Host`/`Origin`, bearer tokens.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::http::{Serve, modern, post, send};
use crate::harness::procs::{alive, children, signal, wait_gone};
use crate::harness::{Home, one_upstream, run_vmcp, upstream_entry, wait_for};

pub(crate) fn text(answer: &Value) -> String {
    answer["result"]["content"][0]["text"]
        .as_str()
        .unwrap_or_else(|| panic!("no text result: {answer}"))
        .to_string()
}

/// A legacy request in session `sid`.
pub(crate) fn legacy(
    s: &Serve,
    sid: &str,
    id: i64,
    method: &str,
    params: Value,
) -> crate::harness::http::Reply {
    post(
        &s.url("v"),
        &[
            ("Mcp-Session-Id", sid),
            ("MCP-Protocol-Version", "2025-11-25"),
        ],
        &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
    )
}

/// The pid of the upstream serving session `sid` (the test upstream's `pid` tool).
fn upstream_pid(s: &Serve, sid: &str) -> i32 {
    let answer = legacy(
        s,
        sid,
        9,
        "tools/call",
        json!({"name": "s_pid", "arguments": {}}),
    )
    .json();
    text(&answer).parse().unwrap()
}

/// The test upstreams `pid` started (its other child is the reaper).
pub(crate) fn upstreams_of(pid: i32) -> Vec<i32> {
    children(pid)
        .into_iter()
        .filter(|c| {
            std::fs::read(format!("/proc/{c}/cmdline"))
                .is_ok_and(|l| String::from_utf8_lossy(&l).contains("vmcp-test-upstream"))
        })
        .collect()
}

pub(crate) fn serve_v(home: &Home, args: &[&str]) -> Serve {
    let mut all = vec!["--no-auth"];
    all.extend_from_slice(args);
    Serve::start(home.dir.path(), &home.path("vmcp.yaml"), &all)
}

#[test]
fn a_legacy_session_lists_calls_streams_progress_and_ends_with_delete() {
    let home = one_upstream(&[]);
    let s = serve_v(&home, &[]);
    let sid = s.initialize("v", &[]);
    let ack = post(
        &s.url("v"),
        &[("Mcp-Session-Id", &sid)],
        &json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
    );
    assert_eq!(ack.status, 202);
    let list = legacy(&s, &sid, 2, "tools/list", json!({})).json();
    let names: Vec<&str> = list["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert!(names.contains(&"s_echo"), "{names:?}");
    let echo = legacy(
        &s,
        &sid,
        3,
        "tools/call",
        json!({"name": "s_echo", "arguments": {"message": "hi"}}),
    );
    assert_eq!(echo.header("content-type"), Some("application/json"));
    assert_eq!(text(&echo.json()), "hi");
    // Progress comes first, on the request's own SSE stream, under the client's token.
    let progress = legacy(
        &s,
        &sid,
        4,
        "tools/call",
        json!({"name": "s_progress", "arguments": {"steps": 2}, "_meta": {"progressToken": "tok"}}),
    );
    assert!(
        progress
            .header("content-type")
            .unwrap()
            .starts_with("text/event-stream")
    );
    let events = progress.events();
    assert_eq!(events.len(), 3, "{events:?}");
    assert_eq!(events[0]["method"], "notifications/progress");
    assert_eq!(events[0]["params"]["progressToken"], "tok");
    assert_eq!(events[2]["id"], 4);
    // Each session has its own upstream; DELETE stops it and forgets the session.
    let pid = upstream_pid(&s, &sid);
    let other = s.initialize("v", &[]);
    assert_ne!(upstream_pid(&s, &other), pid);
    let deleted = send("DELETE", &s.url("v"), &[("Mcp-Session-Id", &sid)], None);
    assert_eq!(deleted.status, 200);
    assert_eq!(
        wait_gone(&[pid], Duration::from_secs(10)),
        Vec::<i32>::new()
    );
    let after = legacy(&s, &sid, 5, "tools/list", json!({}));
    assert_eq!(after.status, 404);
    assert_eq!(
        legacy(&s, "no-such-session", 6, "tools/list", json!({})).status,
        404
    );
    // Without a session id, a legacy request is a bad request.
    let bare = post(
        &s.url("v"),
        &[],
        &json!({"jsonrpc": "2.0", "id": 7, "method": "tools/list"}),
    );
    assert_eq!(bare.status, 400);
    // The other session is untouched.
    assert_eq!(
        text(
            &legacy(
                &s,
                &other,
                8,
                "tools/call",
                json!({"name": "s_echo", "arguments": {"message": "still"}})
            )
            .json()
        ),
        "still"
    );
}

#[test]
fn modern_requests_share_one_session_and_their_headers_must_match_the_body() {
    let home = one_upstream(&[]);
    let s = serve_v(&home, &[]);
    let url = s.url("v");
    let pid = |id| -> String {
        text(
            &modern(
                &url,
                &[],
                id,
                "tools/call",
                json!({"name": "s_pid", "arguments": {}}),
            )
            .answer(),
        )
    };
    let first = pid(1);
    assert_eq!(
        pid(2),
        first,
        "modern requests share the vMCP's one Session"
    );
    let echo = modern(
        &url,
        &[],
        3,
        "tools/call",
        json!({"name": "s_echo", "arguments": {"message": "m"}}),
    );
    assert_eq!(echo.status, 200);
    let answer = echo.answer();
    assert_eq!(answer["result"]["resultType"], "complete", "{answer}");
    // Mcp-Name disagrees with the body.
    let call = |headers: &[(&str, &str)]| {
        let mut h = vec![
            ("Content-Type", "application/json"),
            ("Accept", "application/json, text/event-stream"),
        ];
        h.extend_from_slice(headers);
        let body = json!({"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": crate::harness::http::modern_params(json!({"name": "s_echo", "arguments": {"message": "x"}}))});
        send("POST", &url, &h, Some(&body.to_string()))
    };
    for headers in [
        vec![
            ("MCP-Protocol-Version", "2026-07-28"),
            ("Mcp-Method", "tools/call"),
            ("Mcp-Name", "s_add"),
        ],
        vec![
            ("MCP-Protocol-Version", "2026-07-28"),
            ("Mcp-Method", "tools/call"),
        ],
        vec![
            ("MCP-Protocol-Version", "2026-07-28"),
            ("Mcp-Method", "tools/list"),
            ("Mcp-Name", "s_echo"),
        ],
        vec![
            ("MCP-Protocol-Version", "2025-11-25"),
            ("Mcp-Method", "tools/call"),
            ("Mcp-Name", "s_echo"),
        ],
    ] {
        let r = call(&headers);
        assert_eq!(r.status, 400, "{headers:?}");
        assert_eq!(r.json()["error"]["code"], -32020, "{headers:?}");
    }
    // Base64-sentinel names decode before the comparison.
    let encoded = call(&[
        ("MCP-Protocol-Version", "2026-07-28"),
        ("Mcp-Method", "tools/call"),
        ("Mcp-Name", "=?base64?c19lY2hv?="),
    ]);
    assert_eq!(encoded.status, 200);
    // Methods the revision removed: 404 with −32601.
    let init = modern(&url, &[], 5, "initialize", json!({}));
    assert_eq!(init.status, 404);
    assert_eq!(init.json()["error"]["code"], -32601);
    // An unknown version: 400 with −32022 and the supported list.
    let mut params = crate::harness::http::modern_params(json!({}));
    params["_meta"]["io.modelcontextprotocol/protocolVersion"] = json!("2099-01-01");
    let r = post(
        &url,
        &[
            ("MCP-Protocol-Version", "2099-01-01"),
            ("Mcp-Method", "tools/list"),
        ],
        &json!({"jsonrpc": "2.0", "id": 6, "method": "tools/list", "params": params}),
    );
    assert_eq!(r.status, 400);
    let e = r.json();
    assert_eq!(e["error"]["code"], -32022, "{e}");
    // No GET stream or DELETE without a session.
    assert_eq!(
        send("GET", &url, &[("Accept", "text/event-stream")], None).status,
        405
    );
    assert_eq!(send("DELETE", &url, &[], None).status, 405);
    // Transport errors: not JSON, wrong content type, unknown vMCP.
    let bad = send(
        "POST",
        &url,
        &[("Content-Type", "application/json")],
        Some("{not json"),
    );
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["code"], -32700);
    assert_eq!(
        send("POST", &url, &[("Content-Type", "text/plain")], Some("{}")).status,
        415
    );
    assert_eq!(
        modern(&s.url("nope"), &[], 7, "tools/list", json!({})).status,
        404
    );
}

#[test]
fn idle_sessions_expire_and_their_upstreams_stop() {
    let home = one_upstream(&[]);
    let s = serve_v(&home, &["--session-ttl", "1s"]);
    let sid = s.initialize("v", &[]);
    let pid = upstream_pid(&s, &sid);
    assert!(alive(pid));
    assert_eq!(
        wait_gone(&[pid], Duration::from_secs(15)),
        Vec::<i32>::new(),
        "the idle session's upstream still runs"
    );
    assert_eq!(legacy(&s, &sid, 2, "tools/list", json!({})).status, 404);
}

#[test]
fn past_max_sessions_the_least_recently_used_session_is_evicted() {
    let home = one_upstream(&[]);
    let s = serve_v(&home, &["--max-sessions", "2"]);
    let first = s.initialize("v", &[]);
    let first_pid = upstream_pid(&s, &first);
    let second = s.initialize("v", &[]);
    let second_pid = upstream_pid(&s, &second);
    // The first is used after the second, which is now the least recently used.
    upstream_pid(&s, &first);
    let third = s.initialize("v", &[]);
    let third_pid = upstream_pid(&s, &third);
    assert_eq!(
        wait_gone(&[second_pid], Duration::from_secs(10)),
        Vec::<i32>::new()
    );
    assert_eq!(legacy(&s, &second, 2, "tools/list", json!({})).status, 404);
    assert!(alive(first_pid) && alive(third_pid));
    // Two sessions' upstreams (the shared modern Session has launched none).
    let upstreams = wait_for(Duration::from_secs(5), || {
        let n = upstreams_of(s.pid()).len();
        (n == 2).then_some(n)
    });
    assert_eq!(upstreams, Some(2), "upstreams: {:?}", upstreams_of(s.pid()));
}

#[test]
fn foreign_origins_and_hosts_are_refused_on_loopback() {
    let home = one_upstream(&[]);
    let s = serve_v(&home, &["--allow-origin", "https://app.example"]);
    let url = s.url("v");
    let list = |headers: &[(&str, &str)]| modern(&url, headers, 1, "tools/list", json!({})).status;
    assert_eq!(list(&[("Origin", "http://evil.example")]), 403);
    assert_eq!(list(&[("Host", "evil.example:7332")]), 403);
    assert_eq!(list(&[("Origin", "http://localhost:5173")]), 200);
    assert_eq!(list(&[("Origin", "https://app.example")]), 200);
    assert_eq!(list(&[]), 200);
    // Probes need no token and no MCP.
    for (path, status) in [("/healthz", 200), ("/readyz", 200), ("/nope", 404)] {
        let r = send("GET", &format!("{}{path}", s.base), &[], None);
        assert_eq!(r.status, status, "{path}");
    }
}

#[test]
fn tokens_let_in_their_callers_only_and_the_call_log_names_them() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n{}vmcps:\n  v:\n    servers: [s]\n  w:\n    servers: [s]\n",
        upstream_entry("s", &[])
    ));
    let dir = home.dir.path();
    let (code, laptop, err) = run_vmcp(&["serve", "token", "create", "laptop", "--vmcp", "v"], dir);
    assert_eq!(code, 0, "{err}");
    let laptop = laptop.trim().to_string();
    assert!(laptop.starts_with("vmcp_"), "{laptop}");
    let (code, other, _) = run_vmcp(&["serve", "token", "create", "ci", "--vmcp", "w"], dir);
    assert_eq!(code, 0);
    let other = other.trim().to_string();
    let (code, listed, _) = run_vmcp(&["serve", "token", "list", "--json"], dir);
    assert_eq!(code, 0);
    assert!(
        listed.contains("laptop") && !listed.contains(&laptop),
        "{listed}"
    );
    let s = Serve::start(dir, &home.path("vmcp.yaml"), &[]);
    let url = s.url("v");
    let bearer = |t: &str| format!("Bearer {t}");
    let echo = |auth: Option<&str>| {
        let h: Vec<(&str, &str)> = auth.map(|a| vec![("Authorization", a)]).unwrap_or_default();
        modern(
            &url,
            &h,
            1,
            "tools/call",
            json!({"name": "s_echo", "arguments": {"message": "a"}}),
        )
    };
    let missing = echo(None);
    assert_eq!(missing.status, 401);
    assert!(
        missing
            .header("www-authenticate")
            .is_some_and(|h| h.starts_with("Bearer"))
    );
    assert_eq!(echo(Some(&bearer("vmcp_0000"))).status, 401);
    assert_eq!(
        echo(Some(&bearer(&other))).status,
        403,
        "a token for another vMCP"
    );
    let ok = echo(Some(&bearer(&laptop)));
    assert_eq!(ok.status, 200);
    assert_eq!(text(&ok.answer()), "a");
    // A legacy session belongs to the token that opened it.
    let sid = s.initialize("v", &[("Authorization", &bearer(&laptop))]);
    assert_eq!(legacy(&s, &sid, 2, "tools/list", json!({})).status, 401);
    // Revoked: refused from then on (the server re-reads tokens within a second).
    let (code, _, err) = run_vmcp(&["serve", "token", "revoke", "laptop"], dir);
    assert_eq!(code, 0, "{err}");
    let refused = wait_for(Duration::from_secs(10), || {
        (echo(Some(&bearer(&laptop))).status == 401).then_some(())
    });
    assert!(refused.is_some(), "a revoked token still works");
    // The call log names the caller (written when the server stops).
    signal(s.pid(), "TERM");
    let mut s = s;
    crate::harness::procs::wait_exit(&mut s.child, Duration::from_secs(20)).expect("serve exits");
    let (_, log, _) = run_vmcp(&["log", "--json"], dir);
    assert!(log.contains("\"caller\":\"laptop\""), "{log}");
}

#[test]
fn the_calls_of_ended_sessions_reach_the_call_log_while_the_server_goes_on() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n{}vmcps:\n  v:\n    servers: [s]\n",
        upstream_entry("s", &[])
    ));
    let dir = home.dir.path();
    let s = Serve::start(dir, &home.path("vmcp.yaml"), &["--no-auth"]);
    // Sessions share the process's call log: ending one writes nothing of its own, and what
    // its calls left queued is written by the log's writer, not lost with the session.
    for (i, message) in ["first", "second"].iter().enumerate() {
        let sid = s.initialize("v", &[]);
        let id = i64::try_from(i).unwrap() + 2;
        let called = legacy(
            &s,
            &sid,
            id,
            "tools/call",
            json!({"name": "s_echo", "arguments": {"message": message}}),
        );
        assert_eq!(called.status, 200);
        let deleted = send("DELETE", &s.url("v"), &[("Mcp-Session-Id", &sid)], None);
        assert_eq!(deleted.status, 200);
    }
    let recorded = wait_for(Duration::from_secs(10), || {
        let (_, log, _) = run_vmcp(&["log", "--json"], dir);
        (log.matches("\"exposed\":\"s_echo\"").count() == 2).then_some(())
    });
    assert!(
        recorded.is_some(),
        "{}",
        run_vmcp(&["log", "--json"], dir).1
    );
    assert!(alive(s.pid()), "the server goes on");
}

#[test]
fn non_loopback_addresses_need_tokens() {
    let home = one_upstream(&[]);
    let (code, _, err) = run_vmcp(
        &[
            "serve",
            "--listen",
            "0.0.0.0:0",
            "--no-auth",
            "--config",
            home.path("vmcp.yaml").to_str().unwrap(),
        ],
        home.dir.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("without authentication"), "{err}");
}

#[test]
fn sigterm_lets_a_call_in_flight_finish_then_stops_every_upstream() {
    let events = "events.log";
    let home = Home::new();
    let path = home.path(events).display().to_string();
    home.config(&format!(
        "servers:\n{}vmcps:\n  v:\n    servers: [s]\n",
        upstream_entry("s", &["--events", &path])
    ));
    let s = serve_v(&home, &[]);
    let sid = s.initialize("v", &[]);
    let pid = upstream_pid(&s, &sid);
    let url = s.url("v");
    let slow = std::thread::spawn(move || {
        modern(
            &url,
            &[],
            1,
            "tools/call",
            json!({"name": "s_slow", "arguments": {"ms": 1500}}),
        )
        .answer()
    });
    home.wait_event(events, "slow started");
    let upstreams = upstreams_of(s.pid());
    assert_eq!(upstreams.len(), 2, "one per Session: {upstreams:?}");
    signal(s.pid(), "TERM");
    let answer = slow.join().unwrap();
    assert_eq!(text(&answer), "slept 1500 ms", "{answer}");
    let mut s = s;
    let status = crate::harness::procs::wait_exit(&mut s.child, Duration::from_secs(20))
        .expect("serve exits");
    assert!(status.success(), "{}", s.log());
    assert_eq!(
        wait_gone(&upstreams, Duration::from_secs(5)),
        Vec::<i32>::new()
    );
    assert!(!alive(pid));
}
