//! Upstreams of the 2026-07-28 revision behind vmcp, through the real binary: a modern-only
//! server serves a legacy client (lists, calls, progress, cancellation, list changes), a
//! dual-era server is found modern, a legacy server is probed once and then remembered, and
//! `protocol:` forces a revision (with a clear error when the server does not speak it).

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::fixtures::{RMCP_UPSTREAM, example, rmcp_upstream_http};
use crate::harness::servers::test_upstream;
use crate::harness::{Home, run_vmcp, upstream_entry, wait_for};

/// A home whose vMCP `v` serves the rmcp fixture as server `m`, started with `args`, with
/// `protocol: PROTOCOL` when given.
fn rmcp_home(args: &[&str], protocol: Option<&str>) -> Home {
    let home = Home::new();
    let quoted: Vec<String> = args.iter().map(|a| format!("{a:?}")).collect();
    let protocol = protocol.map_or(String::new(), |p| format!("    protocol: {p}\n"));
    home.config(&format!(
        "servers:\n  m:\n    command: {}\n    args: [{}]\n    trust: always\n{protocol}vmcps:\n  v:\n    servers: [m]\n",
        example(RMCP_UPSTREAM).display(),
        quoted.join(", ")
    ));
    home
}

/// What the fixture's `echo_meta` saw of a request.
fn echo_meta(c: &mut crate::harness::Client, meta: Value) -> Value {
    let r = c.ok(
        "tools/call",
        json!({"name": "m_echo_meta", "arguments": {"message": "hi"}, "_meta": meta}),
    );
    let text = r["content"][0]["text"].as_str().expect("text");
    serde_json::from_str(text).expect("echo_meta answers JSON")
}

fn stats(c: &mut crate::harness::Client) -> Value {
    let text = c.call_text("m_stats", json!({}));
    serde_json::from_str(&text).expect("stats answers JSON")
}

fn server_test_json(home: &Home, server: &str) -> (i32, Value) {
    let (code, out, err) = run_vmcp(&["server", "test", server, "--json"], home.dir.path());
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, v)
}

/// Cancels request `id` as a legacy client does, and waits until the upstream counted it.
fn cancel_and_see_it_upstream(c: &mut crate::harness::Client, id: i64) {
    c.notify(
        "notifications/cancelled",
        json!({"requestId": id, "reason": "test"}),
    );
    let cancelled = wait_for(Duration::from_secs(10), || {
        (stats(c)["cancelled"] == 1).then_some(())
    });
    assert!(
        cancelled.is_some(),
        "the upstream never saw the cancellation"
    );
}
#[test]
fn a_legacy_client_lists_and_calls_a_modern_only_upstream() {
    let home = rmcp_home(&["--era", "modern"], None);
    let mut c = home.client("v");
    c.initialize();
    let names = c.tool_names();
    for tool in ["m_echo_meta", "m_bump", "m_wait", "m_add_tool"] {
        assert!(names.contains(&tool.to_string()), "{tool} not in {names:?}");
    }
    // Every request carries vmcp's modern `_meta`, and the caller's own keys after it.
    let seen = echo_meta(
        &mut c,
        json!({"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}),
    );
    assert_eq!(seen["era"], "modern", "{seen}");
    assert_eq!(seen["protocolVersion"], "2026-07-28");
    assert_eq!(seen["clientInfo"]["name"], "vmcp");
    assert_eq!(
        seen["clientCapabilities"]["elicitation"],
        json!({}),
        "the client's capabilities are relayed: {seen}"
    );
    assert_eq!(
        seen["traceparent"],
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    );
    assert_eq!(c.call_text("m_bump", json!({})), "bumps=1");
    assert_eq!(c.call_text("m_bump", json!({})), "bumps=2");
}

#[test]
fn progress_and_cancellation_reach_a_modern_only_upstream() {
    let home = rmcp_home(&["--era", "modern"], None);
    let mut c = home.client("v");
    c.initialize();
    let _ = c.tool_names();
    // Progress under the client's own token.
    let r = c.ok(
        "tools/call",
        json!({"name": "m_wait", "arguments": {"ms": 300}, "_meta": {"progressToken": "p-1"}}),
    );
    assert_eq!(r["content"][0]["text"], "waited 300 ms");
    let progress = c.notification("notifications/progress");
    assert_eq!(progress["params"]["progressToken"], "p-1", "{progress}");
    // A cancelled call is cancelled upstream too.
    let id = c.send_request(
        "tools/call",
        json!({"name": "m_wait", "arguments": {"ms": 60000}}),
    );
    std::thread::sleep(Duration::from_millis(200));
    cancel_and_see_it_upstream(&mut c, id);
}

#[test]
fn a_modern_upstreams_list_changes_reach_a_legacy_client() {
    let home = rmcp_home(&["--era", "modern"], None);
    let mut c = home.client("v");
    c.initialize();
    let before = c.tool_names();
    assert!(!before.contains(&"m_added_1".to_string()));
    assert_eq!(c.call_text("m_add_tool", json!({})), "Added added_1");
    // Announced on the listen stream vmcp keeps open, then announced to the client.
    let _ = c.notification("notifications/tools/list_changed");
    assert!(c.tool_names().contains(&"m_added_1".to_string()));
}

#[test]
fn a_dual_era_upstream_is_found_modern_and_reported() {
    let home = rmcp_home(&[], None);
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(echo_meta(&mut c, json!({}))["era"], "modern");
    drop(c);
    let (code, v) = server_test_json(&home, "m");
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["protocol"], "2026-07-28", "{v}");
    let (code, out, err) = run_vmcp(&["check", "--json"], home.dir.path());
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["vmcps"][0]["servers"][0]["protocol"], "2026-07-28", "{v}");
}

#[test]
fn protocol_legacy_forces_initialize_on_a_dual_era_upstream() {
    let home = rmcp_home(&[], Some("2025-11-25"));
    let mut c = home.client("v");
    c.initialize();
    let seen = echo_meta(&mut c, json!({}));
    assert_eq!(seen["era"], "legacy", "{seen}");
    drop(c);
    let (code, v) = server_test_json(&home, "m");
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["protocol"], "2025-11-25", "{v}");
}

#[test]
fn protocol_legacy_on_a_modern_only_upstream_names_both_versions() {
    let home = rmcp_home(&["--era", "modern"], Some("legacy"));
    let (code, out, _) = run_vmcp(&["server", "test", "m"], home.dir.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the server supports protocol version 2026-07-28; vmcp asked for 2025-11-25")
            && out.contains("`protocol: auto`"),
        "{out}"
    );
}

#[test]
fn a_legacy_upstream_is_probed_once_then_remembered() {
    let home = Home::new();
    let events = home.path("s.events");
    home.config(&format!(
        "servers:\n{}vmcps:\n  v:\n    servers: [s]\n",
        upstream_entry("s", &["--events", events.to_str().unwrap()])
    ));
    let count = |what: &str| {
        home.events("s.events")
            .iter()
            .filter(|l| l.ends_with(what) || l.contains(&format!(" {what} ")))
            .count()
    };
    for session in 1..=2 {
        let mut c = home.client("v");
        c.initialize();
        assert_eq!(c.call_text("s_echo", json!({"message": "hi"})), "hi");
        c.close_stdin();
        c.wait_exit(Duration::from_secs(10)).expect("vmcp exits");
        assert_eq!(
            count("initialize"),
            session,
            "{:?}",
            home.events("s.events")
        );
        // Only the first start asked: the era it found was stored with the catalog cache.
        assert_eq!(count("discover"), 1, "{:?}", home.events("s.events"));
    }
    // Doctor contacts nothing, but knows what the server spoke last.
    let (_, out, _) = run_vmcp(&["doctor"], home.dir.path());
    assert!(out.contains("· protocol 2025-11-25 (last start)"), "{out}");
}

/// A home whose vMCP `v` serves `url` as server `m`.
fn url_home(url: &str, protocol: Option<&str>) -> Home {
    let home = Home::new();
    let protocol = protocol.map_or(String::new(), |p| format!("    protocol: {p}\n"));
    home.config(&format!(
        "servers:\n  m:\n    url: {url}\n    trust: always\n{protocol}vmcps:\n  v:\n    servers: [m]\n"
    ));
    home
}

#[test]
fn a_modern_only_http_upstream_is_found_and_served_without_a_session() {
    let (_server, url) = rmcp_upstream_http(&["--era", "modern"]);
    let home = url_home(&url, None);
    let mut c = home.client("v");
    c.initialize();
    assert!(c.tool_names().contains(&"m_echo_meta".to_string()));
    // The server checks that `Mcp-Method`, `Mcp-Name` and `MCP-Protocol-Version` match the body.
    let seen = echo_meta(
        &mut c,
        json!({"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}),
    );
    assert_eq!(seen["era"], "modern", "{seen}");
    assert_eq!(seen["clientInfo"]["name"], "vmcp");
    assert_eq!(c.call_text("m_bump", json!({})), "bumps=1");
    let r = c.ok(
        "tools/call",
        json!({"name": "m_wait", "arguments": {"ms": 200}, "_meta": {"progressToken": 9}}),
    );
    assert_eq!(r["content"][0]["text"], "waited 200 ms");
    assert_eq!(
        c.notification("notifications/progress")["params"]["progressToken"],
        9
    );
    assert_eq!(c.call_text("m_add_tool", json!({})), "Added added_1");
    let _ = c.notification("notifications/tools/list_changed");
    assert!(c.tool_names().contains(&"m_added_1".to_string()));
    drop(c);
    let (code, v) = server_test_json(&home, "m");
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        (v["protocol"].as_str(), v["transport"].as_str()),
        (Some("2026-07-28"), Some("http")),
        "{v}"
    );
}

#[test]
fn protocol_legacy_over_http_keeps_the_session() {
    let (_server, url) = rmcp_upstream_http(&[]);
    let home = url_home(&url, Some("2025-11-25"));
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(echo_meta(&mut c, json!({}))["era"], "legacy");
    assert_eq!(c.call_text("m_bump", json!({})), "bumps=1");
}

#[test]
fn a_legacy_http_upstream_is_probed_then_initialized() {
    let home = Home::new();
    let events = home.path("web.events");
    let (_server, url) = test_upstream(&["--http", "0", "--name", "web"], &events);
    home.config(&format!(
        "servers:\n  web:\n    url: {url}\n    trust: always\nvmcps:\n  v:\n    servers: [web]\n"
    ));
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(c.call_text("web_echo", json!({"message": "hi"})), "hi");
    let (code, v) = server_test_json(&home, "web");
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        (v["protocol"].as_str(), v["transport"].as_str()),
        (Some("2025-11-25"), Some("http")),
        "{v}"
    );
}

#[test]
fn a_silent_probe_is_dropped_without_a_cancellation_before_initialize() {
    let home = Home::new();
    // A legacy server that reads nothing for longer than the probe waits; `tee` records what
    // vmcp wrote to it.
    home.config(
        "servers:\n  s:\n    command: sh\n    args: [\"-c\", \"sleep 4; tee {dir}/wire.log | {upstream} --name s\"]\n    trust: always\nvmcps:\n  v:\n    servers: [s]\n"
    );
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(c.call_text("s_echo", json!({"message": "hi"})), "hi");
    assert!(
        c.stderr()
            .contains("no answer to server/discover within 3s"),
        "{}",
        c.stderr()
    );
    let wire = std::fs::read_to_string(home.path("wire.log")).unwrap();
    let methods: Vec<String> = wire
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|m| m["method"].as_str().map(str::to_string))
        .collect();
    assert_eq!(methods[..2], ["server/discover", "initialize"], "{wire}");
    assert!(
        !methods.iter().any(|m| m == "notifications/cancelled"),
        "{wire}"
    );
}

#[test]
fn a_modern_only_server_too_slow_for_the_probe_is_still_spoken_to_in_its_revision() {
    // The probe goes unanswered, `initialize` is refused naming 2026-07-28: vmcp switches.
    let home = Home::new();
    home.config(&format!(
        "servers:\n  m:\n    command: sh\n    args: [\"-c\", \"sleep 4; exec {} --era modern\"]\n    trust: always\nvmcps:\n  v:\n    servers: [m]\n",
        example(RMCP_UPSTREAM).display()
    ));
    let mut c = home.client("v");
    c.initialize();
    // rmcp's modern-only server exits after refusing `initialize`; the restart knows better.
    if !c.tool_names().contains(&"m_echo_meta".to_string()) {
        let _ = c.notification("notifications/tools/list_changed");
    }
    assert_eq!(echo_meta(&mut c, json!({}))["era"], "modern");
    assert!(
        c.stderr()
            .contains("initialize refused for 2026-07-28; speaking it"),
        "{}",
        c.stderr()
    );
}

#[test]
fn a_modern_upstream_is_health_checked_with_discover() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n  m:\n    command: sh\n    args: [\"-c\", \"tee {{dir}}/wire.log | {} --era modern\"]\n    ping_interval: 100ms\n    trust: always\nvmcps:\n  v:\n    servers: [m]\n",
        example(RMCP_UPSTREAM).display()
    ));
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(c.call_text("m_bump", json!({})), "bumps=1");
    let methods = || -> Vec<Value> {
        std::fs::read_to_string(home.path("wire.log"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .collect()
    };
    let checks = wait_for(Duration::from_secs(10), || {
        let discovers: Vec<Value> = methods()
            .into_iter()
            .filter(|m| m["method"] == "server/discover")
            .collect();
        (discovers.len() >= 3).then_some(discovers)
    });
    let checks = checks.expect("no health checks");
    // Each one carries the `_meta` a modern request needs; no `ping` ever goes.
    for check in &checks {
        assert_eq!(
            check["params"]["_meta"]["io.modelcontextprotocol/protocolVersion"], "2026-07-28",
            "{check}"
        );
    }
    assert!(!methods().iter().any(|m| m["method"] == "ping"));
    assert_eq!(c.call_text("m_bump", json!({})), "bumps=2", "still up");
}

#[test]
fn a_cancelled_call_to_a_modern_http_upstream_closes_its_stream() {
    let (_server, url) = rmcp_upstream_http(&["--era", "modern"]);
    let home = url_home(&url, None);
    let mut c = home.client("v");
    c.initialize();
    let _ = c.tool_names();
    let id = c.send_request(
        "tools/call",
        json!({"name": "m_wait", "arguments": {"ms": 60000}, "_meta": {"progressToken": "w"}}),
    );
    // Under way upstream once it reports progress.
    let _ = c.notification("notifications/progress");
    cancel_and_see_it_upstream(&mut c, id);
}

#[test]
fn prompts_resources_and_templates_of_a_modern_only_upstream() {
    let home = rmcp_home(&["--era", "modern"], None);
    let mut c = home.client("v");
    c.initialize();
    let prompts = c.ok("prompts/list", Value::Null);
    assert!(
        prompts.to_string().contains("m_test_simple_prompt"),
        "{prompts}"
    );
    let got = c.ok("prompts/get", json!({"name": "m_test_simple_prompt"}));
    assert!(got["messages"].is_array(), "{got}");
    let resources = c.ok("resources/list", Value::Null);
    assert!(
        resources.to_string().contains("test://static-text"),
        "{resources}"
    );
    let read = c.ok("resources/read", json!({"uri": "test://static-text"}));
    assert_eq!(
        read["contents"][0]["text"],
        "This is the content of the static text resource."
    );
    let templates = c.ok("resources/templates/list", Value::Null);
    assert!(
        templates.to_string().contains("test://template/{id}/data"),
        "{templates}"
    );
    let read = c.ok("resources/read", json!({"uri": "test://template/7/data"}));
    assert!(
        read["contents"][0]["uri"] == "test://template/7/data",
        "{read}"
    );
}

#[test]
fn a_legacy_clients_resource_subscription_reaches_a_modern_only_upstream_as_a_listen_stream() {
    let home = rmcp_home(&["--era", "modern"], None);
    let mut c = home.client("v");
    c.initialize();
    // Listed, so the client hears of tool list changes (the end of the test uses one).
    c.tool_names();
    let watched = "test://watched-resource";
    assert_eq!(
        c.ok("resources/subscribe", json!({"uri": watched})),
        json!({})
    );
    // rmcp acknowledges a listen stream before its handler holds the stream (so does the
    // fixture), so a touch in that instant is not delivered: touch until one is.
    let n = (0..20)
        .find_map(|_| {
            c.call("m_touch_resource", json!({}));
            c.try_notification(
                "notifications/resources/updated",
                Duration::from_millis(500),
            )
        })
        .unwrap_or_else(|| panic!("no resources/updated; stderr:\n{}", c.stderr()));
    assert_eq!(n["params"]["uri"], watched, "{n}");
    assert!(
        n["params"]["_meta"]["io.modelcontextprotocol/subscriptionId"].is_null(),
        "vmcp's own stream id stays with vmcp: {n}"
    );
    // Unsubscribed: the stream is cancelled and updates stop (a later list change still comes).
    assert_eq!(
        c.ok("resources/unsubscribe", json!({"uri": watched})),
        json!({})
    );
    c.call("m_touch_resource", json!({}));
    c.call("m_add_tool", json!({"name": "after"}));
    c.notification("notifications/tools/list_changed");
    assert!(
        !c.backlog
            .iter()
            .any(|m| m["method"] == "notifications/resources/updated"),
        "{:?}",
        c.backlog
    );
}

#[test]
fn a_legacy_client_gets_results_without_result_type_and_its_apps_support_reaches_the_upstream() {
    let home = rmcp_home(&["--era", "modern"], None);
    let mut c = home.client("v");
    let ui = json!({"mimeTypes": ["text/html;profile=mcp-app"]});
    c.initialize_with(json!({"elicitation": {}, "extensions": {
        "io.modelcontextprotocol/ui": ui, "x.example/unknown": {}}}));
    let r = c.call("m_bump", json!({}));
    assert_eq!(r["content"][0]["text"], "bumps=1");
    assert!(
        r.get("resultType").is_none(),
        "2025-11-25 has no resultType: {r}"
    );
    let seen = echo_meta(&mut c, json!({}));
    assert_eq!(
        seen["clientCapabilities"]["extensions"],
        json!({ "io.modelcontextprotocol/ui": ui }),
        "MCP Apps support is relayed, an unknown extension is not: {seen}"
    );
}

#[test]
fn a_modern_callers_apps_and_tasks_support_reaches_a_modern_upstream_with_its_request() {
    let home = rmcp_home(&["--era", "modern"], None);
    let mut c = home.client("v");
    let caps = json!({"extensions": {
        "io.modelcontextprotocol/ui": {"mimeTypes": ["text/html;profile=mcp-app"]},
        "io.modelcontextprotocol/tasks": {},
        "x.example/unknown": {}}});
    let params = json!({"name": "m_echo_meta", "arguments": {"message": "hi"}, "_meta": {
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": caps}});
    let id = json!(c.send_request("tools/call", params));
    let answer = c.response(&id);
    assert_eq!(answer["result"]["resultType"], "complete", "{answer}");
    let text = answer["result"]["content"][0]["text"]
        .as_str()
        .expect("text");
    let seen: Value = serde_json::from_str(text).unwrap();
    assert_eq!(
        seen["clientCapabilities"]["extensions"],
        json!({
            "io.modelcontextprotocol/ui": {"mimeTypes": ["text/html;profile=mcp-app"]},
            "io.modelcontextprotocol/tasks": {}
        }),
        "{seen}"
    );
}

#[test]
fn a_modern_upstreams_shorter_list_ttl_bounds_vmcps_hint() {
    let home = rmcp_home(&["--era", "modern", "--tools-ttl-ms", "5000"], None);
    let mut c = home.client("v");
    let list = |c: &mut crate::harness::Client, method: &str| {
        let params = json!({"_meta": {
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {}}});
        let id = json!(c.send_request(method, params));
        c.response(&id)["result"].clone()
    };
    // The fixture announces list changes: vmcp would allow 60 s, the server says 5 s.
    let tools = list(&mut c, "tools/list");
    assert_eq!(tools["ttlMs"], 5000, "{}", tools["ttlMs"]);
    assert_eq!(tools["cacheScope"], "private");
    // Its prompts say 60 s, as long as vmcp allows.
    let prompts = list(&mut c, "prompts/list");
    assert_eq!(prompts["ttlMs"], 60_000);
}
