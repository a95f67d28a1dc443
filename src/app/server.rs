//! `vmcp server …`: upstream servers in the store (and, read-only, in the default file).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::context::Context;
use super::definition::edit::{Editor, edit_yaml};
use super::definition::paths::{absolute_dir, absolute_program};
use super::definition::redact;
use super::definition::source::{self, ServerDefinition, Source};
use super::{InvalidInput, located};
use crate::config::duration::ConfigDuration;
use crate::config::names::check_name;
use crate::config::validate::validate_server;
use crate::config::{ConfigFile, Scalar, ServerConfig, TransportType, TrustMode};
use crate::store::StoreError;

/// Everything `vmcp server add` can set.
#[derive(Debug, Default)]
pub(crate) struct AddServer {
    pub name: String,
    pub command: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cwd: Option<PathBuf>,
    pub url: Option<String>,
    pub headers: Vec<(String, String)>,
    pub transport: Option<TransportType>,
    pub description: Option<String>,
    pub startup_timeout: Option<ConfigDuration>,
    pub call_timeout: Option<ConfigDuration>,
    pub trust: Option<TrustMode>,
    pub replace: bool,
}

/// One server as shown by `list` and `show` (also the `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ServerView {
    pub name: String,
    /// `stdio` or `http`.
    pub transport: &'static str,
    /// `store` or `default-file`.
    pub source: &'static str,
    pub config: ServerConfig,
    /// vMCPs (of the same source) that use it.
    pub used_by: Vec<String>,
}

fn transport_of(s: &ServerConfig) -> &'static str {
    if s.url.is_some() { "http" } else { "stdio" }
}

pub(crate) fn add(
    ctx: &Context,
    req: AddServer,
    cwd: &Path,
) -> anyhow::Result<(bool, ServerConfig)> {
    check_name("server", &req.name).map_err(InvalidInput)?;
    if req.command.is_empty() && req.url.is_none() {
        return Err(InvalidInput(format!(
            "say how to start `{}`: `vmcp server add {} -- COMMAND [ARGS…]` or `--url URL`",
            req.name, req.name
        ))
        .into());
    }
    let mut command = req.command.into_iter();
    let server = ServerConfig {
        transport: req.transport,
        command: command.next().map(|c| absolute_program(cwd, &c)),
        args: command.map(Scalar).collect(),
        env: req.env.into_iter().map(|(k, v)| (k, Scalar(v))).collect(),
        cwd: req.cwd.map(|c| absolute_dir(cwd, &c.to_string_lossy())),
        url: req.url,
        headers: req
            .headers
            .into_iter()
            .map(|(k, v)| (k, Scalar(v)))
            .collect(),
        startup_timeout: req.startup_timeout,
        call_timeout: req.call_timeout,
        description: req.description,
        trust: req.trust,
        ..ServerConfig::default()
    };
    let issues = validate_server(&req.name, &server);
    if !issues.is_empty() {
        return Err(located(Path::new("command line"), &issues).into());
    }
    let existed = ctx.store.put_server(&req.name, &server, req.replace)?;
    Ok((existed, server))
}

fn view(d: ServerDefinition, secrets: bool) -> ServerView {
    ServerView {
        transport: transport_of(&d.config),
        config: if secrets {
            d.config
        } else {
            redact::server(&d.config)
        },
        name: d.name,
        source: d.source,
        used_by: d.used_by,
    }
}

/// Every server: the store's, then the default file's.
pub(crate) fn list(ctx: &Context, show_secrets: bool) -> anyhow::Result<Vec<ServerView>> {
    Ok(source::servers(ctx)?
        .into_iter()
        .map(|d| view(d, show_secrets))
        .collect())
}

/// One server (the store's first, then the default file's).
pub(crate) fn show(ctx: &Context, name: &str, show_secrets: bool) -> anyhow::Result<ServerView> {
    list(ctx, show_secrets)?
        .into_iter()
        .find(|v| v.name == name)
        .ok_or_else(|| StoreError::not_found("server", name).into())
}

/// The source of a server for commands that change it: only stored ones can be changed.
fn require_stored(ctx: &Context, name: &str) -> anyhow::Result<()> {
    if ctx.store.server(name)?.is_some() {
        return Ok(());
    }
    if source::default_file(&ctx.paths)?.is_some_and(|f| f.servers.contains_key(name)) {
        return Err(InvalidInput(format!(
            "server `{name}` is defined in {}; edit that file (vmcp changes only stored servers)",
            Source::DefaultFile(ctx.paths.config_file.clone())
        ))
        .into());
    }
    Err(StoreError::not_found("server", name).into())
}

pub(crate) fn remove(ctx: &Context, name: &str, force: bool) -> anyhow::Result<Vec<String>> {
    require_stored(ctx, name)?;
    Ok(ctx.store.remove_server(name, force)?)
}

pub(crate) fn rename(ctx: &Context, old: &str, new: &str) -> anyhow::Result<Vec<String>> {
    check_name("server", new).map_err(InvalidInput)?;
    require_stored(ctx, old)?;
    Ok(ctx.store.rename_server(old, new)?)
}

/// Opens the server's YAML in the editor; saves it only if it is valid.
pub(crate) fn edit(ctx: &Context, name: &str, editor: &dyn Editor) -> anyhow::Result<bool> {
    require_stored(ctx, name)?;
    let current = ctx
        .store
        .server(name)?
        .ok_or_else(|| StoreError::not_found("server", name))?;
    let mut file = ConfigFile::default();
    file.servers.insert(name.to_string(), current.clone());
    let Some(edited) = edit_yaml(editor, &file, &format!("server-{name}"), |f| {
        let mut issues = Vec::new();
        if f.servers.len() != 1 || !f.servers.contains_key(name) || !f.vmcps.is_empty() {
            issues.push(crate::config::Issue {
                path: vec![crate::config::Seg::from("servers")],
                at_key: true,
                message: format!(
                    "edit exactly the one server `{name}` (rename it with `vmcp server rename`)"
                ),
                hint: None,
            });
        }
        issues
    })?
    else {
        return Ok(false);
    };
    let server = edited.servers.get(name).cloned().unwrap_or_default();
    if server == current {
        return Ok(false);
    }
    ctx.store.put_server(name, &server, true)?;
    Ok(true)
}
