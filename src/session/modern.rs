//! The modern (2026-07-28) side of serving: no handshake, every request says who asks in its
//! `_meta`. `server/discover` is answered at once; every valid request launches the upstreams
//! (if nothing did yet) with its caller's capabilities; the other requests run the operations
//! legacy ones run, and their answers are shaped for a modern caller (`shape.rs`).

use std::sync::Arc;

use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use super::dispatch::{list_kind, progress_sink, shared};
use super::forward::CallContext;
use super::hints::{self, CacheHint, Source};
use super::identity;
use super::logging::{LogWish, level_index};
use super::runtime::Session;
use super::shape::{self, Modern};
use crate::protocol::mcp::{MODERN_VERSIONS, method};
use crate::protocol::message::to_raw;
use crate::protocol::meta::{ModernCaller, RequestMeta, key};
use crate::protocol::{ErrorObject, Outcome, Peer, RawObject, RequestId};
use crate::upstream::{ClientContext, ListKind, State};

/// A valid modern request, taken apart.
pub(super) struct Request {
    pub(super) id: RequestId,
    pub(super) method: String,
    /// The params without `_meta`.
    pub(super) params: RawObject,
    pub(super) meta: RequestMeta,
    pub(super) caller: ModernCaller,
    pub(super) cancel: CancellationToken,
    /// Cancelled when the client's input ended.
    pub(super) closing: CancellationToken,
}

pub(super) async fn dispatch(
    session: &Arc<Session>,
    peer: Option<Peer>,
    who: Option<Arc<str>>,
    req: Request,
) -> Outcome {
    let Request {
        id,
        method: m,
        mut params,
        meta,
        caller,
        cancel,
        closing,
    } = req;
    if let Some(name) = caller
        .client_info
        .as_ref()
        .and_then(|c| c.get("name"))
        .and_then(Value::as_str)
    {
        session.set_client_name(name);
    }
    session.launch(ClientContext {
        capabilities: caller.capabilities,
        backlog: peer.as_ref().map(|p| p.backlog().clone()),
    });
    let info = identity::implementation(session);
    // The resource a not-found error names.
    let uri = (m == method::RESOURCES_READ)
        .then(|| params.get_str("uri"))
        .flatten();
    let mut with = Modern {
        server_info: &info,
        hint: None,
        uri: uri.as_deref(),
    };
    let outcome = match m.as_str() {
        method::DISCOVER => {
            with.hint = Some(hints::discover(&sources(session, None)));
            discover(session)
        }
        method::SUBSCRIPTIONS_LISTEN => listen(session, peer, &id, &params, cancel, closing).await,
        _ => {
            // The reserved keys stay here: a legacy upstream gets the rest (trace context,
            // extension keys) as the caller sent it.
            if !meta.rest.is_empty() {
                params.set_value("_meta", &meta.rest);
            }
            let ctx = CallContext {
                cancel,
                progress: meta
                    .progress_token
                    .zip(peer.as_ref())
                    .map(|(token, p)| progress_sink(token, p)),
                logs: caller
                    .log_level
                    .as_deref()
                    .and_then(level_index)
                    .zip(peer)
                    .map(|(level, reply)| LogWish { level, reply }),
                caller: who,
            };
            let outcome = shared(session, &m, params, ctx)
                .await
                .unwrap_or_else(|| Outcome::error(&ErrorObject::method_not_found(&m)));
            // Hints describe the catalog as it is now that the list was served.
            with.hint = match list_kind(&m) {
                Some(kind) => Some(hints::list(&sources(session, Some(kind)))),
                None if m == method::RESOURCES_READ => Some(CacheHint::NONE),
                None => None,
            };
            outcome
        }
    };
    shape::modern(outcome, &with)
}

/// `server/discover`: what vmcp speaks and offers, never waiting for an upstream.
fn discover(session: &Session) -> Outcome {
    let mut result = json!({
        "supportedVersions": MODERN_VERSIONS,
        "capabilities": identity::capabilities(),
    });
    if let (Some(i), Value::Object(m)) = (session.instructions(), &mut result) {
        m.insert("instructions".into(), Value::String(i.to_string()));
    }
    Outcome::Result(to_raw(&result))
}

/// `subscriptions/listen`: acknowledged, then open until the caller cancels it or its input
/// ends; in the latter case vmcp tears it down with the result that says so.
async fn listen(
    session: &Session,
    peer: Option<Peer>,
    id: &RequestId,
    params: &RawObject,
    cancel: CancellationToken,
    closing: CancellationToken,
) -> Outcome {
    let Some(filter) = params.get_object("notifications") else {
        return Outcome::error(&ErrorObject::invalid_params(
            "subscriptions/listen needs an object `notifications` (the filter)",
        ));
    };
    let Some(peer) = peer else {
        return Outcome::error(&ErrorObject::internal("no connection to listen on"));
    };
    let _open = session.listeners.open(id, &filter, peer);
    tokio::select! {
        () = cancel.cancelled() => {}
        () = closing.cancelled() => {}
    }
    let mut meta = RawObject::new();
    meta.set(key::SUBSCRIPTION_ID, to_raw(id));
    Outcome::Result(to_raw(&json!({ "_meta": meta })))
}

/// Every upstream as a source of `kind` (`None`: of anything), for the cache hints.
fn sources(session: &Session, kind: Option<ListKind>) -> Vec<Source> {
    let capability = kind.map(|k| match k {
        ListKind::Tools => "tools",
        ListKind::Prompts => "prompts",
        ListKind::Resources | ListKind::Templates => "resources",
    });
    session
        .upstreams()
        .iter()
        .map(|up| match (up.state(), up.info()) {
            (State::Ready, Some(info)) => {
                let declared = capability.and_then(|c| info.capabilities.get(c));
                Source::Live {
                    offers: declared.is_some(),
                    announces: declared.and_then(|d| d.get("listChanged"))
                        == Some(&Value::Bool(true)),
                }
            }
            (
                State::Failed {
                    retrying: false, ..
                }
                | State::Stopped,
                _,
            ) => Source::Gone,
            _ => Source::Pending,
        })
        .collect()
}
