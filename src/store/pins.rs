//! Trust pins per server: the tool definitions approved, with their hashes. Written by `vmcp
//! server approve`, and by the first session (or command) that lists a pinned server's tools
//! when it has none yet (trust on first use); read when a session or a command judges a
//! server's tools.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::schema::{TOOL_PINS, decode, encode};
use super::{Store, StoreError};

/// One approved tool definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct PinnedTool {
    /// `sha256:` and the hex digest of the canonical definition.
    pub hash: String,
    pub definition: Value,
}

/// What was approved for one server, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ServerPins {
    /// Unix seconds of the latest approval.
    pub approved: u64,
    pub tools: BTreeMap<String, PinnedTool>,
    /// Recorded automatically the first time the server's tools were listed (no `vmcp server
    /// approve` since). Absent in records older than trust on first use: those were approvals.
    #[serde(default)]
    pub automatic: bool,
}

impl Store {
    /// The pins of `server`, if it was ever approved. Never creates the store.
    pub(crate) fn pins(&self, server: &str) -> Result<Option<ServerPins>, StoreError> {
        let found = self.read(|txn| match txn.open_table(TOOL_PINS) {
            Ok(t) => match redb::ReadableTable::get(&t, server)? {
                Some(v) => decode(v.value(), &format!("trust pins of `{server}`")).map(Some),
                None => Ok(None),
            },
            Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
            Err(e) => Err(e.into()),
        })?;
        Ok(found.flatten())
    }

    /// Records `pins` for `server` unless it has pins already, in one write transaction, and
    /// returns the pins in force: `pins` if this call recorded them, else the ones found. Of
    /// several processes recording a first use at once, exactly one wins and all see its pins.
    pub(crate) fn put_pins_if_absent(
        &self,
        server: &str,
        pins: &ServerPins,
    ) -> Result<ServerPins, StoreError> {
        let bytes = encode(pins)?;
        let what = format!("trust pins of `{server}`");
        self.write(|txn| {
            let mut table = txn.open_table(TOOL_PINS)?;
            if let Some(found) = redb::ReadableTable::get(&table, server)? {
                return decode(found.value(), &what);
            }
            table.insert(server, bytes.as_slice())?;
            Ok(pins.clone())
        })
    }

    /// Replaces the pins of `server`.
    pub(crate) fn put_pins(&self, server: &str, pins: &ServerPins) -> Result<(), StoreError> {
        let bytes = encode(pins)?;
        self.write_definition(|txn| {
            txn.open_table(TOOL_PINS)?
                .insert(server, bytes.as_slice())?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pins(description: &str, automatic: bool) -> ServerPins {
        let definition = serde_json::json!({"name": "t", "description": description});
        ServerPins {
            approved: 1,
            tools: BTreeMap::from([(
                "t".to_string(),
                PinnedTool {
                    hash: description.to_string(),
                    definition,
                },
            )]),
            automatic,
        }
    }

    #[test]
    fn the_first_recording_wins_and_later_ones_get_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("vmcp.redb"));
        let first = pins("first", true);
        assert_eq!(store.put_pins_if_absent("s", &first).unwrap(), first);
        assert_eq!(
            store
                .put_pins_if_absent("s", &pins("second", true))
                .unwrap(),
            first
        );
        assert_eq!(store.pins("s").unwrap(), Some(first.clone()));
        // A store file another writer has only just created (still empty) holds nothing yet:
        // a first use reads no pins and records its own.
        let fresh = Store::new(dir.path().join("fresh.redb"));
        std::fs::write(fresh.path(), b"").unwrap();
        assert_eq!(fresh.pins("s").unwrap(), None);
        assert_eq!(fresh.put_pins_if_absent("s", &first).unwrap(), first);
        // A record written before `automatic` existed reads as an approval.
        let old: ServerPins = serde_json::from_str(r#"{"approved": 5, "tools": {}}"#).unwrap();
        assert!(!old.automatic);
    }
}
