//! `vmcp import`: a definition file (such as one `vmcp vmcp export` wrote), another client's MCP
//! configuration, or a 1xn export, into the store, all or nothing.

pub(crate) mod convert;
mod onexn_custom;

use std::path::{Path, PathBuf};

use self::convert::{Converted, from_1xn, from_client};
use super::InvalidInput;
use super::clients::Client;
use super::context::Context;
use super::definition::paths::{absolute_dir, absolute_program};
use super::definition::resolve;
use crate::config::{Selection, Selections, VmcpConfig};
use crate::store::records::{ImportReport, OnConflict};

/// What an import did, per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Imported {
    pub servers: Report,
    pub vmcps: Report,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Report {
    pub added: Vec<String>,
    pub replaced: Vec<String>,
    pub unchanged: Vec<String>,
    pub skipped: Vec<String>,
}

impl From<ImportReport> for Report {
    fn from(r: ImportReport) -> Self {
        Report {
            added: r.added,
            replaced: r.replaced,
            unchanged: r.unchanged,
            skipped: r.skipped,
        }
    }
}

/// Imports a validated definition file whose templates compile. Relative commands and
/// directories are made absolute (relative to the file): the store has no directory of its own.
pub(crate) fn file(
    ctx: &Context,
    path: &Path,
    on_conflict: OnConflict,
) -> anyhow::Result<Imported> {
    let doc = resolve::load(path)?;
    let base = path.parent().unwrap_or(Path::new(""));
    let base = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    let issues: Vec<_> = doc
        .file
        .vmcps
        .iter()
        .flat_map(|(name, v)| crate::custom::template_issues(name, v, &base))
        .collect();
    if !issues.is_empty() {
        return Err(doc.invalid(&issues).into());
    }
    let mut file = doc.file;
    for server in file.servers.values_mut() {
        if let Some(c) = &mut server.command {
            *c = absolute_program(&base, c);
        }
        if let Some(d) = &mut server.cwd {
            *d = absolute_dir(&base, d);
        }
    }
    let (servers, vmcps) = ctx.store.import(&file, on_conflict)?;
    Ok(Imported {
        servers: servers.into(),
        vmcps: vmcps.into(),
    })
}

/// What `vmcp import --from …` read and did.
pub(crate) struct ImportedFrom {
    /// Where the configuration was read from.
    pub path: PathBuf,
    pub converted: Converted,
    /// `None` on a dry run.
    pub imported: Option<Imported>,
}

/// Imports another tool's configuration: a client's MCP servers (optionally gathered into one
/// new vMCP), or a 1xn vMCP export.
pub(crate) fn from(
    ctx: &Context,
    origin: Origin,
    file: Option<&Path>,
    vmcp: Option<String>,
    on_conflict: OnConflict,
    dry_run: bool,
) -> anyhow::Result<ImportedFrom> {
    let path = match (file, origin) {
        (Some(p), _) => p.to_path_buf(),
        (None, Origin::Client(c)) => c.config_path().ok_or_else(|| {
            InvalidInput(format!(
                "cannot tell where {} keeps its configuration here; pass --file",
                c.name()
            ))
        })?,
        (None, Origin::OneXn) => {
            return Err(InvalidInput(
                "give the 1xn export file: `vmcp import --from 1xn FILE`".into(),
            )
            .into());
        }
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| InvalidInput(format!("cannot read {}: {e}", path.display())))?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| InvalidInput(format!("{} is not valid JSON: {e}", path.display())))?;
    let mut converted = match origin {
        Origin::Client(c) => from_client(c, &json),
        Origin::OneXn => from_1xn(&json),
    };
    if let Some(name) = vmcp {
        crate::config::names::check_name("vMCP", &name).map_err(InvalidInput)?;
        let gathered = match origin {
            Origin::OneXn => converted.file.vmcps.pop_first().map(|(_, v)| v),
            Origin::Client(_) => Some(VmcpConfig {
                servers: Selections(
                    converted
                        .file
                        .servers
                        .keys()
                        .map(|s| (s.clone(), Selection::default()))
                        .collect(),
                ),
                ..VmcpConfig::default()
            }),
        };
        converted.file.vmcps.clear();
        if let Some(v) = gathered {
            converted.file.vmcps.insert(name, v);
        }
    }
    let issues = crate::config::validate::validate_file(&converted.file);
    if !issues.is_empty() {
        return Err(super::located(&path, &issues).into());
    }
    let imported = if dry_run {
        None
    } else {
        let (servers, vmcps) = ctx.store.import(&converted.file, on_conflict)?;
        Some(Imported {
            servers: servers.into(),
            vmcps: vmcps.into(),
        })
    };
    Ok(ImportedFrom {
        path,
        converted,
        imported,
    })
}

/// What `--from` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Client(Client),
    OneXn,
}
