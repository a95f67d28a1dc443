//! `vmcp doctor`, the outside world: which AI clients have entries that launch vmcp (and which
//! vMCP each serves), and the versions of the launchers MCP servers usually need.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use nix::sys::signal::Signal;

use super::{Level, Problems};
use crate::app::clients::document::Document;
use crate::app::clients::{Client, GUI_PATH, runs_vmcp};
use crate::app::definition::resolve;
use crate::process::{RunError, Spawn};
use crate::support::env_vars;
use crate::support::program::locate;

/// Launchers MCP servers are usually started with, asked for `--version`.
const TOOLS: [&str; 5] = ["node", "npx", "uvx", "python3", "docker"];

/// How long one `--version` may take.
const TOOL_TIMEOUT: Duration = Duration::from_secs(2);
/// How much of a `--version` output is read (of stdout, and of the end of stderr).
const VERSION_OUTPUT: usize = 4096;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ClientReport {
    pub client: &'static str,
    /// Its user-level MCP configuration (`None` when this platform has no such place).
    pub config_path: Option<PathBuf>,
    pub exists: bool,
    /// Why the file could not be read.
    pub error: Option<String>,
    /// Its entries that launch vmcp.
    pub entries: Vec<ClientEntry>,
}

/// An entry of a client's configuration that runs `vmcp stdio`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ClientEntry {
    /// The entry's key.
    pub key: String,
    pub command: String,
    /// The vMCP it serves (after `--vmcp`).
    pub vmcp: Option<String>,
    /// The `VMCP_HOME` it passes, if any.
    pub vmcp_home: Option<String>,
    /// Whether the client can start `command` (absolute: it exists; bare: it is on the PATH
    /// the client gives it).
    pub command_found: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ToolReport {
    pub name: &'static str,
    /// Where it is on the PATH; `None`: not found.
    pub path: Option<PathBuf>,
    /// The first line of `NAME --version`.
    pub version: Option<String>,
    /// Why the version could not be read.
    pub error: Option<String>,
}

pub(super) fn clients(
    vmcp_home: Option<&Path>,
    known_vmcps: &[String],
    path: Option<&OsStr>,
    problems: &mut Problems,
) -> Vec<ClientReport> {
    Client::ALL
        .iter()
        .map(|c| client(*c, vmcp_home, known_vmcps, path, problems))
        .collect()
}

fn client(
    client: Client,
    vmcp_home: Option<&Path>,
    known_vmcps: &[String],
    path: Option<&OsStr>,
    problems: &mut Problems,
) -> ClientReport {
    let config_path = client.config_path();
    let mut report = ClientReport {
        client: client.name(),
        config_path: config_path.clone(),
        exists: config_path.as_deref().is_some_and(Path::exists),
        error: None,
        entries: Vec::new(),
    };
    let Some(file) = config_path.filter(|_| report.exists) else {
        return report;
    };
    let servers = Document::read(client, &file).and_then(|d| d.servers());
    let servers = match servers {
        Ok(s) => s,
        Err(e) => {
            problems.add(
                Level::Warn,
                e.0.clone(),
                Some(format!(
                    "{} may not start vmcp until it is fixed",
                    client.name()
                )),
            );
            // The report has the path already.
            let prefix = format!("{}:", file.display());
            report.error = Some(e.0.strip_prefix(&prefix).unwrap_or(&e.0).trim().to_string());
            return report;
        }
    };
    // Terminal clients have the shell's PATH; the others are GUI apps.
    let client_path = if client.in_terminal() {
        path
    } else {
        GUI_PATH.map(OsStr::new).or(path)
    };
    for (key, entry) in servers.iter().filter(|(_, e)| runs_vmcp(e)) {
        let e = client_entry(key, entry, client_path);
        if !e.command_found {
            problems.add(
                Level::Error,
                format!(
                    "{}: entry `{key}` runs `{}`, which {} cannot find",
                    client.name(),
                    e.command,
                    client.name()
                ),
                Some(format!(
                    "reinstall it: `vmcp install {} --client {}`",
                    e.vmcp.as_deref().unwrap_or("NAME"),
                    client.name()
                )),
            );
        }
        let same_home = e.vmcp_home.as_deref().map(Path::new) == vmcp_home;
        let own_config = entry
            .get("args")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|x| x == "--config" || x == "-c"));
        if let Some(v) = &e.vmcp
            && same_home
            && !own_config
            && !known_vmcps.contains(v)
        {
            problems.add(
                Level::Warn,
                format!(
                    "{}: entry `{key}` serves vMCP `{v}`, which is not defined",
                    client.name()
                ),
                Some(format!(
                    "create it (`vmcp vmcp create {v}`) or remove the entry (`vmcp uninstall {v} --client {}`)",
                    client.name()
                )),
            );
        }
        report.entries.push(e);
    }
    report
}

fn client_entry(key: &str, entry: &Value, client_path: Option<&OsStr>) -> ClientEntry {
    let command = entry
        .get("command")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let args: Vec<&str> = entry
        .get("args")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let vmcp = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--vmcp=")
            .map(str::to_string)
            .or_else(|| (*a == "--vmcp").then(|| args.get(i + 1).map(|s| (*s).to_string()))?)
    });
    let vmcp_home = entry
        .pointer(&format!("/env/{}", env_vars::VMCP_HOME))
        .and_then(Value::as_str)
        .map(str::to_string);
    ClientEntry {
        key: key.to_string(),
        command_found: locate(&command, client_path).is_some(),
        command,
        vmcp,
        vmcp_home,
    }
}

/// `--version` of each launcher found on `path`, all at once, each within [`TOOL_TIMEOUT`].
pub(super) async fn tools(path: Option<&OsStr>) -> Vec<ToolReport> {
    let runs = TOOLS.iter().map(|name| {
        let found = locate(name, path);
        async move {
            let mut report = ToolReport {
                name,
                path: found.clone(),
                version: None,
                error: None,
            };
            if let Some(exe) = found {
                match version(&exe).await {
                    Ok(v) => report.version = Some(v),
                    Err(e) => report.error = Some(e),
                }
            }
            report
        }
    });
    futures_util::future::join_all(runs).await
}

/// The first line `exe --version` prints. Run as vmcp runs every program (its own process
/// group, ended with it), with the environment a server would get.
async fn version(exe: &Path) -> Result<String, String> {
    let program = exe.to_string_lossy();
    let env = resolve::inherited_env(&resolve::process_env);
    let spawn = Spawn {
        program: &program,
        args: &["--version".to_string()],
        env: &env,
        cwd: None,
        stdin: false,
        parent_death: Signal::SIGKILL,
    };
    let run = crate::process::run(&spawn, None, VERSION_OUTPUT, VERSION_OUTPUT);
    let out = match tokio::time::timeout(TOOL_TIMEOUT, run).await {
        Ok(Ok(out)) => out,
        Ok(Err(RunError::Spawn { source, .. } | RunError::Wait { source, .. })) => {
            return Err(source.to_string());
        }
        Ok(Err(e)) => return Err(e.to_string()),
        Err(_) => return Err(format!("no answer within {}s", TOOL_TIMEOUT.as_secs())),
    };
    // Some tools (older Pythons) print their version on stderr.
    let text = if out.stdout.is_empty() {
        out.stderr_tail
    } else {
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string);
    match first {
        Some(line) if out.status.success() => Ok(line),
        Some(line) => Err(format!("{}: {line}", out.status)),
        None => Err(format!("{} and no output", out.status)),
    }
}
