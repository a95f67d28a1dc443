//! Streamable HTTP upstreams: the test upstream served over HTTP on 127.0.0.1.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::Home;
use crate::harness::servers::{ServerProcess, test_upstream};

struct HttpUpstream {
    _process: ServerProcess,
    url: String,
}

fn start(home: &Home) -> HttpUpstream {
    let (process, url) = test_upstream(&["--name", "web", "--http", "0"], &home.path("http.log"));
    HttpUpstream {
        _process: process,
        url,
    }
}

#[test]
fn http_upstream_lists_calls_streams_and_ends_its_session() {
    let home = Home::new();
    let up = start(&home);
    home.config(&format!(
        "servers:\n  web:\n    url: {}\n    headers: {{ X-Test: \"${{env:HOME}}\" }}\n    trust: always\nvmcps:\n  v:\n    servers: [web]\n",
        up.url
    ));
    let mut c = home.client("v");
    c.initialize();
    let names = c.tool_names();
    assert!(names.contains(&"web_echo".to_string()), "{names:?}");
    assert_eq!(
        c.call_text("web_echo", json!({"message": "over http"})),
        "over http"
    );
    // The session id and protocol version ride along after initialize.
    home.wait_event("http.log", "http session session-1");
    home.wait_event("http.log", "http post version=2025-11-25");
    // Server-initiated messages arrive on the GET stream: progress and list_changed.
    let id = c.send_request(
        "tools/call",
        json!({"name": "web_progress", "arguments": {"steps": 2}, "_meta": {"progressToken": 9}}),
    );
    assert_eq!(
        c.response(&json!(id))["result"]["content"][0]["text"],
        "2 steps done"
    );
    let p = c.notification("notifications/progress");
    assert_eq!(p["params"]["progressToken"], 9);
    c.call("web_add_tool", json!({"name": "fresh"}));
    c.notification("notifications/tools/list_changed");
    assert!(c.tool_names().contains(&"web_fresh".to_string()));
    // Sampling over HTTP: request on the GET stream, answer by POST.
    assert_eq!(
        c.call_text("web_sample", json!({"prompt": "p"})),
        "sampled: echo of p"
    );
    c.close_stdin();
    c.wait_exit(Duration::from_secs(10)).expect("exits");
    home.wait_event("http.log", "session deleted");
}

#[test]
fn unreachable_http_upstream_is_reported_not_fatal() {
    let home = Home::new();
    home.config(&format!(
        "servers:\n  gone:\n    url: http://127.0.0.1:9/mcp\n    startup_timeout: 2s\n    trust: always\n{}vmcps:\n  v:\n    servers: [gone, ok]\n",
        crate::harness::upstream_entry("ok", &[])
    ));
    let mut c = home.client("v");
    c.initialize();
    let names = c.tool_names();
    assert!(names.iter().all(|n| n.starts_with("ok_")), "{names:?}");
    assert!(
        c.stderr().contains("cannot reach http://127.0.0.1:9/mcp"),
        "{}",
        c.stderr()
    );
    let _ = c.ok("ping", Value::Null);
}
