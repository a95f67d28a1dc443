//! What operators see: `vmcp serve`'s Prometheus metrics, through the real binary and real
//! sockets.

use serde_json::{Value, json};

use crate::harness::http::{Serve, post, send};
use crate::harness::one_upstream;

/// A legacy request in session `sid` of vMCP `v`.
fn legacy(s: &Serve, sid: &str, id: i64, method: &str, params: Value) -> Value {
    post(
        &s.url("v"),
        &[
            ("Mcp-Session-Id", sid),
            ("MCP-Protocol-Version", "2025-11-25"),
        ],
        &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
    )
    .json()
}

fn scrape(s: &Serve) -> String {
    let r = send("GET", &format!("{}/metrics", s.base), &[], None);
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    r.text()
}

/// The value of the sample named exactly `series` (name and labels), if present.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
        .map(|v| v.parse().unwrap())
}

#[test]
fn metrics_count_requests_and_calls_by_tool_and_unknown_names_make_no_series() {
    let home = one_upstream(&[]);
    let s = Serve::start(home.dir.path(), &home.path("vmcp.yaml"), &["--no-auth"]);
    let sid = s.initialize("v", &[]);
    let echo = r#"vmcp_calls_total{vmcp="v",server="s",kind="tool",name="s_echo",outcome="ok"}"#;
    let calls = r#"vmcp_requests_total{vmcp="v",method="tools/call",outcome="ok"}"#;
    let before = scrape(&s);
    assert_eq!(sample(&before, echo), None, "{before}");
    assert_eq!(
        sample(
            &before,
            r#"vmcp_requests_total{vmcp="v",method="initialize",outcome="ok"}"#
        ),
        Some(1.0),
        "{before}"
    );
    for id in 2..4 {
        let answer = legacy(
            &s,
            &sid,
            id,
            "tools/call",
            json!({"name": "s_echo", "arguments": {"message": "hi"}}),
        );
        assert_eq!(answer["result"]["content"][0]["text"], "hi", "{answer}");
    }
    let unknown = legacy(
        &s,
        &sid,
        4,
        "tools/call",
        json!({"name": "s_no_such_tool", "arguments": {}}),
    );
    assert!(unknown["error"].is_object(), "{unknown}");
    let odd = legacy(&s, &sid, 5, "x-vendor/whatever", json!({}));
    assert!(odd["error"].is_object(), "{odd}");
    let after = scrape(&s);
    assert_eq!(sample(&after, echo), Some(2.0), "{after}");
    assert_eq!(sample(&after, calls), Some(2.0), "{after}");
    assert_eq!(
        sample(
            &after,
            r#"vmcp_requests_total{vmcp="v",method="tools/call",outcome="error"}"#
        ),
        Some(1.0),
        "{after}"
    );
    assert_eq!(
        sample(
            &after,
            r#"vmcp_requests_total{vmcp="v",method="other",outcome="error"}"#
        ),
        Some(1.0),
        "{after}"
    );
    assert_eq!(
        sample(
            &after,
            r#"vmcp_call_duration_seconds_count{vmcp="v",server="s",kind="tool",name="s_echo"}"#
        ),
        Some(2.0),
        "{after}"
    );
    assert_eq!(
        sample(
            &after,
            r#"vmcp_call_duration_seconds_bucket{vmcp="v",server="s",kind="tool",name="s_echo",le="+Inf"}"#
        ),
        Some(2.0),
        "{after}"
    );
    assert_eq!(
        sample(&after, r#"vmcp_calls_in_flight{vmcp="v",server="s"}"#),
        Some(0.0),
        "{after}"
    );
    assert_eq!(
        sample(&after, r#"vmcp_sessions{vmcp="v"}"#),
        Some(1.0),
        "{after}"
    );
    // The session's upstream is ready; the shared Session's waits for a modern caller.
    assert_eq!(
        sample(
            &after,
            r#"vmcp_upstreams{vmcp="v",server="s",state="ready"}"#
        ),
        Some(1.0),
        "{after}"
    );
    assert_eq!(
        sample(
            &after,
            r#"vmcp_upstreams{vmcp="v",server="s",state="connecting"}"#
        ),
        Some(1.0),
        "{after}"
    );
    // Client input never names a series.
    assert!(!after.contains("s_no_such_tool"), "{after}");
    assert!(!after.contains("x-vendor"), "{after}");
}
