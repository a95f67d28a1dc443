//! `vmcp serve` and `vmcp serve token …`: clap types and printing. The work is in `app::serve`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::render;
use crate::app::context::Context;
use crate::app::serve::oauth::OAuthOptions;
use crate::app::serve::oauth::keys::DEFAULT_JWKS_COOLDOWN;
use crate::app::serve::{self, ServeOptions, tokens};
use crate::config::duration::parse_duration;
use crate::protocol::http_server::DEFAULT_MAX_BODY;
use crate::session::http::sessions::{
    DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_SESSIONS, DEFAULT_SESSION_TTL,
};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(super) struct ServeArgs {
    #[command(subcommand)]
    command: Option<ServeCommand>,
    /// Serve only this vMCP (repeatable; default: every vMCP).
    #[arg(long = "vmcp", value_name = "NAME")]
    vmcps: Vec<String>,
    /// Address to listen on. Anything but loopback requires tokens (no `--no-auth`).
    #[arg(long, value_name = "ADDR", default_value = serve::DEFAULT_LISTEN)]
    listen: SocketAddr,
    /// Serve loopback without authentication (any local process can then use the vMCPs).
    #[arg(long, conflicts_with = "oauth_issuer")]
    no_auth: bool,
    /// Also accept OAuth access tokens (JWTs) from this authorization server, named by its
    /// issuer URL; clients discover it from /.well-known/oauth-protected-resource.
    #[arg(long, value_name = "URL")]
    oauth_issuer: Option<String>,
    /// Accept this token audience too, besides each vMCP's URL and the server's (repeatable).
    #[arg(long = "oauth-audience", value_name = "AUD", requires = "oauth_issuer")]
    oauth_audiences: Vec<String>,
    /// The URL clients reach this server at (behind a reverse proxy): tokens' audience and the
    /// metadata derive from it [default: http://<listen address>].
    #[arg(long, value_name = "URL", requires = "oauth_issuer")]
    public_url: Option<String>,
    /// The least time between fetches of the issuer's keys that tokens naming an unknown key
    /// may cause [default: 30s].
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, requires = "oauth_issuer")]
    oauth_jwks_cooldown: Option<std::time::Duration>,
    /// A 2025-11-25 client's session ends after this long without requests [default: 30m].
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    session_ttl: Option<std::time::Duration>,
    /// Live 2025-11-25 sessions at most; the least recently used one ends for a new one.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_SESSIONS)]
    max_sessions: usize,
    /// Requests in progress at most per 2025-11-25 session; one more is refused at once with
    /// 429 and a JSON-RPC error, never queued.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_CONCURRENT as u64, value_parser = clap::value_parser!(u64).range(1..))]
    max_concurrent: u64,
    /// A browser origin allowed to call (repeatable; loopback origins are allowed on a loopback
    /// address).
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allowed_origins: Vec<String>,
    /// On SIGTERM/SIGINT, how long requests in progress may take to finish [default: 10s].
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    grace: Option<std::time::Duration>,
    /// The largest request body accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BODY)]
    max_body: usize,
    /// Definition file (default: $VMCP_HOME/vmcp.yaml).
    #[arg(long, short = 'c', value_name = "FILE")]
    config: Option<PathBuf>,
    /// Do not follow edits of the definitions while serving (SIGHUP still reloads them).
    #[arg(long)]
    no_watch: bool,
}

impl ServeArgs {
    /// Whether this runs the server (not a `token` subcommand).
    pub(super) fn serves(&self) -> bool {
        self.command.is_none()
    }
}

#[derive(Debug, Subcommand)]
enum ServeCommand {
    /// Bearer tokens that let clients in.
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Create a token and print it (once: only its digest is stored).
    Create {
        name: String,
        /// The vMCP it opens (repeatable; default: every vMCP served).
        #[arg(long = "vmcp", value_name = "NAME")]
        vmcps: Vec<String>,
    },
    /// List tokens (names, vMCPs, when created and last used; never the secrets).
    #[command(visible_alias = "ls")]
    List {
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token (a running server refuses it within a second).
    #[command(visible_alias = "rm")]
    Revoke { name: String },
}

pub(super) async fn run(args: ServeArgs, ctx: Context) -> anyhow::Result<()> {
    match args.command {
        Some(ServeCommand::Token(t)) => token(t, &ctx),
        None => {
            let opts = ServeOptions {
                config: args.config,
                vmcps: args.vmcps,
                listen: args.listen,
                no_auth: args.no_auth,
                session_ttl: args.session_ttl.unwrap_or(DEFAULT_SESSION_TTL),
                max_sessions: args.max_sessions,
                max_concurrent: usize::try_from(args.max_concurrent).unwrap_or(usize::MAX),
                allowed_origins: args.allowed_origins,
                grace: args.grace.unwrap_or(serve::DEFAULT_DRAIN_GRACE),
                max_body: args.max_body,
                oauth: args.oauth_issuer.map(|issuer| OAuthOptions {
                    issuer,
                    audiences: args.oauth_audiences,
                    public_url: args.public_url,
                    jwks_cooldown: args.oauth_jwks_cooldown.unwrap_or(DEFAULT_JWKS_COOLDOWN),
                }),
                watch: !args.no_watch,
            };
            serve::run(opts, ctx).await
        }
    }
}

fn token(cmd: TokenCommand, ctx: &Context) -> anyhow::Result<()> {
    match cmd {
        TokenCommand::Create { name, vmcps } => {
            let secret = tokens::create(ctx, &name, &vmcps)?;
            render::note(&format!(
                "token `{name}` created for {}; it is shown only now:",
                if vmcps.is_empty() {
                    "every vMCP".to_string()
                } else {
                    render::list(&vmcps)
                }
            ));
            render::line(&secret);
        }
        TokenCommand::List { json } => {
            let list = tokens::list(ctx)?;
            if json {
                return render::json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|t| {
                    vec![
                        t.name.clone(),
                        if t.vmcps.is_empty() {
                            "(all)".to_string()
                        } else {
                            t.vmcps.join(", ")
                        },
                        render::utc_time(t.created * 1_000_000),
                        t.last_used.map_or_else(
                            || "never".to_string(),
                            |s| render::utc_time(s * 1_000_000),
                        ),
                    ]
                })
                .collect();
            render::table(&["NAME", "VMCPS", "CREATED", "LAST USED"], &rows);
        }
        TokenCommand::Revoke { name } => {
            tokens::revoke(ctx, &name)?;
            render::line(&format!("token `{name}` revoked"));
        }
    }
    Ok(())
}
