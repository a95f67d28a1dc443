//! Live definitions through `vmcp serve`: every Session of a served vMCP — each legacy
//! (2025-11-25) session and the shared one of modern (2026-07-28) requests — follows edits of
//! the definition and SIGHUP; clients hear of the lists that changed on their GET stream or
//! listen stream; a vMCP added while serving is served.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::http::{Reply, Serve, modern, post, send};
use crate::harness::procs::{alive, signal, wait_gone};
use crate::harness::{Home, wait_for};
use crate::live::yaml;
use crate::serve::{legacy, serve_v, text, upstreams_of};

const LIMIT: Duration = Duration::from_secs(20);

/// The tool names of a `tools/list` answer.
pub(crate) fn names(answer: &Value) -> Vec<String> {
    answer["result"]["tools"]
        .as_array()
        .unwrap_or_else(|| panic!("no tools: {answer}"))
        .iter()
        .filter_map(|t| t["name"].as_str().map(str::to_string))
        .collect()
}

/// A legacy session of `v`, initialized, that has listed its tools.
fn session(s: &Serve) -> String {
    let sid = s.initialize("v", &[]);
    let ack = post(
        &s.url("v"),
        &[("Mcp-Session-Id", &sid)],
        &json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
    );
    assert_eq!(ack.status, 202);
    sid
}

/// Calls tool `name` in legacy session `sid` until it is served; returns its text.
fn legacy_text(s: &Serve, sid: &str, name: &str) -> String {
    let mut last = Value::Null;
    wait_for(LIMIT, || {
        last = legacy(
            s,
            sid,
            7,
            "tools/call",
            json!({"name": name, "arguments": {}}),
        )
        .json();
        (last["result"]["isError"] != true && last.get("result").is_some()).then(|| text(&last))
    })
    .unwrap_or_else(|| panic!("`{name}` never served: {last}\n{}", s.log()))
}

fn legacy_tools(s: &Serve, sid: &str) -> Vec<String> {
    names(&legacy(s, sid, 8, "tools/list", json!({})).json())
}

fn modern_tools(s: &Serve, vmcp: &str) -> Vec<String> {
    names(&modern(&s.url(vmcp), &[], 9, "tools/list", json!({})).answer())
}

/// Reads `stream` until an event with `method` (within [`LIMIT`]).
fn next_event(stream: &mut Reply, method: &str) -> Value {
    let deadline = std::time::Instant::now() + LIMIT;
    loop {
        let event = stream
            .event_before(Some(deadline))
            .unwrap_or_else(|| panic!("no {method} within {LIMIT:?}"));
        if event["method"] == method {
            return event;
        }
    }
}

/// The status of a modern `tools/list` at `url`.
fn tools_status(url: &str) -> u16 {
    modern(url, &[], 5, "tools/list", json!({})).status
}

fn wait_log(s: &Serve, needle: &str) -> String {
    wait_for(LIMIT, || {
        let log = s.log();
        log.contains(needle).then_some(log)
    })
    .unwrap_or_else(|| panic!("the log never said {needle:?}:\n{}", s.log()))
}

/// The definition with vMCP `v` over server `s` (its selection `sel`), and vMCP `w` too when
/// `with_w`.
fn definition(sel: &str, with_w: bool) -> String {
    let mut y = yaml(&[("s", &[])], &[("s", sel)], "");
    if with_w {
        y += "  w:\n    servers: [s]\n";
    }
    y
}

#[test]
fn an_edit_reaches_legacy_sessions_and_modern_listeners_and_a_vmcp_added_is_served() {
    let home = Home::new();
    home.config(&definition("", false));
    let s = serve_v(&home, &[]);
    let url = s.url("v");
    let sid = session(&s);
    let pid = legacy_text(&s, &sid, "s_pid");
    assert!(legacy_tools(&s, &sid).contains(&"s_echo".to_string()));
    let mut stream = send(
        "GET",
        &url,
        &[("Mcp-Session-Id", &sid), ("Accept", "text/event-stream")],
        None,
    );
    assert_eq!(stream.status, 200);
    // The shared Session of modern requests, up, and a listen stream on it.
    wait_for(LIMIT, || {
        let r = modern(
            &url,
            &[],
            2,
            "tools/call",
            json!({"name": "s_pid", "arguments": {}}),
        );
        (r.answer()["result"]["isError"] != true).then_some(())
    })
    .expect("the shared session serves");
    let mut listen = modern(
        &url,
        &[],
        3,
        "subscriptions/listen",
        json!({"notifications": {"toolsListChanged": true}}),
    );
    next_event(&mut listen, "notifications/subscriptions/acknowledged");
    assert_eq!(tools_status(&s.url("w")), 404);

    home.config(&definition("tools: [counter, pid]", true));
    next_event(&mut stream, "notifications/tools/list_changed");
    // Announced once the new catalog is in force.
    assert_eq!(legacy_tools(&s, &sid), ["s_counter", "s_pid"]);
    next_event(&mut listen, "notifications/tools/list_changed");
    assert_eq!(modern_tools(&s, "v"), ["s_counter", "s_pid"]);
    assert_eq!(
        legacy_text(&s, &sid, "s_pid"),
        pid,
        "a filter restarts nothing"
    );
    // The vMCP added is served from now on.
    let w = wait_for(LIMIT, || {
        let r = modern(&s.url("w"), &[], 4, "tools/list", json!({}));
        (r.status == 200).then(|| names(&r.answer()))
    })
    .unwrap_or_else(|| panic!("`w` is not served:\n{}", s.log()));
    assert!(w.contains(&"s_echo".to_string()), "{w:?}");
    assert!(s.log().contains("/mcp/w"), "{}", s.log());
}

#[test]
fn sighup_reloads_every_session_and_serves_a_vmcp_added_meanwhile() {
    let home = Home::new();
    home.config(&definition("", false));
    let s = serve_v(&home, &["--no-watch", "-v"]);
    wait_log(&s, "not following edits");
    let sid = session(&s);
    let pid = legacy_text(&s, &sid, "s_pid");
    assert!(modern_tools(&s, "v").contains(&"s_echo".to_string()));
    home.config(&definition("tools: [pid]", true));
    signal(s.pid(), "HUP");
    wait_log(&s, "reloaded (SIGHUP)");
    assert_eq!(legacy_tools(&s, &sid), ["s_pid"]);
    assert_eq!(modern_tools(&s, "v"), ["s_pid"]);
    assert_eq!(legacy_text(&s, &sid, "s_pid"), pid);
    assert_eq!(tools_status(&s.url("w")), 200);
    assert!(alive(s.pid()), "SIGHUP does not stop vmcp serve");
    assert!(
        !s.log().contains("reloaded (the definition changed)"),
        "nothing watched the file:\n{}",
        s.log()
    );
}

#[test]
fn a_changed_server_is_replaced_in_every_session_and_an_unchanged_one_keeps_its_process() {
    let home = Home::new();
    let both = |b_args: &[&str]| yaml(&[("a", &[]), ("b", b_args)], &[("a", ""), ("b", "")], "");
    home.config(&both(&[]));
    let s = serve_v(&home, &["-v"]);
    let sessions = [session(&s), session(&s)];
    let pids: Vec<(String, String)> = sessions
        .iter()
        .map(|sid| (legacy_text(&s, sid, "a_pid"), legacy_text(&s, sid, "b_pid")))
        .collect();
    assert_ne!(
        pids[0], pids[1],
        "each legacy session runs its own upstreams"
    );
    home.config(&both(&["--tag-replies"]));
    wait_log(&s, "restarted b");
    for (sid, (a, b)) in sessions.iter().zip(&pids) {
        let renewed = wait_for(LIMIT, || {
            let now = legacy_text(&s, sid, "b_pid");
            (now != *b).then_some(now)
        });
        assert!(
            renewed.is_some(),
            "session {sid} still runs the old b:\n{}",
            s.log()
        );
        assert_eq!(
            legacy_text(&s, sid, "a_pid"),
            *a,
            "the unchanged server kept its process"
        );
    }
    let old_b: Vec<i32> = pids.iter().map(|(_, b)| b.parse().unwrap()).collect();
    assert!(
        wait_gone(&old_b, LIMIT).is_empty(),
        "the changed server's old processes end"
    );
}

#[test]
fn an_edited_shared_server_is_replaced_once_for_every_session_after_its_calls_in_progress() {
    let home = Home::new();
    let shared = |p_args: &[&str]| yaml(&[("p", p_args)], &[("p", "scope: shared")], "");
    home.config(&shared(&[]));
    let s = serve_v(&home, &["-v"]);
    let sessions = [session(&s), session(&s)];
    let old = legacy_text(&s, &sessions[0], "p_pid");
    assert_eq!(legacy_text(&s, &sessions[1], "p_pid"), old);
    assert_eq!(upstreams_of(s.pid()), [old.parse::<i32>().unwrap()]);
    // A call in progress on the old instance when the edit lands.
    let mut long = legacy(
        &s,
        &sessions[0],
        2,
        "tools/call",
        json!({"name": "p_progress", "arguments": {"steps": 10, "delay_ms": 100},
               "_meta": {"progressToken": "t"}}),
    );
    let first = long.event().expect("progress");
    assert_eq!(first["method"], "notifications/progress", "{first}");
    home.config(&shared(&["--tag-replies"]));
    wait_log(&s, "restarted p");
    let new: Vec<String> = sessions
        .iter()
        .map(|sid| {
            wait_for(LIMIT, || {
                let now = legacy_text(&s, sid, "p_pid");
                (now != old).then_some(now)
            })
            .unwrap_or_else(|| panic!("session {sid} still runs the old p:\n{}", s.log()))
        })
        .collect();
    assert_eq!(new[0], new[1], "both sessions reach the one new instance");
    let answer = std::iter::from_fn(|| long.event())
        .find(|m| m.get("id").is_some())
        .expect("the call in progress is answered");
    assert_eq!(answer["result"]["isError"], Value::Null, "{answer}");
    assert!(
        wait_gone(&[old.parse().unwrap()], LIMIT).is_empty(),
        "the old instance stops"
    );
    let new_pid: i32 = new[0].parse().unwrap();
    assert_eq!(upstreams_of(s.pid()), [new_pid], "one process replaced one");
    let said = s.log();
    assert_eq!(
        said.matches("starting a shared instance").count(),
        2,
        "one start for the server, one for the edit:\n{said}"
    );
    assert_eq!(
        said.matches("stopping a shared instance").count(),
        1,
        "{said}"
    );
    // A session opened after the edit gets the new instance.
    assert_eq!(legacy_text(&s, &session(&s), "p_pid"), new[0]);
}

#[test]
fn a_shared_server_removed_stops_once_after_its_calls_in_progress() {
    let home = Home::new();
    let servers: &[(&str, &[&str])] = &[("p", &[]), ("q", &[])];
    let both = [("p", "scope: shared"), ("q", "scope: shared")];
    home.config(&yaml(servers, &both, ""));
    let s = serve_v(&home, &["-v"]);
    let sessions = [session(&s), session(&s)];
    let p: i32 = legacy_text(&s, &sessions[0], "p_pid").parse().unwrap();
    let q = legacy_text(&s, &sessions[1], "q_pid");
    let mut long = legacy(
        &s,
        &sessions[1],
        2,
        "tools/call",
        json!({"name": "p_progress", "arguments": {"steps": 10, "delay_ms": 100},
               "_meta": {"progressToken": "t"}}),
    );
    let first = long.event().expect("progress");
    assert_eq!(first["method"], "notifications/progress", "{first}");
    home.config(&yaml(servers, &both[1..], ""));
    for sid in &sessions {
        wait_for(LIMIT, || {
            (!legacy_tools(&s, sid).iter().any(|t| t.starts_with("p_"))).then_some(())
        })
        .unwrap_or_else(|| panic!("session {sid} still lists p:\n{}", s.log()));
    }
    let answer = std::iter::from_fn(|| long.event())
        .find(|m| m.get("id").is_some())
        .expect("the call in progress is answered");
    assert_eq!(answer["result"]["isError"], Value::Null, "{answer}");
    assert!(
        wait_gone(&[p], LIMIT).is_empty(),
        "the removed server stops"
    );
    assert_eq!(upstreams_of(s.pid()), [q.parse::<i32>().unwrap()]);
    assert_eq!(legacy_text(&s, &sessions[0], "q_pid"), q);
    let said = s.log();
    assert_eq!(
        said.matches("stopping a shared instance").count(),
        1,
        "{said}"
    );
}
