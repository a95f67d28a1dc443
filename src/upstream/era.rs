//! Which MCP revision one connection speaks, and its opening: the server's `protocol:` setting
//! decides when it names one; else the era found at the last start is spoken at once; else a
//! `server/discover` probe asks (silence or a non-modern error ⇒ `initialize` on the same
//! connection). A remembered era that turns out wrong heals itself: a legacy guess refused with
//! a modern version error switches to `server/discover`, a modern guess answered with a
//! non-modern error falls back to `initialize`.

use std::time::Duration;

use super::discover::{Discovered, discover};
use super::envelope::Envelope;
use super::error::UpstreamError;
use super::handshake::{self, ClientContext, ServerInfo};
use super::plan::{DEFAULT_PROBE_TIMEOUT, ProtocolChoice};
use crate::protocol::Peer;
use crate::protocol::mcp::{Era, MODERN_VERSION};

/// Opens the connection in the era `choice` and `remembered` lead to: `initialize`, or
/// `server/discover` for a modern server (which has no handshake: discover is what it offers).
/// `learned` hears of a server that refused `initialize` naming 2026-07-28, so that the next
/// attempt asks it in that revision even if this one fails (such a server may exit after
/// refusing).
pub(super) async fn open(
    peer: &Peer,
    choice: ProtocolChoice,
    remembered: Option<Era>,
    client: &ClientContext,
    timeout: Duration,
    learned: &(dyn Fn(Era) + Sync),
) -> Result<ServerInfo, UpstreamError> {
    let modern = Envelope::new(Era::Modern, client);
    match (choice, remembered) {
        (ProtocolChoice::Legacy, _) => handshake::initialize(peer, client, timeout, true).await,
        (ProtocolChoice::Modern, _) => strictly_modern(peer, &modern, true).await,
        (ProtocolChoice::Auto, Some(Era::Legacy)) => {
            legacy(peer, &modern, client, timeout, learned).await
        }
        (ProtocolChoice::Auto, remembered) => {
            // A server known to be modern may take its time to start; an unknown one gets the
            // probe timeout before it is taken for a legacy server.
            let wait = match remembered {
                Some(Era::Modern) => timeout,
                _ => DEFAULT_PROBE_TIMEOUT.min(timeout),
            };
            match discover(peer, &modern, Some(wait)).await? {
                Discovered::Modern(info) => Ok(info),
                Discovered::Legacy(why) => {
                    tracing::debug!(server = peer.label(), "speaking 2025-11-25: {why}");
                    legacy(peer, &modern, client, timeout, learned).await
                }
            }
        }
    }
}

/// `initialize`; a server that refuses it naming the modern version (one that dropped the old
/// revision, or pinned the connection to the new one) is opened with `server/discover` instead.
async fn legacy(
    peer: &Peer,
    modern: &Envelope,
    client: &ClientContext,
    timeout: Duration,
    learned: &(dyn Fn(Era) + Sync),
) -> Result<ServerInfo, UpstreamError> {
    match handshake::initialize(peer, client, timeout, false).await {
        Err(UpstreamError::NoCommonVersion { supported, .. })
            if supported.iter().any(|v| v == MODERN_VERSION) =>
        {
            tracing::debug!(
                server = peer.label(),
                "initialize refused for {MODERN_VERSION}; speaking it"
            );
            learned(Era::Modern);
            strictly_modern(peer, modern, false).await
        }
        other => other,
    }
}

/// `server/discover`, where only a modern answer will do (`forced`: the configuration says so).
async fn strictly_modern(
    peer: &Peer,
    modern: &Envelope,
    forced: bool,
) -> Result<ServerInfo, UpstreamError> {
    match discover(peer, modern, None).await {
        Ok(Discovered::Modern(info)) => Ok(info),
        Ok(Discovered::Legacy(why)) if forced => Err(UpstreamError::Handshake(format!(
            "the server does not speak {MODERN_VERSION}, which its `protocol:` setting requires \
             ({why}); set `protocol: auto` (or remove it) to let vmcp pick"
        ))),
        Ok(Discovered::Legacy(why)) => Err(UpstreamError::Handshake(why)),
        Err(UpstreamError::NoCommonVersion {
            offered, supported, ..
        }) => Err(UpstreamError::NoCommonVersion {
            offered,
            supported,
            forced,
        }),
        Err(e) => Err(e),
    }
}
