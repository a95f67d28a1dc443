//! Servers made from registry entries: `vmcp server add NAME --from ENTRY[@VERSION]`, and the
//! origin they record, which `vmcp server outdated` compares with the registry and `vmcp server
//! upgrade` moves to the newest version (replaying the choices that made the entry).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::search::entry;
use super::{Cached, fetch, registries};
use crate::app::context::Context;
use crate::app::definition::paths::absolute_dir;
use crate::app::{InvalidInput, located};
use crate::config::duration::ConfigDuration;
use crate::config::names::check_name;
use crate::config::validate::validate_server;
use crate::config::{ServerConfig, ServerOrigin, TrustMode};
use crate::registry::entry::{self, Built, Choice, Given, Used};
use crate::registry::inputs::Ask;
use crate::registry::{Registry, RegistryError, ServerResponse, Status};
use crate::store::StoreError;
use crate::support::program::locate;

/// `vmcp server add NAME --from ENTRY`.
#[derive(Debug, Default)]
pub(crate) struct AddFrom {
    pub name: String,
    /// `ENTRY[@VERSION]`.
    pub entry: String,
    /// `--registry URL` (default: the `registry.url` setting).
    pub registry: Option<String>,
    pub choice: Option<Choice>,
    pub given: Given,
    pub cwd: Option<PathBuf>,
    pub description: Option<String>,
    pub startup_timeout: Option<ConfigDuration>,
    pub call_timeout: Option<ConfigDuration>,
    pub trust: Option<TrustMode>,
    pub replace: bool,
}

/// What was stored, and what to tell the user.
#[derive(Debug)]
pub(crate) struct Added {
    pub existed: bool,
    pub config: ServerConfig,
    /// What was used of the entry (`npm package x@1, started with npx`).
    pub summary: String,
    /// Deprecation, a missing runtime.
    pub warnings: Vec<String>,
    /// Set when the entry came from the cache.
    pub cached: Option<Cached>,
    /// Environment variables the stored secrets refer to.
    pub references: Vec<String>,
}

/// Where this machine looks for programs, for choosing a package it can run.
pub(crate) struct Machine<'a> {
    pub path: Option<&'a OsStr>,
    pub cwd: &'a Path,
}

/// An entry that may be used: deleted ones are refused, deprecated ones warned about.
fn usable(r: &ServerResponse, warnings: &mut Vec<String>) -> Result<(), RegistryError> {
    let d = &r.server;
    match r.status() {
        Status::Deleted => Err(RegistryError::Deleted {
            name: d.name.clone(),
            version: d.version.clone(),
        }),
        Status::Deprecated => {
            warnings.push(format!(
                "`{}@{}` is deprecated by its publisher: look for its replacement (`vmcp registry show {}`)",
                d.name, d.version, d.name
            ));
            Ok(())
        }
        Status::Unknown => {
            warnings.push(format!(
                "the registry gives `{}@{}` a status this vmcp does not know",
                d.name, d.version
            ));
            Ok(())
        }
        Status::Active => Ok(()),
    }
}

fn build(
    r: &ServerResponse,
    choice: &Choice,
    given: Given,
    machine: &Machine<'_>,
    ask: &mut dyn Ask,
    warnings: &mut Vec<String>,
) -> Result<Built, RegistryError> {
    let built = entry::build(
        &r.server,
        choice,
        &|program| locate(program, machine.path).is_some(),
        given,
        machine.cwd,
        ask,
    )?;
    if let Some(program) = built.missing_runtime {
        warnings.push(format!(
            "`{program}` is not on the PATH: install it before a vMCP starts this server ({})",
            match program {
                "npx" => "it comes with Node.js",
                "uvx" => "it comes with uv",
                _ => "Docker",
            }
        ));
    }
    Ok(built)
}

fn origin(reg: &Registry, r: &ServerResponse, used: &Used, args: Vec<String>) -> ServerOrigin {
    ServerOrigin {
        registry: reg.base().to_string(),
        name: r.server.name.clone(),
        version: r.server.version.clone(),
        package: match used {
            Used::Package(p) => Some(p.clone()),
            Used::Remote(_) => None,
        },
        remote: match used {
            Used::Remote(n) => Some(*n),
            Used::Package(_) => None,
        },
        args,
    }
}

/// Makes a server from a registry entry and stores it; nothing is stored unless all of it
/// worked.
pub(crate) async fn add(
    ctx: &Context,
    req: AddFrom,
    machine: &Machine<'_>,
    ask: &mut dyn Ask,
) -> anyhow::Result<Added> {
    check_name("server", &req.name).map_err(InvalidInput)?;
    // Before any question is asked.
    if !req.replace && ctx.store.server(&req.name)?.is_some() {
        return Err(StoreError::exists("server", &req.name).into());
    }
    let (name, version) = crate::registry::split_name(&req.entry);
    let (reg, shown) = entry(ctx, req.registry.as_deref(), name, version).await?;
    let Some(r) = shown.response else {
        anyhow::bail!("the registry answered no entry");
    };
    let mut warnings = Vec::new();
    usable(&r, &mut warnings)?;
    let args = req.given.args.clone();
    let choice = req.choice.unwrap_or(Choice::Auto);
    let built = build(&r, &choice, req.given, machine, ask, &mut warnings)?;
    let config = ServerConfig {
        cwd: req
            .cwd
            .map(|c| absolute_dir(machine.cwd, &c.to_string_lossy())),
        description: req
            .description
            .or_else(|| Some(r.server.description.clone()).filter(|d| !d.is_empty())),
        startup_timeout: req.startup_timeout,
        call_timeout: req.call_timeout,
        trust: req.trust,
        from: Some(origin(&reg, &r, &built.used, args)),
        ..built.config
    };
    let issues = validate_server(&req.name, &config);
    if !issues.is_empty() {
        return Err(located(Path::new("registry entry"), &issues).into());
    }
    let existed = ctx.store.put_server(&req.name, &config, req.replace)?;
    Ok(Added {
        existed,
        config,
        summary: built.summary,
        warnings,
        cached: shown.cached,
        references: built.references,
    })
}

/// One stored server made from a registry entry, compared with the registry.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct VersionCheck {
    pub server: String,
    pub entry: String,
    pub registry: String,
    pub current: String,
    /// The registry's latest version (`None` when it could not be asked).
    pub latest: Option<String>,
    pub status: Option<&'static str>,
    pub outdated: bool,
    /// Why the registry could not be asked.
    pub error: Option<String>,
    pub cached: Option<Cached>,
}

/// `vmcp server outdated`: every stored server with an origin, against its registry.
pub(crate) async fn outdated(ctx: &Context) -> anyhow::Result<Vec<VersionCheck>> {
    let mut out = Vec::new();
    for (server, config) in ctx.store.servers()? {
        let Some(from) = config.from else { continue };
        let mut row = VersionCheck {
            server,
            entry: from.name.clone(),
            registry: crate::support::url::redacted(&from.registry),
            current: from.version.clone(),
            latest: None,
            status: None,
            outdated: false,
            error: None,
            cached: None,
        };
        match latest(ctx, &from).await {
            Ok((_, r, cached)) => {
                row.outdated = r.server.version != from.version;
                row.status = Some(r.status().as_str());
                row.latest = Some(r.server.version);
                row.cached = cached;
            }
            Err(e) => row.error = Some(format!("{e:#}")),
        }
        out.push(row);
    }
    Ok(out)
}

async fn latest(
    ctx: &Context,
    from: &ServerOrigin,
) -> anyhow::Result<(Registry, ServerResponse, Option<Cached>)> {
    let reg = registries(ctx, Some(&from.registry))?
        .into_iter()
        .next()
        .ok_or_else(|| InvalidInput(format!("no registry URL in `{}`", from.registry)))?;
    let url = reg.version_url(&from.name, None);
    let a = fetch::<ServerResponse>(ctx, &reg, &url, &from.name, Some((&from.name, None))).await?;
    Ok((reg, a.doc, a.cached))
}

/// What `vmcp server upgrade` did.
#[derive(Debug, Serialize)]
pub(crate) struct Upgraded {
    pub server: String,
    /// The registry asked (credentials in its URL hidden).
    pub registry: String,
    pub entry: String,
    pub from: String,
    pub to: String,
    pub changed: bool,
    pub summary: String,
    #[serde(skip)]
    pub warnings: Vec<String>,
    #[serde(skip)]
    pub references: Vec<String>,
    pub cached: Option<Cached>,
}

/// `vmcp server upgrade NAME`: the newest version of the server's entry, made with the same
/// choices (package type or remote, `--arg` values, env and header values), the server's own
/// settings (trust, timeouts, description…) kept. Tools that changed meet the trust gate.
pub(crate) async fn upgrade(
    ctx: &Context,
    name: &str,
    machine: &Machine<'_>,
    ask: &mut dyn Ask,
) -> anyhow::Result<Upgraded> {
    let stored = ctx
        .store
        .server(name)?
        .ok_or_else(|| StoreError::not_found("server", name))?;
    let Some(from) = stored.from.clone() else {
        return Err(InvalidInput(format!(
            "server `{name}` was not added from a registry (`vmcp server add {name} --from ENTRY`): there is nothing to upgrade it to"
        ))
        .into());
    };
    let (reg, r, cached) = latest(ctx, &from).await?;
    let mut warnings = Vec::new();
    let mut done = Upgraded {
        server: name.to_string(),
        registry: reg.shown().to_string(),
        entry: from.name.clone(),
        from: from.version.clone(),
        to: r.server.version.clone(),
        changed: false,
        summary: String::new(),
        warnings: Vec::new(),
        references: Vec::new(),
        cached,
    };
    if r.server.version == from.version {
        done.warnings = warnings;
        return Ok(done);
    }
    usable(&r, &mut warnings)?;
    let choice = match (&from.package, from.remote) {
        (Some(p), _) => Choice::Package(p.clone()),
        (None, Some(n)) => Choice::Remote(n),
        (None, None) => Choice::Auto,
    };
    let given = Given {
        args: from.args.clone(),
        env: stored
            .env
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().to_string()))
            .collect(),
        headers: stored
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().to_string()))
            .collect(),
    };
    let built = build(&r, &choice, given, machine, ask, &mut warnings)?;
    let config = ServerConfig {
        transport: built.config.transport,
        command: built.config.command,
        args: built.config.args,
        env: built.config.env,
        url: built.config.url,
        headers: built.config.headers,
        from: Some(origin(&reg, &r, &built.used, from.args)),
        ..stored
    };
    let issues = validate_server(name, &config);
    if !issues.is_empty() {
        return Err(located(Path::new("registry entry"), &issues).into());
    }
    ctx.store.put_server(name, &config, true)?;
    done.changed = true;
    done.summary = built.summary;
    done.warnings = warnings;
    done.references = built.references;
    Ok(done)
}
