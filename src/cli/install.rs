//! `vmcp install` / `vmcp uninstall`: clap types and printing; the work is in `app::install`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::render;
use crate::app::clients::Client;
use crate::app::context::Context;
use crate::app::install::{self, Http, Request};
use crate::app::serve;
use crate::support::env_vars;

#[derive(Debug, Args)]
pub(super) struct InstallArgs {
    /// The vMCP to serve.
    name: String,
    /// The AI client to configure.
    #[arg(long, value_enum)]
    client: ClientArg,
    /// The client's configuration file (default: its usual location).
    #[arg(long)]
    file: Option<PathBuf>,
    /// The entry's name in the client (default: the vMCP name).
    #[arg(long = "as", value_name = "KEY")]
    key: Option<String>,
    /// Replace (or remove) an entry of that name that does not run vmcp.
    #[arg(long)]
    force: bool,
    /// Show the change as a diff and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Connect the client to `vmcp serve` over HTTP instead of starting vmcp (for clients whose
    /// configuration takes URLs).
    #[arg(long)]
    http: bool,
    /// The vMCP's URL [default: http://127.0.0.1:7332/mcp/NAME].
    #[arg(long, value_name = "URL", requires = "http")]
    url: Option<String>,
    /// The environment variable holding a `vmcp serve token`: the entry sends it as a bearer
    /// token, referencing the variable (the token itself is never written).
    #[arg(long, value_name = "VAR", requires = "http")]
    token_env: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ClientArg {
    ClaudeDesktop,
    ClaudeCode,
    Cursor,
    Vscode,
    Windsurf,
    Codex,
    Gemini,
    Zed,
}

impl From<ClientArg> for Client {
    fn from(c: ClientArg) -> Client {
        match c {
            ClientArg::ClaudeDesktop => Client::ClaudeDesktop,
            ClientArg::ClaudeCode => Client::ClaudeCode,
            ClientArg::Cursor => Client::Cursor,
            ClientArg::Vscode => Client::VsCode,
            ClientArg::Windsurf => Client::Windsurf,
            ClientArg::Codex => Client::Codex,
            ClientArg::Gemini => Client::Gemini,
            ClientArg::Zed => Client::Zed,
        }
    }
}

pub(super) fn run(a: &InstallArgs, ctx: &Context, remove: bool) -> anyhow::Result<()> {
    let binary = std::env::current_exe()?;
    let binary = std::fs::canonicalize(&binary).unwrap_or(binary);
    let home = std::env::var_os(env_vars::VMCP_HOME)
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    let req = Request {
        client: a.client.into(),
        file: a.file.clone(),
        key: a.key.clone(),
        force: a.force,
        dry_run: a.dry_run,
        vmcp_binary: &binary,
        vmcp_home: home.as_deref(),
        http: a.http.then(|| Http {
            url: a.url.clone().unwrap_or_else(|| serve::default_url(&a.name)),
            elsewhere: a.url.is_some(),
            token_env: a.token_env.clone(),
        }),
    };
    let out = if remove {
        install::uninstall(&a.name, &req)?
    } else {
        install::install(ctx, &a.name, &req)?
    };
    let client = Client::from(a.client).name();
    if a.dry_run {
        if out.changed {
            render::raw(&out.diff);
        } else {
            render::line(&format!(
                "{} already up to date; nothing to do",
                out.path.display()
            ));
        }
        return Ok(());
    }
    match (out.changed, remove) {
        (false, false) => render::line(&format!(
            "`{}` is already installed in {client} ({})",
            out.key,
            out.path.display()
        )),
        (false, true) => render::line(&format!(
            "`{}` is not installed in {client} ({})",
            out.key,
            out.path.display()
        )),
        (true, false) => render::line(&format!(
            "installed `{}` in {client} ({}); restart {client} to use it",
            out.key,
            out.path.display()
        )),
        (true, true) => render::line(&format!(
            "removed `{}` from {client} ({})",
            out.key,
            out.path.display()
        )),
    }
    if let Some(b) = &out.backup {
        render::note(&format!("backup of the previous file: {}", b.display()));
    }
    Ok(())
}
