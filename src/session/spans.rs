//! The spans of what a session serves and sends, named per the OpenTelemetry MCP conventions:
//! a server span per client request (`tools/call {tool}`), the child of the `traceparent` the
//! client put in `_meta`, and a client span per request to an upstream, whose `traceparent`
//! goes in that request's `_meta` (the client's `tracestate` travels on). The input an
//! upstream asks of the client has spans of the call it belongs to: a server span per request
//! an upstream sends vmcp (sampling, elicitation, roots; the child of vmcp's request in flight
//! to it, unless it names a `traceparent` of its own), and a client span per request vmcp sends
//! the client (such a request relayed, or a 2026-07-28 upstream's input request asked of a
//! legacy client between rounds), whose `traceparent` goes in its `_meta`. Spans are made only
//! when the observer asks for them; they reach it when they end.

use serde_json::value::RawValue;

use std::sync::Arc;

use super::observe::{Answer, CallObserver};
use super::runtime::Session;
use crate::protocol::mcp::method;
use crate::protocol::meta::{key, meta_str, names_version, set_meta_key};
use crate::protocol::{IncomingRequest, Outcome, Peer, RawObject, RequestError, RequestId};
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

/// The span of the client request this task serves, if any.
pub(super) fn current() -> Option<SpanContext> {
    CURRENT.try_with(Clone::clone).ok()
}

/// Runs `fut` as part of `span`'s request (what it sends upstream are its children).
pub(super) async fn within<F: Future>(span: &Span, fut: F) -> F::Output {
    CURRENT.scope(span.context.clone(), fut).await
}

/// `fut` carrying the current request's span context, for work spawned on a task of its own
/// (task-locals stay behind otherwise).
pub(super) fn carried<F: Future>(fut: F) -> impl Future<Output = F::Output> {
    let current = current();
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

/// The trace context a request's sender put in its `_meta`, if it is well formed.
fn sender_context(params: Option<&RawObject>) -> Option<SpanContext> {
    let p = params?;
    SpanContext::parse(
        &meta_str(p, TRACEPARENT)?,
        meta_str(p, TRACESTATE).as_deref(),
    )
}

/// A request id as `jsonrpc.request.id` shows it (a string without its quotes).
fn id_text(id: &RequestId) -> String {
    match id {
        RequestId::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// How vmcp reaches `up`, as spans name it.
fn upstream_transport(up: &Upstream) -> &'static str {
    match up.transport() {
        Some("stdio") => "pipe",
        _ => "tcp",
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
    let parent = sender_context(params.as_ref());
    let name = span_name(&req.method, target(&req.method, params.as_ref()).as_deref());
    let mut span = Span::start(name, SpanKind::Server, parent.as_ref());
    describe(&mut span, &req.method, params.as_ref(), transport);
    span.set("jsonrpc.request.id", id_text(&req.id));
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

/// Ends the span of a request vmcp was sent, or sent the client, with how it was answered.
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
fn sending(up: &Upstream, m: &str, params: &mut RawObject) -> Span {
    let parent = current();
    let name = span_name(m, target(m, Some(params)).as_deref());
    let mut span = Span::start(name, SpanKind::Client, parent.as_ref());
    describe(&mut span, m, Some(params), upstream_transport(up));
    span.set("vmcp.server", up.name());
    if let Some(info) = up.info() {
        span.set("mcp.protocol.version", info.protocol_version.clone());
    }
    set_meta_key(params, TRACEPARENT, &span.context.traceparent());
    span
}

/// Ends a client span with the upstream's answer.
fn sent(mut span: Span, m: &str, result: &Result<Box<RawValue>, UpstreamError>) -> Span {
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

/// A request to an upstream on its way, within its client span.
pub(super) struct Sending<'a> {
    tracer: &'a Arc<dyn CallObserver>,
    span: Span,
}

impl Sending<'_> {
    /// Where the request sits in its trace (what the upstream asks meanwhile is its child).
    pub(super) fn context(&self) -> SpanContext {
        self.span.context.clone()
    }

    /// The upstream answered `m` with `result`: the span ends.
    pub(super) fn done(self, m: &str, result: &Result<Box<RawValue>, UpstreamError>) {
        self.tracer.span(sent(self.span, m, result));
    }
}

/// The server span of a request `up` sent vmcp (sampling, elicitation, roots), started now:
/// the child of the `traceparent` in its `_meta` when it names one, else of `parent` (vmcp's
/// request in flight to it that it belongs to).
fn receiving(up: &Upstream, req: &IncomingRequest, parent: Option<&SpanContext>) -> Span {
    let params = RawObject::parse(req.params.as_deref()).ok();
    let own = sender_context(params.as_ref());
    let mut span = Span::start(
        req.method.clone(),
        SpanKind::Server,
        own.as_ref().or(parent),
    );
    describe(
        &mut span,
        &req.method,
        params.as_ref(),
        upstream_transport(up),
    );
    span.set("jsonrpc.request.id", id_text(&req.id));
    span.set("vmcp.server", up.name());
    if let Some(info) = up.info() {
        span.set("mcp.protocol.version", info.protocol_version.clone());
    }
    span
}

/// The client span of a request `m` vmcp sends the client on `client`, started now as the
/// child of `parent`; its `traceparent` goes into `params._meta`.
fn asking(
    m: &str,
    params: &mut Option<RawObject>,
    client: &Peer,
    parent: Option<&SpanContext>,
    labels: &TraceLabels,
) -> Span {
    let mut span = Span::start(m.to_string(), SpanKind::Client, parent);
    describe(
        &mut span,
        m,
        params.as_ref(),
        super::server::transport_of(client),
    );
    if let Some(version) = labels.protocol.get() {
        span.set("mcp.protocol.version", version.clone());
    }
    if let Some(id) = labels.session_id.get() {
        span.set("mcp.session.id", id.clone());
    }
    set_meta_key(
        params.get_or_insert_with(RawObject::new),
        TRACEPARENT,
        &span.context.traceparent(),
    );
    span
}

/// A request (vmcp's to an upstream or to the client, or an upstream's to vmcp) being
/// answered, within its span.
pub(super) struct Traced<'a> {
    tracer: &'a Arc<dyn CallObserver>,
    span: Span,
    method: String,
}

impl Traced<'_> {
    /// Where the request sits in its trace.
    pub(super) fn context(&self) -> SpanContext {
        self.span.context.clone()
    }

    /// The request was answered with `outcome`: the span ends.
    pub(super) fn done(self, outcome: &Outcome) {
        let answer = super::server::answer_of(&self.method, outcome);
        self.tracer.span(served(self.span, answer, outcome));
    }
}

impl Session {
    fn tracer(&self) -> Option<&Arc<dyn CallObserver>> {
        self.observer().filter(|o| o.tracing())
    }

    /// Starts the client span of a request `m` to `up` when the observer traces; its
    /// `traceparent` goes into `params._meta`.
    pub(super) fn start_sending(
        &self,
        up: &Upstream,
        m: &str,
        params: &mut RawObject,
    ) -> Option<Sending<'_>> {
        let tracer = self.tracer()?;
        Some(Sending {
            tracer,
            span: sending(up, m, params),
        })
    }

    /// Starts the server span of a request `up` sent vmcp when the observer traces; `parent`
    /// is vmcp's request in flight to it that it belongs to.
    pub(super) fn start_receiving(
        &self,
        up: &Upstream,
        req: &IncomingRequest,
        parent: Option<&SpanContext>,
    ) -> Option<Traced<'_>> {
        let tracer = self.tracer()?;
        Some(Traced {
            tracer,
            span: receiving(up, req, parent),
            method: req.method.clone(),
        })
    }

    /// Starts the client span of a request `m` vmcp sends the client on `client` when the
    /// observer traces, the child of `parent`; its `traceparent` goes into `params._meta`.
    pub(super) fn start_asking(
        &self,
        m: &str,
        params: &mut Option<RawObject>,
        client: &Peer,
        parent: Option<&SpanContext>,
    ) -> Option<Traced<'_>> {
        let tracer = self.tracer()?;
        Some(Traced {
            tracer,
            span: asking(m, params, client, parent, &self.trace_labels),
            method: m.to_string(),
        })
    }
}
