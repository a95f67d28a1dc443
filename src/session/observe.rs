//! Telling an observer about every completed call (tool call, prompt fetch, resource read):
//! what was called where, how long it took, whether it worked and how big the answer was; and,
//! for whoever counts them (metrics), calls as they start and client requests as they are
//! answered, and the spans of both (`spans.rs`) for whoever traces. Arguments and results are
//! never passed on.

use std::time::{Duration, SystemTime};

use crate::telemetry::trace::Span;

/// What kind of thing was called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallKind {
    Tool,
    Prompt,
    Resource,
}

impl CallKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CallKind::Tool => "tool",
            CallKind::Prompt => "prompt",
            CallKind::Resource => "resource",
        }
    }
}

/// One completed call.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompletedCall {
    pub kind: CallKind,
    pub server: String,
    /// The upstream's name (or the URI for resources).
    pub name: String,
    /// The name the client used.
    pub exposed: String,
    pub started: SystemTime,
    pub duration: Duration,
    /// False for errors, tool results flagged `isError`, timeouts and unreachable servers.
    pub ok: bool,
    pub response_bytes: usize,
    /// Who called, when the transport knows (an HTTP caller's token name).
    pub caller: Option<std::sync::Arc<str>>,
}

/// How a client request was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    Ok,
    /// A tool result flagged `isError`.
    ToolError,
    /// A JSON-RPC error, with its code.
    Error(i64),
}

/// One client request, answered.
#[derive(Debug, Clone)]
pub(crate) struct AnsweredRequest<'a> {
    pub method: &'a str,
    pub duration: Duration,
    pub answer: Answer,
}

/// Receives completed calls; must return quickly (it runs on the call path). The other hooks
/// are for observers that count (metrics); the call log needs only `completed`.
pub(crate) trait CallObserver: Send + Sync + 'static {
    fn completed(&self, call: CompletedCall);

    /// A call starts on `server` (`completed` follows, whatever happens).
    fn started(&self, _kind: CallKind, _server: &str) {}

    /// A client request was answered (every method, calls included).
    fn answered(&self, _request: &AnsweredRequest<'_>) {}

    /// An upstream went down and will be started again.
    fn restarting(&self, _server: &str) {}

    /// Whether this observer wants spans (then the session makes them, and `span` gets each
    /// as it ends; else none is made).
    fn tracing(&self) -> bool {
        false
    }

    fn span(&self, _span: Span) {}
}

/// Several observers as one (the call log and metrics).
pub(crate) struct Observers(pub Vec<std::sync::Arc<dyn CallObserver>>);

impl CallObserver for Observers {
    fn completed(&self, call: CompletedCall) {
        if let Some((last, rest)) = self.0.split_last() {
            for o in rest {
                o.completed(call.clone());
            }
            last.completed(call);
        }
    }

    fn started(&self, kind: CallKind, server: &str) {
        self.0.iter().for_each(|o| o.started(kind, server));
    }

    fn answered(&self, request: &AnsweredRequest<'_>) {
        self.0.iter().for_each(|o| o.answered(request));
    }

    fn restarting(&self, server: &str) {
        self.0.iter().for_each(|o| o.restarting(server));
    }

    fn tracing(&self) -> bool {
        self.0.iter().any(|o| o.tracing())
    }

    fn span(&self, span: Span) {
        if let Some(o) = self.0.iter().find(|o| o.tracing()) {
            o.span(span);
        }
    }
}

/// Receives an upstream's complete lists whenever they are fetched live (ready, list_changed),
/// with the protocol version its connection speaks.
pub(crate) trait ListsObserver: Send + Sync + 'static {
    fn lists(&self, server: &str, lists: &crate::upstream::Lists, protocol: Option<&str>);
}
