//! What the store file holds: tables, the record envelope, and the schema version with the
//! migrations that bring an older file up to date. The only code that knows table layouts.

use redb::{ReadableTable, TableDefinition, TableHandle, WriteTransaction};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::StoreError;

/// The layout this vmcp writes. Older files are migrated on first write access; newer ones are
/// refused (an older vmcp must not damage what a newer one wrote).
pub(crate) const SCHEMA_VERSION: u64 = 2;

pub(super) const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
pub(super) const SERVERS: TableDefinition<&str, &[u8]> = TableDefinition::new("servers");
pub(super) const VMCPS: TableDefinition<&str, &[u8]> = TableDefinition::new("vmcps");
/// OAuth credentials per server (used by `vmcp login`).
pub(super) const CREDENTIALS: TableDefinition<&str, &[u8]> = TableDefinition::new("credentials");
/// Last known lists per server (used to serve a catalog while an upstream is down).
pub(super) const CATALOG_CACHE: TableDefinition<&str, &[u8]> =
    TableDefinition::new("catalog_cache");
/// Approved tool definitions per server (trust pins).
pub(super) const TOOL_PINS: TableDefinition<&str, &[u8]> = TableDefinition::new("tool_pins");
/// Call log: key = microseconds since the epoch << 64 | process id << 32 | sequence.
pub(super) const CALLS: TableDefinition<u128, &[u8]> = TableDefinition::new("call_log");
pub(super) const SETTINGS: TableDefinition<&str, &str> = TableDefinition::new("settings");
/// Documents fetched from MCP registries, by the URL requested (`vmcp registry search`). A table
/// added within schema 2: an older vmcp never opens it, so the file stays readable by it.
pub(super) const REGISTRY_CACHE: TableDefinition<&str, &[u8]> =
    TableDefinition::new("registry_cache");
/// `vmcp serve`'s bearer tokens by name (digests only). Added without a schema change: readers
/// treat a missing table as empty, the first write creates it.
pub(super) const SERVE_TOKENS: TableDefinition<&str, &[u8]> = TableDefinition::new("serve_tokens");

const SCHEMA_KEY: &str = "schema_version";

/// Every record is stored as `{"schema": N, "updated": <unix seconds>, "data": …}`.
#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    schema: u64,
    updated: u64,
    data: T,
}

pub(super) fn encode<T: Serialize>(data: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(&Envelope {
        schema: SCHEMA_VERSION,
        updated: crate::support::clock::unix_seconds(),
        data,
    })
    .map_err(|e| StoreError::Encode(e.to_string()))
}

/// Decodes a record; `what` names it in errors (`server \`x\``).
pub(super) fn decode<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, StoreError> {
    let env: Envelope<T> = serde_json::from_slice(bytes).map_err(|e| StoreError::BadRecord {
        what: what.to_string(),
        reason: e.to_string(),
    })?;
    if env.schema > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            found: env.schema,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(env.data)
}

/// The version recorded in an open transaction (`None` for a file nothing was written to yet).
pub(super) fn stored_version(txn: &WriteTransaction) -> Result<Option<u64>, StoreError> {
    let meta = txn.open_table(META)?;
    Ok(meta.get(SCHEMA_KEY)?.map(|v| v.value()))
}

/// Makes the file current inside a write transaction: creates the tables of a new file,
/// migrates an older one, refuses a newer one.
pub(super) fn ensure_current(txn: &WriteTransaction) -> Result<(), StoreError> {
    let version = stored_version(txn)?;
    match version {
        Some(v) if v == SCHEMA_VERSION => return Ok(()),
        Some(v) if v > SCHEMA_VERSION => {
            return Err(StoreError::Newer {
                found: v,
                supported: SCHEMA_VERSION,
            });
        }
        Some(v) => {
            for step in v..SCHEMA_VERSION {
                migrate(txn, step)?;
            }
        }
        None => {}
    }
    for table in [
        SERVERS,
        VMCPS,
        CREDENTIALS,
        CATALOG_CACHE,
        TOOL_PINS,
        REGISTRY_CACHE,
    ] {
        txn.open_table(table)?;
    }
    txn.open_table(CALLS)?;
    txn.open_table(SETTINGS)?;
    txn.open_table(META)?.insert(SCHEMA_KEY, SCHEMA_VERSION)?;
    Ok(())
}

/// One migration step, from `from` to `from + 1`.
fn migrate(txn: &WriteTransaction, from: u64) -> Result<(), StoreError> {
    match from {
        // Version 1 (development builds) stored servers and vMCPs as bare JSON documents and had
        // no other tables. Version 2 wraps each record in the envelope.
        1 => {
            for table in [SERVERS, VMCPS] {
                let mut t = txn.open_table(table)?;
                let mut rewritten = Vec::new();
                for entry in t.iter()? {
                    let (k, v) = entry?;
                    let data: serde_json::Value =
                        serde_json::from_slice(v.value()).map_err(|e| StoreError::BadRecord {
                            what: format!("{} `{}`", table.name(), k.value()),
                            reason: e.to_string(),
                        })?;
                    rewritten.push((k.value().to_string(), encode(&data)?));
                }
                for (k, v) in rewritten {
                    t.insert(k.as_str(), v.as_slice())?;
                }
            }
            tracing::info!("migrated the store from schema 1 to 2");
            Ok(())
        }
        other => Err(StoreError::BadRecord {
            what: "store".into(),
            reason: format!("no migration from schema {other}"),
        }),
    }
}

/// Writes a version-1 file (servers and vMCPs as bare JSON), for the migration tests.
#[cfg(test)]
pub(super) fn write_v1_fixture(
    path: &std::path::Path,
    servers: &[(&str, serde_json::Value)],
    vmcps: &[(&str, serde_json::Value)],
) {
    let db = redb::Database::create(path).expect("create");
    let txn = db.begin_write().expect("write");
    {
        txn.open_table(META)
            .expect("meta")
            .insert(SCHEMA_KEY, 1)
            .expect("v");
        let mut s = txn.open_table(SERVERS).expect("servers");
        for (k, v) in servers {
            s.insert(*k, serde_json::to_vec(v).expect("json").as_slice())
                .expect("insert");
        }
        let mut m = txn.open_table(VMCPS).expect("vmcps");
        for (k, v) in vmcps {
            m.insert(*k, serde_json::to_vec(v).expect("json").as_slice())
                .expect("insert");
        }
    }
    txn.commit().expect("commit");
}
