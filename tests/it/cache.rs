//! The catalog cache through the real binary: a warm cache answers the first `tools/list` before
//! slow upstreams are up, calls then wait for them; a changed upstream updates the cache and is
//! announced; `catalog_cache: off`, stale configurations and `vmcp cache` behave.

use serde_json::{Value, json};

use crate::harness::{Client, Home, run_vmcp, upstream_entry};

/// Two test upstreams that each take `delay_ms` to start, recording events to files.
fn slow_home(delay_ms: u64, cache: &str) -> Home {
    let home = Home::new();
    let delay = delay_ms.to_string();
    let mut yaml = String::from("servers:\n");
    for name in ["a", "b"] {
        let events = home.path(&format!("{name}.events"));
        yaml += &upstream_entry(
            name,
            &[
                "--startup-delay-ms",
                &delay,
                "--tools-only",
                "--events",
                events.to_str().unwrap(),
            ],
        );
    }
    yaml.push_str("vmcps:\n  v:\n    catalog_cache: ");
    yaml.push_str(cache);
    yaml.push_str("\n    servers: [a, b]\n");
    home.config(&yaml);
    home
}

fn initializes(home: &Home, server: &str) -> usize {
    home.events(&format!("{server}.events"))
        .iter()
        .filter(|l| l.contains(" initialize protocol="))
        .count()
}

fn tool_names(list: &Value) -> Vec<String> {
    list["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
}

/// One session that lists (so the cache gets written), then exits.
fn warm_up(home: &Home) -> Vec<String> {
    let mut c = home.client("v");
    c.initialize();
    let names = c.tool_names();
    c.close_stdin();
    c.wait_exit(std::time::Duration::from_secs(10))
        .expect("vmcp exits");
    names
}

#[test]
fn a_warm_cache_answers_before_slow_upstreams_and_calls_then_wait_for_them() {
    let home = slow_home(1500, "on");
    let names = warm_up(&home);
    assert_eq!(initializes(&home, "a"), 1);

    let mut c = home.client("v");
    c.initialize();
    let listed = c.ok("tools/list", Value::Null);
    // Answered from the cache: neither upstream has even read its `initialize` yet.
    assert_eq!(initializes(&home, "a"), 1, "a answered before the list");
    assert_eq!(initializes(&home, "b"), 1, "b answered before the list");
    assert_eq!(tool_names(&listed), names);
    // A call waits for its upstream, then succeeds.
    assert_eq!(c.call_text("a_echo", json!({"message": "hi"})), "hi");
    assert_eq!(c.call_text("b_add", json!({"a": 1, "b": 2})), "3");
    // The live lists equal the cache: no list_changed.
    assert!(
        c.try_notification(
            "notifications/tools/list_changed",
            std::time::Duration::from_millis(300)
        )
        .is_none()
    );
}

#[test]
fn with_the_cache_off_the_first_list_waits_for_the_upstreams() {
    let home = slow_home(300, "off");
    warm_up(&home);
    let mut c = home.client("v");
    c.initialize();
    let _ = c.ok("tools/list", Value::Null);
    assert_eq!(initializes(&home, "a"), 2);
    assert_eq!(initializes(&home, "b"), 2);
    let (code, out, _) = run_vmcp(&["cache", "list"], home.dir.path());
    assert_eq!(code, 0);
    assert_eq!(
        out, "the catalog cache is empty\n",
        "off means not written either"
    );
}

#[test]
fn a_changed_upstream_updates_the_cache_and_is_announced() {
    let home = slow_home(0, "on");
    // Session 1 adds a tool at run time: the cache records it.
    let mut c = home.client("v");
    c.initialize();
    let _ = c.tool_names();
    c.call_text("a_add_tool", json!({"name": "extra"}));
    c.notification("notifications/tools/list_changed");
    assert!(c.tool_names().contains(&"a_extra".to_string()));
    c.close_stdin();
    c.wait_exit(std::time::Duration::from_secs(10))
        .expect("vmcp exits");
    let (_, out, _) = run_vmcp(&["cache", "list", "--json"], home.dir.path());
    let rows: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["server"], "a");
    let cached_tools = rows[0]["tools"].as_u64().unwrap();

    // Session 2: the cache still has `a_extra`; the restarted upstream does not.
    let mut c = home.client("v");
    c.initialize();
    let first = tool_names(&c.ok("tools/list", Value::Null));
    if first.contains(&"a_extra".to_string()) {
        // Served from the cache before `a` was up: the live list replaces it and is announced.
        c.notification("notifications/tools/list_changed");
    }
    assert!(!c.tool_names().contains(&"a_extra".to_string()));
    c.close_stdin();
    c.wait_exit(std::time::Duration::from_secs(10))
        .expect("vmcp exits");
    let (_, out, _) = run_vmcp(&["cache", "list", "--json"], home.dir.path());
    let rows: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        rows[0]["tools"].as_u64().unwrap(),
        cached_tools - 1,
        "{out}"
    );
}

#[test]
fn a_changed_configuration_makes_the_cache_stale_and_cache_clear_forgets() {
    let home = slow_home(0, "on");
    warm_up(&home);
    let (code, out, _) = run_vmcp(&["cache", "list"], home.dir.path());
    assert_eq!(code, 0);
    assert!(
        out.starts_with("SERVER  TOOLS  PROMPTS  RESOURCES  TEMPLATES  FETCHED\na       20     0"),
        "{out}"
    );
    // Same name, other arguments: the cached lists are not used.
    let yaml = std::fs::read_to_string(home.path("vmcp.yaml")).unwrap();
    std::fs::write(
        home.path("vmcp.yaml"),
        yaml.replacen(
            "\"--tools-only\"",
            "\"--tools-only\", \"--only-tools\", \"echo\"",
            2,
        ),
    )
    .unwrap();
    let mut c = Client::spawn(&home.path("vmcp.yaml"), "v", &[]);
    c.initialize();
    assert_eq!(c.tool_names(), ["a_echo", "b_echo"]);
    drop(c);
    let (code, out, err) = run_vmcp(&["cache", "clear", "a"], home.dir.path());
    assert_eq!(
        (code, out.as_str()),
        (0, "removed 1 cache entry\n"),
        "{err}"
    );
    let (_, out, _) = run_vmcp(&["cache", "clear"], home.dir.path());
    assert_eq!(out, "removed 1 cache entry\n");
    let (_, out, _) = run_vmcp(&["cache", "list", "--json"], home.dir.path());
    assert_eq!(out.trim(), "[]");
}

/// Every request routed to an upstream waits for it while it starts, as `tools/call` does: sent
/// right after `initialize`, with the lists served from a warm cache and the upstream 1 s away.
#[test]
fn every_routed_request_waits_for_its_starting_upstream() {
    let home = Home::new();
    let events = home.path("fx.events");
    let mut yaml = String::from("servers:\n");
    yaml += &upstream_entry(
        "fx",
        &[
            "--startup-delay-ms",
            "1000",
            "--events",
            events.to_str().unwrap(),
        ],
    );
    yaml += "vmcps:\n  v:\n    servers: [fx]\n    tools:\n      - name: relay\n        kind: prompt\n        template: '@tool.fx.echo(message=\"relayed\")'\n";
    home.config(&yaml);
    warm_up(&home);

    let mut c = home.client("v");
    c.initialize();
    let requests = [
        (
            "prompts/get",
            json!({"name": "fx_greet", "arguments": {"name": "Ann"}}),
        ),
        ("resources/read", json!({"uri": "test://static/hello"})),
        ("resources/templates/list", Value::Null),
        (
            "completion/complete",
            json!({"ref": {"type": "ref/prompt", "name": "fx_greet"}, "argument": {"name": "name", "value": "Al"}}),
        ),
        (
            "completion/complete",
            json!({"ref": {"type": "ref/resource", "uri": "test://fx/items/{id}"}, "argument": {"name": "id", "value": "B"}}),
        ),
        ("resources/subscribe", json!({"uri": "test://static/hello"})),
        ("resources/unsubscribe", json!({"uri": "test://fx/own"})),
        ("logging/setLevel", json!({"level": "debug"})),
        ("tools/call", json!({"name": "relay", "arguments": {}})),
    ];
    // All sent at once, before the upstream has read its `initialize`.
    let ids: Vec<i64> = requests
        .iter()
        .map(|(m, p)| c.send_request(m, p.clone()))
        .collect();
    assert_eq!(initializes(&home, "fx"), 1, "fx was already up");
    let mut results = Vec::new();
    for ((method, _), id) in requests.iter().zip(ids) {
        let resp = c.response(&json!(id));
        let result = resp
            .get("result")
            .cloned()
            .unwrap_or_else(|| panic!("{method} failed: {resp}\nstderr:\n{}", c.stderr()));
        results.push(result);
    }
    assert_eq!(
        results[0]["messages"][0]["content"]["text"], "Hello, Ann!",
        "{:?}",
        results[0]
    );
    assert_eq!(
        results[1]["contents"][0]["text"],
        "fx read test://static/hello"
    );
    assert_eq!(
        results[2]["resourceTemplates"][0]["uriTemplate"],
        "test://fx/items/{id}"
    );
    assert_eq!(
        results[3]["completion"]["values"],
        json!(["Alice", "Alfred"]),
        "completion answered before fx was up"
    );
    assert_eq!(results[4]["completion"]["values"], json!(["Bob"]));
    assert_eq!(results[5], json!({}));
    assert_eq!(results[6], json!({}));
    assert_eq!(
        results[8]["content"][0]["text"], "relayed",
        "{:?}",
        results[8]
    );
    home.wait_event("fx.events", "resources/subscribe \"test://static/hello\"");
    home.wait_event("fx.events", "resources/unsubscribe \"test://fx/own\"");
    home.wait_event("fx.events", "setLevel \"debug\"");
}
