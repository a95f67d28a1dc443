//! `vmcp install NAME --client C` / `vmcp uninstall`: write (or remove) the client's entry that
//! runs `vmcp stdio --vmcp NAME`. The file is backed up first, the change is idempotent, the
//! rest of the file (other entries, comments, formatting) is left as it was, and `--dry-run` shows the diff instead of writing.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::InvalidInput;
use super::clients::document::Document;
use super::clients::{Client, runs_vmcp};
use super::context::Context;
use super::definition::source;
use crate::support::env_vars;

/// What an install or uninstall did (or would do).
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub path: PathBuf,
    pub key: String,
    /// False when the file already had exactly this (nothing written).
    pub changed: bool,
    /// A unified diff of the change (empty when unchanged).
    pub diff: String,
    /// Where the previous file was copied (not on dry runs or new files).
    pub backup: Option<PathBuf>,
}

pub(crate) struct Request<'a> {
    pub client: Client,
    /// The client's file (default: its usual location).
    pub file: Option<PathBuf>,
    /// The entry's key in the client (default: the vMCP name).
    pub key: Option<String>,
    /// Replace (or remove) an entry under that key that does not run vmcp.
    pub force: bool,
    pub dry_run: bool,
    /// The absolute path of the vmcp binary (GUI clients have a thin PATH).
    pub vmcp_binary: &'a Path,
    /// `VMCP_HOME` to pass on, so the client's vmcp finds the same files.
    pub vmcp_home: Option<&'a Path>,
}

fn client_path(req: &Request<'_>) -> anyhow::Result<PathBuf> {
    match &req.file {
        Some(p) => Ok(p.clone()),
        None => req.client.config_path().ok_or_else(|| {
            InvalidInput(format!(
                "cannot tell where {} keeps its configuration here; pass --file",
                req.client.name()
            ))
            .into()
        }),
    }
}

fn entry(req: &Request<'_>, name: &str) -> Value {
    let mut e = Map::new();
    match req.client {
        Client::VsCode => {
            e.insert("type".into(), json!("stdio"));
        }
        // Zed before its untagged settings needed the source; later ones ignore it.
        Client::Zed => {
            e.insert("source".into(), json!("custom"));
        }
        _ => {}
    }
    e.insert(
        "command".into(),
        json!(req.vmcp_binary.display().to_string()),
    );
    e.insert("args".into(), json!(["stdio", "--vmcp", name]));
    if let Some(home) = req.vmcp_home {
        e.insert(
            "env".into(),
            json!({ env_vars::VMCP_HOME: home.display().to_string() }),
        );
    }
    Value::Object(e)
}

fn diff(path: &Path, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&path.display().to_string(), &path.display().to_string())
        .to_string()
}

/// Writes `text` to `path` after backing the old file up; atomic (temporary file + rename).
fn write_with_backup(path: &Path, old: &str, text: &str) -> anyhow::Result<Option<PathBuf>> {
    let backup = if path.exists() {
        let stamp = crate::support::clock::unix_seconds();
        let b = path.with_file_name(format!(
            "{}.vmcp-backup-{stamp}",
            path.file_name()
                .map_or_else(|| "config".into(), |f| f.to_string_lossy().into_owned())
        ));
        std::fs::write(&b, old)?;
        Some(b)
    } else {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        None
    };
    let tmp = path.with_extension("vmcp-tmp");
    std::fs::write(&tmp, text)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path)?;
    Ok(backup)
}

fn apply(
    req: &Request<'_>,
    key: &str,
    change: impl FnOnce(&mut Document, &Map<String, Value>) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    let path = client_path(req)?;
    let refuse = |e: InvalidInput| {
        InvalidInput(format!(
            "{}; not touching it (fix the file, then run this again)",
            e.0
        ))
    };
    let mut doc = Document::read(req.client, &path).map_err(refuse)?;
    let servers = doc.servers().map_err(refuse)?;
    change(&mut doc, &servers)?;
    let before = doc.text.clone();
    let after = doc.render();
    let changed = before != after;
    let diff = if changed {
        diff(&path, &before, &after)
    } else {
        String::new()
    };
    let backup = if changed && !req.dry_run {
        write_with_backup(&path, &before, &after)?
    } else {
        None
    };
    Ok(Outcome {
        path,
        key: key.to_string(),
        changed,
        diff,
        backup,
    })
}

pub(crate) fn install(ctx: &Context, name: &str, req: &Request<'_>) -> anyhow::Result<Outcome> {
    // Refuse to install a vMCP that no source defines: the client would fail to start it.
    source::find(name, None, &ctx.paths, &ctx.store)?;
    let key = req.key.clone().unwrap_or_else(|| name.to_string());
    let wanted = entry(req, name);
    apply(req, &key, |doc, servers| {
        let existing = servers.get(&key);
        if existing == Some(&wanted) {
            // Already there, however the file spells it: leave its bytes alone.
            return Ok(());
        }
        if let Some(existing) = existing
            && !runs_vmcp(existing)
            && !req.force
        {
            return Err(InvalidInput(format!(
                "`{key}` in the {} configuration runs something else; choose another key (--as) or replace it (--force)",
                req.client.name()
            ))
            .into());
        }
        doc.set(&key, &wanted)?;
        Ok(())
    })
}

pub(crate) fn uninstall(name: &str, req: &Request<'_>) -> anyhow::Result<Outcome> {
    let key = req.key.clone().unwrap_or_else(|| name.to_string());
    apply(req, &key, |doc, servers| {
        match servers.get(&key) {
            None => {}
            Some(e) if runs_vmcp(e) || req.force => {
                doc.remove(&key)?;
            }
            Some(_) => {
                return Err(InvalidInput(format!(
                    "`{key}` in the {} configuration does not run vmcp; not removing it (--force to remove it anyway)",
                    req.client.name()
                ))
                .into());
            }
        }
        Ok(())
    })
}
