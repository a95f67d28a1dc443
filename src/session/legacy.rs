//! The legacy (2025-11-25 and earlier) side of serving: the `initialize` handshake, and the
//! requests of an initialized connection, forwarded as they came (only the progress token is
//! exchanged for vmcp's own).

use std::sync::Arc;

use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use super::dispatch::{list_kind, progress_sink, shared};
use super::forward::CallContext;
use super::identity;
use super::input::InputChannel;
use super::runtime::Session;
use super::shape;
use crate::protocol::mcp::{self, method};
use crate::protocol::message::to_raw;
use crate::protocol::meta::{key, take_meta_key};
use crate::protocol::{ErrorObject, Outcome, Peer, ProgressSink, RawObject, codes};

/// `initialize`: answered at once; the upstreams start after the answer is written.
pub(super) fn initialize(
    session: &Arc<Session>,
    peer: Option<Peer>,
    params: &RawObject,
) -> Outcome {
    let Some(peer) = peer else {
        return Outcome::error(&ErrorObject::internal("no connection to answer on"));
    };
    let capabilities = params.get_object("capabilities").unwrap_or_default();
    if let Some(name) = params
        .get_object("clientInfo")
        .as_ref()
        .and_then(|c| c.get("name"))
        .and_then(Value::as_str)
    {
        session.set_client_name(name);
    }
    if !session.set_client(capabilities, peer) {
        return Outcome::error(&ErrorObject::new(
            codes::INVALID_REQUEST,
            "initialize was already called in this session",
        ));
    }
    let version = mcp::negotiate(params.get_str("protocolVersion").as_deref());
    let _ = session.trace_labels.protocol.set(version.to_string());
    let mut result = json!({
        "protocolVersion": version,
        "capabilities": identity::capabilities(),
        "serverInfo": identity::implementation(session),
    });
    if let (Some(i), Value::Object(m)) = (session.instructions(), &mut result) {
        m.insert("instructions".into(), Value::String(i));
    }
    Outcome::Result(to_raw(&result))
}

/// A request of an initialized legacy connection.
pub(super) async fn dispatch(
    session: &Session,
    peer: Option<Peer>,
    caller: Option<Arc<str>>,
    m: &str,
    mut params: RawObject,
    cancel: CancellationToken,
) -> Outcome {
    if let Some(kind) = list_kind(m) {
        let list = session.client_list(kind).await;
        // From now on the client hears of changes to this list.
        session.mark_listed(kind);
        return Outcome::Result(list);
    }
    let result = match m {
        method::RESOURCES_SUBSCRIBE => session.subscribe(params, true).await,
        method::RESOURCES_UNSUBSCRIBE => session.subscribe(params, false).await,
        method::SET_LEVEL => session.set_log_level(&params),
        _ => {
            let ctx = CallContext {
                cancel,
                progress: peer.as_ref().and_then(|p| take_progress(&mut params, p)),
                input: peer.map(InputChannel::Legacy),
                caller,
                ..CallContext::default()
            };
            return shared(session, m, params, ctx)
                .await
                .unwrap_or_else(|| Outcome::error(&ErrorObject::method_not_found(m)));
        }
    };
    shape::outcome(result)
}

/// Moves the client's progress token out of `_meta` and returns a sink that relays the
/// upstream's progress under that token. The rest of `_meta` stays as it came.
fn take_progress(params: &mut RawObject, client: &Peer) -> Option<ProgressSink> {
    let token = take_meta_key(params, key::PROGRESS_TOKEN)?;
    Some(progress_sink(token, client))
}
