//! Legacy HTTP+SSE upstreams (MCP 2024-11-05): `type: sse`, and `auto` (the default for a
//! `url`) falling back to SSE when streamable HTTP is refused — with the test upstream's SSE mode.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::Home;
use crate::harness::servers::{ServerProcess, port_of, test_upstream};

/// The test upstream speaking legacy SSE on 127.0.0.1; returns it and its `/sse` URL.
fn sse_server(home: &Home) -> (ServerProcess, String) {
    test_upstream(&["--name", "old", "--sse", "0"], &home.path("old.events"))
}

fn exercise(home: &Home) {
    let mut c = home.client("v");
    c.initialize();
    let names = c.tool_names();
    assert!(names.contains(&"old_echo".to_string()), "{names:?}");
    assert_eq!(
        c.call_text("old_echo", json!({"message": "over sse"})),
        "over sse"
    );
    // Progress comes back over the event stream, under the client's token.
    let id = c.send_request(
        "tools/call",
        json!({"name": "old_progress", "arguments": {"steps": 3}, "_meta": {"progressToken": "p1"}}),
    );
    let result = c.response(&json!(id));
    assert_eq!(
        result["result"]["content"][0]["text"], "3 steps done",
        "{result}"
    );
    let mut seen = Vec::new();
    while let Some(n) = c.try_notification("notifications/progress", Duration::from_millis(500)) {
        seen.push(n);
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(
        seen.iter().all(|n| n["params"]["progressToken"] == "p1"),
        "{seen:?}"
    );
    // Prompts and resources too.
    let prompts = c.ok("prompts/list", Value::Null);
    assert!(
        prompts["prompts"].as_array().is_some_and(|p| !p.is_empty()),
        "{prompts}"
    );
}

#[test]
fn type_sse_lists_calls_and_relays_progress() {
    let home = Home::new();
    let (_server, url) = sse_server(&home);
    home.config(&format!(
        "servers:\n  old:\n    url: {url}\n    type: sse\n    trust: always\nvmcps:\n  v:\n    servers: [old]\n"
    ));
    exercise(&home);
}

#[test]
fn auto_falls_back_to_sse_when_streamable_http_is_refused() {
    let home = Home::new();
    let (_server, url) = sse_server(&home);
    home.config(&format!(
        "servers:\n  old:\n    url: {url}\n    trust: always\nvmcps:\n  v:\n    servers: [old]\n"
    ));
    exercise(&home);
    let stderr_files: Vec<_> = std::fs::read_dir(home.dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().contains("vmcp-stderr"))
        .collect();
    let log: String = stderr_files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    assert!(
        log.contains("streamable HTTP refused (HTTP 405); trying the SSE transport"),
        "{log}"
    );
    // `server test` says which transport answered.
    let (code, out, err) =
        crate::harness::run_vmcp(&["server", "test", "old", "--json"], home.dir.path());
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(report["transport"], "sse", "{report}");
}

#[test]
fn a_lost_sse_stream_is_reconnected() {
    let home = Home::new();
    let (server, url) = sse_server(&home);
    home.config(&format!(
        "servers:\n  old:\n    url: {url}\n    type: sse\n    retry_delay: 50ms\n    trust: always\nvmcps:\n  v:\n    servers: [old]\n"
    ));
    let mut c = home.client("v");
    c.initialize();
    assert_eq!(c.call_text("old_echo", json!({"message": "1"})), "1");
    let port = port_of(&url).to_string();
    drop(server);
    let _restarted = test_upstream(&["--name", "old", "--sse", &port], &home.path("old.events"));
    let text = c.call_text_when_up(
        "old_echo",
        &json!({"message": "2"}),
        Duration::from_secs(10),
    );
    assert_eq!(text, "2");
}
