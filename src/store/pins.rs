//! Trust pins per server: the tool definitions the user approved, with their hashes. Written
//! only by `vmcp server approve`; read when a session or a command judges a server's tools.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::schema::{TOOL_PINS, decode, encode};
use super::{Store, StoreError};

/// One approved tool definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PinnedTool {
    /// `sha256:` and the hex digest of the canonical definition.
    pub hash: String,
    pub definition: Value,
}

/// What was approved for one server, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerPins {
    /// Unix seconds of the latest approval.
    pub approved: u64,
    pub tools: BTreeMap<String, PinnedTool>,
}

impl Store {
    /// The pins of `server`, if it was ever approved. Never creates the store.
    pub fn pins(&self, server: &str) -> Result<Option<ServerPins>, StoreError> {
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

    /// Replaces the pins of `server`.
    pub fn put_pins(&self, server: &str, pins: &ServerPins) -> Result<(), StoreError> {
        let bytes = encode(pins)?;
        self.write(|txn| {
            txn.open_table(TOOL_PINS)?
                .insert(server, bytes.as_slice())?;
            Ok(())
        })
    }
}
