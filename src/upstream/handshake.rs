//! The client side of the MCP handshake with one upstream, and fetching its lists
//! (tools, prompts, resources, resource templates), following pagination.

use std::sync::Arc;
use std::time::Duration;

use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

use super::envelope::Envelope;
use super::error::UpstreamError;
use crate::protocol::mcp::{self, Era, method, notification};
use crate::protocol::{Backlog, ErrorObject, Peer, RawObject, RequestError, RequestOptions, codes};

/// What the AI client told vmcp in `initialize`, mirrored to upstreams so they offer the same
/// features (a server may only register sampling tools when sampling is available).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ClientContext {
    /// The client's capabilities object.
    pub capabilities: Map<String, Value>,
    /// The queue of what vmcp writes to the client: reading from an upstream pauses while it is
    /// full, so a client that stops reading stops the upstreams too (`None`: no client).
    pub backlog: Option<Backlog>,
}

impl ClientContext {
    /// The capabilities vmcp can forward: requests it can pass on to the AI client, and MCP
    /// Apps (`extensions["io.modelcontextprotocol/ui"]`, settings verbatim), whose tools' `_meta`
    /// and `ui://` resources pass through vmcp untouched. Other extensions are not forwarded: a
    /// proxy that does not know one cannot pass on what it changes.
    pub(crate) fn forwarded_capabilities(&self) -> Map<String, Value> {
        let mut forwarded: Map<String, Value> = self
            .capabilities
            .iter()
            .filter(|(k, _)| matches!(k.as_str(), "roots" | "sampling" | "elicitation"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if let Some(ui) = self
            .capabilities
            .get("extensions")
            .and_then(|e| e.get(mcp::extension::UI))
        {
            forwarded.insert(
                "extensions".into(),
                json!({ mcp::extension::UI: ui.clone() }),
            );
        }
        forwarded
    }
}

/// What the upstream said about itself in `initialize` (2025-11-25) or `server/discover`
/// (2026-07-28).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ServerInfo {
    /// The revision family spoken on this connection.
    pub era: Era,
    /// The version spoken: the one `initialize` answered with, or the modern version.
    pub protocol_version: String,
    pub capabilities: Map<String, Value>,
    /// `serverInfo` as sent (name, version, maybe title).
    pub implementation: Value,
    pub instructions: Option<String>,
}

impl ServerInfo {
    pub(crate) fn has(&self, capability: &str) -> bool {
        self.capabilities.contains_key(capability)
    }
}

/// Runs `initialize` + `notifications/initialized`. A server that refuses the version with the
/// 2026-07-28 error (−32022) is reported as [`UpstreamError::NoCommonVersion`], listing what it
/// supports (`forced`: the configuration allows only this revision).
pub(crate) async fn initialize(
    peer: &Peer,
    client: &ClientContext,
    timeout: Duration,
    forced: bool,
) -> Result<ServerInfo, UpstreamError> {
    let params = json!({
        "protocolVersion": mcp::PROTOCOL_VERSION,
        "capabilities": client.forwarded_capabilities(),
        "clientInfo": { "name": "vmcp", "version": env!("CARGO_PKG_VERSION") },
    });
    let opts = RequestOptions {
        timeout: Some(timeout),
        ..RequestOptions::default()
    };
    let params = match params {
        Value::Object(m) => RawObject::from_map(m),
        _ => RawObject::new(),
    };
    let raw = peer
        .request(method::INITIALIZE, Some(params), opts)
        .await
        .map_err(|e| match e {
            RequestError::Closed(reason) => UpstreamError::Closed(reason),
            RequestError::Timeout(d) => UpstreamError::StartupTimeout(d),
            RequestError::Rpc(raw) => {
                let e: ErrorObject = serde_json::from_str(raw.get())
                    .unwrap_or_else(|_| ErrorObject::internal(raw.get()));
                match supported_versions(&e) {
                    Some(supported) => UpstreamError::NoCommonVersion {
                        offered: vec![mcp::PROTOCOL_VERSION],
                        supported,
                        forced,
                    },
                    None => UpstreamError::Handshake(e.to_string()),
                }
            }
            other => UpstreamError::Handshake(other.to_string()),
        })?;
    let result: Map<String, Value> = serde_json::from_str(raw.get())
        .map_err(|e| UpstreamError::Handshake(format!("unreadable initialize result: {e}")))?;
    let version = result
        .get("protocolVersion")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if !mcp::SUPPORTED_VERSIONS.contains(&version.as_str()) {
        tracing::warn!(
            server = peer.label(),
            "upstream answered with protocol version {version:?}; continuing as {}",
            mcp::PROTOCOL_VERSION
        );
    }
    peer.notify(notification::INITIALIZED, None);
    Ok(ServerInfo {
        era: Era::Legacy,
        protocol_version: version,
        capabilities: result
            .get("capabilities")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        implementation: result.get("serverInfo").cloned().unwrap_or(Value::Null),
        instructions: result
            .get("instructions")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

/// The versions an unsupported-version error (−32022) says the server supports; `None` for any
/// other error.
pub(super) fn supported_versions(e: &ErrorObject) -> Option<Vec<String>> {
    if e.code != codes::UNSUPPORTED_PROTOCOL_VERSION {
        return None;
    }
    let listed = e.data.as_ref().and_then(|d| d.get("supported"));
    Some(
        listed
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    )
}

/// The four lists an upstream can offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ListKind {
    Tools,
    Prompts,
    Resources,
    Templates,
}

impl ListKind {
    pub(crate) const ALL: [ListKind; 4] = [
        ListKind::Tools,
        ListKind::Prompts,
        ListKind::Resources,
        ListKind::Templates,
    ];

    pub(super) fn method(self) -> &'static str {
        match self {
            ListKind::Tools => method::TOOLS_LIST,
            ListKind::Prompts => method::PROMPTS_LIST,
            ListKind::Resources => method::RESOURCES_LIST,
            ListKind::Templates => method::RESOURCE_TEMPLATES_LIST,
        }
    }

    /// The key of the items in the list result.
    pub(crate) fn key(self) -> &'static str {
        match self {
            ListKind::Tools => "tools",
            ListKind::Prompts => "prompts",
            ListKind::Resources => "resources",
            ListKind::Templates => "resourceTemplates",
        }
    }

    /// The capability that announces this list.
    pub(super) fn capability(self) -> &'static str {
        match self {
            ListKind::Tools => "tools",
            ListKind::Prompts => "prompts",
            ListKind::Resources | ListKind::Templates => "resources",
        }
    }

    pub(crate) fn bit(self) -> u8 {
        match self {
            ListKind::Tools => 1,
            ListKind::Prompts => 2,
            ListKind::Resources => 4,
            ListKind::Templates => 8,
        }
    }
}

/// An upstream's items, each kept as the exact object it sent (parsed one level deep: schemas
/// and everything else stay raw text, which is compact and passes through untouched).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Lists {
    pub tools: Arc<Vec<RawObject>>,
    pub prompts: Arc<Vec<RawObject>>,
    pub resources: Arc<Vec<RawObject>>,
    pub templates: Arc<Vec<RawObject>>,
}

impl Lists {
    pub(crate) fn set(&mut self, kind: ListKind, items: Vec<RawObject>) {
        let slot = match kind {
            ListKind::Tools => &mut self.tools,
            ListKind::Prompts => &mut self.prompts,
            ListKind::Resources => &mut self.resources,
            ListKind::Templates => &mut self.templates,
        };
        *slot = super::shared_lists::share(items);
    }
}

/// Upper bound on pages followed, against a server that returns cursors forever.
const MAX_PAGES: usize = 1000;

/// Fetches one complete list (all pages), each request dressed for the connection's era. An
/// absent capability yields an empty list.
pub(crate) async fn fetch_list(
    peer: &Peer,
    info: &ServerInfo,
    envelope: &Envelope,
    kind: ListKind,
    timeout: Duration,
) -> Result<Listed, UpstreamError> {
    let mut listed = Listed::default();
    if !info.has(kind.capability()) {
        return Ok(listed);
    }
    let items = &mut listed.items;
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let params = cursor.as_ref().map(|c| {
            let mut p = RawObject::new();
            p.set_value("cursor", c);
            p
        });
        let opts = RequestOptions {
            timeout: Some(timeout),
            ..RequestOptions::default()
        };
        let params = envelope.dress(params);
        let raw = match peer.request(kind.method(), params, opts).await {
            Ok(raw) => raw,
            // Servers with resources but no templates often answer "method not found".
            Err(RequestError::Rpc(e)) if kind == ListKind::Templates => {
                tracing::debug!(server = peer.label(), "no resource templates: {}", e.get());
                return Ok(Listed::default());
            }
            Err(e) => return Err(UpstreamError::Request(e)),
        };
        let unreadable = |e: String| {
            UpstreamError::Handshake(format!("unreadable {} result: {e}", kind.method()))
        };
        let page = RawObject::parse(Some(&raw)).map_err(|e| unreadable(e.message))?;
        // A 2026-07-28 server's cache hint: the list may be reused as long as its shortest page.
        if let Some(ttl) = page
            .get("ttlMs")
            .and_then(|t| serde_json::from_str::<u64>(t.get()).ok())
        {
            listed.ttl_ms = Some(listed.ttl_ms.map_or(ttl, |t| t.min(ttl)));
        }
        if let Some(list) = page.get(kind.key()) {
            let entries: Vec<Box<RawValue>> =
                serde_json::from_str(list.get()).map_err(|e| unreadable(e.to_string()))?;
            // Anything that is not an object is not an item; skip it rather than fail the server.
            items.extend(
                entries
                    .iter()
                    .filter_map(|e| RawObject::parse(Some(e)).ok()),
            );
        }
        match page.get_str("nextCursor") {
            Some(next) if !next.is_empty() => {
                if cursor.as_deref() == Some(next.as_str()) {
                    tracing::warn!(
                        server = peer.label(),
                        "{} repeated its cursor; stopping",
                        kind.method()
                    );
                    break;
                }
                cursor = Some(next);
            }
            _ => return Ok(listed),
        }
    }
    Ok(listed)
}

/// One list as fetched: its items, and the shortest `ttlMs` its pages gave (2026-07-28 servers
/// say how long a client may reuse a list; older ones say nothing).
#[derive(Debug, Default)]
pub(crate) struct Listed {
    pub items: Vec<RawObject>,
    pub ttl_ms: Option<u64>,
}
