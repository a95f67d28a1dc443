//! Everything that crosses vmcp in both directions: progress, cancellation, sampling,
//! elicitation, roots, logging, list_changed, resources (read, templates, subscribe, updated),
//! completion, and upstream errors.

use std::time::Duration;

use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use crate::harness::{Client, Home, upstream_entry};

fn one(home: &Home, args: &[&str]) -> Client {
    let mut yaml = String::from("servers:\n");
    let mut all = vec!["--events", "EVENTS"];
    all.extend_from_slice(args);
    let events = home.path("events.log").display().to_string();
    let all: Vec<&str> = all
        .iter()
        .map(|a| if *a == "EVENTS" { events.as_str() } else { a })
        .collect();
    yaml += &upstream_entry("up", &all);
    yaml += "vmcps:\n  v:\n    servers:\n      up: { prefix: \"\" }\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    c
}

/// One upstream with an events file, exposed with its default prefix `up_`; not initialized.
fn prefixed(home: &Home) -> Client {
    let mut yaml = String::from("servers:\n");
    let events = home.path("events.log").display().to_string();
    yaml += &upstream_entry("up", &["--events", &events]);
    yaml += "vmcps:\n  v:\n    servers: [up]\n";
    home.config(&yaml);
    home.client("v")
}

#[test]
fn progress_is_relayed_under_the_clients_token() {
    let home = Home::new();
    let mut c = one(&home, &[]);
    let id = c.send_request(
        "tools/call",
        json!({"name": "progress", "arguments": {"steps": 3}, "_meta": {"progressToken": "my-token"}}),
    );
    let result = c.response(&json!(id));
    assert_eq!(result["result"]["content"][0]["text"], "3 steps done");
    let mut seen = Vec::new();
    while let Some(n) = c.try_notification("notifications/progress", Duration::from_millis(500)) {
        seen.push(n);
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
    for (i, n) in seen.iter().enumerate() {
        assert_eq!(n["params"]["progressToken"], "my-token");
        assert_eq!(n["params"]["progress"], i + 1);
        assert_eq!(n["params"]["total"], 3);
    }
    // Upstream saw vmcp's own token, not the client's.
    let event = home.wait_event("events.log", "progress token=");
    assert!(!event.contains("my-token"), "{event}");
    // Without a token, no progress is requested upstream.
    c.call("progress", json!({"steps": 1}));
    home.wait_event("events.log", "progress token=null");
}

#[test]
fn cancellation_reaches_the_upstream() {
    let home = Home::new();
    let mut c = one(&home, &[]);
    let id = c.send_request(
        "tools/call",
        json!({"name": "slow", "arguments": {"ms": 20000}}),
    );
    std::thread::sleep(Duration::from_millis(200));
    c.notify(
        "notifications/cancelled",
        json!({"requestId": id, "reason": "user pressed stop"}),
    );
    home.wait_event("events.log", "cancelled slow");
    // The session goes on.
    assert_eq!(c.call_text("echo", json!({"message": "after"})), "after");
}

#[test]
fn sampling_elicitation_and_roots_round_trip_through_the_client() {
    let home = Home::new();
    let mut c = one(&home, &[]);
    assert_eq!(
        c.call_text("sample", json!({"prompt": "hello"})),
        "sampled: echo of hello"
    );
    let elicited: Value =
        serde_json::from_str(&c.call_text("elicit", json!({"message": "name?"}))).unwrap();
    assert_eq!(
        elicited,
        json!({"action": "accept", "content": {"name": "Ada"}})
    );
    let roots: Value = serde_json::from_str(&c.call_text("roots", json!({}))).unwrap();
    assert_eq!(roots["roots"][0]["uri"], "file:///work");
    let methods: Vec<String> = c
        .server_requests
        .lock()
        .unwrap()
        .iter()
        .map(|(m, _)| m.clone())
        .collect();
    assert_eq!(
        methods,
        vec!["sampling/createMessage", "elicitation/create", "roots/list"]
    );
    // The client's capabilities were mirrored upstream.
    let init = home.wait_event("events.log", "initialize protocol=2025-11-25");
    assert!(
        init.contains("\"sampling\"")
            && init.contains("\"elicitation\"")
            && init.contains("\"roots\""),
        "{init}"
    );
    // roots/list_changed goes the other way.
    c.notify("notifications/roots/list_changed", Value::Null);
    home.wait_event("events.log", "roots_changed");
}

#[test]
fn client_without_sampling_gets_none_mirrored() {
    let home = Home::new();
    let mut c = prefixed(&home);
    c.initialize_with(json!({}));
    let err = c
        .request(
            "tools/call",
            json!({"name": "up_sample", "arguments": {"prompt": "x"}}),
        )
        .unwrap_err();
    let msg = err["message"].as_str().unwrap_or_default();
    assert!(
        msg.contains("the AI client does not support sampling"),
        "{err}"
    );
    assert!(c.server_requests.lock().unwrap().is_empty());
    let init = home.wait_event("events.log", "initialize");
    assert!(init.ends_with("capabilities={}"), "{init}");
}

#[test]
fn logging_level_and_messages() {
    let home = Home::new();
    let mut c = one(&home, &[]);
    assert_eq!(
        c.ok("logging/setLevel", json!({"level": "debug"})),
        json!({})
    );
    home.wait_event("events.log", "setLevel \"debug\"");
    c.call(
        "log",
        json!({"level": "warning", "message": "disk almost full"}),
    );
    let n = c.notification("notifications/message");
    assert_eq!(
        n["params"],
        json!({"level": "warning", "data": "disk almost full", "logger": "up"})
    );
}

#[test]
fn tool_list_changes_are_announced_and_applied() {
    let home = Home::new();
    let mut c = one(&home, &[]);
    assert!(!c.tool_names().contains(&"newcomer".to_string()));
    c.call("add_tool", json!({"name": "newcomer"}));
    c.notification("notifications/tools/list_changed");
    assert!(c.tool_names().contains(&"newcomer".to_string()));
    assert_eq!(c.call_text("newcomer", json!({})), "");
}

#[test]
fn prompt_and_resource_list_changes_are_announced() {
    let home = Home::new();
    let mut c = one(&home, &[]);
    let _ = c.ok("prompts/list", Value::Null);
    let _ = c.ok("resources/list", Value::Null);
    c.call("add_prompt", json!({"name": "fresh_prompt"}));
    c.notification("notifications/prompts/list_changed");
    let prompts = c.ok("prompts/list", Value::Null);
    assert!(prompts.to_string().contains("fresh_prompt"), "{prompts}");
    c.call("add_resource", json!({"name": "fresh"}));
    c.notification("notifications/resources/list_changed");
    let resources = c.ok("resources/list", Value::Null);
    assert!(
        resources.to_string().contains("test://added/fresh"),
        "{resources}"
    );
}

#[test]
fn changes_hidden_by_filters_are_not_announced() {
    let home = Home::new();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("up", &[]);
    yaml += "vmcps:\n  v:\n    servers:\n      up: { prompts: [greet] }\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    let before = c.ok("prompts/list", Value::Null);
    c.call("up_add_prompt", json!({"name": "invisible"}));
    assert!(
        c.try_notification(
            "notifications/prompts/list_changed",
            Duration::from_millis(700)
        )
        .is_none(),
        "a change the client cannot see was announced"
    );
    assert_eq!(c.ok("prompts/list", Value::Null), before);
}

#[test]
fn an_idle_call_times_out_and_is_cancelled_upstream() {
    let home = Home::new();
    let events = home.path("events.log").display().to_string();
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry("up", &["--events", &events]);
    yaml += "    call_timeout: 300ms\nvmcps:\n  v:\n    servers: [up]\n";
    home.config(&yaml);
    let mut c = home.client("v");
    c.initialize();
    let r = c.call("up_slow", json!({"ms": 5000}));
    assert_eq!(r["isError"], true, "{r}");
    let text = r["content"][0]["text"].as_str().unwrap_or_default();
    assert_eq!(text, "server `up`: no response within 300ms");
    home.wait_event("events.log", "cancelled slow");
    // With a progress token, progress keeps a long call alive past the idle timeout.
    let id = c.send_request(
        "tools/call",
        json!({"name": "up_progress", "arguments": {"steps": 4, "delay_ms": 150}, "_meta": {"progressToken": 1}}),
    );
    let r = c.response(&json!(id));
    assert_eq!(r["result"]["content"][0]["text"], "4 steps done", "{r}");
}

#[test]
fn resources_templates_subscriptions_and_updates() {
    let home = Home::new();
    let mut c = one(&home, &[]);
    let list = c.ok("resources/list", Value::Null);
    assert_eq!(list["resources"][0]["uri"], "test://static/hello");
    let t = c.ok("resources/templates/list", Value::Null);
    assert_eq!(
        t["resourceTemplates"][0]["uriTemplate"],
        "test://up/items/{id}"
    );
    let read = c.ok("resources/read", json!({"uri": "test://static/hello"}));
    assert_eq!(read["contents"][0]["text"], "up read test://static/hello");
    // A URI produced by the template routes to its upstream.
    let read = c.ok("resources/read", json!({"uri": "test://up/items/42"}));
    assert_eq!(read["contents"][0]["text"], "up read test://up/items/42");
    assert_eq!(
        c.ok("resources/subscribe", json!({"uri": "test://static/hello"})),
        json!({})
    );
    home.wait_event("events.log", "resources/subscribe \"test://static/hello\"");
    c.call("touch", json!({"uri": "test://static/hello"}));
    let n = c.notification("notifications/resources/updated");
    assert_eq!(n["params"]["uri"], "test://static/hello");
    c.ok(
        "resources/unsubscribe",
        json!({"uri": "test://static/hello"}),
    );
    home.wait_event("events.log", "resources/unsubscribe");
}

#[test]
fn completion_is_routed_and_names_rewritten() {
    let home = Home::new();
    let mut c = prefixed(&home);
    c.initialize();
    let r = c.ok(
        "completion/complete",
        json!({"ref": {"type": "ref/prompt", "name": "up_greet"}, "argument": {"name": "name", "value": "Al"}}),
    );
    assert_eq!(r["completion"]["values"], json!(["Alice", "Alfred"]));
    let e = home.wait_event("events.log", "complete ref=");
    assert!(
        e.contains("\"name\":\"greet\""),
        "upstream sees its own prompt name: {e}"
    );
    let r = c.ok(
        "completion/complete",
        json!({"ref": {"type": "ref/resource", "uri": "test://up/items/{id}"}, "argument": {"name": "id", "value": "B"}}),
    );
    assert_eq!(r["completion"]["values"], json!(["Bob"]));
}

#[test]
fn upstream_errors_pass_through() {
    let home = Home::new();
    let mut c = one(&home, &[]);
    let err = c
        .request("tools/call", json!({"name": "rpc_error", "arguments": {}}))
        .unwrap_err();
    assert_eq!(
        err,
        json!({"code": -32042, "message": "custom upstream error", "data": {"detail": [1, 2, 3]}})
    );
    let r = c.call("fail", json!({}));
    assert_eq!(r["isError"], true);
    assert_eq!(r["content"][0]["text"], "failure requested");
    let r = c.call("add", json!({"a": 2, "b": 40}));
    assert_eq!(r["structuredContent"], json!({"sum": 42.0}));
}

#[test]
fn non_json_upstream_stdout_is_skipped() {
    let home = Home::new();
    let mut c = one(&home, &["--stdout-noise"]);
    assert_eq!(c.call_text("echo", json!({"message": "clean"})), "clean");
    assert!(c.stderr().contains("not JSON-RPC"), "{}", c.stderr());
}
