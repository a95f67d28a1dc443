//! What upstreams initiate, relayed to the AI client: state changes (catalog rebuild, list_changed),
//! notifications (log messages, resource updates) and requests (sampling, elicitation, roots).

use std::sync::{Arc, Weak};

use serde_json::value::RawValue;

use super::logging::{message_level, with_logger};
use super::parking::{Parking, Route};
use super::runtime::Session;
use crate::protocol::mcp::{Era, notification};
use crate::protocol::message::to_raw;
use crate::protocol::meta::{key, take_meta_key};
use crate::protocol::{BoxFuture, ErrorObject, IncomingRequest, Outcome, Peer, RawObject};
use crate::telemetry::trace::SpanContext;
use crate::upstream::{Change, UpstreamEvents};

pub(super) struct SessionEvents {
    session: Weak<Session>,
}

impl SessionEvents {
    pub(super) fn new(session: Weak<Session>) -> Self {
        SessionEvents { session }
    }
}

impl UpstreamEvents for SessionEvents {
    fn changed(&self, index: usize, change: Change) {
        if let Some(session) = self.session.upgrade() {
            changed(&session, index, change);
            // The session's own upstream (a shared one's restarts are the pool's).
            if change == (Change::Down { permanent: false })
                && let (Some(observer), Some(up)) = (session.observer(), session.upstream(index))
            {
                observer.restarting(up.name());
            }
        }
    }

    fn notification(&self, index: usize, method: &str, params: Option<Box<RawValue>>) {
        if let Some(session) = self.session.upgrade() {
            notification(&session, index, method, params);
        }
    }

    fn request(&self, index: usize, request: IncomingRequest) -> BoxFuture<Outcome> {
        let session = self.session.upgrade();
        Box::pin(async move {
            match session {
                Some(session) => self::request(&session, index, request).await,
                None => Outcome::error(&ErrorObject::internal("vmcp is shutting down")),
            }
        })
    }
}

/// Upstream `index` of `session` changed: the catalog is rebuilt, a first use recorded, fresh
/// lists reported to the catalog cache. (Renewing subscriptions after a restart is the owner's:
/// the session's own, or the pool's for a shared upstream.)
pub(super) fn changed(session: &Arc<Session>, index: usize, change: Change) {
    session.rebuild();
    if matches!(change, Change::Ready | Change::Lists) {
        session.record_first_use(index);
        if let (Some(observer), Some(up)) = (session.lists_observer(), session.upstream(index)) {
            let protocol = up.info().map(|i| i.protocol_version.clone());
            observer.lists(up.name(), &up.lists(), protocol.as_deref());
        }
    }
}

/// A notification from upstream `index` for `session`: log messages to whoever wants them,
/// resource updates to the streams and the client that hold the resource.
pub(super) fn notification(
    session: &Session,
    index: usize,
    method: &str,
    params: Option<Box<RawValue>>,
) {
    match method {
        notification::MESSAGE => relay_log(session, index, method, params),
        notification::RESOURCE_UPDATED => {
            session.listeners.resource_updated(params.as_deref());
            if let Some(client) = session.client.get() {
                client.notify_raw(method, untagged(params));
            }
        }
        other => tracing::debug!(upstream = index, "dropped upstream notification {other}"),
    }
}

/// A request from upstream `index` (sampling, elicitation, roots), answered by the caller it
/// belongs to in `session`; a server span of the request to the upstream it belongs to, when
/// traced.
pub(super) async fn request(session: &Session, index: usize, request: IncomingRequest) -> Outcome {
    let (route, parent) = session.parking.route(index, &request.method);
    let receiving = session
        .upstream(index)
        .and_then(|up| session.start_receiving(&up, &request, parent.as_ref()));
    let context = receiving.as_ref().map(super::spans::Traced::context);
    let outcome = match route {
        Route::Client(reply) => {
            forward_to_client(session, index, request, reply, context.as_ref()).await
        }
        Route::Modern(asker) => Parking::ask(&asker, request).await,
        Route::Undeclared => Outcome::error(&ErrorObject::method_not_found(&format!(
            "{} (the caller does not support it)",
            request.method
        ))),
    };
    if let Some(receiving) = receiving {
        receiving.done(&outcome);
    }
    outcome
}

/// Relays an upstream's log message to whoever wants it at its level (`logging.rs`), naming the
/// source when the upstream did not (the client sees one server).
fn relay_log(session: &Session, index: usize, method: &str, params: Option<Box<RawValue>>) {
    let parsed = RawObject::parse(params.as_deref()).ok();
    let level = message_level(parsed.as_ref());
    // A modern upstream logs per request: its messages are for the requests that asked.
    let up = session.upstream(index);
    let per_request = up.as_ref().and_then(|u| u.era()) == Some(Era::Modern);
    let legacy = session.client.get().filter(|_| !per_request);
    let recipients = session.logging.recipients(index, level, legacy);
    if recipients.is_empty() {
        return;
    }
    let params = with_logger(parsed, params, up.as_ref().map(|u| u.name()));
    for peer in recipients {
        peer.notify_raw(method, params.clone());
    }
}

/// Sends an upstream's sampling / elicitation / roots request to the AI client and returns its
/// answer (or error) untouched. Cancelled if the upstream cancels its request. `received`: the
/// span of the request as vmcp received it, when traced.
async fn forward_to_client(
    session: &Session,
    index: usize,
    request: IncomingRequest,
    reply: Option<Peer>,
    received: Option<&SpanContext>,
) -> Outcome {
    let Some(capability) = super::input::capability(&request.method) else {
        return Outcome::error(&ErrorObject::method_not_found(&request.method));
    };
    let server = session.server_name(super::routing::Target::Upstream(index));
    if !session.client_supports(capability) {
        return Outcome::error(&ErrorObject::method_not_found(&format!(
            "{} (the AI client does not support {capability})",
            request.method
        )));
    }
    let Some(client) = reply.as_ref().or(session.client.get()) else {
        return Outcome::error(&ErrorObject::internal("no AI client is connected"));
    };
    let params = match request.params.as_deref() {
        None => None,
        Some(raw) => match RawObject::parse(Some(raw)) {
            Ok(p) => Some(p),
            Err(e) => return Outcome::error(&e),
        },
    };
    tracing::debug!(server = %server, "forwarding {} to the client", request.method);
    session
        .ask_legacy(client, &request.method, params, request.cancel, received)
        .await
}

/// An update from a modern upstream carries the id of vmcp's own listen stream, which means
/// nothing to the legacy client: it is dropped (params without it pass unchanged).
fn untagged(params: Option<Box<RawValue>>) -> Option<Box<RawValue>> {
    let raw = params?;
    if !raw.get().contains(key::SUBSCRIPTION_ID) {
        return Some(raw);
    }
    let Ok(mut p) = RawObject::parse(Some(&raw)) else {
        return Some(raw);
    };
    if take_meta_key(&mut p, key::SUBSCRIPTION_ID).is_none() {
        return Some(raw);
    }
    Some(to_raw(&p))
}
