//! The spans of what a session serves and sends, named per the OpenTelemetry MCP conventions:
//! a server span per client request (`tools/call {tool}`), the child of the `traceparent` the
//! client put in `_meta`, and a client span per request to an upstream, whose `traceparent`
//! goes in that request's `_meta` (the client's `tracestate` travels on). Spans are made only
//! when the observer asks for them; they reach it when they end.

use serde_json::value::RawValue;

use super::observe::Answer;
use crate::protocol::RawObject;
use crate::protocol::mcp::method;
use crate::protocol::meta::{key, meta_str, names_version, set_meta_key};
use crate::protocol::{IncomingRequest, Outcome, RequestError};
use crate::telemetry::trace::{Span, SpanContext, SpanKind, TRACEPARENT, TRACESTATE};
use crate::upstream::{Upstream, UpstreamError};

/// What names a session in its server spans, where the requests themselves do not: the
/// protocol version a legacy `initialize` settled, and an HTTP session's `Mcp-Session-Id`.
#[derive(Default)]
pub(crate) struct TraceLabels {
    pub(super) protocol: std::sync::OnceLock<String>,
    pub(super) session_id: std::sync::OnceLock<String>,
}

tokio::task_local! {
    /// The server span of the client request this task serves: the parent of what it sends.
    static CURRENT: SpanContext;
}

/// Runs `fut` as part of `span`'s request (what it sends upstream are its children).
pub(super) async fn within<F: Future>(span: &Span, fut: F) -> F::Output {
    CURRENT.scope(span.context.clone(), fut).await
}

/// `fut` carrying the current request's span context, for work spawned on a task of its own
/// (task-locals stay behind otherwise).
pub(super) fn carried<F: Future>(fut: F) -> impl Future<Output = F::Output> {
    let current = CURRENT.try_with(Clone::clone).ok();
    async move {
        match current {
            Some(context) => CURRENT.scope(context, fut).await,
            None => fut.await,
        }
    }
}

/// The name a span has: `{method} {target}` where the target is a tool or prompt name.
fn span_name(m: &str, target: Option<&str>) -> String {
    match target {
        Some(t) => format!("{m} {t}"),
        None => m.to_string(),
    }
}

/// The attributes every MCP span has by its method and params.
fn describe(span: &mut Span, m: &str, params: Option<&RawObject>, transport: &'static str) {
    span.set("mcp.method.name", m);
    span.set("network.transport", transport);
    let Some(params) = params else {
        return;
    };
    match m {
        method::TOOLS_CALL => {
            span.set("gen_ai.operation.name", "execute_tool");
            if let Some(name) = params.get_str("name") {
                span.set("gen_ai.tool.name", name);
            }
        }
        method::PROMPTS_GET => {
            if let Some(name) = params.get_str("name") {
                span.set("gen_ai.prompt.name", name);
            }
        }
        method::RESOURCES_READ | method::RESOURCES_SUBSCRIBE | method::RESOURCES_UNSUBSCRIBE => {
            if let Some(uri) = params.get_str("uri") {
                span.set("mcp.resource.uri", uri);
            }
        }
        _ => {}
    }
}

fn target(m: &str, params: Option<&RawObject>) -> Option<String> {
    match m {
        method::TOOLS_CALL | method::PROMPTS_GET => params?.get_str("name"),
        _ => None,
    }
}

/// The server span of a client request to a session labelled `labels`, started now.
/// `transport` is `pipe` (stdio) or `tcp` (HTTP).
pub(super) fn serving(
    req: &IncomingRequest,
    transport: &'static str,
    labels: &TraceLabels,
) -> Span {
    let params = RawObject::parse(req.params.as_deref()).ok();
    let parent = params.as_ref().and_then(|p| {
        SpanContext::parse(
            &meta_str(p, TRACEPARENT)?,
            meta_str(p, TRACESTATE).as_deref(),
        )
    });
    let name = span_name(&req.method, target(&req.method, params.as_ref()).as_deref());
    let mut span = Span::start(name, SpanKind::Server, parent.as_ref());
    describe(&mut span, &req.method, params.as_ref(), transport);
    let id = match &req.id {
        crate::protocol::RequestId::String(s) => s.clone(),
        other => other.to_string(),
    };
    span.set("jsonrpc.request.id", id);
    // A modern request names its version; a legacy one's was settled by `initialize`.
    let version = params
        .as_ref()
        .and_then(|p| meta_str(p, key::PROTOCOL_VERSION).or_else(|| p.get_str("protocolVersion")))
        .or_else(|| labels.protocol.get().cloned());
    if let Some(version) = version {
        span.set("mcp.protocol.version", version);
    }
    if let Some(id) = labels.session_id.get()
        && !params.as_ref().is_some_and(names_version)
    {
        span.set("mcp.session.id", id.clone());
    }
    span
}

/// Ends a server span with how the request was answered.
pub(super) fn served(mut span: Span, answer: Answer, outcome: &Outcome) -> Span {
    match (answer, outcome) {
        (Answer::Error(code), Outcome::Error(raw)) => {
            span.set("rpc.response.status_code", code.to_string());
            span.fail(code.to_string(), error_message(raw));
        }
        (Answer::ToolError, _) => {
            span.fail("tool_error".into(), "the tool reported an error".into());
        }
        _ => {}
    }
    span.finish()
}

fn error_message(raw: &RawValue) -> String {
    #[derive(serde::Deserialize)]
    struct Message {
        #[serde(default)]
        message: String,
    }
    serde_json::from_str::<Message>(raw.get()).map_or_else(|_| String::new(), |m| m.message)
}

/// The client span of a request to `up`, started now as a child of the client request being
/// served (or the root of a trace, for vmcp's own requests); its `traceparent` goes into
/// `params._meta`.
pub(super) fn sending(up: &Upstream, m: &str, params: &mut RawObject) -> Span {
    let parent = CURRENT.try_with(Clone::clone).ok();
    let name = span_name(m, target(m, Some(params)).as_deref());
    let mut span = Span::start(name, SpanKind::Client, parent.as_ref());
    let transport = match up.transport() {
        Some("stdio") => "pipe",
        _ => "tcp",
    };
    describe(&mut span, m, Some(params), transport);
    span.set("vmcp.server", up.name());
    if let Some(info) = up.info() {
        span.set("mcp.protocol.version", info.protocol_version.clone());
    }
    set_meta_key(params, TRACEPARENT, &span.context.traceparent());
    span
}

/// Ends a client span with the upstream's answer.
pub(super) fn sent(mut span: Span, m: &str, result: &Result<Box<RawValue>, UpstreamError>) -> Span {
    match result {
        Ok(raw) if m == method::TOOLS_CALL && super::forward::is_error_result(raw) => {
            span.fail("tool_error".into(), "the tool reported an error".into());
        }
        Ok(_) => {}
        Err(UpstreamError::Request(RequestError::Rpc(raw))) => {
            #[derive(serde::Deserialize)]
            struct Code {
                code: i64,
            }
            let code = serde_json::from_str::<Code>(raw.get()).map_or(0, |c| c.code);
            span.set("rpc.response.status_code", code.to_string());
            span.fail(code.to_string(), error_message(raw));
        }
        Err(e) => {
            let class = match e {
                UpstreamError::Request(RequestError::Timeout(_)) => "timeout",
                UpstreamError::Request(RequestError::Cancelled) => "cancelled",
                _ => "unavailable",
            };
            span.fail(class.into(), e.to_string());
        }
    }
    span.finish()
}
