//! Telling an observer about every completed call (tool call, prompt fetch, resource read):
//! what was called where, how long it took, whether it worked and how big the answer was.
//! Arguments and results are never passed on.

use std::time::{Duration, SystemTime};

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

/// Receives completed calls; must return quickly (it runs on the call path).
pub(crate) trait CallObserver: Send + Sync + 'static {
    fn completed(&self, call: CompletedCall);
}

/// Receives an upstream's complete lists whenever they are fetched live (ready, list_changed),
/// with the protocol version its connection speaks.
pub(crate) trait ListsObserver: Send + Sync + 'static {
    fn lists(&self, server: &str, lists: &crate::upstream::Lists, protocol: Option<&str>);
}
