//! What an upstream is subscribed to, across its connections. A `resources/subscribe` is
//! recorded as well as sent, an `unsubscribe` forgets, and every connection made later (a
//! restart) is asked once, as it becomes ready, for each resource recorded then. The record and
//! the connection in force change under one lock, so a subscription made while a connection is
//! being made is sent by whichever of the two comes second, never by both and never by neither.
//! Whoever counts holders (the session, or the pool of a shared server) asks only for the first
//! and the last; the upstream keeps what it was asked. A modern connection, whose revision has
//! neither request, gets a listen stream per resource (`listen.rs`).

use std::sync::Arc;

use serde_json::value::RawValue;

use super::error::UpstreamError;
use super::handle::{Link, Upstream};
use super::listen;
use crate::protocol::mcp::method;
use crate::protocol::message::empty_object;
use crate::protocol::{RawObject, RequestError, RequestOptions};

fn uri_of(params: Option<&RawObject>) -> String {
    params.and_then(|p| p.get_str("uri")).unwrap_or_default()
}

impl Upstream {
    /// Subscribes the connection in force (the caller waited for one) to the `uri` of `params`
    /// and records it. Forgotten again when it fails.
    pub(super) async fn subscribe(
        &self,
        params: Option<RawObject>,
        opts: RequestOptions,
    ) -> Result<Box<RawValue>, UpstreamError> {
        let uri = uri_of(params.as_ref());
        let link = {
            let mut inner = self.lock();
            let Some(link) = inner.link.clone() else {
                // Lost again while the caller waited for it.
                drop(inner);
                return Err(self.unavailable());
            };
            if !inner.subscriptions.insert(uri.clone()) {
                // This connection was asked already (when it became ready, or since).
                return Ok(empty_object());
            }
            link
        };
        let answer = self
            .ask(&link, method::RESOURCES_SUBSCRIBE, params, opts.clone())
            .await;
        if answer.is_err() {
            // A connection made since was asked for it when it became ready: it is told too.
            let since = {
                let mut inner = self.lock();
                inner.subscriptions.remove(&uri);
                inner.link.clone().filter(|l| !Arc::ptr_eq(l, &link))
            };
            if let Some(since) = since {
                let _ = self
                    .ask(
                        &since,
                        method::RESOURCES_UNSUBSCRIBE,
                        Some(uri_params(&uri)),
                        opts,
                    )
                    .await;
            }
        }
        answer
    }

    /// Forgets the `uri` of `params` and unsubscribes the connection in force, if any (one
    /// being made will not be asked for it).
    pub(super) async fn unsubscribe(
        &self,
        params: Option<RawObject>,
        opts: RequestOptions,
    ) -> Result<Box<RawValue>, UpstreamError> {
        let uri = uri_of(params.as_ref());
        let link = {
            let mut inner = self.lock();
            inner.subscriptions.remove(&uri);
            inner.link.clone()
        };
        match link {
            Some(link) => {
                self.ask(&link, method::RESOURCES_UNSUBSCRIBE, params, opts)
                    .await
            }
            None => Ok(empty_object()),
        }
    }

    /// Keeps `uri` subscribed from now on without waiting for the answer: asked now when
    /// connected, else by the connection being made when it is ready (a server a reload
    /// restarted takes over what its predecessor was subscribed to).
    pub(crate) fn keep_subscribed(self: &Arc<Self>, uri: &str) {
        let link = {
            let mut inner = self.lock();
            if !inner.subscriptions.insert(uri.to_string()) {
                return;
            }
            inner.link.clone()
        };
        if let Some(link) = link {
            renew(self, &link, vec![uri.to_string()]);
        }
    }

    /// `resources/subscribe` / `unsubscribe` for a modern connection, whose revision has
    /// neither: a listen stream per resource, opened or cancelled. Answers `{}` like a legacy
    /// server.
    pub(super) async fn modern_subscription(
        &self,
        link: &Link,
        method: &str,
        params: Option<&RawObject>,
        opts: &RequestOptions,
    ) -> Result<Box<RawValue>, UpstreamError> {
        let uri = uri_of(params);
        let previous = self.lock().resource_streams.remove(&uri);
        if let Some(stream) = previous {
            stream.cancel();
        }
        if method == method::RESOURCES_SUBSCRIBE {
            let wait = opts.timeout.unwrap_or(self.plan.call_timeout);
            let stream = listen::subscribe(self, &link.conn.peer, &link.envelope, &uri, wait)
                .await
                .map_err(|e| match e {
                    RequestError::Closed(reason) => UpstreamError::Closed(reason),
                    other => UpstreamError::Request(other),
                })?;
            self.lock().resource_streams.insert(uri, stream);
        }
        Ok(empty_object())
    }
}

fn uri_params(uri: &str) -> RawObject {
    let mut p = RawObject::new();
    p.set_value("uri", uri);
    p
}

/// Subscribes `link` to each of `uris` (in the background): a connection that became ready,
/// to what was recorded when it did.
pub(super) fn renew(up: &Arc<Upstream>, link: &Arc<Link>, uris: Vec<String>) {
    if uris.is_empty() {
        return;
    }
    let (up, link) = (up.clone(), link.clone());
    tokio::spawn(async move {
        for uri in uris {
            let opts = RequestOptions {
                timeout: Some(up.plan.call_timeout),
                ..RequestOptions::default()
            };
            let asked = up
                .ask(
                    &link,
                    method::RESOURCES_SUBSCRIBE,
                    Some(uri_params(&uri)),
                    opts,
                )
                .await;
            if let Err(e) = asked {
                tracing::warn!(
                    server = up.name(),
                    "renewing the subscription to {uri} failed: {e}"
                );
            }
        }
    });
}
