//! The catalog cache between sessions: before a session starts, each upstream's last lists are
//! read from the store (one read, at most a short wait for the lock) and handed to the session,
//! which can then answer the first `tools/list` at once; while it runs, every fresh list an
//! upstream delivers is written back when its content changed. A cache problem never stops a
//! session: it is logged and the session starts without it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::protocol::RawObject;
use crate::protocol::mcp::{self, Era};
use crate::protocol::message::to_raw;
use crate::session::{ListsObserver, ServerPlan, SessionPlan};
use crate::store::{CachedCatalog, Store};
use crate::support::hash::fnv1a_hex;
use crate::upstream::{ListKind, Lists, ProtocolChoice, UpstreamPlan};

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How long a starting session waits for a store another process is writing.
const READ_LOCK_WAIT: Duration = Duration::from_millis(200);

/// The stored shape of [`Lists`].
#[derive(Serialize, Deserialize)]
struct StoredLists {
    tools: Vec<RawObject>,
    prompts: Vec<RawObject>,
    resources: Vec<RawObject>,
    templates: Vec<RawObject>,
}

/// Identifies a server's configuration: a changed command, argument, environment value, URL or
/// header makes the cached lists stale. Values are only hashed, never stored.
pub(crate) fn fingerprint(plan: &UpstreamPlan) -> String {
    // `Debug` of an HTTP plan hides header values and the URL's secrets, so they are hashed
    // explicitly.
    let headers = match &plan.transport {
        crate::upstream::TransportPlan::Http(h) => {
            h.headers
                .iter()
                .fold(h.url.clone() + "\n", |mut out, (k, v)| {
                    out.push_str(k);
                    out.push('=');
                    out.push_str(v);
                    out.push('\n');
                    out
                })
        }
        crate::upstream::TransportPlan::Stdio(_) => String::new(),
    };
    // Where credentials may be stored is not part of what the server offers.
    let transport = match &plan.transport {
        crate::upstream::TransportPlan::Http(h) => {
            let mut h = h.clone();
            h.credentials = None;
            crate::upstream::TransportPlan::Http(h)
        }
        other @ crate::upstream::TransportPlan::Stdio(_) => other.clone(),
    };
    // A `protocol:` setting other than `auto` may change what the server offers, and the era
    // it made vmcp speak says nothing of what `auto` would find. (`auto` adds nothing, so
    // entries written before the setting existed stay fresh.)
    let transport = format!("{transport:?}");
    let mut parts = vec![
        plan.name.as_bytes(),
        transport.as_bytes(),
        headers.as_bytes(),
    ];
    let protocol = format!("{:?}", plan.protocol);
    if plan.protocol != ProtocolChoice::Auto {
        parts.push(protocol.as_bytes());
    }
    fnv1a_hex(&parts)
}

/// The stored form of `lists` and the hash of it and of the protocol version spoken.
fn encode(lists: &Lists, protocol: Option<&str>) -> (String, Box<serde_json::value::RawValue>) {
    let stored = StoredLists {
        tools: lists.tools.to_vec(),
        prompts: lists.prompts.to_vec(),
        resources: lists.resources.to_vec(),
        templates: lists.templates.to_vec(),
    };
    let raw = to_raw(&stored);
    let mut parts = vec![raw.get().as_bytes()];
    if let Some(p) = protocol {
        parts.push(p.as_bytes());
    }
    let hash = fnv1a_hex(&parts);
    (hash, raw)
}

/// The era of a stored protocol version (`None`: unknown, or a record from before eras).
fn era(entry: &CachedCatalog) -> Option<Era> {
    entry.protocol.as_deref().and_then(mcp::era_of)
}

pub(crate) fn decode(entry: &CachedCatalog) -> Option<Lists> {
    let s: StoredLists = serde_json::from_str(entry.lists.get()).ok()?;
    let mut lists = Lists::default();
    lists.set(ListKind::Tools, s.tools);
    lists.set(ListKind::Prompts, s.prompts);
    lists.set(ListKind::Resources, s.resources);
    lists.set(ListKind::Templates, s.templates);
    Some(lists)
}

/// Keeps the cache of one session's upstreams up to date.
pub(crate) struct CatalogCache {
    /// Server → (fingerprint, content hash last read or written).
    known: Mutex<HashMap<String, (String, String)>>,
    /// Entries to write, in order, by one writer task (two writes racing to the store could land
    /// in the wrong order and leave the older lists cached). `None` once flushed.
    queue: Mutex<Option<mpsc::UnboundedSender<(String, CachedCatalog)>>>,
    writer: Mutex<Option<JoinHandle<()>>>,
}

/// Writes queued entries one after the other; of several queued for one server, only the last.
async fn write_in_order(store: Store, mut rx: mpsc::UnboundedReceiver<(String, CachedCatalog)>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while let Ok(more) = rx.try_recv() {
            batch.retain(|(server, _)| *server != more.0);
            batch.push(more);
        }
        let store = store.clone();
        let written = tokio::task::spawn_blocking(move || {
            for (server, entry) in batch {
                if let Err(e) = store.put_cached_catalog(&server, &entry) {
                    tracing::warn!(server = %server, "cannot update the catalog cache: {e}");
                }
            }
        })
        .await;
        if let Err(e) = written {
            tracing::warn!("catalog cache writer failed: {e}");
        }
    }
}

/// Fills `plan`'s servers with what the cache knows of their configuration: the era each spoke
/// last time (worth knowing to every session: it saves the probe) and, with `serve_cached`, their
/// lists. Servers `running` says run already (a shared instance another session started) need
/// neither, and are not read. Returns each server's fingerprint and the content hash of the
/// lists read (empty when none). A vMCP with `catalog_cache: off` is not read.
pub(crate) fn fill(
    store: &Store,
    plan: &mut SessionPlan,
    serve_cached: bool,
    running: impl Fn(&ServerPlan) -> bool,
) -> HashMap<String, (String, String)> {
    let mut known = HashMap::new();
    if !plan.catalog_cache {
        return known;
    }
    for s in &plan.servers {
        known.insert(
            s.upstream.name.clone(),
            (fingerprint(&s.upstream), String::new()),
        );
    }
    let names: Vec<&str> = plan
        .servers
        .iter()
        .filter(|s| !running(s))
        .map(|s| s.upstream.name.as_str())
        .collect();
    if names.is_empty() {
        return known;
    }
    let reader = store.clone().with_lock_wait(READ_LOCK_WAIT);
    let entries = match reader.cached_catalogs(&names) {
        Ok(entries) => entries,
        Err(e) => {
            tracing::warn!("catalog cache unavailable, starting without it: {e}");
            return known;
        }
    };
    for s in &mut plan.servers {
        let name = &s.upstream.name;
        let Some(entry) = entries.get(name) else {
            continue;
        };
        let Some((fp, hash)) = known.get_mut(name) else {
            continue;
        };
        if entry.fingerprint != *fp {
            tracing::debug!(server = %name, "catalog cache is stale (configuration changed)");
            continue;
        }
        s.upstream.remembered_era = era(entry);
        if serve_cached && let Some(lists) = decode(entry) {
            hash.clone_from(&entry.content_hash);
            s.cached = Some(lists);
        }
    }
    known
}

impl CatalogCache {
    /// Returns the writer for the fresh lists of `plan`'s servers and, with `serve_cached`, fills
    /// them with their cached lists where the cache matches their configuration (but for those
    /// `running`: [`fill`]). A vMCP with `catalog_cache: off` is neither read nor written.
    pub(crate) fn load(
        store: &Store,
        plan: &mut SessionPlan,
        serve_cached: bool,
        running: impl Fn(&ServerPlan) -> bool,
    ) -> Arc<CatalogCache> {
        let known = fill(store, plan, serve_cached, running);
        let (tx, rx) = mpsc::unbounded_channel();
        let writer = tokio::spawn(write_in_order(store.clone(), rx));
        Arc::new(CatalogCache {
            known: Mutex::new(known),
            queue: Mutex::new(Some(tx)),
            writer: Mutex::new(Some(writer)),
        })
    }

    /// Keeps the lists of the servers of a reloaded plan (`plan`): those added, or whose
    /// configuration changed, are written under their new fingerprint from now on.
    pub(crate) fn track(&self, plan: &SessionPlan) {
        if !plan.catalog_cache {
            return;
        }
        let mut known = lock(&self.known);
        for s in &plan.servers {
            let fp = fingerprint(&s.upstream);
            match known.get(&s.upstream.name) {
                Some((old, _)) if *old == fp => {}
                _ => {
                    known.insert(s.upstream.name.clone(), (fp, String::new()));
                }
            }
        }
    }

    /// Stops taking entries and waits (at most `limit`) for the queued ones to be written.
    pub(crate) async fn flush(&self, limit: Duration) {
        drop(lock(&self.queue).take());
        let Some(writer) = lock(&self.writer).take() else {
            return;
        };
        if tokio::time::timeout(limit, writer).await.is_err() {
            tracing::warn!("catalog cache writes did not finish within {limit:?}");
        }
    }
}

impl ListsObserver for CatalogCache {
    fn lists(&self, server: &str, lists: &Lists, protocol: Option<&str>) {
        let (hash, raw) = encode(lists, protocol);
        let fingerprint = {
            let mut known = lock(&self.known);
            let Some((fp, last)) = known.get_mut(server) else {
                return;
            };
            if *last == hash {
                return;
            }
            last.clone_from(&hash);
            fp.clone()
        };
        let entry = CachedCatalog {
            fingerprint,
            content_hash: hash,
            lists: raw,
            fetched: crate::support::clock::unix_seconds(),
            protocol: protocol.map(str::to_string),
        };
        if let Some(queue) = lock(&self.queue).as_ref() {
            let _ = queue.send((server.to_string(), entry));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::upstream::HttpPlan;
    use crate::upstream::TransportPlan;

    fn lists(tool: &str) -> Lists {
        let item: RawObject = serde_json::from_str(&format!(
            r#"{{"name":"{tool}","inputSchema":{{"type":"object"}}}}"#
        ))
        .unwrap();
        Lists {
            tools: Arc::new(vec![item]),
            ..Lists::default()
        }
    }

    #[test]
    fn lists_round_trip_and_hash_their_content() {
        let (hash, raw) = encode(&lists("a"), Some("2026-07-28"));
        let entry = CachedCatalog {
            fingerprint: String::new(),
            content_hash: hash.clone(),
            lists: raw,
            fetched: 0,
            protocol: Some("2026-07-28".into()),
        };
        assert_eq!(decode(&entry), Some(lists("a")));
        assert_eq!(era(&entry), Some(Era::Modern));
        assert_eq!(encode(&lists("a"), Some("2026-07-28")).0, hash);
        assert_ne!(encode(&lists("b"), Some("2026-07-28")).0, hash);
        // A server that changed era is written again even when its lists did not change.
        assert_ne!(encode(&lists("a"), Some("2025-11-25")).0, hash);
    }

    #[test]
    fn records_from_before_eras_decode_without_one() {
        let old = r#"{"fingerprint":"f","content_hash":"h","lists":{"tools":[],"prompts":[],"resources":[],"templates":[]},"fetched":1}"#;
        let entry: CachedCatalog = serde_json::from_str(old).unwrap();
        assert_eq!(entry.protocol, None);
        assert_eq!(era(&entry), None);
        assert_eq!(decode(&entry), Some(Lists::default()));
    }

    #[test]
    fn the_fingerprint_follows_the_configuration() {
        let plan = |url: &str| {
            UpstreamPlan::new(
                "s",
                TransportPlan::Http(HttpPlan {
                    url: url.into(),
                    shown_url: crate::support::url::redacted(url),
                    headers: Vec::default(),
                    transport: crate::upstream::HttpTransport::Auto,
                    credentials: None,
                }),
            )
        };
        assert_eq!(
            fingerprint(&plan("http://a")),
            fingerprint(&plan("http://a"))
        );
        assert_ne!(
            fingerprint(&plan("http://a")),
            fingerprint(&plan("http://b"))
        );
        let mut forced = plan("http://a");
        forced.protocol = ProtocolChoice::Legacy;
        assert_ne!(fingerprint(&forced), fingerprint(&plan("http://a")));
    }
}
