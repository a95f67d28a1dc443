//! What operators see: `vmcp serve`'s Prometheus metrics, and OpenTelemetry traces from `vmcp
//! stdio` and `vmcp serve` to a loopback OTLP collector, with the client's trace continued to
//! the upstream. Through the real binary and real sockets.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::client::Client;
use crate::harness::fixtures::{RMCP_UPSTREAM, example};
use crate::harness::http::{Serve, modern, post, send};
use crate::harness::otlp::{Collector, Span};
use crate::harness::{Home, one_upstream};

/// The client's trace: its trace id and the span its request belongs to.
pub(crate) const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
pub(crate) const CLIENT_SPAN: &str = "00f067aa0ba902b7";

pub(crate) fn client_meta() -> Value {
    json!({"traceparent": format!("00-{TRACE}-{CLIENT_SPAN}-01"), "tracestate": "vendor=x1"})
}

/// The `_meta` the upstream received, as its `echo` tool with `show_meta` reports it.
fn upstream_meta(result: &Value) -> Value {
    let text = result["content"][0]["text"]
        .as_str()
        .unwrap_or_else(|| panic!("no text: {result}"));
    serde_json::from_str(text).unwrap()
}

/// The span id in a `traceparent` that continues [`TRACE`].
fn span_in(traceparent: &Value) -> String {
    let tp = traceparent.as_str().unwrap();
    let parts: Vec<&str> = tp.split('-').collect();
    assert_eq!(parts.len(), 4, "{tp}");
    assert_eq!((parts[0], parts[1], parts[3]), ("00", TRACE, "01"), "{tp}");
    assert_ne!(parts[2], CLIENT_SPAN, "vmcp's own span goes upstream: {tp}");
    parts[2].to_string()
}

/// The server span of the client's call and the client span of vmcp's call upstream: one
/// trace, the client's span → vmcp's server span → vmcp's client span (the upstream's parent).
fn assert_call_spans(server: &Span, upstream: &Span, upstream_span: &str, transport: &str) {
    assert_eq!(server.kind, 2, "{server:#?}");
    assert_eq!(server.trace_id, TRACE);
    assert_eq!(server.parent, CLIENT_SPAN);
    assert_eq!(server.trace_state, "vendor=x1");
    assert_eq!(server.attr("mcp.method.name"), Some("tools/call"));
    assert_eq!(server.attr("gen_ai.tool.name"), Some("s_echo"));
    assert_eq!(server.attr("gen_ai.operation.name"), Some("execute_tool"));
    assert_eq!(server.attr("network.transport"), Some(transport));
    assert!(server.attr("jsonrpc.request.id").is_some(), "{server:#?}");
    assert_eq!(server.attr("error.type"), None);
    assert!(
        server.start <= server.end && server.start > 0,
        "{server:#?}"
    );
    assert_eq!(upstream.kind, 3, "{upstream:#?}");
    assert_eq!(upstream.trace_id, TRACE);
    assert_eq!(upstream.parent, server.span_id);
    assert_eq!(upstream.span_id, upstream_span);
    assert_eq!(upstream.attr("gen_ai.tool.name"), Some("echo"));
    assert_eq!(upstream.attr("vmcp.server"), Some("s"));
    assert_eq!(upstream.attr("network.transport"), Some("pipe"));
    assert_eq!(upstream.attr("mcp.protocol.version"), Some("2025-11-25"));
    assert!(server.start <= upstream.start && upstream.end <= server.end);
}

/// `vmcp serve` for `home` without auth, exporting its spans to `collector` as they end.
pub(crate) fn traced_serve(home: &Home, collector: &Collector) -> Serve {
    Serve::start_with(
        home.dir.path(),
        &home.path("vmcp.yaml"),
        &["--no-auth"],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.url),
            ("OTEL_BSP_SCHEDULE_DELAY", "50"),
        ],
    )
}

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

#[test]
fn stdio_exports_protobuf_spans_that_continue_the_clients_trace_to_the_upstream() {
    let collector = Collector::start();
    let home = one_upstream(&[]);
    let mut c = Client::spawn_with(
        &home.path("vmcp.yaml"),
        "v",
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.url),
            ("OTEL_SERVICE_NAME", "vmcp-under-test"),
        ],
    );
    c.initialize();
    let result = c.ok(
        "tools/call",
        json!({"name": "s_echo", "arguments": {"show_meta": true}, "_meta": client_meta()}),
    );
    let meta = upstream_meta(&result);
    let upstream_span = span_in(&meta["traceparent"]);
    assert_eq!(meta["tracestate"], "vendor=x1", "{meta}");
    // The default schedule delay is 5 s: the spans leave when vmcp ends.
    c.close_stdin();
    assert!(c.wait_exit(Duration::from_secs(10)).is_some());
    let server = collector.wait_span("tools/call s_echo");
    let upstream = collector.wait_span("tools/call echo");
    assert_call_spans(&server, &upstream, &upstream_span, "pipe");
    // The version `initialize` settled; stdio has no session id.
    assert_eq!(server.attr("mcp.protocol.version"), Some("2025-11-25"));
    assert_eq!(server.attr("mcp.session.id"), None);
    assert_eq!(
        server.resource.get("service.name").map(String::as_str),
        Some("vmcp-under-test")
    );
    assert!(server.resource.contains_key("service.version"));
    let exports = collector.exports();
    assert!(
        exports
            .iter()
            .all(|e| (e.path == "/v1/traces" || e.path == "/v1/metrics")
                && e.content_type == "application/x-protobuf"),
        "{exports:?}"
    );
    // The MCP conventions' metrics, sent at exit (the interval is a minute).
    let answered = collector.wait_point(
        "mcp.server.operation.duration",
        &[
            ("mcp.method.name", "tools/call"),
            ("gen_ai.tool.name", "s_echo"),
            ("network.transport", "pipe"),
            ("mcp.protocol.version", "2025-11-25"),
        ],
    );
    assert_eq!((answered.count, answered.unit.as_str()), (1, "s"));
    assert_eq!(answered.bucket_counts.iter().sum::<u64>(), 1);
    let sent = collector.wait_point(
        "mcp.client.operation.duration",
        &[("gen_ai.tool.name", "echo"), ("vmcp.server", "s")],
    );
    assert_eq!(sent.count, 1);
    // `initialize` has its span too, a root (the client sent no trace context with it).
    let init = collector.wait_span("initialize");
    assert_eq!(init.parent, "");
    assert_eq!(init.attr("mcp.protocol.version"), Some("2025-11-25"));
}

#[test]
fn serve_exports_json_spans_with_errors_and_headers_while_it_runs() {
    let collector = Collector::start();
    let home = one_upstream(&[]);
    let traces = format!("{}/custom/traces", collector.url);
    let s = Serve::start_with(
        home.dir.path(),
        &home.path("vmcp.yaml"),
        &["--no-auth"],
        &[
            ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", &traces),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"),
            ("OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=t%201"),
            ("OTEL_BSP_SCHEDULE_DELAY", "50"),
            (
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
                &format!("{}/custom/metrics", collector.url),
            ),
            ("OTEL_METRIC_EXPORT_INTERVAL", "100"),
        ],
    );
    let sid = s.initialize("v", &[]);
    let result = legacy(
        &s,
        &sid,
        2,
        "tools/call",
        json!({"name": "s_echo", "arguments": {"show_meta": true}, "_meta": client_meta()}),
    );
    let upstream_span = span_in(&upstream_meta(&result["result"])["traceparent"]);
    let failed = legacy(
        &s,
        &sid,
        3,
        "tools/call",
        json!({"name": "s_fail", "arguments": {}}),
    );
    assert_eq!(failed["result"]["isError"], true, "{failed}");
    let unknown = legacy(
        &s,
        &sid,
        4,
        "tools/call",
        json!({"name": "s_nope", "arguments": {}}),
    );
    let code = unknown["error"]["code"].as_i64().unwrap();
    // Exported while the server runs (the schedule delay passed).
    let server = collector.wait_span("tools/call s_echo");
    let upstream = collector.wait_span("tools/call echo");
    assert_call_spans(&server, &upstream, &upstream_span, "tcp");
    assert_eq!(server.attr("mcp.session.id"), Some(sid.as_str()));
    assert_eq!(server.attr("mcp.protocol.version"), Some("2025-11-25"));
    let tool_error = collector.wait_span("tools/call s_fail");
    assert_eq!(tool_error.attr("error.type"), Some("tool_error"));
    assert_eq!(tool_error.status, 2);
    assert_eq!(
        collector.wait_span("tools/call fail").attr("error.type"),
        Some("tool_error")
    );
    let refused = collector.wait_span("tools/call s_nope");
    assert_eq!(refused.attr("error.type"), Some(code.to_string().as_str()));
    assert!(refused.status_message.contains("s_nope"), "{refused:#?}");
    // No trace context from the client: a trace of its own.
    assert_eq!(refused.parent, "");
    assert_ne!(refused.trace_id, TRACE);
    let exports = collector.exports();
    assert!(
        exports.iter().all(
            |e| (e.path == "/custom/traces" || e.path == "/custom/metrics")
                && e.content_type == "application/json"
                && e.headers
                    .contains(&("x-tenant".to_string(), "t 1".to_string()))
        ),
        "{exports:?}"
    );
    // Metrics go out every interval while the server runs: the calls so far, by tool, and
    // the unknown tool's call without its name.
    let code = code.to_string();
    let failed = collector.wait_point(
        "mcp.server.operation.duration",
        &[("gen_ai.tool.name", "s_fail"), ("error.type", "tool_error")],
    );
    assert_eq!(
        failed
            .attributes
            .get("network.transport")
            .map(String::as_str),
        Some("tcp")
    );
    let refused = collector.wait_point(
        "mcp.server.operation.duration",
        &[
            ("mcp.method.name", "tools/call"),
            ("error.type", code.as_str()),
        ],
    );
    assert!(
        !refused.attributes.contains_key("gen_ai.tool.name"),
        "{refused:?}"
    );
    for e in collector.metric_exports() {
        assert!(!String::from_utf8_lossy(&e.body).contains("s_nope"));
    }
}

#[test]
fn without_an_endpoint_or_with_grpc_nothing_is_exported_and_trace_context_passes_unchanged() {
    let collector = Collector::start();
    let home = one_upstream(&[]);
    for env in [
        vec![],
        vec![
            ("OTEL_EXPORTER_OTLP_ENDPOINT", collector.url.as_str()),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
        ],
    ] {
        let mut c = Client::spawn_with(&home.path("vmcp.yaml"), "v", &[], &env);
        c.initialize();
        let result = c.ok(
            "tools/call",
            json!({"name": "s_echo", "arguments": {"show_meta": true}, "_meta": client_meta()}),
        );
        assert_eq!(upstream_meta(&result), client_meta());
        c.close_stdin();
        assert!(c.wait_exit(Duration::from_secs(10)).is_some());
        if !env.is_empty() {
            let log = c.stderr();
            let warned: Vec<&str> = log.lines().filter(|l| l.contains("grpc")).collect();
            assert_eq!(warned.len(), 1, "{log}");
            assert!(warned[0].contains("http/protobuf or http/json"), "{log}");
        }
    }
    assert!(collector.exports().is_empty());
}

#[test]
fn a_modern_request_through_serve_continues_its_trace_to_a_modern_upstream() {
    let collector = Collector::start();
    let home = Home::new();
    home.config(&format!(
        "servers:\n  m:\n    command: {}\n    args: [--era, modern]\n    trust: always\nvmcps:\n  v:\n    servers: [m]\n",
        example(RMCP_UPSTREAM).display()
    ));
    let s = traced_serve(&home, &collector);
    let answer = modern(
        &s.url("v"),
        &[],
        7,
        "tools/call",
        json!({"name": "m_echo_meta", "arguments": {"message": "hi"}, "_meta": client_meta()}),
    )
    .answer();
    let seen = upstream_meta(&answer["result"]);
    assert_eq!(seen["era"], "modern", "{seen}");
    let upstream_span = span_in(&seen["traceparent"]);
    assert_eq!(seen["tracestate"], "vendor=x1", "{seen}");
    let server = collector.wait_span("tools/call m_echo_meta");
    assert_eq!(
        (server.trace_id.as_str(), server.parent.as_str()),
        (TRACE, CLIENT_SPAN)
    );
    assert_eq!(server.attr("mcp.protocol.version"), Some("2026-07-28"));
    assert_eq!(server.attr("jsonrpc.request.id"), Some("7"));
    assert_eq!(server.attr("network.transport"), Some("tcp"));
    let upstream = collector.wait_span("tools/call echo_meta");
    assert_eq!(upstream.parent, server.span_id);
    assert_eq!(upstream.span_id, upstream_span);
    assert_eq!(upstream.attr("mcp.protocol.version"), Some("2026-07-28"));
}
