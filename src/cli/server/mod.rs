//! `vmcp server …`: clap types and printing; the work is in `app::server` and `app::probe`
//! (registry entries: `from_registry.rs`).

mod from_registry;

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::app::context::Context;
use crate::app::definition::resolve;
use crate::app::{probe, server};
use crate::cli::{editor::SystemEditor, hint, progress, render};
use crate::config::duration::{ConfigDuration, parse_duration};
use crate::config::{TransportType, TrustMode};
use crate::store::StoreError;
use crate::trust::ServerRef;

#[derive(Debug, Subcommand)]
pub(super) enum ServerCommand {
    /// Add an upstream server: `vmcp server add NAME -- COMMAND [ARGS…]`, `--url URL`, or
    /// `--from ENTRY` (an MCP registry entry).
    Add(Box<AddArgs>),
    /// List servers (stored ones and those of the default definition file).
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Show one server.
    Show(ShowArgs),
    /// Edit a stored server's YAML in $VISUAL / $EDITOR (saved only if valid).
    Edit { name: String },
    /// Rename a stored server; vMCPs using it follow.
    Rename { old: String, new: String },
    /// Remove a stored server.
    #[command(visible_alias = "rm")]
    Remove {
        name: String,
        /// Also remove it from the vMCPs that use it.
        #[arg(long)]
        force: bool,
    },
    /// Servers added from a registry (`--from`) whose entry has a newer version.
    Outdated {
        #[arg(long)]
        json: bool,
    },
    /// Move a server added from a registry to the entry's newest version, with the same choices
    /// (its trust settings still review changed tools).
    Upgrade {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Start the server, list what it offers with timings, and stop it.
    Test {
        name: String,
        #[command(flatten)]
        config: ConfigArg,
        #[arg(long)]
        json: bool,
    },
    /// Start the server and record its tools as approved (their whole definitions, hashed), so
    /// later changes show in `vmcp trust diff`.
    Approve {
        name: String,
        #[command(flatten)]
        config: ConfigArg,
        /// Approve only this tool (repeatable); a tool no longer offered loses its pin.
        #[arg(long = "tool", value_name = "TOOL")]
        tools: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

/// Where a server is defined, for the commands that start one by name.
#[derive(Debug, Args)]
pub(super) struct ConfigArg {
    /// Definition file that defines the server (default: the store, then
    /// $VMCP_HOME/vmcp.yaml).
    #[arg(long, short = 'c', value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
}

impl ConfigArg {
    /// The server `name` as commands (and their hints) name it.
    pub(super) fn server(&self, name: &str) -> ServerRef {
        ServerRef {
            name: name.to_string(),
            file: self.config.clone(),
        }
    }
}

#[derive(Debug, Args)]
pub(super) struct AddArgs {
    /// Server name (letters, digits, `_`, `-`, `.`); also its default tool prefix.
    name: String,
    /// The command and its arguments, after `--` (stdio servers).
    #[arg(last = true, value_name = "COMMAND")]
    command: Vec<String>,
    /// Streamable HTTP endpoint (instead of a command).
    #[arg(long, conflicts_with = "command")]
    url: Option<String>,
    /// An MCP registry entry, `NAME[@VERSION]` (default: the latest), made into the server: a
    /// package this machine can run, else a remote (`vmcp registry search` finds names).
    #[arg(long, value_name = "ENTRY", conflicts_with_all = ["command", "url", "transport"])]
    from: Option<String>,
    /// With `--from`: ask this registry (its base URL) instead of the `registry.url` setting.
    #[arg(long, value_name = "URL", requires = "from")]
    registry: Option<String>,
    /// With `--from`: use the entry's package of this type (`npm`, `pypi`, `oci`).
    #[arg(
        long,
        value_name = "TYPE",
        requires = "from",
        conflicts_with = "remote"
    )]
    package: Option<String>,
    /// With `--from`: use the entry's remote N (1 for the first).
    #[arg(long, value_name = "N", requires = "from", value_parser = clap::value_parser!(u16).range(1..))]
    remote: Option<u16>,
    /// With `--from`: a value for the entry's arguments (repeatable): `VALUE` fills the next
    /// positional argument, `KEY=VALUE` the argument or variable named KEY (`--port=8080`,
    /// `host=example.com`).
    #[arg(
        long = "arg",
        value_name = "VALUE",
        requires = "from",
        allow_hyphen_values = true
    )]
    args: Vec<String>,
    /// Environment variable for the child, `KEY=VALUE` (repeatable). Use `${env:VAR}` to keep a
    /// secret in your environment rather than in the store. With `--from`, secrets not given
    /// (nor typed at the prompt) are stored as `${env:NAME}`.
    #[arg(long = "env", short = 'e', value_name = "KEY=VALUE", value_parser = key_value)]
    env: Vec<(String, String)>,
    /// Working directory of the child.
    #[arg(long)]
    cwd: Option<PathBuf>,
    /// HTTP header, `NAME=VALUE` (repeatable).
    #[arg(long = "header", short = 'H', value_name = "NAME=VALUE", value_parser = key_value)]
    headers: Vec<(String, String)>,
    /// Transport of a URL server.
    #[arg(long, value_enum)]
    transport: Option<UrlTransport>,
    /// `pinned`: its tools are approved automatically the first time they are listed (flagged
    /// ones excepted), later new or changed ones wait for `vmcp server approve`; `review`:
    /// nothing is exposed until `vmcp server approve`; `always`: whatever the server offers.
    /// Default: the `trust.default` setting (`pinned`).
    #[arg(long, value_enum)]
    trust: Option<TrustArg>,
    /// Start the server and approve the tools it offers now, flagged ones included (without
    /// asking).
    #[arg(long, conflicts_with = "no_approve")]
    approve: bool,
    /// Do not start it now: no question about approving a `review` server, no note.
    #[arg(long)]
    no_approve: bool,
    #[arg(long)]
    description: Option<String>,
    /// Startup deadline (e.g. `60s`).
    #[arg(long, value_parser = duration)]
    startup_timeout: Option<ConfigDuration>,
    /// Idle timeout of one request (e.g. `5m`).
    #[arg(long, value_parser = duration)]
    call_timeout: Option<ConfigDuration>,
    /// Replace a server of the same name.
    #[arg(long)]
    replace: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum TrustArg {
    Pinned,
    Review,
    Always,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum UrlTransport {
    Http,
    Sse,
}

#[derive(Debug, Args)]
pub(super) struct ListArgs {
    #[arg(long)]
    json: bool,
    /// Show env and header values that look like secrets.
    #[arg(long)]
    show_secrets: bool,
}

#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    name: String,
    #[arg(long)]
    json: bool,
    #[arg(long)]
    show_secrets: bool,
}

pub(super) fn key_value(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("expected KEY=VALUE, got `{s}`")),
    }
}

fn duration(s: &str) -> Result<ConfigDuration, String> {
    parse_duration(s).map(ConfigDuration)
}

fn target(view: &server::ServerView) -> String {
    match (&view.config.url, &view.config.command) {
        (Some(url), _) => url.clone(),
        (None, Some(cmd)) => {
            let mut parts = vec![cmd.clone()];
            parts.extend(view.config.args.iter().map(|a| a.as_str().to_string()));
            parts.join(" ")
        }
        (None, None) => "-".into(),
    }
}

pub(super) async fn run(cmd: ServerCommand, ctx: &Context) -> anyhow::Result<()> {
    match cmd {
        ServerCommand::Add(a) if a.from.is_some() => from_registry::add_from(a, ctx).await?,
        ServerCommand::Outdated { json } => from_registry::outdated(ctx, json).await?,
        ServerCommand::Upgrade { name, json } => from_registry::upgrade(ctx, &name, json).await?,
        ServerCommand::Add(a) => {
            let a = *a;
            let name = a.name.clone();
            let req = server::AddServer {
                name: a.name,
                command: a.command,
                env: a.env,
                cwd: a.cwd,
                url: a.url,
                headers: a.headers,
                transport: a.transport.map(|t| match t {
                    UrlTransport::Http => TransportType::Http,
                    UrlTransport::Sse => TransportType::Sse,
                }),
                description: a.description,
                startup_timeout: a.startup_timeout,
                call_timeout: a.call_timeout,
                trust: a.trust.map(trust_mode),
                replace: a.replace,
            };
            let cwd = std::env::current_dir()?;
            let (existed, config) = hint::on_store(server::add(ctx, req, &cwd), |e| {
                matches!(e, StoreError::Exists { .. })
                    .then(|| "choose another name, or replace it (`--replace`)".into())
            })?;
            let verb = if existed { "replaced" } else { "added" };
            render::line(&format!("{verb} server `{name}`"));
            if !a.no_approve {
                let server = ServerRef {
                    name: name.clone(),
                    file: None,
                };
                let mode = crate::app::definition::trust_policy::mode(&ctx.store, &config);
                super::trust::offer_approval(ctx, &server, mode, a.approve).await?;
            }
        }
        ServerCommand::List(a) => {
            let views = server::list(ctx, a.show_secrets)?;
            if a.json {
                return render::json(&views);
            }
            let rows: Vec<Vec<String>> = views
                .iter()
                .map(|v| {
                    vec![
                        v.name.clone(),
                        v.transport.to_string(),
                        v.source.to_string(),
                        target(v),
                        render::list(&v.used_by),
                    ]
                })
                .collect();
            render::table(&["NAME", "TRANSPORT", "SOURCE", "TARGET", "USED BY"], &rows);
        }
        ServerCommand::Show(a) => {
            let v = server::show(ctx, &a.name, a.show_secrets)?;
            if a.json {
                return render::json(&v);
            }
            let mut one = std::collections::BTreeMap::new();
            one.insert(v.name.clone(), v.config.clone());
            render::yaml(&one)?;
            render::line(&format!(
                "# source: {}; used by: {}",
                v.source,
                render::list(&v.used_by)
            ));
        }
        ServerCommand::Edit { name } => {
            let changed = server::edit(ctx, &name, &SystemEditor)?;
            render::line(&if changed {
                format!("saved server `{name}`")
            } else {
                format!("server `{name}` unchanged")
            });
        }
        ServerCommand::Rename { old, new } => {
            let users = hint::on_store(server::rename(ctx, &old, &new), |e| {
                matches!(e, StoreError::Exists { .. }).then(|| {
                    format!(
                        "choose another name, or remove `{new}` first (`vmcp server remove {new}`)"
                    )
                })
            })?;
            render::line(&format!(
                "renamed server `{old}` to `{new}` (vMCPs updated: {})",
                render::list(&users)
            ));
        }
        ServerCommand::Remove { name, force } => {
            let users = hint::on_store(server::remove(ctx, &name, force), |e| {
                matches!(e, StoreError::InUse { .. }).then(|| {
                    "remove it from them first, or add `--force` to remove it from them too".into()
                })
            })?;
            render::line(&format!(
                "removed server `{name}` (dropped from vMCPs: {})",
                render::list(&users)
            ));
        }
        ServerCommand::Approve {
            name,
            config,
            tools,
            json,
        } => {
            super::trust::approve(ctx, &config.server(&name), &tools, json).await?;
        }
        ServerCommand::Test { name, config, json } => {
            test(ctx, &config.server(&name), json).await?;
        }
    }
    Ok(())
}

fn trust_mode(t: TrustArg) -> TrustMode {
    match t {
        TrustArg::Pinned => TrustMode::Pinned,
        TrustArg::Review => TrustMode::Review,
        TrustArg::Always => TrustMode::Always,
    }
}

/// `vmcp server test NAME`: exit 9 when it needs a login, 1 when it did not start.
async fn test(ctx: &Context, server: &ServerRef, json: bool) -> anyhow::Result<()> {
    let spinner = progress::spinner(&format!("starting `{}`…", server.name));
    let report = super::interrupt::guard(probe::probe(
        ctx,
        &server.name,
        server.file.as_deref(),
        &resolve::process_env,
    ))
    .await;
    spinner.finish();
    let report = report?;
    if json {
        render::json(&report)?;
    } else {
        print_probe(&report, server);
    }
    if report.needs_login {
        return Err(super::Silent(super::exit::AUTH_REQUIRED).into());
    }
    if !report.ok {
        return Err(super::Silent(1).into());
    }
    Ok(())
}

fn print_probe(r: &probe::ProbeReport, server: &ServerRef) {
    match &r.error {
        None => {
            let who = r
                .server_info
                .get("name")
                .and_then(|n| n.as_str())
                .map(|n| {
                    let v = r
                        .server_info
                        .get("version")
                        .and_then(|v| v.as_str())
                        .unwrap_or("");
                    format!(", {n} {v}")
                })
                .unwrap_or_default();
            render::line(&format!(
                "server `{}`: ready in {} ms ({}, protocol {}{who})",
                r.name,
                r.startup_ms,
                r.transport,
                r.protocol_version.as_deref().unwrap_or("?")
            ));
            for (label, items) in [
                ("tools", &r.tools),
                ("prompts", &r.prompts),
                ("resources", &r.resources),
                ("templates", &r.resource_templates),
            ] {
                render::line(&format!(
                    "  {label:<10} {:>3}  {}",
                    items.len(),
                    render::list(items)
                ));
            }
        }
        Some(e) if r.needs_login => {
            render::line(&format!("server `{}`: needs login ({e})", r.name));
        }
        Some(e) => render::line(&format!(
            "server `{}`: failed after {} ms: {e}",
            r.name, r.startup_ms
        )),
    }
    if let Some(t) = &r.trust {
        let c = &t.comparison;
        let state = match (t.mode, t.approved_at) {
            ("always", _) => "always (every tool exposed as the server describes it)".to_string(),
            ("pinned", None) => format!(
                "pinned, not used yet: its tools are approved automatically the first time a vMCP lists them{}",
                if t.flagged.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", except the flagged ones ({}), which stay withheld until `{}`",
                        t.flagged.join(", "),
                        server.command("server approve", &[])
                    )
                }
            ),
            (mode, None) => format!(
                "{mode}, never approved: all its tools are withheld (`{}`)",
                server.command("server approve", &[])
            ),
            (mode, Some(at)) if c.is_clean() => format!(
                "{mode}, {}: {} tools unchanged",
                super::trust::approved(at, t.automatic),
                c.unchanged
            ),
            (mode, Some(at)) => format!(
                "{mode}, {}: {} changed and {} new tools withheld, {} removed (`{}`)",
                super::trust::approved(at, t.automatic),
                c.changed.len(),
                c.new.len(),
                c.removed.len(),
                server.command("trust diff", &[])
            ),
        };
        render::line(&format!("  trust      {state}"));
    }
}
