//! The command line: clap types, logging setup, printing and exit codes. The only layer that
//! prints (through `output.rs`, the one place clippy lets print); everything it does is delegated
//! to `app`, whose intents are named as the files here. `hint.rs` adds the advice that names
//! commands and flags to what lower layers report.

mod auth;
mod cache;
mod call;
mod calls;
mod catalog;
mod check;
mod doctor;
mod editor;
mod exit_code;
mod generate;
mod hint;
mod import;
mod install;
mod interrupt;
mod logging;
mod output;
mod progress;
mod prompt;
mod registry;
mod render;
mod search;
mod serve;
mod server;
mod settings;
mod trust;
mod vmcp;

pub(crate) use exit_code::Silent;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::app;
use crate::process::reaper;

pub(crate) use exit_code::exit;

const AFTER_HELP: &str = "\
Exit codes: 0 success, 1 failure, 2 usage error, 3 invalid definition, 4 not found,
5 conflict (already exists, in use), 6 store unavailable (busy, damaged, newer, not
readable or writable, VMCP_HOME not a directory), 7 the tool reported an error, 8 a server unavailable
(an upstream failed to start or timed out, a registry unreachable), 9 the server needs login
(`vmcp server test`), 10 a registry entry vmcp cannot use (nothing it can start, deleted).
Environment: VMCP_HOME (where vmcp.yaml and the store live), VMCP_LOG (log filter, e.g. `debug`).";

/// One MCP server for your AI client: aggregate, filter and rename the tools, prompts and
/// resources of many upstream MCP servers.
#[derive(Debug, Parser)]
#[command(name = "vmcp", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub(crate) struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct GlobalArgs {
    /// More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Only log errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Append logs to this file instead of stderr.
    #[arg(long, global = true, value_name = "FILE")]
    log_file: Option<PathBuf>,
    /// Never show spinners (they are shown only when stderr is a terminal anyway).
    #[arg(long, global = true)]
    no_progress: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve a vMCP over stdio: the command an AI client launches.
    Stdio(StdioArgs),
    /// Serve vMCPs over streamable HTTP to many clients (`vmcp serve token` manages access).
    Serve(serve::ServeArgs),
    /// Validate definitions, then start each vMCP and verify what it exposes (for CI).
    Check(check::CheckArgs),
    /// List the tools a vMCP exposes (opened exactly as `vmcp stdio` would), or test a custom one.
    #[command(subcommand, visible_alias = "tool")]
    Tools(catalog::ToolsCommand),
    /// List or get the prompts a vMCP exposes.
    #[command(subcommand)]
    Prompts(catalog::PromptsCommand),
    /// List or read the resources a vMCP exposes.
    #[command(subcommand)]
    Resources(catalog::ResourcesCommand),
    /// Call one tool of a vMCP and print its result (exit 7 when the tool reports an error).
    Call(call::CallArgs),
    /// Manage upstream servers in the store.
    #[command(subcommand)]
    Server(server::ServerCommand),
    /// Find servers in MCP registries (`registry.url`): search, show an entry.
    #[command(subcommand)]
    Registry(registry::RegistryCommand),
    /// Manage vMCP definitions in the store.
    #[command(subcommand)]
    Vmcp(vmcp::VmcpCommand),
    /// Import servers and vMCPs from a definition file (or another client's config).
    Import(import::ImportArgs),
    /// Add a vMCP to an AI client's MCP configuration (backed up first; `--dry-run` shows the diff).
    Install(install::InstallArgs),
    /// Remove a vMCP from an AI client's MCP configuration.
    Uninstall(install::InstallArgs),
    /// Calls, errors and latency per server and tool, from the call log.
    Stats(calls::StatsArgs),
    /// The most recent calls (`--follow` to keep watching).
    Log(calls::LogArgs),
    /// What upstream tools looked like when approved, and what changed since.
    #[command(subcommand)]
    Trust(trust::TrustCommand),
    /// The catalog cache that answers a session's first `tools/list` at once.
    #[command(subcommand)]
    Cache(cache::CacheCommand),
    /// Settings kept in the store (call log retention…).
    #[command(subcommand)]
    Settings(settings::SettingsCommand),
    /// Credentials of remote servers (`vmcp auth status`).
    #[command(subcommand)]
    Auth(auth::AuthCommand),
    /// Log in to a remote server with OAuth (opens a browser; `--no-browser` prints the URL).
    Login(auth::LoginArgs),
    /// Forget a server's OAuth credentials (revoked first where the server supports it).
    Logout(auth::LogoutArgs),
    /// Explain the environment: paths, store health, servers' commands, installed clients, versions.
    Doctor(doctor::DoctorArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(generate::CompletionsArgs),
}

#[derive(Debug, Args)]
struct StdioArgs {
    /// The vMCP to serve.
    #[arg(long, value_name = "NAME")]
    vmcp: String,
    /// Definition file (default: $VMCP_HOME/vmcp.yaml).
    #[arg(long, short = 'c', value_name = "FILE")]
    config: Option<PathBuf>,
    /// Do not follow edits of the definition while serving (SIGHUP still reloads it).
    #[arg(long)]
    no_watch: bool,
}

/// Hidden: `vmcp __conformance-client URL` runs one scenario of the official MCP conformance
/// suite's client mode (the URL comes last, as the suite appends it).
const CONFORMANCE_SUBCOMMAND: &str = "__conformance-client";

fn conformance_client() -> ExitCode {
    let Some(url) = std::env::args().skip(2).last() else {
        output::error(&anyhow::anyhow!("usage: vmcp __conformance-client URL"));
        return ExitCode::from(exit::USAGE);
    };
    if let Err(e) = logging::init(1, false, false, None) {
        output::error(&e);
        return ExitCode::from(exit::FAILURE);
    }
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return ExitCode::from(exit::FAILURE);
    };
    let result = runtime.block_on(app::auth::conformance::run(&url));
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    match result {
        Ok(lines) => {
            for l in lines {
                render::line(&l);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            output::error(&e);
            ExitCode::from(exit::FAILURE)
        }
    }
}

/// Chooses the TLS implementation of every HTTP client vmcp builds (upstreams, OAuth, custom
/// `http` tools): reqwest is built without one, so it is installed here, once, before anything
/// can connect. Code that builds an HTTP client without going through [`main`] installs it first.
fn install_tls_provider() {
    // Fails only if a provider is installed already, which is just as good.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Parses the command line, runs the command, and returns the process exit code.
pub fn main() -> ExitCode {
    // Internal entry points, kept out of clap so that help, completions and man pages never
    // show them.
    let first = std::env::args_os().nth(1);
    if first.as_deref() == Some(std::ffi::OsStr::new(reaper::REAPER_SUBCOMMAND)) {
        let code = reaper::run(std::io::stdin().lock());
        return ExitCode::from(u8::try_from(code).unwrap_or(exit::FAILURE));
    }
    install_tls_provider();
    if first.as_deref() == Some(std::ffi::OsStr::new(generate::GENERATE_SUBCOMMAND)) {
        return match generate::generate(std::env::args_os().nth(2)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                output::error(&e);
                ExitCode::from(exit::FAILURE)
            }
        };
    }
    if first.as_deref() == Some(std::ffi::OsStr::new(CONFORMANCE_SUBCOMMAND)) {
        return conformance_client();
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // Needs neither logging, a runtime nor the store.
    if let Command::Completions(a) = &cli.command {
        generate::completions(a);
        return ExitCode::SUCCESS;
    }
    if cli.global.quiet || cli.global.no_progress {
        progress::disable();
    }
    let report_only = matches!(
        cli.command,
        Command::Check(_)
            | Command::Tools(_)
            | Command::Prompts(_)
            | Command::Resources(_)
            | Command::Call(_)
    );
    if let Err(e) = logging::init(
        cli.global.verbose,
        cli.global.quiet,
        report_only,
        cli.global.log_file.as_deref(),
    ) {
        output::error(&e);
        return ExitCode::from(exit::FAILURE);
    }
    // One thread: a stdio proxy is I/O-bound, and a single-threaded scheduler has the cheapest
    // wakeups (measured: a 2-worker runtime gave the same latency and 50% more start-up time).
    // `vmcp serve` answers many clients at once: a worker per CPU.
    let serving = matches!(&cli.command, Command::Serve(a) if a.serves());
    let mut builder = if serving {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            output::error(&anyhow::Error::from(e).context("cannot start the async runtime"));
            return ExitCode::from(exit::FAILURE);
        }
    };
    let result = runtime.block_on(run(cli.command));
    // Do not wait for tasks still blocked on I/O (e.g. a terminal stdin read)…
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    // …and leave no process behind: what upstreams and tools detached came back to us.
    crate::process::sweep();
    // …but never exit in the middle of a store write: that would leave the file for the next
    // process to repair.
    crate::store::wait_for_writes();
    let code = match result {
        Ok(()) => exit::OK,
        Err(e) => exit_code::report(&e),
    };
    let _ = std::io::stdout().flush();
    ExitCode::from(code)
}

async fn run(command: Command) -> anyhow::Result<()> {
    let ctx = app::context::Context::from_env()?;
    // Doctor reports an unusable home among everything else; every other command stops here.
    if !matches!(command, Command::Doctor(_)) {
        ctx.check_home()?;
    }
    match command {
        Command::Stdio(a) => {
            let opts = app::stdio::StdioOptions {
                config: a.config,
                vmcp: a.vmcp,
                watch: !a.no_watch,
            };
            app::stdio::run(opts, ctx).await
        }
        Command::Serve(a) => serve::run(a, ctx).await,
        // Commands that start upstreams end the same way when signalled (see `interrupt`).
        Command::Check(a) => interrupt::guard(check::run(&a, &ctx)).await,
        Command::Tools(c) => interrupt::guard(catalog::run_tools(c, &ctx)).await,
        Command::Prompts(c) => interrupt::guard(catalog::run_prompts(c, &ctx)).await,
        Command::Resources(c) => interrupt::guard(catalog::run_resources(c, &ctx)).await,
        Command::Call(a) => interrupt::guard(call::run(a, &ctx)).await,
        Command::Server(c) => server::run(c, &ctx).await,
        Command::Registry(c) => registry::run(c, &ctx).await,
        Command::Vmcp(c) => vmcp::run(c, &ctx),
        Command::Import(a) => import::run(&a, &ctx),
        Command::Install(a) => install::run(&a, &ctx, false),
        Command::Uninstall(a) => install::run(&a, &ctx, true),
        Command::Stats(a) => calls::run_stats(&a, &ctx),
        Command::Log(a) => calls::run_log(&a, &ctx).await,
        Command::Settings(c) => settings::run(c, &ctx),
        Command::Cache(c) => cache::run(c, &ctx),
        Command::Trust(c) => trust::run(c, &ctx).await,
        Command::Auth(c) => auth::run_status(&c, &ctx),
        Command::Login(a) => auth::run_login(a, &ctx).await,
        Command::Logout(a) => auth::run_logout(&a, &ctx).await,
        Command::Doctor(a) => doctor::run(&a, &ctx).await,
        Command::Completions(_) => Ok(()),
    }
}
