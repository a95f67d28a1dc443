//! The trust gate's inputs: for every server of a plan, its trust mode (its `trust:` or the
//! `trust.default` setting) and, for pinned ones, the approved tool hashes from the store. The
//! gate itself is applied where the catalog is built (the session), so it holds however a server
//! got into a definition. Anything unreadable fails closed: no approvals, nothing exposed.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::{ServerConfig, TrustMode};
use crate::session::{SessionPlan, TrustPolicy};
use crate::store::Store;
use crate::store::calls::{SETTING_TRUST_DEFAULT, SETTING_TRUST_ON_CHANGE};

/// Sets the trust policy of every server of `plan` (`servers`: the definition's server configs).
pub fn apply(store: &Store, servers: &BTreeMap<String, ServerConfig>, plan: &mut SessionPlan) {
    let settings = store.settings().unwrap_or_else(|e| {
        tracing::warn!("cannot read the trust settings, using the defaults: {e}");
        BTreeMap::new()
    });
    let default = match settings.get(SETTING_TRUST_DEFAULT).map(String::as_str) {
        Some("always") => TrustMode::Always,
        _ => TrustMode::Pinned,
    };
    let warn = settings.get(SETTING_TRUST_ON_CHANGE).map(String::as_str) == Some("warn");
    for s in &mut plan.servers {
        let name = &s.upstream.name;
        let mode = servers.get(name).and_then(|c| c.trust).unwrap_or(default);
        s.trust = match mode {
            TrustMode::Always => TrustPolicy::Always,
            TrustMode::Pinned => {
                let approved = match store.pins(name) {
                    Ok(p) => p.map(|p| {
                        Arc::new(p.tools.into_iter().map(|(t, pin)| (t, pin.hash)).collect())
                    }),
                    Err(e) => {
                        tracing::warn!(server = %name, "cannot read its approvals, so none of its tools are exposed: {e}");
                        None
                    }
                };
                TrustPolicy::Pinned { approved, warn }
            }
        };
    }
}
