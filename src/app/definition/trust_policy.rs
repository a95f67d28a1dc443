//! The trust gate's inputs: for every server of a plan, its trust mode (its `trust:` or the
//! `trust.default` setting) and, for `pinned` and `review` ones, the approved tool hashes from the
//! store. A pinned server with no approval yet gets a recorder instead: the session approves its
//! first live list (trust on first use) and records it here, in the store, under the same key
//! `vmcp server approve` writes (once per plan: later sessions of it take what was recorded). The gate itself is applied where the catalog is built (the
//! session), so it holds however a server got into a definition. Anything unreadable fails
//! closed: nothing of the server is exposed.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;

use crate::config::{ServerConfig, TrustMode};
use crate::session::{Approval, FirstUse, FirstUseRecorder, SessionPlan, TrustPolicy};
use crate::store::calls::{SETTING_TRUST_DEFAULT, SETTING_TRUST_ON_CHANGE};
use crate::store::{ServerPins, Store};
use crate::trust::pin;

/// The trust mode of servers that set none, from the settings (`trust.default`; `pinned` when
/// unset).
fn default_of(settings: &BTreeMap<String, String>) -> TrustMode {
    settings
        .get(SETTING_TRUST_DEFAULT)
        .and_then(|v| TrustMode::parse(v))
        .unwrap_or(TrustMode::Pinned)
}

/// The trust mode of servers that set none (`pinned` when unset or unreadable).
pub(crate) fn default_mode(store: &Store) -> TrustMode {
    default_of(&settings(store))
}

/// The settings, or none (the defaults) when the store cannot be read.
fn settings(store: &Store) -> BTreeMap<String, String> {
    store.settings().unwrap_or_else(|e| {
        tracing::warn!("cannot read the trust settings, using the defaults: {e}");
        BTreeMap::new()
    })
}

/// The trust mode of `server` (its own, else the default).
pub(crate) fn mode(store: &Store, server: &ServerConfig) -> TrustMode {
    server.trust.unwrap_or_else(|| default_mode(store))
}

/// Sets the trust policy of every server of `plan` (`servers`: the definition's server configs;
/// `file`: the definition file they come from, `None` for the store).
pub(crate) fn apply(
    store: &Store,
    servers: &BTreeMap<String, ServerConfig>,
    file: Option<&Path>,
    plan: &mut SessionPlan,
) {
    let settings = settings(store);
    let default = default_of(&settings);
    let warn = settings.get(SETTING_TRUST_ON_CHANGE).map(String::as_str) == Some("warn");
    for s in &mut plan.servers {
        let name = &s.upstream.name;
        s.definition_file = file.map(Path::to_path_buf);
        let mode = servers.get(name).and_then(|c| c.trust).unwrap_or(default);
        if mode == TrustMode::Always {
            s.trust = TrustPolicy::Always;
            continue;
        }
        let approved = match store.pins(name) {
            Ok(Some(p)) => Approval::Pins(Arc::new(hashes(p))),
            Ok(None) if mode == TrustMode::Pinned => {
                Approval::FirstUse(FirstUse(Arc::new(StoreRecorder {
                    store: store.clone(),
                    recorded: Mutex::default(),
                    recording: Mutex::default(),
                })))
            }
            Ok(None) => Approval::Never,
            Err(e) => {
                tracing::warn!(server = %name, "cannot read its approvals, so none of its tools are exposed: {e}");
                Approval::Unavailable(e.to_string())
            }
        };
        s.trust = TrustPolicy::Pinned { approved, warn };
    }
}

/// Tool name → approved hash.
fn hashes(pins: ServerPins) -> BTreeMap<String, String> {
    pins.tools.into_iter().map(|(t, p)| (t, p.hash)).collect()
}

/// Records first-use approvals in the store (opened for that one write), each server's once
/// per plan.
struct StoreRecorder {
    store: Store,
    /// Server → the hashes its recording returned.
    recorded: Mutex<HashMap<String, Arc<BTreeMap<String, String>>>>,
    /// One recording at a time: sessions that first-list a server together wait for the first
    /// one's, instead of each reading every definition and writing the store again.
    recording: Mutex<()>,
}

impl FirstUseRecorder for StoreRecorder {
    fn record(
        &self,
        server: &str,
        tools: &dyn Fn() -> Vec<Value>,
    ) -> Result<Arc<BTreeMap<String, String>>, String> {
        let _one = self
            .recording
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(known) = self.recorded(server) {
            return Ok(known);
        }
        let pins = ServerPins {
            approved: crate::support::clock::unix_seconds(),
            tools: pin::pin_all(&tools()),
            automatic: true,
        };
        let in_force = self
            .store
            .put_pins_if_absent(server, &pins)
            .map(|p| Arc::new(hashes(p)))
            .map_err(|e| e.to_string())?;
        self.recorded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(server.to_string(), in_force.clone());
        Ok(in_force)
    }

    fn recorded(&self, server: &str) -> Option<Arc<BTreeMap<String, String>>> {
        self.recorded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(server)
            .cloned()
    }
}
