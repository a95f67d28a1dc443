//! A modern upstream's list notifications. In 2026-07-28 a server sends
//! `notifications/*/list_changed` only on a `subscriptions/listen` stream the client opened, so
//! when a modern connection opens vmcp opens one for the lists the server says it announces
//! changes of (`listChanged`). Its notifications then arrive like a legacy server's and refresh
//! the lists (`inbound.rs`); the stream lasts as long as the connection. It is opened before the
//! lists are fetched, so that no change falls between the two.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use serde_json::{Map, Value};

use super::envelope::Envelope;
use super::handle::Upstream;
use super::handshake::ServerInfo;
use crate::protocol::mcp::method;
use crate::protocol::{Peer, RawObject, RequestError, RequestOptions};

/// The listen filter for the lists `capabilities` announce changes of (empty: nothing to hear).
fn filter(capabilities: &Map<String, Value>) -> Map<String, Value> {
    [
        ("tools", "toolsListChanged"),
        ("prompts", "promptsListChanged"),
        ("resources", "resourcesListChanged"),
    ]
    .into_iter()
    .filter(|(capability, _)| {
        capabilities
            .get(*capability)
            .and_then(|c| c.get("listChanged"))
            .and_then(Value::as_bool)
            == Some(true)
    })
    .map(|(_, wanted)| (wanted.to_string(), Value::Bool(true)))
    .collect()
}

/// Opens the listen stream of a modern connection that announces list changes, and waits until
/// the server acknowledged it (or refused it, or `wait` passed): lists fetched after that miss no
/// change.
pub(super) async fn open(
    up: &Upstream,
    peer: &Peer,
    info: &ServerInfo,
    envelope: &Envelope,
    wait: Duration,
) {
    let notifications = filter(&info.capabilities);
    if notifications.is_empty() {
        return;
    }
    let mut params = RawObject::new();
    params.set_value("notifications", &notifications);
    let params = envelope.dress(Some(params));
    let acks = up.listen_acks.subscribe();
    let (peer, server) = (peer.clone(), up.name().to_string());
    let stream = tokio::spawn(async move {
        // No timeout: the answer comes only when the server ends the stream.
        let listened = peer
            .request(
                method::SUBSCRIPTIONS_LISTEN,
                params,
                RequestOptions::default(),
            )
            .await;
        match listened {
            Ok(_) => tracing::debug!(server = %server, "the server ended its listen stream"),
            Err(RequestError::Closed(_)) => {}
            Err(e) => {
                tracing::warn!(server = %server, "cannot listen for list changes: {e}");
            }
        }
    });
    tokio::select! {
        () = acknowledged(acks, <[String]>::is_empty) => {}
        _ = stream => {}
        () = tokio::time::sleep(wait) => {}
    }
}

/// Until the server acknowledges a stream that `ours` recognises (by the resources it accepted:
/// the connection may have several streams, and an acknowledgement of another one, arriving
/// late, must not pass for this one's).
async fn acknowledged(
    mut acks: broadcast::Receiver<Arc<[String]>>,
    ours: impl Fn(&[String]) -> bool,
) {
    loop {
        match acks.recv().await {
            Ok(resources) if ours(&resources) => return,
            Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {}
            // The connection is gone: nothing will be acknowledged; the caller's deadline ends it.
            Err(broadcast::error::RecvError::Closed) => std::future::pending::<()>().await,
        }
    }
}

/// Opens the listen stream that subscribes a modern connection to `uri`, and waits until the
/// server acknowledged that stream (or refused it, or `wait` passed): an update made after the
/// answer reaches the client. Cancelling the returned
/// token ends the stream: the subscription.
pub(super) async fn subscribe(
    up: &Upstream,
    peer: &Peer,
    envelope: &Envelope,
    uri: &str,
    wait: Duration,
) -> Result<CancellationToken, RequestError> {
    let mut params = RawObject::new();
    params.set_value(
        "notifications",
        &serde_json::json!({ "resourceSubscriptions": [uri] }),
    );
    let params = envelope.dress(Some(params));
    let cancel = CancellationToken::new();
    let opts = RequestOptions {
        cancel: Some(cancel.clone()),
        ..RequestOptions::default()
    };
    let acks = up.listen_acks.subscribe();
    let wanted = uri.to_string();
    let (peer, server, uri) = (peer.clone(), up.name().to_string(), uri.to_string());
    let mut stream = tokio::spawn(async move {
        let listened = peer
            .request(method::SUBSCRIPTIONS_LISTEN, params, opts)
            .await;
        match &listened {
            Ok(_) => tracing::debug!(server = %server, "the server ended the stream of {uri}"),
            Err(RequestError::Closed(_) | RequestError::Cancelled) => {}
            Err(e) => tracing::debug!(server = %server, "listening to {uri} failed: {e}"),
        }
        listened
    });
    tokio::select! {
        () = acknowledged(acks, |resources| resources.contains(&wanted)) => Ok(cancel),
        ended = &mut stream => match ended {
            Ok(Err(e)) => Err(e),
            // Ended at once without an error: nothing to hold.
            _ => Ok(cancel),
        },
        () = tokio::time::sleep(wait) => Ok(cancel),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn listens_for_the_lists_that_announce_changes() {
        let caps = |v: Value| v.as_object().cloned().unwrap();
        assert_eq!(
            Value::Object(filter(&caps(json!({
                "tools": {"listChanged": true},
                "prompts": {},
                "resources": {"subscribe": true, "listChanged": true},
                "logging": {}
            })))),
            json!({"toolsListChanged": true, "resourcesListChanged": true})
        );
        assert!(filter(&caps(json!({"tools": {"listChanged": false}}))).is_empty());
    }
}
