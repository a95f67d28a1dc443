//! The registry cache: documents fetched from MCP registries (search listings, server entries),
//! kept with their fetch time so that `vmcp registry search` and `show` can answer from the last
//! fetch when a registry cannot be reached. Keyed by the URL that was requested; the body is
//! kept as the registry sent it (the registry layer reads it again on use).

use redb::ReadableTableMetadata;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::schema::{REGISTRY_CACHE, decode, encode};
use super::{Store, StoreError};

/// One fetched document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CachedDocument {
    /// Unix seconds of the fetch.
    pub fetched: u64,
    /// The JSON document as the registry answered it.
    pub body: Box<RawValue>,
}

/// The cache table, or `None` in a store that never cached a registry answer.
fn open_cache(
    txn: &redb::ReadTransaction,
) -> Result<Option<redb::ReadOnlyTable<&'static str, &'static [u8]>>, StoreError> {
    match txn.open_table(REGISTRY_CACHE) {
        Ok(t) => Ok(Some(t)),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

impl Store {
    /// The cached answer to `url`. Never creates the store.
    pub(crate) fn registry_document(
        &self,
        url: &str,
    ) -> Result<Option<CachedDocument>, StoreError> {
        let found = self.read(|txn| {
            let Some(table) = open_cache(txn)? else {
                return Ok(None);
            };
            // A record this vmcp cannot read is a cache miss, not an error.
            Ok(table
                .get(url)?
                .and_then(|v| decode::<CachedDocument>(v.value(), "registry cache entry").ok()))
        })?;
        Ok(found.flatten())
    }

    /// Every cached answer whose URL starts with `prefix` (one registry's), in URL order.
    pub(crate) fn registry_documents(
        &self,
        prefix: &str,
    ) -> Result<Vec<(String, CachedDocument)>, StoreError> {
        let found = self.read(|txn| {
            let Some(table) = open_cache(txn)? else {
                return Ok(Vec::new());
            };
            let mut out = Vec::new();
            for entry in table.range(prefix..)? {
                let (k, v) = entry?;
                if !k.value().starts_with(prefix) {
                    break;
                }
                if let Ok(d) = decode::<CachedDocument>(v.value(), "registry cache entry") {
                    out.push((k.value().to_string(), d));
                }
            }
            Ok(out)
        })?;
        Ok(found.unwrap_or_default())
    }

    /// Stores the answer to `url`, replacing an older one.
    pub(crate) fn put_registry_document(
        &self,
        url: &str,
        doc: &CachedDocument,
    ) -> Result<(), StoreError> {
        let bytes = encode(doc)?;
        self.write(|txn| {
            txn.open_table(REGISTRY_CACHE)?
                .insert(url, bytes.as_slice())?;
            Ok(())
        })
    }

    /// Forgets every cached registry answer; returns how many went.
    pub(crate) fn clear_registry_documents(&self) -> Result<usize, StoreError> {
        if !self.exists() {
            return Ok(0);
        }
        self.write(|txn| {
            let mut table = txn.open_table(REGISTRY_CACHE)?;
            let removed = table.len()?;
            table.retain(|_, _| false)?;
            Ok(usize::try_from(removed).unwrap_or(usize::MAX))
        })
    }
}
