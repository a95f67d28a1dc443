//! The catalog cache: each upstream's last complete lists, so a session can answer the first
//! `tools/list` before its upstreams are up. Keyed by server name; a record also carries the
//! fingerprint of the server's configuration (a changed command or URL makes it stale) and a
//! hash of its content (a write is skipped when nothing changed) and the protocol version the
//! server spoke.

use std::collections::BTreeMap;

use redb::ReadableTable;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::schema::{CATALOG_CACHE, decode, encode};
use super::{Store, StoreError};

/// One server's cached lists.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CachedCatalog {
    /// Identifies the configuration the lists were fetched with.
    pub fingerprint: String,
    /// Identifies the content (`tools`, `prompts`, `resources`, `templates`).
    pub content_hash: String,
    /// `{"tools": […], "prompts": […], "resources": […], "templates": […]}`, as the server sent
    /// them.
    pub lists: Box<RawValue>,
    /// Unix seconds of the fetch.
    pub fetched: u64,
    /// The MCP version the server spoke (`2026-07-28`, `2025-11-25`…): the next session speaks
    /// it without probing. Absent in records written before vmcp knew two eras.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
}

/// The cache table, or `None` in a store that never cached anything.
fn open_cache(
    txn: &redb::ReadTransaction,
) -> Result<Option<redb::ReadOnlyTable<&'static str, &'static [u8]>>, StoreError> {
    match txn.open_table(CATALOG_CACHE) {
        Ok(t) => Ok(Some(t)),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

impl Store {
    /// The cached lists of the named servers (absent ones are skipped). Never creates the store.
    pub(crate) fn cached_catalogs(
        &self,
        servers: &[&str],
    ) -> Result<BTreeMap<String, CachedCatalog>, StoreError> {
        let found = self.read(|txn| {
            let Some(table) = open_cache(txn)? else {
                return Ok(BTreeMap::new());
            };
            let mut out = BTreeMap::new();
            for name in servers {
                if let Some(v) = table.get(*name)? {
                    // A record this vmcp cannot read is a cache miss, not an error.
                    if let Ok(entry) = decode::<CachedCatalog>(v.value(), "catalog cache entry") {
                        out.insert((*name).to_string(), entry);
                    }
                }
            }
            Ok(out)
        })?;
        Ok(found.unwrap_or_default())
    }

    /// Every cache entry (for `vmcp cache list`).
    pub(crate) fn all_cached_catalogs(
        &self,
    ) -> Result<BTreeMap<String, CachedCatalog>, StoreError> {
        let found = self.read(|txn| {
            let Some(table) = open_cache(txn)? else {
                return Ok(BTreeMap::new());
            };
            let mut out = BTreeMap::new();
            for entry in table.iter()? {
                let (k, v) = entry?;
                if let Ok(c) = decode::<CachedCatalog>(v.value(), "catalog cache entry") {
                    out.insert(k.value().to_string(), c);
                }
            }
            Ok(out)
        })?;
        Ok(found.unwrap_or_default())
    }

    /// Stores one server's lists, replacing what was cached.
    pub(crate) fn put_cached_catalog(
        &self,
        server: &str,
        entry: &CachedCatalog,
    ) -> Result<(), StoreError> {
        let bytes = encode(entry)?;
        self.write(|txn| {
            txn.open_table(CATALOG_CACHE)?
                .insert(server, bytes.as_slice())?;
            Ok(())
        })
    }

    /// Forgets the cached lists of `servers` (all of them when empty); returns how many entries
    /// went.
    pub(crate) fn clear_cached_catalogs(&self, servers: &[String]) -> Result<usize, StoreError> {
        if !self.exists() {
            return Ok(0);
        }
        self.write(|txn| {
            let mut table = txn.open_table(CATALOG_CACHE)?;
            let names: Vec<String> = if servers.is_empty() {
                let mut all = Vec::new();
                for entry in table.iter()? {
                    all.push(entry?.0.value().to_string());
                }
                all
            } else {
                servers.to_vec()
            };
            let mut removed = 0;
            for name in &names {
                if table.remove(name.as_str())?.is_some() {
                    removed += 1;
                }
            }
            Ok(removed)
        })
    }
}
