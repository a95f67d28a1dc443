//! The modern (2026-07-28) side of serving: no handshake, every request says who asks in its
//! `_meta`. `server/discover` is answered at once; every valid request launches the upstreams
//! (if nothing did yet) with its caller's capabilities; the other requests run the operations
//! legacy ones run, and their answers are shaped for a modern caller (`shape.rs`).

use std::sync::Arc;

use serde_json::{Map, Value, json};
use tokio_util::sync::CancellationToken;

use super::dispatch::{list_kind, progress_sink, shared};
use super::forward::CallContext;
use super::hints::{self, CacheHint, Source};
use super::identity;
use super::input::MULTI_ROUND;
use super::logging::{LogWish, level_index};
use super::parking::{Call, Parking};
use super::runtime::Session;
use super::shape::{self, Modern};
use super::subscriptions::Holder;
use super::tasks;
use crate::protocol::mcp::{MODERN_VERSIONS, method};
use crate::protocol::message::to_raw;
use crate::protocol::meta::{ModernCaller, RequestMeta, key};
use crate::protocol::{ErrorObject, Outcome, Peer, ProgressSink, RawObject, RequestId};
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
    let multi_round = MULTI_ROUND.contains(&m.as_str());
    // A call that may ask for input remembers what its caller can answer.
    let declared = if multi_round {
        caller.capabilities.clone()
    } else {
        serde_json::Map::new()
    };
    // What this caller can answer goes with its request: a 2026-07-28 upstream judges each
    // request by the capabilities it carries (the envelope puts them in; a legacy upstream
    // never sees them).
    let relayed = tasks::relay(
        &caller.capabilities,
        ClientContext {
            capabilities: caller.capabilities.clone(),
            backlog: None,
        }
        .forwarded_capabilities(),
    );
    let declares_tasks = tasks::declared(&caller.capabilities);
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
        method::SUBSCRIPTIONS_LISTEN => {
            let listen = Listen {
                id: &id,
                params: &params,
                declares_tasks,
            };
            listen_stream(session, peer, listen, cancel, closing).await
        }
        method::TASKS_GET | method::TASKS_UPDATE | method::TASKS_CANCEL if !declares_tasks => {
            Outcome::error(&tasks::undeclared(&m))
        }
        _ => {
            // The reserved keys stay here: a legacy upstream gets the rest (trace context,
            // extension keys) as the caller sent it.
            let mut rest = meta.rest;
            rest.set_value(key::CLIENT_CAPABILITIES, &relayed);
            params.set_value("_meta", &rest);
            let progress = meta
                .progress_token
                .zip(peer.as_ref())
                .map(|(token, p)| progress_sink(token, p));
            let logs = caller
                .log_level
                .as_deref()
                .and_then(level_index)
                .zip(peer)
                .map(|(level, reply)| LogWish { level, reply });
            let outcome = if m.starts_with("tasks/") {
                let ctx = CallContext {
                    cancel,
                    caller: who,
                    ..CallContext::default()
                };
                shape::outcome(session.task_request(&m, params, ctx).await)
            } else if multi_round {
                let first = Round {
                    progress,
                    logs,
                    cancel,
                    caller: who,
                };
                call(session, &m, params, declared, first).await
            } else {
                let ctx = CallContext {
                    cancel,
                    progress,
                    logs,
                    input: None,
                    caller: who,
                };
                shared(session, &m, params, ctx)
                    .await
                    .unwrap_or_else(|| Outcome::error(&ErrorObject::method_not_found(&m)))
            };
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

/// What one request of a call brings: where its progress and log messages go, its cancellation.
struct Round {
    progress: Option<ProgressSink>,
    logs: Option<LogWish>,
    cancel: CancellationToken,
    /// Who asks, when the transport authenticated the caller.
    caller: Option<Arc<str>>,
}

/// A call that may take several rounds (`tools/call`, `prompts/get`, `resources/read`): the
/// retry of a call vmcp parked (its `requestState` is vmcp's handle) resumes it; any other
/// request starts one, which runs on its own (`parking.rs`). A modern upstream's own
/// `requestState` and `inputResponses` pass through untouched.
async fn call(
    session: &Arc<Session>,
    m: &str,
    params: RawObject,
    declared: Map<String, Value>,
    round: Round,
) -> Outcome {
    let key = if m == method::RESOURCES_READ {
        "uri"
    } else {
        "name"
    };
    let target = params.get_str(key).unwrap_or_default();
    if let Some(state) = params
        .get_str("requestState")
        .filter(|s| Parking::is_handle(s))
    {
        let responses = params.get("inputResponses").map(ToOwned::to_owned);
        return session
            .parking
            .resume(
                &state,
                m,
                &target,
                responses.as_deref(),
                round.progress,
                round.cancel,
            )
            .await;
    }
    let (work, side) = Call::new(declared, round.progress.is_some());
    let ctx = CallContext {
        cancel: side.cancel,
        progress: side.progress,
        logs: round.logs,
        input: Some(side.input),
        caller: round.caller,
    };
    let (s, owned) = (session.clone(), m.to_string());
    let work = work.run(async move {
        shared(&s, &owned, params, ctx)
            .await
            .unwrap_or_else(|| Outcome::error(&ErrorObject::method_not_found(&owned)))
    });
    session
        .parking
        .drive(work, m, &target, round.progress, round.cancel)
        .await
}

/// `server/discover`: what vmcp speaks and offers, never waiting for an upstream (the
/// extensions it passes through are those of the upstreams that connected so far: the hints
/// say not to cache the answer before all have).
fn discover(session: &Session) -> Outcome {
    let mut result = json!({
        "supportedVersions": MODERN_VERSIONS,
        "capabilities": identity::modern_capabilities(session),
    });
    if let (Some(i), Value::Object(m)) = (session.instructions(), &mut result) {
        m.insert("instructions".into(), Value::String(i));
    }
    Outcome::Result(to_raw(&result))
}

/// A `subscriptions/listen` request.
struct Listen<'a> {
    id: &'a RequestId,
    params: &'a RawObject,
    /// Its caller declared the tasks extension.
    declares_tasks: bool,
}

/// `subscriptions/listen`: acknowledged, then open until the caller cancels it or its input
/// ends; in the latter case vmcp tears it down with the result that says so. Task status
/// notifications (`taskIds`) are not relayed: the acknowledgement names none.
async fn listen_stream(
    session: &Arc<Session>,
    peer: Option<Peer>,
    listen: Listen<'_>,
    cancel: CancellationToken,
    closing: CancellationToken,
) -> Outcome {
    let Listen {
        id,
        params,
        declares_tasks,
    } = listen;
    let Some(filter) = params.get_object("notifications") else {
        return Outcome::error(&ErrorObject::invalid_params(
            "subscriptions/listen needs an object `notifications` (the filter)",
        ));
    };
    let wants_tasks = filter
        .get("taskIds")
        .and_then(Value::as_array)
        .is_some_and(|ids| !ids.is_empty());
    if wants_tasks && !declares_tasks {
        return Outcome::error(&tasks::undeclared("listening for task status (`taskIds`)"));
    }
    let Some(peer) = peer else {
        return Outcome::error(&ErrorObject::internal("no connection to listen on"));
    };
    let key = session.listeners.reserve();
    let uris = subscribe_listed(session, &filter, key).await;
    let open = session.listeners.open(key, id, &filter, uris.clone(), peer);
    tokio::select! {
        () = cancel.cancelled() => {}
        () = closing.cancelled() => {}
    }
    drop(open);
    session.unsubscribe_all(&uris, Holder::Listen(key));
    let mut meta = RawObject::new();
    meta.set(key::SUBSCRIPTION_ID, to_raw(id));
    Outcome::Result(to_raw(&json!({ "_meta": meta })))
}

/// Subscribes listen stream `key` to the URIs of its filter's `resourceSubscriptions` that vmcp
/// can subscribe to: those an upstream serves and offers subscriptions for. The rest are left
/// out of the acknowledgement.
async fn subscribe_listed(session: &Session, filter: &Map<String, Value>, key: u64) -> Vec<String> {
    let wanted = filter
        .get("resourceSubscriptions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str);
    let mut held = Vec::new();
    for uri in wanted {
        if held.iter().any(|h| h == uri) {
            continue;
        }
        match session.subscribe_for(uri, Holder::Listen(key)).await {
            Ok(()) => held.push(uri.to_string()),
            Err(e) => tracing::debug!("listen: not subscribing to {uri}: {e}"),
        }
    }
    held
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
                    ttl_ms: kind.and_then(|k| up.list_ttl(k)),
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
