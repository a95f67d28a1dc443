//! What one upstream connection initiates: its requests (sampling, elicitation, roots) and
//! notifications go to the session through [`UpstreamEvents`](super::UpstreamEvents); a
//! `list_changed` marks lists dirty, and one refresher task fetches them (bursts coalesce).

use std::sync::{Arc, Weak};

use serde_json::value::RawValue;

use super::Change;
use super::handle::Upstream;
use super::handshake::ListKind;
use crate::protocol::mcp::notification;
use crate::protocol::{BoxFuture, Handler, IncomingRequest, Outcome};

/// Marks lists dirty and makes sure one refresher task fetches them (coalescing bursts).
pub(super) fn schedule_refresh(up: &Arc<Upstream>, bits: u8) {
    {
        let mut inner = up.lock();
        inner.dirty |= bits;
        if inner.refreshing || inner.link.is_none() {
            return;
        }
        inner.refreshing = true;
    }
    let up = up.clone();
    tokio::spawn(async move {
        loop {
            let (bits, link) = {
                let mut inner = up.lock();
                let bits = std::mem::take(&mut inner.dirty);
                if bits == 0 || inner.link.is_none() {
                    inner.refreshing = false;
                    return;
                }
                (bits, inner.link.clone())
            };
            let Some(link) = link else { continue };
            let mut changed = false;
            for kind in ListKind::ALL.into_iter().filter(|k| bits & k.bit() != 0) {
                let fetched =
                    link.conn
                        .fetch_list(&link.info, &link.envelope, kind, up.plan.call_timeout);
                match fetched.await {
                    Ok(listed) => {
                        let mut inner = up.lock();
                        inner.lists.set(kind, listed.items);
                        match listed.ttl_ms {
                            Some(ttl) => inner.list_ttls.insert(kind, ttl),
                            None => inner.list_ttls.remove(&kind),
                        };
                        changed = true;
                    }
                    Err(e) => {
                        tracing::warn!(server = up.name(), "refreshing {} failed: {e}", kind.key());
                    }
                }
            }
            if changed {
                up.events.changed(up.index, Change::Lists);
            }
        }
    });
}

/// Receives what one upstream connection initiates.
pub(super) struct ConnHandler {
    pub(super) upstream: Weak<Upstream>,
}

impl Handler for ConnHandler {
    fn on_request(&self, request: IncomingRequest) -> BoxFuture<Outcome> {
        match self.upstream.upgrade() {
            Some(up) => up.events.request(up.index, request),
            None => Box::pin(async {
                Outcome::error(&crate::protocol::ErrorObject::internal(
                    "session is shutting down",
                ))
            }),
        }
    }

    fn on_notification(&self, method: &str, params: Option<Box<RawValue>>) {
        let Some(up) = self.upstream.upgrade() else {
            return;
        };
        let bits = match method {
            notification::TOOLS_CHANGED => ListKind::Tools.bit(),
            notification::PROMPTS_CHANGED => ListKind::Prompts.bit(),
            notification::RESOURCES_CHANGED => {
                ListKind::Resources.bit() | ListKind::Templates.bit()
            }
            // The opening of the listen stream `listen.rs` keeps: nothing to relay.
            notification::SUBSCRIPTIONS_ACKNOWLEDGED => {
                tracing::debug!(server = up.name(), "list notifications acknowledged");
                up.listen_acks.send_modify(|n| *n = n.wrapping_add(1));
                return;
            }
            _ => {
                up.events.notification(up.index, method, params);
                return;
            }
        };
        schedule_refresh(&up, bits);
    }
}
