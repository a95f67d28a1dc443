//! `vmcp auth status`, `vmcp logout`: clap types and printing; the work is in `app::auth`.

use clap::{Args, Subcommand};

use super::exit_code::{Silent, exit};
use super::{progress, render};
use crate::app::auth::login::{self, LoginOutcome};
use crate::app::auth::logout::{self, Logout};
use crate::app::auth::{self, AuthStatus};
use crate::app::context::Context;
use crate::app::definition::resolve;
use crate::config::duration::{ConfigDuration, parse_duration};
use crate::support::clock::unix_seconds;

#[derive(Debug, Subcommand)]
pub(super) enum AuthCommand {
    /// Each remote server's credentials: state (logged in, expired, needs login, static, none),
    /// expiry and scopes. Tokens are never shown.
    Status {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub(super) struct LoginArgs {
    /// The server to log in to (a `url` server).
    name: String,
    #[command(flatten)]
    config: super::server::ConfigArg,
    /// Print the authorization URL instead of opening a browser (SSH sessions).
    #[arg(long)]
    no_browser: bool,
    /// Scope to ask for (repeatable, or comma-separated); default: what the server asks for.
    #[arg(long, value_name = "SCOPE", value_delimiter = ',')]
    scope: Vec<String>,
    /// How long to wait for the browser.
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = duration)]
    timeout: ConfigDuration,
}

fn duration(s: &str) -> Result<ConfigDuration, String> {
    parse_duration(s).map(ConfigDuration)
}

#[derive(Debug, Args)]
pub(super) struct LogoutArgs {
    /// The server to log out of.
    name: String,
}

fn human_state(s: &AuthStatus) -> String {
    match s.state {
        "logged_in" => "logged in".into(),
        "expired" if s.refreshable => "expired (refreshable)".into(),
        "expired" => format!(
            "expired (run `{}`)",
            crate::trust::ServerRef {
                name: s.server.clone(),
                file: None,
            }
            .command("login", &[])
        ),
        "needs_login" => "needs login".into(),
        other => other.to_string(),
    }
}

/// `in 59m`, `3h ago`…
pub(super) fn relative(at: u64, now: u64) -> String {
    let (d, future) = if at >= now {
        (at - now, true)
    } else {
        (now - at, false)
    };
    let text = match d {
        0..60 => format!("{d}s"),
        60..3600 => format!("{}m", d / 60),
        3600..86_400 => format!("{}h", d / 3600),
        _ => format!("{}d", d / 86_400),
    };
    if future {
        format!("in {text}")
    } else {
        format!("{text} ago")
    }
}

pub(super) fn run_status(cmd: &AuthCommand, ctx: &Context) -> anyhow::Result<()> {
    let AuthCommand::Status { json } = *cmd;
    let rows = auth::status(ctx)?;
    if json {
        return render::json(&rows);
    }
    let now = unix_seconds();
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            vec![
                s.server.clone(),
                human_state(s),
                s.kind.unwrap_or("-").to_string(),
                s.expires_at
                    .map_or_else(|| "-".to_string(), |e| relative(e, now)),
                render::list(&s.scopes),
            ]
        })
        .collect();
    render::table(&["SERVER", "STATE", "KIND", "EXPIRES", "SCOPES"], &table);
    Ok(())
}

pub(super) async fn run_logout(a: &LogoutArgs, ctx: &Context) -> anyhow::Result<()> {
    let name = &a.name;
    match logout::logout(ctx, name).await? {
        Logout::NotLoggedIn => render::line(&format!("not logged in to `{name}`")),
        Logout::Revoked => render::line(&format!(
            "logged out of `{name}` (tokens revoked, credentials deleted)"
        )),
        Logout::Deleted => render::line(&format!(
            "logged out of `{name}` (credentials deleted; the server offers no revocation)"
        )),
        Logout::RevocationFailed(why) => {
            render::line(&format!("logged out of `{name}` (credentials deleted)"));
            render::note(&format!("warning: revoking the tokens failed: {why}"));
        }
    }
    Ok(())
}

pub(super) async fn run_login(a: LoginArgs, ctx: &Context) -> anyhow::Result<()> {
    let name = a.name.clone();
    let target = login::target(
        ctx,
        &name,
        a.config.config.as_deref(),
        &resolve::process_env,
    )?;
    // Listen for Ctrl-C from the start (the handler is installed when this task first runs).
    let interrupted = tokio_util::sync::CancellationToken::new();
    let on_interrupt = interrupted.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.cancel();
        }
    });
    tokio::task::yield_now().await;
    let cancelled = || {
        render::note("login cancelled");
        Err(Silent(exit::INTERRUPTED).into())
    };
    let spinner = progress::spinner(&format!("finding how `{name}` authorizes…"));
    let started = tokio::select! {
        r = login::prepare(&ctx.store, &target, &a.scope) => r,
        () = interrupted.cancelled() => {
            spinner.finish();
            return cancelled();
        }
    };
    spinner.finish();
    let prepared = match started? {
        LoginOutcome::NotNeeded => {
            render::line(&format!(
                "`{name}` answered without asking for credentials; nothing to log in to"
            ));
            return Ok(());
        }
        LoginOutcome::Started(p) => p,
    };
    let port = prepared
        .redirect_uri()
        .rsplit(':')
        .next()
        .and_then(|p| p.split('/').next())
        .unwrap_or_default()
        .to_string();
    if a.no_browser || login::open_browser(&prepared.url).is_err() {
        render::note(&format!(
            "Open this URL in a browser to log in to `{name}`:\n\n  {}\n\n(the browser must reach 127.0.0.1:{port} on this machine; over SSH: `ssh -L {port}:127.0.0.1:{port} HOST`)",
            prepared.url
        ));
    } else {
        render::note(&format!(
            "Opened the browser to log in to `{name}`; if nothing happened, open:\n\n  {}\n",
            prepared.url
        ));
    }
    let spinner = progress::spinner("waiting for the browser (Ctrl-C to cancel)…");
    let result = tokio::select! {
        r = prepared.finish(a.timeout.get()) => r,
        () = interrupted.cancelled() => {
            spinner.finish();
            return cancelled();
        }
    };
    spinner.finish();
    let done = result?;
    let expiry = match done.expires_at {
        Some(at) => format!("expires {}", relative(at, unix_seconds())),
        None => "no expiry given".to_string(),
    };
    let refresh = if done.refreshable {
        ", refreshable"
    } else {
        ", not refreshable"
    };
    render::line(&format!("logged in to `{name}` ({expiry}{refresh})"));
    Ok(())
}
