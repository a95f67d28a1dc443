//! The call log: one small record per tool call, prompt fetch or resource read (no arguments,
//! no results), appended in batches, pruned by age and count; and the store's settings.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};

use redb::{ReadableTable, ReadableTableMetadata};
use serde::{Deserialize, Serialize};

use super::schema::{CALLS, SETTINGS};
use super::{Store, StoreError};
use crate::support::clock::unix_micros;

/// One completed call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CallRecord {
    /// When the call started, in microseconds since the Unix epoch.
    pub at_us: u64,
    pub vmcp: String,
    pub server: String,
    /// `tool`, `prompt` or `resource`.
    pub kind: String,
    /// The upstream's own name (tool/prompt) or the URI (resource).
    pub name: String,
    /// The name the client used.
    pub exposed: String,
    pub duration_us: u64,
    /// False for JSON-RPC errors, tool results flagged `isError`, timeouts and unreachable servers.
    pub ok: bool,
    pub response_bytes: u64,
    /// Who called (`vmcp serve`: the name of the caller's token); absent for stdio and in
    /// records older than `vmcp serve`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
}

/// Which calls to read.
#[derive(Debug, Clone, Default)]
pub(crate) struct CallQuery {
    /// Only calls that started at or after this time (microseconds since the epoch).
    pub since_us: Option<u64>,
    /// Only calls after this log key (for following the log).
    pub after: Option<u128>,
    pub vmcp: Option<String>,
    /// The most recent N (after the other filters).
    pub last: Option<usize>,
}

static SEQ: AtomicU32 = AtomicU32::new(0);

/// Keys sort by time; the process id and a counter keep concurrent writers apart.
fn key(at_us: u64) -> u128 {
    (u128::from(at_us) << 64)
        | (u128::from(std::process::id()) << 32)
        | u128::from(SEQ.fetch_add(1, Ordering::Relaxed))
}

/// Settings and their defaults (documented in README).
pub(crate) const SETTING_RETENTION_DAYS: &str = "call-log.retention-days";
pub(crate) const SETTING_MAX_ENTRIES: &str = "call-log.max-entries";
pub(crate) const SETTING_ENABLED: &str = "call-log.enabled";
/// Trust mode of servers that do not set `trust`: `pinned` (default), `review` or `always`.
pub(crate) const SETTING_TRUST_DEFAULT: &str = "trust.default";
/// What happens to new or changed tools of a pinned server: `withhold` (default) or `warn`
/// (exposed with a warning at the start of their description).
pub(crate) const SETTING_TRUST_ON_CHANGE: &str = "trust.on-change";
pub(crate) const DEFAULT_RETENTION_DAYS: u64 = 30;
pub(crate) const DEFAULT_MAX_ENTRIES: u64 = 100_000;

impl Store {
    /// Appends a batch and prunes what retention no longer allows, in one transaction.
    pub(crate) fn append_calls(&self, calls: &[CallRecord]) -> Result<(), StoreError> {
        if calls.is_empty() {
            return Ok(());
        }
        let encoded: Vec<(u128, Vec<u8>)> = calls
            .iter()
            .map(|c| {
                serde_json::to_vec(c)
                    .map(|b| (key(c.at_us), b))
                    .map_err(|e| StoreError::Encode(e.to_string()))
            })
            .collect::<Result<_, _>>()?;
        self.write(|txn| {
            let settings = txn.open_table(SETTINGS)?;
            let number = |k: &str, d: u64| -> Result<u64, StoreError> {
                Ok(settings
                    .get(k)?
                    .and_then(|v| v.value().parse().ok())
                    .unwrap_or(d))
            };
            let days = number(SETTING_RETENTION_DAYS, DEFAULT_RETENTION_DAYS)?;
            let max = number(SETTING_MAX_ENTRIES, DEFAULT_MAX_ENTRIES)?;
            drop(settings);
            let mut t = txn.open_table(CALLS)?;
            for (k, v) in &encoded {
                t.insert(*k, v.as_slice())?;
            }
            let cutoff_us = unix_micros().saturating_sub(days.saturating_mul(86_400_000_000));
            t.retain_in(..(u128::from(cutoff_us) << 64), |_, _| false)?;
            let excess = t.len()?.saturating_sub(max);
            for _ in 0..excess {
                t.pop_first()?;
            }
            Ok(())
        })
    }

    /// Reads calls in time order, with their log keys.
    pub(crate) fn calls(&self, q: &CallQuery) -> Result<Vec<(u128, CallRecord)>, StoreError> {
        let found = self.read(|txn| {
            let t = match txn.open_table(CALLS) {
                Ok(t) => t,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
                Err(e) => return Err(e.into()),
            };
            let start = match (q.after, q.since_us) {
                (Some(after), _) => after.saturating_add(1),
                (None, Some(since)) => u128::from(since) << 64,
                (None, None) => 0,
            };
            let mut out = Vec::new();
            // Newest first, so `last` stops early on a long log.
            for entry in t.range(start..)?.rev() {
                let (k, v) = entry?;
                let rec: CallRecord =
                    serde_json::from_slice(v.value()).map_err(|e| StoreError::BadRecord {
                        what: "call log entry".into(),
                        reason: e.to_string(),
                    })?;
                if q.vmcp.as_ref().is_some_and(|n| *n != rec.vmcp) {
                    continue;
                }
                out.push((k.value(), rec));
                if q.last.is_some_and(|n| out.len() >= n) {
                    break;
                }
            }
            out.reverse();
            Ok(out)
        })?;
        Ok(found.unwrap_or_default())
    }

    pub(crate) fn settings(&self) -> Result<BTreeMap<String, String>, StoreError> {
        let found = self.read(|txn| match txn.open_table(SETTINGS) {
            Ok(t) => {
                let mut out = BTreeMap::new();
                for entry in t.iter()? {
                    let (k, v) = entry?;
                    out.insert(k.value().to_string(), v.value().to_string());
                }
                Ok(out)
            }
            Err(redb::TableError::TableDoesNotExist(_)) => Ok(BTreeMap::new()),
            Err(e) => Err(e.into()),
        })?;
        Ok(found.unwrap_or_default())
    }

    /// Sets (or with `None`, clears) a setting.
    pub fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        self.write(|txn| {
            let mut t = txn.open_table(SETTINGS)?;
            match value {
                Some(v) => {
                    t.insert(key, v)?;
                }
                None => {
                    t.remove(key)?;
                }
            }
            Ok(())
        })
    }
}
