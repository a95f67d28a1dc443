//! `vmcp doctor`, servers: whether each stdio server's program can be found — on the PATH of
//! this shell, and on the thin PATH a GUI client gives the vmcp it launches (which vmcp passes
//! on to its children) — and the URL of each HTTP server, secrets hidden. Nothing is started and
//! nothing is contacted.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Level, Problems};
use crate::app::clients::GUI_PATH;
use crate::app::definition::paths::resolve_program;
use crate::app::definition::resolve;
use crate::config::{ProtocolChoice, ServerConfig, interpolate};
use crate::store::CachedCatalog;
use crate::support::program::locate;

/// One server as doctor sees it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ServerReport {
    pub name: String,
    /// `store` or `default-file`.
    pub source: &'static str,
    /// `stdio` or `http`.
    pub transport: &'static str,
    pub status: Level,
    /// `command` as written.
    pub command: Option<String>,
    /// The program vmcp would start (`${env:…}` expanded, relative paths resolved).
    pub program: Option<String>,
    /// Where it is found on the current PATH (or the path itself, when it names a file).
    pub found: Option<PathBuf>,
    /// Where it is found on the PATH of a GUI-launched client ([`GUI_PATH`]).
    pub found_on_gui_path: Option<PathBuf>,
    /// `url` as written, with credentials hidden.
    pub url: Option<String>,
    /// The MCP version vmcp speaks to it, when known without contacting it: what its
    /// `protocol:` setting names, else what it spoke at its last start.
    pub protocol: Option<String>,
    /// Where `protocol` comes from: `setting` or `last start`.
    pub protocol_from: Option<&'static str>,
}

/// Checks `servers` of one source; relative programs resolve against `base_dir`.
pub(super) fn check(
    servers: &BTreeMap<String, ServerConfig>,
    source: &'static str,
    base_dir: &Path,
    path: Option<&OsStr>,
    problems: &mut Problems,
) -> Vec<ServerReport> {
    servers
        .iter()
        .map(|(name, s)| check_one(name, s, source, base_dir, path, problems))
        .collect()
}

fn check_one(
    name: &str,
    server: &ServerConfig,
    source: &'static str,
    base_dir: &Path,
    path: Option<&OsStr>,
    problems: &mut Problems,
) -> ServerReport {
    let mut report = ServerReport {
        name: name.to_string(),
        source,
        transport: if server.url.is_some() {
            "http"
        } else {
            "stdio"
        },
        status: Level::Ok,
        command: server.command.clone(),
        program: None,
        found: None,
        found_on_gui_path: None,
        url: server.url.as_deref().map(crate::support::url::redacted),
        protocol: None,
        protocol_from: None,
    };
    let configured = match server.protocol {
        Some(ProtocolChoice::Modern) => Some(crate::protocol::mcp::MODERN_VERSION),
        Some(ProtocolChoice::Legacy) => Some(crate::protocol::mcp::PROTOCOL_VERSION),
        Some(ProtocolChoice::Auto) | None => None,
    };
    if let Some(version) = configured {
        report.protocol = Some(version.to_string());
        report.protocol_from = Some("setting");
    }
    let Some(command) = &server.command else {
        return report;
    };
    let fix = match source {
        "store" => format!("`vmcp server edit {name}`"),
        _ => "in the default definition file".to_string(),
    };
    let program = match interpolate::expand(command, &resolve::process_env) {
        Ok(p) => resolve_program(&p, base_dir),
        Err(e) => {
            report.status = Level::Warn;
            problems.add(
                Level::Warn,
                format!("server `{name}` ({source}): its command cannot be expanded here: {e}"),
                Some("set the variable in the environment the AI client gives vmcp".into()),
            );
            return report;
        }
    };
    report.found = locate(&program, path);
    report.found_on_gui_path = match GUI_PATH {
        Some(gui) => locate(&program, Some(OsStr::new(gui))),
        None => report.found.clone(),
    };
    match (&report.found, &report.found_on_gui_path) {
        (None, _) => {
            report.status = Level::Error;
            problems.add(
                Level::Error,
                format!("server `{name}` ({source}): command `{program}` not found on PATH"),
                Some(format!(
                    "install it, or set `command` to its absolute path ({fix})"
                )),
            );
        }
        (Some(at), None) => {
            report.status = Level::Warn;
            problems.add(
                Level::Warn,
                format!(
                    "server `{name}` ({source}): `{program}` is on your PATH ({}) but not on the PATH a GUI client gives vmcp ({})",
                    at.display(),
                    GUI_PATH.unwrap_or_default()
                ),
                Some(format!(
                    "use the absolute path: `command: {}` ({fix})",
                    at.display()
                )),
            );
        }
        (Some(_), Some(_)) => {}
    }
    report.program = Some(program);
    report
}

/// Fills in the protocol each server spoke at its last start (the catalog cache keeps it),
/// where no setting names one.
pub(super) fn remembered_protocols(
    reports: &mut [ServerReport],
    cached: &BTreeMap<String, CachedCatalog>,
) {
    for r in reports.iter_mut().filter(|r| r.protocol.is_none()) {
        if let Some(version) = cached.get(&r.name).and_then(|c| c.protocol.clone()) {
            r.protocol = Some(version);
            r.protocol_from = Some("last start");
        }
    }
}
