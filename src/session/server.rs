//! The bridge between the AI client and the session: answers `initialize` at once, dispatches
//! every other request to a session operation, and maps session errors onto the protocol (the
//! one place where that mapping lives). Serves newline-delimited JSON-RPC on any byte streams.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serde_json::value::RawValue;
use serde_json::{Map, Value, json};
use tokio::io::{AsyncRead, AsyncWrite};

use super::error::SessionError;
use super::forward::CallContext;
use super::runtime::Session;
use crate::protocol::lines::{BadLines, ReadOptions, read_lines, write_lines};
use crate::protocol::mcp::{self, method, notification};
use crate::protocol::message::to_raw;
use crate::protocol::{
    BoxFuture, ErrorObject, Handler, IncomingRequest, Outcome, Peer, ProgressSink, RawObject,
    RequestError, codes,
};
use crate::upstream::{ClientContext, ListKind, UpstreamError};

/// After the client closes its input, how long in-flight requests may still finish.
pub(crate) const DEFAULT_DRAIN_TIMEOUT: Duration = Duration::from_secs(2);

struct ClientBridge {
    session: Arc<Session>,
    peer: OnceLock<Peer>,
}

/// Serves `session` to a client on `reader`/`writer` until the client closes its input.
/// Returns why serving stopped. Upstreams keep running: the caller shuts the session down.
pub(crate) async fn serve<R, W>(session: Arc<Session>, reader: R, writer: W) -> Arc<str>
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let bridge = Arc::new(ClientBridge {
        session,
        peer: OnceLock::new(),
    });
    let (peer, frames) = Peer::new("client", bridge.clone());
    let _ = bridge.peer.set(peer.clone());
    let write_peer = peer.clone();
    let writer = tokio::spawn(async move {
        if let Err(e) = write_lines(write_peer.clone(), frames, writer).await {
            write_peer.close(format!("the client stopped reading: {e}"));
        }
    });
    // A client that does not read what we write is not read from either (backpressure).
    let opts = ReadOptions::new(BadLines::Reply).pause_while_full(Some(peer.backlog().clone()));
    let reason = read_lines(&peer, reader, opts).await;
    let _ = tokio::time::timeout(DEFAULT_DRAIN_TIMEOUT, peer.idle()).await;
    peer.close(reason.clone());
    let _ = writer.await;
    reason
}

impl Handler for ClientBridge {
    fn on_request(&self, req: IncomingRequest) -> BoxFuture<Outcome> {
        let session = self.session.clone();
        let peer = self.peer.get().cloned();
        Box::pin(async move { dispatch(&session, peer, req).await })
    }

    fn on_notification(&self, method: &str, _params: Option<Box<RawValue>>) {
        match method {
            notification::ROOTS_CHANGED => self.session.roots_changed(),
            notification::INITIALIZED => {}
            other => tracing::debug!("ignored client notification {other}"),
        }
    }
}

async fn dispatch(session: &Arc<Session>, peer: Option<Peer>, req: IncomingRequest) -> Outcome {
    let mut params = match RawObject::parse(req.params.as_deref()) {
        Ok(p) => p,
        Err(e) => return Outcome::error(&e),
    };
    let m = req.method.as_str();
    if m == method::INITIALIZE {
        return initialize(session, peer, &params);
    }
    if !session.is_initialized() {
        return Outcome::error(&ErrorObject::new(
            codes::INVALID_REQUEST,
            "the session is not initialized: send `initialize` first",
        ));
    }
    let ctx = CallContext {
        cancel: req.cancel,
        progress: peer.as_ref().and_then(|p| take_progress(&mut params, p)),
    };
    let result = match m {
        method::TOOLS_LIST => Ok(session.client_list(ListKind::Tools).await),
        method::PROMPTS_LIST => Ok(session.list(ListKind::Prompts).await),
        method::RESOURCES_LIST => Ok(session.list(ListKind::Resources).await),
        method::RESOURCE_TEMPLATES_LIST => Ok(session.list(ListKind::Templates).await),
        method::TOOLS_CALL => return tool_outcome(session.call_tool(params, ctx).await),
        method::PROMPTS_GET => session.get_prompt(params, ctx).await,
        method::RESOURCES_READ => session.read_resource(params, ctx).await,
        method::COMPLETE => session.complete(params, ctx).await,
        method::RESOURCES_SUBSCRIBE => session.subscribe(params, true).await,
        method::RESOURCES_UNSUBSCRIBE => session.subscribe(params, false).await,
        method::SET_LEVEL => session.set_log_level(&params),
        other => return Outcome::error(&ErrorObject::method_not_found(other)),
    };
    match result {
        Ok(raw) => Outcome::Result(raw),
        Err(e) => error_outcome(&e),
    }
}

fn initialize(session: &Arc<Session>, peer: Option<Peer>, params: &RawObject) -> Outcome {
    if session.is_initialized() {
        return Outcome::error(&ErrorObject::new(
            codes::INVALID_REQUEST,
            "initialize was already called in this session",
        ));
    }
    let version = mcp::negotiate(params.get_str("protocolVersion").as_deref());
    let capabilities = params.get_object("capabilities").unwrap_or_default();
    let backlog = peer.as_ref().map(|p| p.backlog().clone());
    if let Some(name) = params
        .get_object("clientInfo")
        .as_ref()
        .and_then(|c| c.get("name"))
        .and_then(Value::as_str)
    {
        session.set_client_name(name);
    }
    session.set_client(
        ClientContext {
            capabilities,
            backlog,
        },
        peer,
    );
    let mut result = json!({
        "protocolVersion": version,
        "capabilities": {
            "tools": { "listChanged": true },
            "prompts": { "listChanged": true },
            "resources": { "subscribe": true, "listChanged": true },
            "completions": {},
            "logging": {},
        },
        "serverInfo": {
            "name": "vmcp",
            "title": format!("vmcp · {}", session.name()),
            "version": env!("CARGO_PKG_VERSION"),
        },
    });
    if let (Some(i), Value::Object(m)) = (session.instructions(), &mut result) {
        m.insert("instructions".into(), Value::String(i.to_string()));
    }
    Outcome::Result(to_raw(&result))
}

/// Moves the client's progress token out of `_meta` and returns a sink that relays the
/// upstream's progress under that token (upstream tokens are vmcp's own, one per request).
/// The token and the rest of `_meta` stay raw: a token beyond i64 goes back exactly.
fn take_progress(params: &mut RawObject, client: &Peer) -> Option<ProgressSink> {
    let mut meta = params
        .get("_meta")
        .and_then(|m| RawObject::parse(Some(m)).ok())?;
    let token = meta.remove("progressToken")?;
    if meta.is_empty() {
        params.remove("_meta");
    } else {
        params.set_value("_meta", &meta);
    }
    let client = client.clone();
    Some(Arc::new(move |p: Map<String, Value>| {
        let mut p = RawObject::from_map(p);
        p.set("progressToken", token.clone());
        client.notify_raw(notification::PROGRESS, Some(to_raw(&p)));
    }))
}

/// A tool that could not run is reported as a tool error the model can read; protocol-level
/// problems (unknown tool, bad params, upstream JSON-RPC errors) stay JSON-RPC errors.
fn tool_outcome(result: Result<Box<RawValue>, SessionError>) -> Outcome {
    match result {
        Ok(raw) => Outcome::Result(raw),
        Err(e @ SessionError::Upstream { .. }) if !is_rpc_error(&e) => {
            let text = e.to_string();
            Outcome::Result(to_raw(&json!({
                "content": [{ "type": "text", "text": text }],
                "isError": true,
            })))
        }
        Err(e) => error_outcome(&e),
    }
}

fn is_rpc_error(e: &SessionError) -> bool {
    matches!(
        e,
        SessionError::Upstream {
            error: UpstreamError::Request(RequestError::Rpc(_) | RequestError::Cancelled),
            ..
        }
    )
}

fn error_outcome(e: &SessionError) -> Outcome {
    let (code, message) = match e {
        SessionError::Upstream {
            error: UpstreamError::Request(RequestError::Rpc(raw)),
            ..
        } => return Outcome::Error(raw.as_ref().to_owned()),
        SessionError::UnknownTool(_)
        | SessionError::UnknownPrompt(_)
        | SessionError::InvalidParams(_)
        | SessionError::Withheld(_)
        | SessionError::Unsupported { .. } => (codes::INVALID_PARAMS, e.to_string()),
        SessionError::UnknownResource(_) => (codes::RESOURCE_NOT_FOUND, e.to_string()),
        SessionError::Upstream {
            error: UpstreamError::Request(RequestError::Timeout(_)),
            ..
        } => (codes::REQUEST_TIMEOUT, e.to_string()),
        SessionError::Upstream { .. } | SessionError::Custom(_) => {
            (codes::INTERNAL_ERROR, e.to_string())
        }
    };
    Outcome::error(&ErrorObject::new(code, message))
}
