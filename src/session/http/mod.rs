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
//! - `legacy.rs`: a 2025-11-25 session's initialize, requests, GET stream and DELETE;
//! - `sessions.rs`: the legacy sessions, their TTL and cap.

mod exchange;
mod legacy;
use self::legacy::notify;
mod reply;
pub(crate) mod sessions;

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{HeaderMap, Method, header};
use tokio_util::sync::CancellationToken;

use self::exchange::{Answer, Exchange};
use self::reply::{
    Accepts, accepts, busy, json_response, legacy_reply, not_allowed, rpc_error, session_not_found,
    status, stream_response,
};
use self::sessions::{Legacy, Sessions};
use super::dispatch::{Class, classify};
use super::runtime::{Session, lock};
use crate::protocol::http_headers::{self, SESSION_ID, check_modern, check_params, modern_status};
use crate::protocol::http_server::{Body, response};
use crate::protocol::mcp::{SUPPORTED_VERSIONS, method};
use crate::protocol::message::Request;
use crate::protocol::meta::{key, names_version};
use crate::protocol::{BoxFuture, ErrorObject, Message, RawObject, codes};
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
}
