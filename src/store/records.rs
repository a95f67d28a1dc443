//! Servers and vMCP definitions in the store: the same model as the YAML file, so export and
//! import round-trip. Every change is one transaction: either all of it lands or none.

use std::collections::BTreeMap;

use redb::{ReadTransaction, ReadableTable, Table, WriteTransaction};

use super::schema::{CREDENTIALS, SERVERS, VMCPS, decode, encode};
use super::{Store, StoreError};
use crate::config::{ConfigFile, ServerConfig, VmcpConfig};

/// A vMCP and the servers it uses, as stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredDefinition {
    pub vmcp: VmcpConfig,
    pub servers: BTreeMap<String, ServerConfig>,
}

/// What to do when an imported item already exists with different content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnConflict {
    Fail,
    Replace,
    Skip,
}

/// What an import did, by kind: names added, replaced, unchanged, skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ImportReport {
    pub added: Vec<String>,
    pub replaced: Vec<String>,
    pub unchanged: Vec<String>,
    pub skipped: Vec<String>,
}

pub(super) fn get<T: serde::de::DeserializeOwned>(
    table: &impl ReadableTable<&'static str, &'static [u8]>,
    name: &str,
    kind: &str,
) -> Result<Option<T>, StoreError> {
    match table.get(name)? {
        Some(v) => decode(v.value(), &format!("{kind} `{name}`")).map(Some),
        None => Ok(None),
    }
}

/// Stores a record; an existing one is replaced only with `replace`. Returns whether it existed.
pub(super) fn insert(
    table: &mut Table<&'static str, &'static [u8]>,
    kind: &'static str,
    name: &str,
    bytes: &[u8],
    replace: bool,
) -> Result<bool, StoreError> {
    let existed = table.get(name)?.is_some();
    if existed && !replace {
        return Err(StoreError::exists(kind, name));
    }
    table.insert(name, bytes)?;
    Ok(existed)
}

fn all<T: serde::de::DeserializeOwned>(
    table: &impl ReadableTable<&'static str, &'static [u8]>,
    kind: &str,
) -> Result<BTreeMap<String, T>, StoreError> {
    let mut out = BTreeMap::new();
    for entry in table.iter()? {
        let (k, v) = entry?;
        let name = k.value().to_string();
        let item = decode(v.value(), &format!("{kind} `{name}`"))?;
        out.insert(name, item);
    }
    Ok(out)
}

pub(super) fn read_table<T: serde::de::DeserializeOwned>(
    txn: &ReadTransaction,
    table: redb::TableDefinition<&'static str, &'static [u8]>,
    kind: &str,
) -> Result<BTreeMap<String, T>, StoreError> {
    match txn.open_table(table) {
        Ok(t) => all(&t, kind),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(BTreeMap::new()),
        Err(e) => Err(e.into()),
    }
}

fn read_one<T: serde::de::DeserializeOwned>(
    txn: &ReadTransaction,
    table: redb::TableDefinition<&'static str, &'static [u8]>,
    name: &str,
    kind: &str,
) -> Result<Option<T>, StoreError> {
    match txn.open_table(table) {
        Ok(t) => get(&t, name, kind),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// vMCPs (in `txn`) whose selections mention `server`.
fn users_in(txn: &WriteTransaction, server: &str) -> Result<Vec<String>, StoreError> {
    let vmcps: BTreeMap<String, VmcpConfig> = all(&txn.open_table(VMCPS)?, "vMCP")?;
    Ok(vmcps
        .into_iter()
        .filter(|(_, v)| v.servers.0.contains_key(server))
        .map(|(n, _)| n)
        .collect())
}

/// Fails unless every server the vMCP selects is stored.
fn check_servers_exist(txn: &WriteTransaction, vmcp: &VmcpConfig) -> Result<(), StoreError> {
    let servers = txn.open_table(SERVERS)?;
    for name in vmcp.servers.0.keys() {
        if servers.get(name.as_str())?.is_none() {
            return Err(StoreError::not_found("server", name.clone()));
        }
    }
    Ok(())
}

impl Store {
    pub(crate) fn server(&self, name: &str) -> Result<Option<ServerConfig>, StoreError> {
        Ok(self
            .read(|t| read_one(t, SERVERS, name, "server"))?
            .flatten())
    }

    pub fn servers(&self) -> Result<BTreeMap<String, ServerConfig>, StoreError> {
        Ok(self
            .read(|t| read_table(t, SERVERS, "server"))?
            .unwrap_or_default())
    }

    pub(crate) fn vmcp(&self, name: &str) -> Result<Option<VmcpConfig>, StoreError> {
        Ok(self.read(|t| read_one(t, VMCPS, name, "vMCP"))?.flatten())
    }

    pub(crate) fn vmcps(&self) -> Result<BTreeMap<String, VmcpConfig>, StoreError> {
        Ok(self
            .read(|t| read_table(t, VMCPS, "vMCP"))?
            .unwrap_or_default())
    }

    /// A vMCP with the servers it uses, and nothing else (cheap with thousands of servers).
    pub(crate) fn definition(&self, name: &str) -> Result<Option<StoredDefinition>, StoreError> {
        let found = self.read(|t| {
            let Some(vmcp) = read_one::<VmcpConfig>(t, VMCPS, name, "vMCP")? else {
                return Ok(None);
            };
            let mut servers = BTreeMap::new();
            for server in vmcp.servers.0.keys() {
                if let Some(s) = read_one(t, SERVERS, server, "server")? {
                    servers.insert(server.clone(), s);
                }
            }
            Ok(Some(StoredDefinition { vmcp, servers }))
        })?;
        Ok(found.flatten())
    }

    /// Adds a server; with `replace`, overwrites an existing one. Returns whether it existed.
    pub fn put_server(
        &self,
        name: &str,
        server: &ServerConfig,
        replace: bool,
    ) -> Result<bool, StoreError> {
        let bytes = encode(server)?;
        self.write_definition(|txn| {
            let mut t = txn.open_table(SERVERS)?;
            insert(&mut t, "server", name, &bytes, replace)
        })
    }

    /// Removes a server. While vMCPs use it this fails, unless `force`, which also drops it
    /// from them. Returns the vMCPs it was dropped from.
    pub(crate) fn remove_server(&self, name: &str, force: bool) -> Result<Vec<String>, StoreError> {
        self.write_definition(|txn| {
            if txn.open_table(SERVERS)?.remove(name)?.is_none() {
                return Err(StoreError::not_found("server", name));
            }
            let users = users_in(txn, name)?;
            if !users.is_empty() && !force {
                return Err(StoreError::InUse {
                    server: name.to_string(),
                    users,
                });
            }
            let mut vmcps = txn.open_table(VMCPS)?;
            for user in &users {
                let Some(mut v) = get::<VmcpConfig>(&vmcps, user, "vMCP")? else {
                    continue;
                };
                v.servers.0.remove(name);
                vmcps.insert(user.as_str(), encode(&v)?.as_slice())?;
            }
            // Its OAuth credentials go with it (`vmcp logout` first to revoke them).
            txn.open_table(CREDENTIALS)?.remove(name)?;
            Ok(users)
        })
    }

    /// Renames a server and every vMCP's reference to it. Returns the vMCPs updated.
    pub(crate) fn rename_server(&self, old: &str, new: &str) -> Result<Vec<String>, StoreError> {
        self.write_definition(|txn| {
            let mut servers = txn.open_table(SERVERS)?;
            if servers.get(new)?.is_some() {
                return Err(StoreError::exists("server", new));
            }
            let bytes = servers
                .remove(old)?
                .map(|v| v.value().to_vec())
                .ok_or_else(|| StoreError::not_found("server", old))?;
            servers.insert(new, bytes.as_slice())?;
            drop(servers);
            let users = users_in(txn, old)?;
            let mut vmcps = txn.open_table(VMCPS)?;
            for user in &users {
                let Some(mut v) = get::<VmcpConfig>(&vmcps, user, "vMCP")? else {
                    continue;
                };
                if let Some(sel) = v.servers.0.remove(old) {
                    v.servers.0.insert(new.to_string(), sel);
                }
                vmcps.insert(user.as_str(), encode(&v)?.as_slice())?;
            }
            drop(vmcps);
            // Its OAuth credentials follow it.
            let mut creds = txn.open_table(CREDENTIALS)?;
            let moved = creds.remove(old)?.map(|v| v.value().to_vec());
            if let Some(bytes) = moved {
                creds.insert(new, bytes.as_slice())?;
            }
            Ok(users)
        })
    }

    /// Adds a vMCP (its servers must be stored); with `replace`, overwrites.
    pub fn put_vmcp(
        &self,
        name: &str,
        vmcp: &VmcpConfig,
        replace: bool,
    ) -> Result<bool, StoreError> {
        let bytes = encode(vmcp)?;
        self.write_definition(|txn| {
            check_servers_exist(txn, vmcp)?;
            let mut t = txn.open_table(VMCPS)?;
            insert(&mut t, "vMCP", name, &bytes, replace)
        })
    }

    /// Changes a stored vMCP in one transaction (its servers must still exist afterwards).
    pub(crate) fn update_vmcp(
        &self,
        name: &str,
        change: impl FnOnce(&mut VmcpConfig) -> Result<(), StoreError>,
    ) -> Result<VmcpConfig, StoreError> {
        self.write_definition(|txn| {
            let mut t = txn.open_table(VMCPS)?;
            let mut vmcp: VmcpConfig =
                get(&t, name, "vMCP")?.ok_or_else(|| StoreError::not_found("vMCP", name))?;
            change(&mut vmcp)?;
            check_servers_exist(txn, &vmcp)?;
            t.insert(name, encode(&vmcp)?.as_slice())?;
            Ok(vmcp)
        })
    }

    pub(crate) fn remove_vmcp(&self, name: &str) -> Result<(), StoreError> {
        self.write_definition(|txn| {
            if txn.open_table(VMCPS)?.remove(name)?.is_none() {
                return Err(StoreError::not_found("vMCP", name));
            }
            Ok(())
        })
    }

    /// Imports a whole definition file in one transaction. Returns (servers, vMCPs) reports.
    pub(crate) fn import(
        &self,
        file: &ConfigFile,
        on_conflict: OnConflict,
    ) -> Result<(ImportReport, ImportReport), StoreError> {
        self.write_definition(|txn| {
            let servers = import_table(txn, SERVERS, "server", &file.servers, on_conflict)?;
            let vmcps = import_table(txn, VMCPS, "vMCP", &file.vmcps, on_conflict)?;
            for (name, v) in &file.vmcps {
                if vmcps.skipped.contains(name) {
                    continue;
                }
                check_servers_exist(txn, v)?;
            }
            Ok((servers, vmcps))
        })
    }
}

fn import_table<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq>(
    txn: &WriteTransaction,
    table: redb::TableDefinition<&'static str, &'static [u8]>,
    kind: &'static str,
    items: &BTreeMap<String, T>,
    on_conflict: OnConflict,
) -> Result<ImportReport, StoreError> {
    let mut t = txn.open_table(table)?;
    let mut report = ImportReport::default();
    for (name, item) in items {
        let existing: Option<T> = get(&t, name, kind)?;
        match existing {
            Some(old) if old == *item => report.unchanged.push(name.clone()),
            Some(_) => match on_conflict {
                OnConflict::Fail => {
                    return Err(StoreError::exists(kind, name));
                }
                OnConflict::Skip => report.skipped.push(name.clone()),
                OnConflict::Replace => {
                    t.insert(name.as_str(), encode(item)?.as_slice())?;
                    report.replaced.push(name.clone());
                }
            },
            None => {
                t.insert(name.as_str(), encode(item)?.as_slice())?;
                report.added.push(name.clone());
            }
        }
    }
    Ok(report)
}
