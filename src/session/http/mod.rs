//! One vMCP's MCP endpoint over streamable HTTP, for clients of both revisions: the only place
//! that maps HTTP exchanges onto Sessions (which the opener builds) and owns nothing else.
//!
//! - A request whose `_meta` names a protocol version (2026-07-28) goes to the vMCP's one shared
//!   Session, after its `MCP-Protocol-Version`/`Mcp-Method`/`Mcp-Name` headers (and a call's
//!   `Mcp-Param-*` headers, as the exposed tool declares them) were checked against the body;
//!   errors travel with the status the revision gives them.
//! - `initialize` (2025-11-25) opens a Session of its own, named by the `Mcp-Session-Id` the
//!   answer carries; that session's requests, notifications and answers come with the header,
//!   its own messages go out on its GET stream, DELETE ends it (`sessions.rs`).
//!
//! - `exchange.rs`: one request, one POST: JSON or an SSE stream;
//! - `sessions.rs`: the legacy sessions, their TTL and cap.

mod exchange;
mod reply;
pub(crate) mod sessions;

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{HeaderMap, Method, header};
use tokio::sync::{OwnedSemaphorePermit, mpsc};
use tokio_util::sync::CancellationToken;

use self::exchange::{Answer, Exchange, KEEP_ALIVE, SSE_COMMENT, sse_event};
use self::reply::{
    Accepts, accepts, busy, json_response, legacy_reply, not_allowed, rpc_error, session_not_found,
    status, stream_response,
};
use self::sessions::{Legacy, Sessions, close_all};
use super::dispatch::{Class, classify};
use super::runtime::{Session, lock};
use crate::protocol::http_headers::{self, SESSION_ID, check_modern, check_params, modern_status};
use crate::protocol::http_server::{Body, response, streamed};
use crate::protocol::mcp::{SUPPORTED_VERSIONS, method, notification};
use crate::protocol::message::{Notification, Request};
use crate::protocol::meta::{key, names_version};
use crate::protocol::{BoxFuture, ErrorObject, Message, RawObject, RequestId, codes};
use crate::upstream::ClientContext;

/// Builds fully formed Sessions of one vMCP (the factory `app` provides).
pub(crate) trait Opener: Send + Sync + 'static {
    fn open(&self) -> BoxFuture<Result<Box<dyn Opened>, String>>;
}

/// An open Session with whatever its opener attached (call log, catalog cache).
pub(crate) trait Opened: Send + Sync + 'static {
    fn session(&self) -> &Arc<Session>;
    /// Stops the upstreams and writes what is attached.
    fn close(self: Box<Self>) -> BoxFuture<()>;
}

const JSON: &str = "application/json";
const EVENT_STREAM: &str = "text/event-stream";

pub(crate) struct Endpoint {
    vmcp: String,
    opener: Arc<dyn Opener>,
    /// The Session of every modern request.
    shared: Arc<Session>,
    shared_opened: Mutex<Option<Box<dyn Opened>>>,
    sessions: Arc<Sessions>,
    /// Cancelled when the server drains.
    closing: CancellationToken,
}

fn session_header(headers: &HeaderMap) -> Option<&str> {
    headers.get(SESSION_ID).and_then(|v| v.to_str().ok())
}

/// The protocol version `_meta` names, as text (raw JSON when it is not a string).
fn meta_version(params: &RawObject) -> String {
    let meta = params
        .get("_meta")
        .and_then(|m| RawObject::parse(Some(m)).ok());
    match meta.as_ref().and_then(|m| m.get(key::PROTOCOL_VERSION)) {
        Some(raw) => {
            serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().to_string())
        }
        None => String::new(),
    }
}

impl Endpoint {
    pub(crate) fn new(
        vmcp: String,
        opener: Arc<dyn Opener>,
        shared: Box<dyn Opened>,
        sessions: Arc<Sessions>,
        closing: CancellationToken,
    ) -> Endpoint {
        Endpoint {
            vmcp,
            opener,
            shared: shared.session().clone(),
            shared_opened: Mutex::new(Some(shared)),
            sessions,
            closing,
        }
    }

    /// The Session of every modern request.
    pub(crate) fn shared_session(&self) -> &Arc<Session> {
        &self.shared
    }

    /// The Sessions of this vMCP's live legacy sessions.
    pub(crate) fn legacy_sessions(&self) -> Vec<Arc<Session>> {
        self.sessions.of(&self.vmcp)
    }

    /// Stops the shared Session's upstreams (the server stops; legacy sessions are closed by
    /// whoever owns the table).
    pub(crate) async fn close(&self) {
        let opened = lock(&self.shared_opened).take();
        if let Some(o) = opened {
            o.close().await;
        }
    }

    /// Answers one HTTP request to the endpoint; `caller` is who authenticated (if anyone).
    pub(crate) async fn handle(
        &self,
        req: http::Request<Bytes>,
        caller: Option<Arc<str>>,
    ) -> http::Response<Body> {
        match *req.method() {
            Method::POST => self.post(req, caller).await,
            Method::GET => self.get(req.headers(), caller.as_ref()),
            Method::DELETE => self.delete(req.headers(), caller.as_ref()).await,
            _ => not_allowed(
                "GET, POST, DELETE",
                "the MCP endpoint takes POST, GET and DELETE",
            ),
        }
    }

    /// The legacy session a request names, if its caller may use it.
    fn legacy(&self, id: &str, caller: Option<&Arc<str>>) -> Option<Arc<Legacy>> {
        self.sessions
            .get(id)
            .filter(|s| s.vmcp == self.vmcp && s.caller.as_ref() == caller)
    }

    async fn post(
        &self,
        req: http::Request<Bytes>,
        caller: Option<Arc<str>>,
    ) -> http::Response<Body> {
        let (parts, body) = req.into_parts();
        let headers = &parts.headers;
        let json_body = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|m| m.trim().eq_ignore_ascii_case(JSON))
            });
        if !json_body {
            return response(
                415,
                "text/plain",
                "a POST to the MCP endpoint carries one JSON-RPC message: Content-Type: application/json\n",
            );
        }
        let accepts = accepts(headers);
        if !accepts.json && !accepts.stream {
            return response(
                406,
                "text/plain",
                "the client must accept application/json and text/event-stream\n",
            );
        }
        let msg = match crate::protocol::decode(&body) {
            Ok(m) => m,
            Err(e) => return rpc_error(400, e.id.as_ref(), &e.error),
        };
        let named = session_header(headers);
        match msg {
            Message::Request(r) => self.request(headers, named, r, accepts, caller).await,
            Message::Notification(n) => match named {
                Some(id) => match self.legacy(id, caller.as_ref()) {
                    Some(s) => {
                        notify(&s, n);
                        status(202)
                    }
                    None => session_not_found(),
                },
                // 2026-07-28 defines no client notification over HTTP: accepted, nothing to do.
                None => status(202),
            },
            Message::Response(r) => match named.and_then(|id| self.legacy(id, caller.as_ref())) {
                Some(s) => {
                    // What an upstream asked while serving a request went out on that request's
                    // stream, from its own peer: the answer goes back to the peer that asked.
                    let asker = lock(&s.running)
                        .values()
                        .map(|run| run.peer.clone())
                        .find(|p| p.awaits(&r.id));
                    asker
                        .unwrap_or_else(|| s.connection.clone())
                        .receive(Message::Response(r));
                    status(202)
                }
                None if named.is_some() => session_not_found(),
                None => rpc_error(
                    400,
                    None,
                    &ErrorObject::new(
                        codes::INVALID_REQUEST,
                        "a response needs the Mcp-Session-Id of the session that asked",
                    ),
                ),
            },
        }
    }

    async fn request(
        &self,
        headers: &HeaderMap,
        named: Option<&str>,
        r: Request,
        accepts: Accepts,
        caller: Option<Arc<str>>,
    ) -> http::Response<Body> {
        let params = RawObject::parse(r.params.as_deref()).unwrap_or_default();
        if names_version(&params) {
            return self.modern(headers, r, params, &accepts, caller).await;
        }
        if r.method == method::INITIALIZE {
            return self.initialize(r, &accepts, caller).await;
        }
        let Some(id) = named else {
            return rpc_error(
                400,
                Some(&r.id),
                // Invalid params, as over stdio: the revision's answer to a request without
                // `_meta` (conformance `sep-2575-request-meta-invalid-missing-meta`).
                &ErrorObject::new(
                    codes::INVALID_PARAMS,
                    format!(
                        "no Mcp-Session-Id: send `initialize` first (2025-11-25), or {} and {} in \
                         the request's `_meta` (2026-07-28)",
                        key::PROTOCOL_VERSION,
                        key::CLIENT_CAPABILITIES
                    ),
                ),
            );
        };
        let Some(session) = self.legacy(id, caller.as_ref()) else {
            return session_not_found();
        };
        if let Some(v) = headers.get(http_headers::PROTOCOL_VERSION) {
            let v = v.to_str().unwrap_or_default();
            if !SUPPORTED_VERSIONS.contains(&v) {
                return rpc_error(
                    400,
                    Some(&r.id),
                    &ErrorObject::new(
                        codes::INVALID_REQUEST,
                        format!(
                            "unsupported MCP-Protocol-Version `{v}` (this session speaks {})",
                            SUPPORTED_VERSIONS.join(", ")
                        ),
                    ),
                );
            }
        }
        let Some(permit) = session.admit() else {
            return busy(&r.id, self.sessions.max_concurrent);
        };
        let answer = self.run_legacy(&session, r, &accepts, Some(permit)).await;
        session.touch();
        legacy_reply(answer, None)
    }

    async fn modern(
        &self,
        headers: &HeaderMap,
        r: Request,
        params: RawObject,
        accepts: &Accepts,
        caller: Option<Arc<str>>,
    ) -> http::Response<Body> {
        if let Err(e) = check_modern(headers, &r.method, &meta_version(&params), &params) {
            return rpc_error(400, Some(&r.id), &e);
        }
        // The request's own faults (version, `_meta`, method) are the transport's to report,
        // before the shared Session does anything.
        let declared = match classify(&r.method, &mut params.clone(), false) {
            Class::Refused(e) => return rpc_error(modern_status(e.code, true), Some(&r.id), &e),
            Class::Modern { caller, .. } => caller,
            // `names_version` made it modern.
            _ => {
                return rpc_error(
                    500,
                    Some(&r.id),
                    &ErrorObject::internal("not a modern request"),
                );
            }
        };
        // A call's `Mcp-Param-*` headers, against what the exposed tool declares. Its schema is
        // known once the upstreams started: the call starts them, as dispatching it would.
        if r.method == method::TOOLS_CALL
            && let Some(name) = params.get_str("name")
        {
            self.shared.launch(ClientContext {
                capabilities: declared.capabilities,
                backlog: None,
            });
            if let Some(expected) = self.shared.param_headers(&name).await
                && let Err(e) =
                    check_params(headers, &expected, params.get_object("arguments").as_ref())
            {
                return rpc_error(400, Some(&r.id), &e);
            }
        }
        let exchange = Exchange {
            session: self.shared.clone(),
            connection: None,
            closing: self.closing.clone(),
            caller,
            stream_only: !accepts.json,
            cancel_on_disconnect: true,
        };
        match exchange.run(r, |_| {}).await {
            Answer::Json { bytes, error } => {
                json_response(error.map_or(200, |c| modern_status(c, false)), bytes)
            }
            Answer::Stream(body) => stream_response(body),
        }
    }

    async fn initialize(
        &self,
        r: Request,
        accepts: &Accepts,
        caller: Option<Arc<str>>,
    ) -> http::Response<Body> {
        let Some(id) = crate::support::secret::random_hex(16) else {
            return rpc_error(
                500,
                Some(&r.id),
                &ErrorObject::internal("no randomness for a session id"),
            );
        };
        let opened = match self.opener.open().await {
            Ok(o) => o,
            Err(e) => {
                tracing::error!(vmcp = %self.vmcp, "cannot open a session: {e}");
                return rpc_error(
                    500,
                    Some(&r.id),
                    &ErrorObject::internal(format!("cannot open vMCP `{}`: {e}", self.vmcp)),
                );
            }
        };
        let session = Arc::new(Legacy::new(
            id.clone(),
            self.vmcp.clone(),
            opened,
            caller,
            self.sessions.max_concurrent,
        ));
        let evicted = self.sessions.insert(session.clone());
        if !evicted.is_empty() {
            tokio::spawn(close_all(
                evicted,
                "evicted: the server holds --max-sessions sessions",
            ));
        }
        tracing::info!(session = %id, vmcp = %self.vmcp, live = self.sessions.len(), "session opened");
        let answer = self.run_legacy(&session, r, accepts, None).await;
        if let Answer::Json { error: Some(_), .. } = &answer
            && let Some(s) = self.sessions.remove(&id)
        {
            s.close("its initialize failed").await;
            return legacy_reply(answer, None);
        }
        legacy_reply(answer, Some(&id))
    }

    /// Runs a request of legacy session `s`, where the client's cancellation can find it;
    /// `permit` (its place among the session's requests in progress) is held until it is
    /// answered.
    async fn run_legacy(
        &self,
        s: &Arc<Legacy>,
        r: Request,
        accepts: &Accepts,
        permit: Option<OwnedSemaphorePermit>,
    ) -> Answer {
        let id = r.id.clone();
        let exchange = Exchange {
            session: s.session.clone(),
            connection: Some(s.connection.clone()),
            closing: s.ended.clone(),
            caller: s.caller.clone(),
            stream_only: !accepts.json,
            cancel_on_disconnect: false,
        };
        let answer = exchange
            .run(r, |running| {
                lock(&s.running).insert(id.clone(), running);
            })
            .await;
        // A streamed answer is still running: it leaves the table when its stream ends.
        match &answer {
            Answer::Json { .. } => {
                lock(&s.running).remove(&id);
            }
            Answer::Stream(_) => {
                let s = s.clone();
                let running = lock(&s.running).get(&id).cloned();
                if let Some(running) = running {
                    tokio::spawn(async move {
                        running.peer.closed().await;
                        lock(&s.running).remove(&id);
                        s.touch();
                        drop(permit);
                    });
                }
            }
        }
        answer
    }

    /// GET: a legacy session's stream of its own messages.
    fn get(&self, headers: &HeaderMap, caller: Option<&Arc<str>>) -> http::Response<Body> {
        let Some(id) = session_header(headers) else {
            return not_allowed(
                "POST",
                "no GET stream without a session (2026-07-28 has none; 2025-11-25 clients send Mcp-Session-Id)",
            );
        };
        let Some(s) = self.legacy(id, caller) else {
            return session_not_found();
        };
        if !accepts(headers).stream {
            return response(406, "text/plain", "the GET stream is text/event-stream\n");
        }
        let Some(frames) = lock(&s.frames).take() else {
            return rpc_error(
                409,
                None,
                &ErrorObject::new(
                    codes::INVALID_REQUEST,
                    "this session's GET stream is already open",
                ),
            );
        };
        s.streaming.store(true, Ordering::Release);
        let (tx, rx) = mpsc::channel(32);
        tokio::spawn(session_stream(s, frames, tx, self.closing.clone()));
        stream_response(streamed(rx))
    }

    /// DELETE: the client ends its legacy session.
    async fn delete(&self, headers: &HeaderMap, caller: Option<&Arc<str>>) -> http::Response<Body> {
        let Some(id) = session_header(headers) else {
            return not_allowed("POST", "nothing to delete without an Mcp-Session-Id");
        };
        if self.legacy(id, caller).is_none() {
            return session_not_found();
        }
        match self.sessions.remove(id) {
            Some(s) => {
                s.close("the client deleted it").await;
                status(200)
            }
            None => session_not_found(),
        }
    }
}

/// A legacy client's notification: a cancellation goes to the request it names, the rest to the
/// session.
fn notify(s: &Legacy, n: Notification) {
    if n.method == notification::CANCELLED {
        let target = RawObject::parse(n.params.as_deref())
            .ok()
            .and_then(|p| {
                p.get("requestId")
                    .and_then(|r| RequestId::from_json(r.get()))
            })
            .and_then(|id| lock(&s.running).get(&id).cloned());
        if let Some(running) = target {
            running.peer.receive(Message::Notification(n));
            running.cancelled.cancel();
        }
        return;
    }
    s.connection.receive(Message::Notification(n));
}

/// Writes a legacy session's own messages to its GET stream until the client leaves, the
/// session ends or the server drains; then gives the frames back for the next GET.
async fn session_stream(
    s: Arc<Legacy>,
    mut frames: crate::protocol::Frames,
    tx: mpsc::Sender<Bytes>,
    closing: CancellationToken,
) {
    loop {
        let chunk = tokio::select! {
            () = s.ended.cancelled() => break,
            () = closing.cancelled() => break,
            () = tx.closed() => break,
            frame = frames.recv() => match frame {
                Some(f) => sse_event(&f.bytes),
                None => break,
            },
            () = tokio::time::sleep(KEEP_ALIVE) => Bytes::from_static(SSE_COMMENT),
        };
        if tx.send(chunk).await.is_err() {
            break;
        }
    }
    *lock(&s.frames) = Some(frames);
    s.streaming.store(false, Ordering::Release);
    s.touch();
}
