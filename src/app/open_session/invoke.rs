//! One request through an open session from the command line: call a tool, get a prompt, read a
//! resource. Results come back verbatim; failures are sorted by what the user can do about them.

use serde_json::{Map, Value};
use tokio_util::sync::CancellationToken;

use super::{OpenSession, ServerStatus};
use crate::config::error::suggest;
use crate::protocol::{ProgressSink, RawObject, RequestError};
use crate::session::{CallContext, SessionError};
use crate::upstream::{ListKind, UpstreamError};

/// Why a request produced no result.
#[derive(Debug, thiserror::Error)]
pub(crate) enum InvokeError {
    /// No server of the vMCP offers it (possibly because one that might did not start).
    #[error("{error}{}{}",
        suggestion.as_ref().map(|s| format!("\n  hint: did you mean `{s}`?")).unwrap_or_default(),
        unavailable_note(unavailable))]
    NotFound {
        error: SessionError,
        suggestion: Option<String>,
        unavailable: Vec<ServerStatus>,
    },
    /// The upstream could not be reached, stopped answering, or timed out.
    #[error("{0}")]
    Unavailable(SessionError),
    /// The upstream answered with a protocol error (e.g. arguments it does not accept).
    #[error("{0}")]
    Rejected(SessionError),
}

impl InvokeError {
    /// Whether an upstream that failed to start is to blame.
    pub(crate) fn is_unavailable(&self) -> bool {
        match self {
            InvokeError::NotFound { unavailable, .. } => !unavailable.is_empty(),
            InvokeError::Unavailable(_) => true,
            InvokeError::Rejected(_) => false,
        }
    }
}

fn unavailable_note(servers: &[ServerStatus]) -> String {
    use std::fmt::Write as _;
    servers.iter().fold(String::new(), |mut out, s| {
        let why = s
            .error
            .as_ref()
            .map_or_else(|| format!("is {}", s.state), |e| format!("failed ({e})"));
        let _ = write!(
            out,
            "\n  note: server `{}` {why}, so what it offers is missing",
            s.name
        );
        out
    })
}

/// A result, verbatim, and whether it is a tool error (`isError: true`).
#[derive(Debug)]
pub(crate) struct Answer {
    pub result: Value,
    pub is_error: bool,
}

async fn sort_error(opened: &OpenSession, error: SessionError, kind: ListKind) -> InvokeError {
    match &error {
        SessionError::UnknownTool(name)
        | SessionError::UnknownPrompt(name)
        | SessionError::UnknownResource(name) => {
            let known = known_names(opened, kind).await;
            InvokeError::NotFound {
                suggestion: suggest(name, known.iter().map(String::as_str)),
                error,
                unavailable: opened.unavailable(),
            }
        }
        SessionError::Upstream {
            error: UpstreamError::Request(RequestError::Rpc(_)),
            ..
        }
        | SessionError::InvalidParams(_)
        | SessionError::UnknownTask(_)
        | SessionError::Custom(_)
        | SessionError::Input(_)
        | SessionError::Withheld(_)
        | SessionError::Unsupported { .. } => InvokeError::Rejected(error),
        SessionError::Upstream { .. } => InvokeError::Unavailable(error),
    }
}

/// The exposed names (or URIs) of one list, for "did you mean".
async fn known_names(opened: &OpenSession, kind: ListKind) -> Vec<String> {
    let (list, key) = match kind {
        ListKind::Tools => ("tools", "name"),
        ListKind::Prompts => ("prompts", "name"),
        ListKind::Resources | ListKind::Templates => ("resources", "uri"),
    };
    let raw = opened.session.list(kind).await;
    serde_json::from_str::<Value>(raw.get())
        .ok()
        .and_then(|v| v.get(list).and_then(Value::as_array).cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|i| i.get(key).and_then(Value::as_str).map(str::to_string))
        .collect()
}

/// The input schema of an exposed tool, if the vMCP has it.
pub(crate) async fn tool_schema(opened: &OpenSession, name: &str) -> Option<Value> {
    let raw = opened.session.list(ListKind::Tools).await;
    let tools: Value = serde_json::from_str(raw.get()).ok()?;
    tools
        .get("tools")?
        .as_array()?
        .iter()
        .find(|t| t.get("name").and_then(Value::as_str) == Some(name))?
        .get("inputSchema")
        .cloned()
}

fn context(progress: Option<ProgressSink>, cancel: CancellationToken) -> CallContext {
    CallContext {
        cancel,
        progress,
        ..CallContext::default()
    }
}

fn parse(raw: &serde_json::value::RawValue) -> Value {
    serde_json::from_str(raw.get()).unwrap_or(Value::Null)
}

/// `tools/call`.
pub(crate) async fn call_tool(
    opened: &OpenSession,
    name: &str,
    arguments: Map<String, Value>,
    progress: Option<ProgressSink>,
    cancel: CancellationToken,
) -> Result<Answer, InvokeError> {
    let mut params = RawObject::new();
    params.set_value("name", name);
    params.set_value("arguments", &arguments);
    match opened
        .session
        .call_tool(params, context(progress, cancel))
        .await
    {
        Ok(raw) => {
            let result = parse(&raw);
            let is_error = result.get("isError") == Some(&Value::Bool(true));
            Ok(Answer { result, is_error })
        }
        Err(e) => Err(sort_error(opened, e, ListKind::Tools).await),
    }
}

/// `prompts/get`; prompt arguments are strings.
pub(crate) async fn get_prompt(
    opened: &OpenSession,
    name: &str,
    arguments: Map<String, Value>,
    cancel: CancellationToken,
) -> Result<Answer, InvokeError> {
    let mut params = RawObject::new();
    params.set_value("name", name);
    if !arguments.is_empty() {
        params.set_value("arguments", &arguments);
    }
    match opened
        .session
        .get_prompt(params, context(None, cancel))
        .await
    {
        Ok(raw) => Ok(Answer {
            result: parse(&raw),
            is_error: false,
        }),
        Err(e) => Err(sort_error(opened, e, ListKind::Prompts).await),
    }
}

/// `resources/read`.
pub(crate) async fn read_resource(
    opened: &OpenSession,
    uri: &str,
    cancel: CancellationToken,
) -> Result<Answer, InvokeError> {
    let mut params = RawObject::new();
    params.set_value("uri", uri);
    match opened
        .session
        .read_resource(params, context(None, cancel))
        .await
    {
        Ok(raw) => Ok(Answer {
            result: parse(&raw),
            is_error: false,
        }),
        Err(e) => Err(sort_error(opened, e, ListKind::Resources).await),
    }
}
