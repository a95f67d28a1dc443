//! `vmcp install NAME --client C` / `vmcp uninstall`: write (or remove) the client's entry that
//! runs `vmcp stdio --vmcp NAME`, or with `--http` the one that connects to `vmcp serve`'s URL
//! for it, in the client's own vocabulary. The file is backed up first, the change is
//! idempotent, the rest of the file (other entries, comments, formatting) is left as it was, and
//! `--dry-run` shows the diff instead of writing.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::InvalidInput;
use super::clients::document::Document;
use super::clients::{Client, runs_vmcp, serves_vmcp};
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
    /// `--http`: the entry connects to `vmcp serve` instead of starting vmcp.
    pub http: Option<Http>,
}

/// Where `vmcp serve` serves the vMCP, and how the client authenticates.
pub(crate) struct Http {
    pub url: String,
    /// The URL was given (`--url`): a server elsewhere, serving its own definitions.
    pub elsewhere: bool,
    /// The environment variable holding the bearer token, referenced (never copied) in the entry.
    pub token_env: Option<String>,
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

/// The client's entry for a streamable HTTP server at `url`, the bearer token read from
/// `token_env` by the client itself (each spells the reference its own way).
fn http_entry(client: Client, url: &str, token_env: Option<&str>) -> Result<Value, InvalidInput> {
    let parsed = url::Url::parse(url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    if parsed.is_none() {
        return Err(InvalidInput(format!("--url `{url}` is not an http(s) URL")));
    }
    if let Some(var) = token_env
        && (var.is_empty()
            || var.starts_with(|c: char| c.is_ascii_digit())
            || !var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        return Err(InvalidInput(format!(
            "--token-env `{var}` is not an environment variable name (letters, digits, `_`)"
        )));
    }
    let bearer = |reference: String| {
        token_env.map_or_else(
            || json!({}),
            |_| json!({ "Authorization": format!("Bearer {reference}") }),
        )
    };
    let var = token_env.unwrap_or_default();
    let mut e = Map::new();
    let headers = match client {
        Client::ClaudeDesktop => {
            return Err(InvalidInput(format!(
                "Claude Desktop's configuration file only starts commands; add {url} under \
                 Settings → Connectors instead, or install without --http (stdio)"
            )));
        }
        Client::Zed if token_env.is_some() => {
            return Err(InvalidInput(
                "Zed cannot read a token from the environment in its settings; install without \
                 --token-env (for a server with --no-auth or OAuth) or without --http (stdio)"
                    .into(),
            ));
        }
        Client::Codex => {
            e.insert("url".into(), json!(url));
            if token_env.is_some() {
                e.insert("bearer_token_env_var".into(), json!(var));
            }
            return Ok(Value::Object(e));
        }
        Client::ClaudeCode => {
            e.insert("type".into(), json!("http"));
            e.insert("url".into(), json!(url));
            bearer(format!("${{{var}}}"))
        }
        Client::VsCode => {
            e.insert("type".into(), json!("http"));
            e.insert("url".into(), json!(url));
            bearer(format!("${{env:{var}}}"))
        }
        Client::Cursor | Client::Zed => {
            e.insert("url".into(), json!(url));
            bearer(format!("${{env:{var}}}"))
        }
        Client::Windsurf => {
            e.insert("serverUrl".into(), json!(url));
            bearer(format!("${{env:{var}}}"))
        }
        Client::Gemini => {
            e.insert("httpUrl".into(), json!(url));
            bearer(format!("${{{var}}}"))
        }
    };
    if headers.as_object().is_some_and(|h| !h.is_empty()) {
        e.insert("headers".into(), headers);
    }
    Ok(Value::Object(e))
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
    // Refuse to install a vMCP that no source defines: the client would fail to start it. (A
    // server elsewhere, `--url`, serves its own definitions.)
    if req.http.as_ref().is_none_or(|h| !h.elsewhere) {
        source::find(name, None, &ctx.paths, &ctx.store)?;
    }
    let key = req.key.clone().unwrap_or_else(|| name.to_string());
    let wanted = match &req.http {
        None => entry(req, name),
        Some(h) => http_entry(req.client, &h.url, h.token_env.as_deref())?,
    };
    apply(req, &key, |doc, servers| {
        let existing = servers.get(&key);
        if existing == Some(&wanted) {
            // Already there, however the file spells it: leave its bytes alone.
            return Ok(());
        }
        if let Some(existing) = existing
            && !runs_vmcp(existing)
            && !serves_vmcp(existing, name)
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
            Some(e) if runs_vmcp(e) || serves_vmcp(e, name) || req.force => {
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
