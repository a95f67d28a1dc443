//! vmcp's metrics: client requests by method, calls by server and tool, calls in flight and
//! upstream restarts, fed by every session's observer. Labels stay bounded: methods outside
//! MCP's list count as `other`, and calls are counted only once routed (an unknown tool name
//! is refused before it could make a series), by their exposed name from the catalog.

use std::sync::Arc;

use crate::protocol::mcp::method;
use crate::session::{Answer, AnsweredRequest, CallKind, CallObserver, CompletedCall};
use crate::telemetry::metrics::{Counter, DURATION_BUCKETS, Gauge, Histogram};

/// The methods counted by name; any other is `other`.
const METHODS: &[&str] = &[
    method::INITIALIZE,
    method::PING,
    method::TOOLS_LIST,
    method::TOOLS_CALL,
    method::PROMPTS_LIST,
    method::PROMPTS_GET,
    method::RESOURCES_LIST,
    method::RESOURCE_TEMPLATES_LIST,
    method::RESOURCES_READ,
    method::RESOURCES_SUBSCRIBE,
    method::RESOURCES_UNSUBSCRIBE,
    method::COMPLETE,
    method::SET_LEVEL,
    method::DISCOVER,
    method::SUBSCRIPTIONS_LISTEN,
    method::TASKS_GET,
    method::TASKS_UPDATE,
    method::TASKS_CANCEL,
    // What upstreams ask of the client, through vmcp (their spans are timed too).
    method::SAMPLING,
    method::ELICITATION,
    method::ROOTS_LIST,
];

/// The method, if it is one of MCP's (client input must not name series).
pub(crate) fn known_method(m: &str) -> Option<&'static str> {
    METHODS.iter().copied().find(|k| *k == m)
}

fn outcome_label(a: Answer) -> &'static str {
    match a {
        Answer::Ok => "ok",
        Answer::ToolError => "tool_error",
        Answer::Error(_) => "error",
    }
}

/// Every metric vmcp keeps while it runs, shared by all sessions.
pub(crate) struct Metrics {
    requests: Counter,
    request_seconds: Histogram,
    calls: Counter,
    call_seconds: Histogram,
    in_flight: Gauge,
    restarts: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            requests: Counter::new(
                "vmcp_requests_total",
                "Client requests answered, by vMCP, method and outcome (ok, tool_error, error).",
                &["vmcp", "method", "outcome"],
            ),
            request_seconds: Histogram::new(
                "vmcp_request_duration_seconds",
                "Time to answer a client request, by vMCP and method.",
                &["vmcp", "method"],
                DURATION_BUCKETS,
            ),
            calls: Counter::new(
                "vmcp_calls_total",
                "Tool calls, prompt fetches and resource reads completed, by vMCP, server, kind, \
                 exposed name (empty for resources) and outcome (ok, error).",
                &["vmcp", "server", "kind", "name", "outcome"],
            ),
            call_seconds: Histogram::new(
                "vmcp_call_duration_seconds",
                "Time a call took, by vMCP, server, kind and exposed name (empty for resources).",
                &["vmcp", "server", "kind", "name"],
                DURATION_BUCKETS,
            ),
            in_flight: Gauge::new(
                "vmcp_calls_in_flight",
                "Calls started and not yet completed, by vMCP and server.",
                &["vmcp", "server"],
            ),
            restarts: Counter::new(
                "vmcp_upstream_restarts_total",
                "Times an upstream went down and was started again, by vMCP and server.",
                &["vmcp", "server"],
            ),
        }
    }
}

impl Metrics {
    /// The observer for a session of vMCP `vmcp`.
    pub(crate) fn observer(self: &Arc<Self>, vmcp: &str) -> Arc<dyn CallObserver> {
        Arc::new(SessionMetrics {
            vmcp: vmcp.to_string(),
            metrics: self.clone(),
        })
    }

    /// Every family in the text exposition format.
    pub(crate) fn render(&self, out: &mut String) {
        self.requests.render(out);
        self.request_seconds.render(out);
        self.calls.render(out);
        self.call_seconds.render(out);
        self.in_flight.render(out);
        self.restarts.render(out);
    }
}

struct SessionMetrics {
    vmcp: String,
    metrics: Arc<Metrics>,
}

/// A call's name as a label: resources' URIs are left out (templates make them unbounded).
fn call_name(kind: CallKind, exposed: &str) -> &str {
    match kind {
        CallKind::Resource => "",
        CallKind::Tool | CallKind::Prompt => exposed,
    }
}

impl CallObserver for SessionMetrics {
    fn completed(&self, c: CompletedCall) {
        let m = &self.metrics;
        let name = call_name(c.kind, &c.exposed);
        let kind = c.kind.as_str();
        let outcome = if c.ok { "ok" } else { "error" };
        m.calls.inc(&[&self.vmcp, &c.server, kind, name, outcome]);
        m.call_seconds.observe(
            &[&self.vmcp, &c.server, kind, name],
            c.duration.as_secs_f64(),
        );
        m.in_flight.add(&[&self.vmcp, &c.server], -1);
    }

    fn started(&self, _kind: CallKind, server: &str) {
        self.metrics.in_flight.add(&[&self.vmcp, server], 1);
    }

    fn answered(&self, r: &AnsweredRequest<'_>) {
        let m = &self.metrics;
        let method = known_method(r.method).unwrap_or("other");
        m.requests
            .inc(&[&self.vmcp, method, outcome_label(r.answer)]);
        m.request_seconds
            .observe(&[&self.vmcp, method], r.duration.as_secs_f64());
    }

    fn restarting(&self, server: &str) {
        self.metrics.restarts.inc(&[&self.vmcp, server]);
    }
}
