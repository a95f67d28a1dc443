//! Modern (2026-07-28) clients through `vmcp stdio` in front of legacy upstreams: no handshake,
//! `server/discover`, every request carrying its version and capabilities in `_meta`, answers
//! shaped for the revision (resultType, serverInfo, cache hints, −32602 for an unknown
//! resource), per-request log levels, `subscriptions/listen`; and legacy requests on the same
//! connection unchanged. Raw lines where the wire itself is the point.

use std::time::Duration;

use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use crate::harness::raw::RawClient;
use crate::harness::{Client, Home, upstream_entry};

/// Claude Code 2.1.328's first message to a stdio server, as recorded (issue 14).
const CLAUDE_PROBE: &[u8] = br#"{"jsonrpc":"2.0","id":"server-discover-probe-1","method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"claude-code","title":"Claude Code","version":"2.1.328"},"io.modelcontextprotocol/clientCapabilities":{"roots":{"listChanged":true},"elicitation":{"form":{},"url":{}}}}}}"#;
/// What Claude Code sends next when the probe is answered: a stateless list.
const CLAUDE_LIST: &[u8] = br#"{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"claude-code","version":"2.1.328"},"io.modelcontextprotocol/clientCapabilities":{"elicitation":{"form":{}}}}}}"#;
const CLAUDE_CALL: &[u8] = br#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"message":"x"},"_meta":{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01","progressToken":"p1","io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}"#;

const VERSION: &str = "io.modelcontextprotocol/protocolVersion";
const CAPS: &str = "io.modelcontextprotocol/clientCapabilities";
const SERVER_INFO: &str = "io.modelcontextprotocol/serverInfo";
const SUBSCRIPTION_ID: &str = "io.modelcontextprotocol/subscriptionId";

/// One test upstream `up` (events in `events.log`, `args` added), exposed without a prefix by
/// the vMCP `v`, which has instructions.
fn one(home: &Home, args: &[&str]) {
    let events = home.path("events.log").display().to_string();
    let mut all = vec!["--events", events.as_str()];
    all.extend_from_slice(args);
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("up", &all);
    yaml += "vmcps:\n  v:\n    instructions: \"Modern or not.\"\n    servers:\n      up: { prefix: \"\" }\n";
    home.config(&yaml);
}

/// [`one`] in a new home, and a client of `v` (not initialized).
fn start(args: &[&str]) -> (Home, Client) {
    let home = Home::new();
    one(&home, args);
    let client = home.client("v");
    (home, client)
}

/// Sends a modern request (`extra` added to its `_meta`) and returns its id.
fn send(c: &mut Client, method: &str, params: Value, extra: Value) -> Value {
    json!(c.send_request(method, modern(params, extra)))
}

/// `params` with a modern `_meta` (no capabilities, plus `extra` keys).
fn modern(params: Value, extra: Value) -> Value {
    let mut meta = json!({ VERSION: "2026-07-28", CAPS: {} });
    if let (Some(m), Some(e)) = (meta.as_object_mut(), extra.as_object()) {
        m.extend(e.clone());
    }
    let mut params = params;
    params["_meta"] = meta;
    params
}

/// Sends a modern request and returns its whole response.
fn ask(c: &mut Client, method: &str, params: Value) -> Value {
    let id = send(c, method, params, json!({}));
    c.response(&id)
}

fn error_code(response: &Value) -> i64 {
    response["error"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("not an error: {response}"))
}

fn assert_list_hints(result: &Value) {
    assert_eq!(result["resultType"], "complete", "{result}");
    assert!(result["ttlMs"].as_u64().is_some(), "{result}");
    assert!(
        ["public", "private"].contains(&result["cacheScope"].as_str().unwrap_or_default()),
        "{result}"
    );
    assert_eq!(result["_meta"][SERVER_INFO]["name"], "vmcp", "{result}");
}

#[test]
fn claude_codes_probe_is_served_in_the_modern_revision_without_initialize() {
    let home = Home::new();
    one(&home, &[]);
    let mut c = RawClient::spawn(&home.path("vmcp.yaml"), "v");
    c.send(CLAUDE_PROBE);
    let discover: Value = serde_json::from_str(&c.answer("\"server-discover-probe-1\"")).unwrap();
    let r = &discover["result"];
    assert_eq!(r["supportedVersions"], json!(["2026-07-28"]), "{discover}");
    assert_eq!(r["capabilities"]["tools"]["listChanged"], true);
    assert_eq!(r["instructions"], "Modern or not.");
    assert_eq!(r["_meta"][SERVER_INFO]["name"], "vmcp");
    assert_eq!(r["resultType"], "complete");
    assert!(
        r["ttlMs"].as_u64().is_some() && r["cacheScope"].is_string(),
        "{r}"
    );

    c.send(CLAUDE_LIST);
    let list: Value = serde_json::from_str(&c.answer("2")).unwrap();
    assert_list_hints(&list["result"]);
    let names: Vec<&str> = list["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert!(names.contains(&"echo"), "{names:?}");

    c.send(CLAUDE_CALL);
    let call: Value = serde_json::from_str(&c.answer("3")).unwrap();
    assert_eq!(call["result"]["content"][0]["text"], "x", "{call}");
    assert_eq!(call["result"]["resultType"], "complete");
    assert_eq!(call["result"]["_meta"][SERVER_INFO]["name"], "vmcp");
    // The probe launched the upstream with the probe's relayable capabilities.
    let init = home.wait_event("events.log", "initialize");
    assert!(
        init.ends_with(
            r#"capabilities={"roots":{"listChanged":true},"elicitation":{"form":{},"url":{}}}"#
        ),
        "{init}"
    );
}

#[test]
fn the_first_modern_request_launches_the_upstreams_with_its_capabilities() {
    let (home, mut c) = start(&[]);
    let id = send(
        &mut c,
        "tools/list",
        json!({}),
        json!({ CAPS: {"sampling": {}, "experimental": {"x": {}}} }),
    );
    assert_list_hints(&c.response(&id)["result"]);
    // Only what vmcp can relay is declared to the upstream.
    let init = home.wait_event("events.log", "initialize");
    assert!(init.ends_with(r#"capabilities={"sampling":{}}"#), "{init}");
}

#[test]
fn an_unsupported_version_names_the_supported_ones() {
    let (_home, mut c) = start(&[]);
    let id = json!(c.send_request(
        "tools/list",
        json!({"_meta": { VERSION: "2099-01-01", CAPS: {} }}),
    ));
    let r = c.response(&id);
    assert_eq!(error_code(&r), -32022);
    assert_eq!(
        r["error"]["data"],
        json!({"supported": ["2026-07-28"], "requested": "2099-01-01"})
    );
    // The connection goes on.
    assert_list_hints(&ask(&mut c, "tools/list", json!({}))["result"]);
}

#[test]
fn each_missing_meta_field_is_invalid_params_and_client_info_is_optional() {
    let (_home, mut c) = start(&[]);
    let cases = [
        ("no _meta before initialize", json!({})),
        (
            "no capabilities",
            json!({"_meta": { VERSION: "2026-07-28" }}),
        ),
        ("no version", json!({"_meta": { CAPS: {} }})),
        (
            "capabilities not an object",
            json!({"_meta": { VERSION: "2026-07-28", CAPS: [] }}),
        ),
        (
            "unknown log level",
            json!({"_meta": { VERSION: "2026-07-28", CAPS: {}, "io.modelcontextprotocol/logLevel": "loud" }}),
        ),
    ];
    for (what, params) in cases {
        let id = json!(c.send_request("tools/list", params));
        assert_eq!(error_code(&c.response(&id)), -32602, "{what}");
    }
    // No clientInfo in any request of this test: still served.
    assert_list_hints(&ask(&mut c, "tools/list", json!({}))["result"]);
}

#[test]
fn methods_the_revision_removed_are_not_found_for_a_modern_caller() {
    let (_home, mut c) = start(&[]);
    for (method, params) in [
        (
            "initialize",
            json!({"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "c", "version": "1"}}),
        ),
        ("ping", json!({})),
        ("logging/setLevel", json!({"level": "debug"})),
        ("resources/subscribe", json!({"uri": "test://static/hello"})),
        (
            "resources/unsubscribe",
            json!({"uri": "test://static/hello"}),
        ),
    ] {
        assert_eq!(error_code(&ask(&mut c, method, params)), -32601, "{method}");
    }
    // A legacy ping is still answered, before any initialize.
    assert_eq!(c.ok("ping", Value::Null), json!({}));
    // And the modern `initialize` did not initialize anything.
    let id = json!(c.send_request("tools/list", json!({})));
    assert_eq!(error_code(&c.response(&id)), -32602);
}

#[test]
fn legacy_and_modern_requests_interleave_on_one_connection() {
    let (home, mut c) = start(&[]);
    let first = ask(
        &mut c,
        "tools/call",
        json!({"name": "echo", "arguments": {"message": "m1"}}),
    );
    assert_eq!(first["result"]["content"][0]["text"], "m1");
    let init = c.initialize();
    assert_eq!(init["protocolVersion"], "2025-11-25");
    assert_eq!(init["instructions"], "Modern or not.");
    let legacy = c.ok(
        "tools/call",
        json!({"name": "echo", "arguments": {"message": "l1"}}),
    );
    // A legacy caller's answer is the upstream's, untouched.
    assert_eq!(
        legacy,
        json!({"content": [{"type": "text", "text": "l1"}]}),
        "no resultType, no serverInfo for a legacy caller"
    );
    let list = c.ok("tools/list", json!({}));
    assert!(
        list.get("resultType").is_none() && list.get("ttlMs").is_none(),
        "{list}"
    );
    let again = ask(
        &mut c,
        "tools/call",
        json!({"name": "echo", "arguments": {"message": "m2"}}),
    );
    assert_eq!(again["result"]["content"][0]["text"], "m2");
    assert_eq!(again["result"]["resultType"], "complete");
    // One upstream process, initialized once.
    assert_eq!(
        home.events("events.log")
            .iter()
            .filter(|l| l.contains("initialize protocol="))
            .count(),
        1
    );
}

#[test]
fn progress_comes_under_the_modern_token_and_reserved_meta_stays_with_vmcp() {
    let (home, mut c) = start(&[]);
    let id = send(
        &mut c,
        "tools/call",
        json!({"name": "progress", "arguments": {"steps": 2}}),
        json!({"progressToken": "mine"}),
    );
    let r = c.response(&id);
    assert_eq!(r["result"]["content"][0]["text"], "2 steps done");
    let tokens: Vec<Value> = c
        .backlog
        .iter()
        .filter(|m| m["method"] == "notifications/progress")
        .map(|m| m["params"]["progressToken"].clone())
        .collect();
    assert_eq!(tokens, vec![json!("mine"), json!("mine")]);
    let event = home.wait_event("events.log", "progress token=");
    assert!(
        !event.contains("mine"),
        "the upstream gets vmcp's own token: {event}"
    );

    // What the upstream gets of `_meta`: trace context and other keys, not the caller's
    // version, info, capabilities or log level.
    let seen = ask(
        &mut c,
        "tools/call",
        json!({"name": "echo", "arguments": {"show_meta": true}}),
    );
    let text = seen["result"]["content"][0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(text, "none", "nothing but reserved keys: no `_meta` at all");
    let id = send(
        &mut c,
        "tools/call",
        json!({"name": "echo", "arguments": {"show_meta": true}}),
        json!({
            "traceparent": "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01",
            "io.modelcontextprotocol/clientInfo": {"name": "t", "version": "1"},
            "io.modelcontextprotocol/logLevel": "error",
            "vendor.example/k": [1, 2],
        }),
    );
    let r = c.response(&id);
    let passed: Value =
        serde_json::from_str(r["result"]["content"][0]["text"].as_str().unwrap()).unwrap();
    assert_eq!(
        passed,
        json!({"traceparent": "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01", "vendor.example/k": [1, 2]})
    );
}

#[test]
fn a_modern_caller_cancels_a_call_upstream() {
    let (home, mut c) = start(&[]);
    let id = send(
        &mut c,
        "tools/call",
        json!({"name": "slow", "arguments": {"ms": 20000}}),
        json!({}),
    );
    home.wait_event("events.log", "slow started");
    c.notify(
        "notifications/cancelled",
        json!({"requestId": id, "reason": "stop"}),
    );
    home.wait_event("events.log", "cancelled slow");
    let after = ask(
        &mut c,
        "tools/call",
        json!({"name": "echo", "arguments": {"message": "on"}}),
    );
    assert_eq!(after["result"]["content"][0]["text"], "on");
}

#[test]
fn an_unknown_resource_is_invalid_params_for_a_modern_caller_and_not_found_for_a_legacy_one() {
    let (_home, mut c) = start(&["--tools-only"]);
    let r = ask(&mut c, "resources/read", json!({"uri": "test://nowhere"}));
    assert_eq!(error_code(&r), -32602, "{r}");
    assert_eq!(r["error"]["data"]["uri"], "test://nowhere");
    c.initialize();
    let legacy = c.request("resources/read", json!({"uri": "test://nowhere"}));
    assert_eq!(legacy.unwrap_err()["code"], -32002);
}

#[test]
fn a_resource_read_by_a_modern_caller_carries_hints() {
    let (_home, mut c) = start(&[]);
    let r = ask(
        &mut c,
        "resources/read",
        json!({"uri": "test://static/hello"}),
    );
    let result = &r["result"];
    assert_eq!(result["contents"][0]["text"], "up read test://static/hello");
    assert_eq!(
        result["ttlMs"], 0,
        "a legacy upstream's reads are not to be reused"
    );
    assert_eq!(result["cacheScope"], "private");
    assert_eq!(result["resultType"], "complete");
}

/// Log notifications (`notifications/message`) received so far.
fn logs(c: &Client) -> Vec<Value> {
    c.backlog
        .iter()
        .filter(|m| m["method"] == "notifications/message")
        .cloned()
        .collect()
}

#[test]
fn a_modern_caller_gets_log_messages_only_at_the_level_it_names() {
    let (home, mut c) = start(&[]);
    let log = json!({"name": "log", "arguments": {"level": "warning", "message": "disk"}});
    // The upstream's message comes before its answer, so by the answer it would have arrived.
    ask(&mut c, "tools/call", log.clone());
    assert!(logs(&c).is_empty(), "no logLevel, no log: {:?}", logs(&c));
    let id = send(
        &mut c,
        "tools/call",
        log.clone(),
        json!({"io.modelcontextprotocol/logLevel": "error"}),
    );
    c.response(&id);
    assert!(logs(&c).is_empty(), "below the named level: {:?}", logs(&c));
    let id = send(
        &mut c,
        "tools/call",
        log,
        json!({"io.modelcontextprotocol/logLevel": "info"}),
    );
    c.response(&id);
    let got = logs(&c);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        got[0]["params"],
        json!({"level": "warning", "data": "disk", "logger": "up"})
    );
    // The upstream was asked for that much detail.
    home.wait_event("events.log", "setLevel \"info\"");
}

/// Notifications with `method` tagged with subscription `id`, received so far.
fn tagged(c: &Client, method: &str, id: &str) -> usize {
    c.backlog
        .iter()
        .filter(|m| m["method"] == method && m["params"]["_meta"][SUBSCRIPTION_ID] == id)
        .count()
}

/// Waits for a notification `method` tagged `id`; what arrives meanwhile stays in the backlog.
fn wait_tagged(c: &mut Client, method: &str, id: &str) {
    if tagged(c, method, id) > 0 {
        return;
    }
    let mut seen = Vec::new();
    loop {
        // Takes from the backlog first, so each turn looks at another notification.
        let n = c.notification(method);
        let hit = n["params"]["_meta"][SUBSCRIPTION_ID] == id;
        seen.push(n);
        if hit {
            break;
        }
    }
    c.backlog.extend(seen);
}

/// Opens a listen stream `id` and returns its acknowledgement.
fn listen(c: &mut Client, id: &str, filter: Value) -> Value {
    let msg = json!({"jsonrpc": "2.0", "id": id, "method": "subscriptions/listen",
        "params": modern(json!({"notifications": filter}), json!({}))});
    c.send_line(&msg.to_string());
    let ack = c.notification("notifications/subscriptions/acknowledged");
    assert_eq!(ack["params"]["_meta"][SUBSCRIPTION_ID], id, "{ack}");
    ack
}

#[test]
fn listen_streams_get_their_list_changes_tagged_and_end_with_cancel_or_eof() {
    let (_home, mut c) = start(&[]);
    let ack = listen(
        &mut c,
        "tools",
        json!({"toolsListChanged": true, "promptsListChanged": false}),
    );
    assert_eq!(
        ack["params"]["notifications"],
        json!({"toolsListChanged": true}),
        "only what was asked for"
    );
    listen(&mut c, "prompts", json!({"promptsListChanged": true}));

    ask(
        &mut c,
        "tools/call",
        json!({"name": "add_tool", "arguments": {"name": "newcomer"}}),
    );
    wait_tagged(&mut c, "notifications/tools/list_changed", "tools");
    ask(
        &mut c,
        "tools/call",
        json!({"name": "add_prompt", "arguments": {"name": "fresh"}}),
    );
    wait_tagged(&mut c, "notifications/prompts/list_changed", "prompts");
    // Each stream got only its kind, and nothing went out untagged.
    assert_eq!(tagged(&c, "notifications/tools/list_changed", "prompts"), 0);
    assert_eq!(tagged(&c, "notifications/prompts/list_changed", "tools"), 0);
    let untagged = c
        .backlog
        .iter()
        .filter(|m| {
            m["method"]
                .as_str()
                .is_some_and(|s| s.ends_with("list_changed"))
        })
        .filter(|m| m["params"]["_meta"][SUBSCRIPTION_ID].is_null())
        .count();
    assert_eq!(untagged, 0);

    // Cancelled: the stream ends (no answer to a cancelled request) and hears nothing more.
    c.notify("notifications/cancelled", json!({"requestId": "tools"}));
    c.backlog.clear();
    listen(&mut c, "tools2", json!({"toolsListChanged": true}));
    ask(
        &mut c,
        "tools/call",
        json!({"name": "add_tool", "arguments": {"name": "later"}}),
    );
    wait_tagged(&mut c, "notifications/tools/list_changed", "tools2");
    assert_eq!(
        tagged(&c, "notifications/tools/list_changed", "tools"),
        0,
        "{:?}",
        c.backlog
    );

    // At the end of input, open streams are torn down with their result.
    c.close_stdin();
    for id in ["prompts", "tools2"] {
        let end = c.response(&json!(id));
        assert_eq!(end["result"]["_meta"][SUBSCRIPTION_ID], id, "{end}");
        assert_eq!(end["result"]["resultType"], "complete");
    }
    assert!(c.wait_exit(Duration::from_secs(10)).is_some());
    assert!(
        !c.backlog.iter().any(|m| m["id"] == "tools"),
        "a cancelled listen gets no answer"
    );
}

#[test]
fn listen_streams_hold_resource_subscriptions_shared_with_the_legacy_client() {
    let (home, mut c) = start(&[]);
    let hello = "test://static/hello";
    let ack = listen(
        &mut c,
        "res",
        json!({"resourceSubscriptions": [hello, 7, hello]}),
    );
    assert_eq!(
        ack["params"]["notifications"],
        json!({"resourceSubscriptions": [hello]}),
        "each URI once; what is not a URI is left out"
    );
    home.wait_event("events.log", &format!("resources/subscribe \"{hello}\""));

    // An update of that resource reaches the stream, tagged; another resource's does not.
    ask(
        &mut c,
        "tools/call",
        json!({"name": "touch", "arguments": {"uri": "test://other"}}),
    );
    ask(
        &mut c,
        "tools/call",
        json!({"name": "touch", "arguments": {"uri": hello}}),
    );
    wait_tagged(&mut c, "notifications/resources/updated", "res");
    let updates: Vec<&Value> = c
        .backlog
        .iter()
        .filter(|m| m["method"] == "notifications/resources/updated")
        .collect();
    assert_eq!(updates.len(), 1, "{updates:?}");
    assert_eq!(updates[0]["params"]["uri"], hello);

    // The legacy client on the same connection shares the one upstream subscription: its
    // unsubscribe leaves the stream's in place.
    c.ok(
        "initialize",
        json!({"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "l", "version": "1"}}),
    );
    c.ok("resources/subscribe", json!({"uri": hello}));
    c.ok("resources/unsubscribe", json!({"uri": hello}));
    let subscribes = |home: &Home, what: &str| {
        home.events("events.log")
            .iter()
            .filter(|l| l.contains(what))
            .count()
    };
    assert_eq!(subscribes(&home, "resources/subscribe"), 1);
    assert_eq!(subscribes(&home, "resources/unsubscribe"), 0);

    // The stream ends: nobody holds the resource, so the upstream is told.
    c.notify("notifications/cancelled", json!({"requestId": "res"}));
    home.wait_event("events.log", &format!("resources/unsubscribe \"{hello}\""));
}
