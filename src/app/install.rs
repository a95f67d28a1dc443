//! `vmcp install NAME --client C` / `vmcp uninstall`: write (or remove) the client's entry that
//! runs `vmcp stdio --vmcp NAME`. The file is backed up first, the change is idempotent, other
//! entries are left as they were, and `--dry-run` shows the diff instead of writing.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::InvalidInput;
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

fn read_json(path: &Path) -> anyhow::Result<(String, Map<String, Value>)> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((String::new(), Map::new()));
        }
        Err(e) => return Err(InvalidInput(format!("cannot read {}: {e}", path.display())).into()),
    };
    if text.trim().is_empty() {
        return Ok((text, Map::new()));
    }
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(m)) => Ok((text, m)),
        Ok(_) => Err(InvalidInput(format!("{} is not a JSON object; not touching it", path.display())).into()),
        Err(e) => Err(InvalidInput(format!(
            "{} is not plain JSON ({e}); not touching it (comments are not supported: add the entry by hand)",
            path.display()
        ))
        .into()),
    }
}

fn entry(req: &Request<'_>, name: &str) -> Value {
    let mut e = Map::new();
    if req.client == Client::VsCode {
        e.insert("type".into(), json!("stdio"));
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
    change: impl FnOnce(&mut Map<String, Value>) -> anyhow::Result<()>,
) -> anyhow::Result<Outcome> {
    let path = client_path(req)?;
    let (before, mut root) = read_json(&path)?;
    let servers_key = req.client.servers_key();
    let mut servers = match root.remove(servers_key) {
        Some(Value::Object(m)) => m,
        None | Some(Value::Null) => Map::new(),
        Some(_) => {
            return Err(InvalidInput(format!(
                "`{servers_key}` in {} is not an object; not touching it",
                path.display()
            ))
            .into());
        }
    };
    change(&mut servers)?;
    root.insert(servers_key.to_string(), Value::Object(servers));
    let after = format!("{}\n", serde_json::to_string_pretty(&Value::Object(root))?);
    let changed = before.trim_end() != after.trim_end();
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
    apply(req, &key, |servers| {
        if let Some(existing) = servers.get(&key)
            && !runs_vmcp(existing)
            && !req.force
        {
            return Err(InvalidInput(format!(
                "`{key}` in the {} configuration runs something else; choose another key (--as) or replace it (--force)",
                req.client.name()
            ))
            .into());
        }
        servers.insert(key.clone(), wanted);
        Ok(())
    })
}

pub(crate) fn uninstall(name: &str, req: &Request<'_>) -> anyhow::Result<Outcome> {
    let key = req.key.clone().unwrap_or_else(|| name.to_string());
    apply(req, &key, |servers| {
        match servers.get(&key) {
            None => {}
            Some(e) if runs_vmcp(e) || req.force => {
                servers.remove(&key);
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
