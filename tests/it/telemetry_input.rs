//! Spans of the input an upstream asks of the client (sampling, elicitation, roots), exported
//! to a loopback OTLP collector through the real binary: a legacy server's request relayed to a
//! legacy client, the same request held for a 2026-07-28 caller's retry, and a 2026-07-28
//! server's input-required rounds answered by a legacy client. Each belongs to the trace of the
//! call it is part of.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::client::Client;
use crate::harness::http::modern;
use crate::harness::otlp::{Collector, Span};
use crate::harness::{Home, one_upstream};
use crate::mrtr::modern_upstream;
use crate::telemetry::{CLIENT_SPAN, TRACE, client_meta, traced_serve};

const SERVER: u64 = 2;
const CLIENT: u64 = 3;

/// `vmcp stdio` for vMCP `v` of `home`, exporting spans to `collector`.
fn traced_stdio(home: &Home, collector: &Collector) -> Client {
    Client::spawn_with(
        &home.path("vmcp.yaml"),
        "v",
        &[],
        &[("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.url)],
    )
}

/// Ends `c` (spans leave when vmcp ends).
fn end(mut c: Client) {
    c.close_stdin();
    assert!(c.wait_exit(Duration::from_secs(10)).is_some());
}

/// The `traceparent` the client got with the request `method` vmcp sent it.
fn traceparent_of_request(c: &Client, method: &str) -> Value {
    let requests = c.server_requests.lock().unwrap();
    let (_, params) = requests
        .iter()
        .find(|(m, _)| m == method)
        .unwrap_or_else(|| panic!("vmcp never asked {method}: {requests:?}"));
    params["_meta"]["traceparent"].clone()
}

/// The one span of `kind` among `spans`.
fn of_kind(spans: &[Span], kind: u64) -> Span {
    let mut found = spans.iter().filter(|s| s.kind == kind);
    let one = found
        .next()
        .unwrap_or_else(|| panic!("none of kind {kind}: {spans:#?}"));
    assert!(found.next().is_none(), "several of kind {kind}: {spans:#?}");
    one.clone()
}

/// `span` names `method`, belongs to the client's trace and is a child of `parent`.
fn assert_in_call(span: &Span, method: &str, parent: &Span) {
    assert_eq!(span.trace_id, TRACE, "{span:#?}");
    assert_eq!(
        span.parent, parent.span_id,
        "{span:#?}\nparent: {parent:#?}"
    );
    assert_eq!(span.attr("mcp.method.name"), Some(method), "{span:#?}");
    assert_eq!(span.attr("network.transport"), Some("pipe"), "{span:#?}");
}

#[test]
fn a_legacy_servers_request_relayed_to_a_legacy_client_is_received_and_sent_within_the_call() {
    let collector = Collector::start();
    let home = one_upstream(&[]);
    let mut c = traced_stdio(&home, &collector);
    c.initialize();
    let result = c.ok(
        "tools/call",
        json!({"name": "s_sample", "arguments": {"prompt": "hi"}, "_meta": client_meta()}),
    );
    assert!(result.to_string().contains("hi"), "{result}");
    let sent_with = traceparent_of_request(&c, "sampling/createMessage");
    end(c);
    let call = collector.wait_span("tools/call s_sample");
    assert_eq!(call.parent, CLIENT_SPAN);
    let upstream = collector.wait_span("tools/call sample");
    assert_eq!(upstream.parent, call.span_id);
    let both = collector.wait_spans("sampling/createMessage", 2);
    // The upstream's request, as vmcp received it: within vmcp's call to it.
    let received = of_kind(&both, SERVER);
    assert_in_call(&received, "sampling/createMessage", &upstream);
    assert!(
        received.attr("jsonrpc.request.id").is_some(),
        "{received:#?}"
    );
    assert_eq!(received.attr("vmcp.server"), Some("s"));
    assert_eq!(received.attr("mcp.protocol.version"), Some("2025-11-25"));
    // The same request, as vmcp sent it to the client, whose parent it names.
    let relayed = of_kind(&both, CLIENT);
    assert_in_call(&relayed, "sampling/createMessage", &received);
    assert_eq!(relayed.attr("mcp.protocol.version"), Some("2025-11-25"));
    assert_eq!(
        sent_with,
        format!("00-{TRACE}-{}-01", relayed.span_id),
        "{relayed:#?}"
    );
    assert!(upstream.start <= received.start && received.end <= upstream.end);
    assert!(received.start <= relayed.start && relayed.end <= received.end);
    // Both are timed as the conventions' operations, sent at exit.
    let method = ("mcp.method.name", "sampling/createMessage");
    let answered = collector.wait_point(
        "mcp.server.operation.duration",
        &[method, ("vmcp.server", "s")],
    );
    assert_eq!(answered.count, 1);
    let sent = collector.wait_point("mcp.client.operation.duration", &[method]);
    assert_eq!(sent.count, 1);
}

#[test]
fn a_legacy_servers_request_held_for_a_modern_callers_retry_is_one_span_within_the_call() {
    let collector = Collector::start();
    let home = one_upstream(&[]);
    let s = traced_serve(&home, &collector);
    let mut meta = client_meta();
    meta["io.modelcontextprotocol/clientCapabilities"] = json!({"elicitation": {}});
    let args = json!({"message": "Your name?"});
    let call = |id: i64, more: Value| {
        let mut params = json!({"name": "s_elicit", "arguments": args, "_meta": meta});
        params
            .as_object_mut()
            .unwrap()
            .extend(more.as_object().cloned().unwrap_or_default());
        modern(&s.url("v"), &[], id, "tools/call", params).answer()
    };
    let first = call(2, json!({}));
    assert_eq!(first["result"]["resultType"], "input_required", "{first}");
    let state = first["result"]["requestState"].clone();
    let answer = json!({"action": "accept", "content": {"name": "Ada"}});
    let done = call(
        3,
        json!({"requestState": state, "inputResponses": {"u1": answer}}),
    );
    assert_eq!(done["result"]["resultType"], "complete", "{done}");
    let served = collector.wait_spans("tools/call s_elicit", 2);
    let first_request = served
        .iter()
        .find(|s| s.attr("jsonrpc.request.id") == Some("2"))
        .expect("the first request's span");
    let upstream = collector.wait_span("tools/call elicit");
    assert_eq!(upstream.parent, first_request.span_id);
    // Received from the upstream within vmcp's call to it, answered with the retry; the
    // caller was asked in a result, not with a request of its own.
    let asked = collector.wait_spans("elicitation/create", 1);
    let received = of_kind(&asked, SERVER);
    assert_in_call(&received, "elicitation/create", &upstream);
    assert_eq!(received.attr("vmcp.server"), Some("s"));
    assert!(
        received.attr("jsonrpc.request.id").is_some(),
        "{received:#?}"
    );
    assert_eq!(received.status, 0, "{received:#?}");
    assert!(upstream.start <= received.start && received.end <= upstream.end);
}

#[test]
fn a_modern_servers_input_rounds_for_a_legacy_client_are_spans_of_the_call() {
    let collector = Collector::start();
    let home = modern_upstream();
    let mut c = traced_stdio(&home, &collector);
    c.initialize();
    let result = c.ok(
        "tools/call",
        json!({"name": "m_ask_name", "arguments": {}, "_meta": client_meta()}),
    );
    assert_eq!(result["content"][0]["text"], "Hello, Ada!", "{result}");
    let sent_with = traceparent_of_request(&c, "elicitation/create");
    end(c);
    let call = collector.wait_span("tools/call m_ask_name");
    assert_eq!(call.parent, CLIENT_SPAN);
    // The first request and its retry, each a request of the call to the upstream.
    let rounds = collector.wait_spans("tools/call ask_name", 2);
    for round in &rounds {
        assert_eq!((round.kind, round.trace_id.as_str()), (CLIENT, TRACE));
        assert_eq!(round.parent, call.span_id);
    }
    assert_ne!(rounds[0].span_id, rounds[1].span_id);
    // The upstream's input request, sent to the client between the two.
    let asked = collector.wait_span("elicitation/create");
    assert_eq!(asked.kind, CLIENT);
    assert_in_call(&asked, "elicitation/create", &call);
    assert_eq!(sent_with, format!("00-{TRACE}-{}-01", asked.span_id));
    let (first, retry) = if rounds[0].start <= rounds[1].start {
        (&rounds[0], &rounds[1])
    } else {
        (&rounds[1], &rounds[0])
    };
    assert!(first.end <= asked.start && asked.end <= retry.start);
}
