//! vmcp-test-upstream: a configurable MCP server for vmcp's tests, benchmark and examples.
//!
//! Tools: echo, add, slow, fail, rpc_error, counter (stateful), progress, sample, elicit, roots,
//! log (nothing below the level `logging/setLevel` set), pid, env, add_tool (emits
//! list_changed), touch (emits resources/updated), crash, big,
//! rich (a tool definition using every field), deep (with `--deep-tool`: nested past a JSON
//! parser's recursion limit); `exact` (numbers and escapes as written), `garbled`, and
//! `args_create` / `args_search` (answer with the arguments they got) when `--only-tools`
//! names them. Prompts, resources and a resource template,
//! completion, subscriptions and logging are supported too. Behaviour switches simulate slow,
//! failing, crashing and noisy servers. Serves stdio by default, streamable HTTP with `--http`.

mod http;
mod jwt;
mod oauth;
mod server;
mod sse;
mod tools;

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;

#[derive(Debug, Parser, Clone)]
#[command(
    name = "vmcp-test-upstream",
    version,
    about = "A configurable MCP server for testing vmcp"
)]
pub(crate) struct Opts {
    /// Server name (reported in serverInfo and in `echo` replies when --tag-replies is set).
    #[arg(long, default_value = "test-upstream")]
    pub(crate) name: String,
    /// Sleep this long before reading any input (a slow-starting server).
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub(crate) startup_delay_ms: u64,
    /// Apply --startup-delay-ms only if this marker file does not exist yet (then create it).
    #[arg(long, value_name = "FILE")]
    pub(crate) slow_once: Option<PathBuf>,
    /// Exit with status 3 when a tools/call arrives after this many calls.
    #[arg(long, value_name = "N")]
    pub(crate) crash_after: Option<u64>,
    /// Exit with status 4 this long after starting, whatever it is doing (a crash-looping server).
    #[arg(long, value_name = "MS")]
    pub(crate) exit_after_ms: Option<u64>,
    /// Open this vmcp store, start a write and exit without finishing it (a process killed
    /// mid-write), then exit 9. For the store's crash-recovery tests.
    #[arg(long, value_name = "STORE")]
    pub(crate) die_mid_store_write: Option<PathBuf>,
    /// Open this vmcp store, begin a write transaction, print `holding`, keep it for
    /// --hold-ms (other writers wait their turn meanwhile), then abort it and exit 0.
    #[arg(long, value_name = "STORE")]
    pub(crate) hold_store_write: Option<PathBuf>,
    /// How long --hold-store-write holds the store.
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    pub(crate) hold_ms: u64,
    /// Exit at once with this status, after writing to stderr (a broken server).
    #[arg(long, value_name = "CODE")]
    pub(crate) exit_immediately: Option<i32>,
    /// Never answer `initialize` (a hung server).
    #[arg(long)]
    pub(crate) hang: bool,
    /// Append lifecycle events (initialize, cancelled, subscribe, …) to this file.
    #[arg(long, value_name = "FILE")]
    pub(crate) events: Option<PathBuf>,
    /// Write our pid to this file.
    #[arg(long, value_name = "FILE")]
    pub(crate) pidfile: Option<PathBuf>,
    /// Start a grandchild (`sleep 600`) in our process group and write its pid to this file.
    #[arg(long, value_name = "FILE")]
    pub(crate) grandchild: Option<PathBuf>,
    /// Start a grandchild (`sleep 600`) that leaves our process group and session (`setsid`),
    /// with no inherited stdio, and write its pid to this file.
    #[arg(long, value_name = "FILE")]
    pub(crate) setsid_grandchild: Option<PathBuf>,
    /// Write this many bytes to stderr at startup, as one line without a newline.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) stderr_bytes: usize,
    /// Add a tool named `late_tool` and announce list_changed this long after `initialized`.
    #[arg(long, value_name = "MS")]
    pub(crate) list_changed_after_ms: Option<u64>,
    /// Offer this many extra tools `tool_0`..`tool_{N-1}` (each behaves like echo).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) extra_tools: usize,
    /// Give TOOL this description (`TOOL=TEXT`, repeatable): a server that changes (or poisons)
    /// what it says about a tool.
    #[arg(long, value_name = "TOOL=TEXT")]
    pub(crate) describe: Vec<String>,
    /// Add a string parameter to TOOL's input schema (`TOOL=PARAM`, repeatable): a server that
    /// changes a tool's schema.
    #[arg(long, value_name = "TOOL=PARAM")]
    pub(crate) add_param: Vec<String>,
    /// Also offer a tool `deep` whose input schema nests LEVELS objects deep (past the recursion
    /// limit of a JSON parser), described with the marks of tool poisoning.
    #[arg(long, value_name = "LEVELS")]
    pub(crate) deep_tool: Option<usize>,
    /// Only offer these tools (comma-separated), plus extra tools.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub(crate) only_tools: Option<Vec<String>>,
    /// Offer no prompts, resources or templates.
    #[arg(long)]
    pub(crate) tools_only: bool,
    /// Print a non-JSON banner on stdout before serving (a sloppy server).
    #[arg(long)]
    pub(crate) stdout_noise: bool,
    /// Print this many lines to stderr at startup.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) stderr_lines: usize,
    /// Prefix `echo` replies with the server name (to tell upstreams apart).
    #[arg(long)]
    pub(crate) tag_replies: bool,
    /// Serve streamable HTTP on 127.0.0.1:PORT (0 = pick one and print it to stdout).
    #[arg(long, value_name = "PORT", conflicts_with = "sse")]
    pub(crate) http: Option<u16>,
    /// HTTP: answer 401 unless the request carries this header, `NAME: VALUE` (repeatable).
    #[arg(long, value_name = "NAME: VALUE")]
    pub(crate) require_header: Vec<String>,
    /// HTTP: serve any number of sessions at once, each with its own server state (by default a
    /// new initialize ends the previous session).
    #[arg(long)]
    pub(crate) multi_session: bool,
    /// HTTP: protect /mcp with OAuth, served by a built-in authorization server on the same port.
    #[arg(long)]
    pub(crate) oauth: bool,
    /// OAuth: access tokens are JWTs signed RS256 by the key at `/jwks`, for the `resource`
    /// asked for (RFC 8707) as their audience.
    #[arg(long)]
    pub(crate) jwt: bool,
    /// OAuth: access tokens expire after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 3600)]
    pub(crate) token_ttl: u64,
    /// OAuth: tell clients tokens last this long (`expires_in`), whatever --token-ttl says.
    #[arg(long, value_name = "SECS")]
    pub(crate) advertise_ttl: Option<u64>,
    /// OAuth: issue no refresh tokens.
    #[arg(long)]
    pub(crate) no_refresh_tokens: bool,
    /// OAuth: a pre-registered client, `ID` or `ID:SECRET`.
    #[arg(long, value_name = "ID[:SECRET]")]
    pub(crate) oauth_client: Option<String>,
    /// OAuth: no dynamic client registration.
    #[arg(long)]
    pub(crate) no_dcr: bool,
    /// OAuth: calling this tool needs the `write` scope (403 insufficient_scope otherwise).
    #[arg(long, value_name = "TOOL")]
    pub(crate) step_up_tool: Option<String>,
    /// OAuth: the token endpoint waits this long before answering.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub(crate) token_delay_ms: u64,
    /// Serve the legacy HTTP+SSE transport on 127.0.0.1:PORT (0 = pick one and print it).
    #[arg(long, value_name = "PORT")]
    pub(crate) sse: Option<u16>,
    /// HTTP: pretty-print every message sent (JSON bodies, and SSE events over several `data:`
    /// lines), as many servers do; only whitespace is added.
    #[arg(long)]
    pub(crate) pretty: bool,
}

/// The session id of `pid` (Linux `/proc`), if readable.
fn session_of(pid: u32) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state ppid pgrp session …`: fields after the command name.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(3).map(str::to_string)
}

/// Appends one line to the events file, if any.
pub(crate) fn record(opts: &Opts, line: &str) {
    if let Some(path) = &opts.events
        && let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
    {
        let _ = writeln!(f, "{} {line}", opts.name);
    }
}

fn main() -> std::process::ExitCode {
    let opts = Opts::parse();
    if let Some(store) = &opts.die_mid_store_write {
        die_mid_write(store);
    }
    if let Some(store) = &opts.hold_store_write {
        hold_write(store, Duration::from_millis(opts.hold_ms));
    }
    let mut stderr = std::io::stderr().lock();
    for i in 0..opts.stderr_lines {
        let _ = writeln!(stderr, "{} stderr line {i}", opts.name);
    }
    if let Some(code) = opts.exit_immediately {
        let _ = writeln!(stderr, "{}: fatal: simulated startup failure", opts.name);
        return std::process::ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    if let Some(p) = &opts.pidfile {
        let _ = std::fs::write(p, std::process::id().to_string());
    }
    // The test upstream misbehaves on purpose: its grandchildren are left for vmcp to end.
    #[allow(clippy::disallowed_methods, reason = "a test upstream, not vmcp")]
    if let Some(p) = &opts.grandchild
        && let Ok(child) = std::process::Command::new("sleep")
            .arg("600")
            .stdin(std::process::Stdio::null())
            .spawn()
    {
        let _ = std::fs::write(p, child.id().to_string());
    }
    #[allow(clippy::disallowed_methods, reason = "a test upstream, not vmcp")]
    if let Some(p) = &opts.setsid_grandchild
        && let Ok(child) = std::process::Command::new("setsid")
            .args(["sleep", "600"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
    {
        // Not a group leader, so `setsid` detaches and execs in place: the pid is sleep's.
        // Written once it has its own session, so a test sees a detached process.
        let pid = child.id();
        for _ in 0..500 {
            if session_of(pid) != session_of(std::process::id()) {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = std::fs::write(p, pid.to_string());
    }
    if opts.stderr_bytes > 0 {
        let chunk = vec![b'x'; 64 * 1024];
        let mut left = opts.stderr_bytes;
        while left > 0 {
            let n = left.min(chunk.len());
            if stderr.write_all(&chunk[..n]).is_err() {
                break;
            }
            left -= n;
        }
        let _ = stderr.flush();
    }
    let first_start = opts.slow_once.as_ref().is_none_or(|marker| {
        let fresh = !marker.exists();
        let _ = std::fs::write(marker, b"started");
        fresh
    });
    if opts.startup_delay_ms > 0 && first_start {
        std::thread::sleep(Duration::from_millis(opts.startup_delay_ms));
    }
    drop(stderr);
    if let Some(ms) = opts.exit_after_ms {
        let opts = opts.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(ms));
            record(&opts, "exit-after");
            std::process::exit(4);
        });
    }
    if opts.stdout_noise {
        let _ = writeln!(
            std::io::stdout().lock(),
            "test-upstream starting (this line is not JSON-RPC)"
        );
    }
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return std::process::ExitCode::FAILURE;
    };
    let opts = Arc::new(opts);
    runtime.block_on(async move {
        match (opts.http, opts.sse) {
            (Some(port), _) => http::serve(opts.clone(), port).await,
            (None, Some(port)) => sse::serve(opts.clone(), port).await,
            (None, None) => server::serve_stdio(opts.clone()).await,
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(50));
    std::process::ExitCode::SUCCESS
}

/// Writes a record without committing, then exits: the file is left as a killed writer leaves
/// it (marked for recovery, the uncommitted record not in it).
fn die_mid_write(store: &std::path::Path) -> ! {
    let mut builder = redb::Builder::new();
    builder.set_concurrency_mode(redb::ConcurrencyMode::MultiWriter);
    if let Ok(db) = builder.create(store)
        && let Ok(txn) = db.begin_write()
    {
        let table: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("servers");
        if let Ok(mut t) = txn.open_table(table) {
            let _ = t.insert("half-written", b"{}".as_slice());
        }
        std::mem::forget(txn);
        std::mem::forget(db);
    }
    std::process::exit(9);
}

/// Holds a write transaction on the store for `hold`, then aborts it and exits 0 (1 when the
/// store cannot be opened for writing).
fn hold_write(store: &std::path::Path, hold: Duration) -> ! {
    let mut builder = redb::Builder::new();
    builder.set_concurrency_mode(redb::ConcurrencyMode::MultiWriter);
    let Ok(db) = builder.create(store) else {
        std::process::exit(1);
    };
    let Ok(txn) = db.begin_write() else {
        std::process::exit(1);
    };
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "holding");
    let _ = stdout.flush();
    std::thread::sleep(hold);
    drop(txn);
    drop(db);
    std::process::exit(0);
}
