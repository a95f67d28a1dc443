//! `vmcp import FILE`: a definition file (such as one `vmcp vmcp export` wrote) into the store,
//! all or nothing.

use std::path::Path;

use super::context::Context;
use super::resolve;
use crate::store::records::{ImportReport, OnConflict};

/// What an import did, per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    pub servers: Report,
    pub vmcps: Report,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
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

/// Imports a validated definition file. Relative commands and directories are made absolute
/// (relative to the file): the store has no directory of its own.
pub fn file(ctx: &Context, path: &Path, on_conflict: OnConflict) -> anyhow::Result<Imported> {
    let doc = resolve::load(path)?;
    let base = path.parent().unwrap_or(Path::new(""));
    let base = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    let mut file = doc.file;
    for server in file.servers.values_mut() {
        if let Some(c) = &mut server.command
            && c.contains('/')
            && Path::new(c.as_str()).is_relative()
        {
            *c = super::servers::join_clean(&base, c);
        }
        if let Some(d) = &mut server.cwd
            && Path::new(d.as_str()).is_relative()
        {
            *d = super::servers::join_clean(&base, d);
        }
    }
    let (servers, vmcps) = ctx.store.import(&file, on_conflict)?;
    Ok(Imported {
        servers: servers.into(),
        vmcps: vmcps.into(),
    })
}
