//! `vmcp doctor`: clap types, the human rendering and the exit code; the work is in
//! `app::doctor`.

use std::path::PathBuf;

use clap::Args;

use super::exit_code::{Silent, exit};
use super::render;
use crate::app::clients::GUI_PATH;
use crate::app::context::Context;
use crate::app::doctor::clients::ClientReport;
use crate::app::doctor::servers::ServerReport;
use crate::app::doctor::{self, DoctorInputs, DoctorReport, Level, StoreHealth, StoreReport};
use crate::support::env_vars;

const AFTER_HELP: &str = "\
Read-only: nothing is started, contacted, created or migrated.
Exit codes: 0 no errors (warnings allowed), 1 at least one error (e.g. a damaged store, a
definition file that does not parse, a server command that is not found), 2 usage error.";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub(super) struct DoctorArgs {
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub(super) async fn run(a: &DoctorArgs, ctx: &Context) -> anyhow::Result<()> {
    let executable = std::env::current_exe()
        .ok()
        .map(|p| std::fs::canonicalize(&p).unwrap_or(p));
    let inputs = DoctorInputs {
        executable,
        vmcp_home: std::env::var_os(env_vars::VMCP_HOME)
            .filter(|h| !h.is_empty())
            .map(PathBuf::from),
        path: std::env::var_os("PATH"),
    };
    let report = doctor::run(ctx, &inputs).await;
    if a.json {
        render::json(&report)?;
    } else {
        human(&report);
    }
    if report.errors() > 0 {
        return Err(Silent(exit::FAILURE).into());
    }
    Ok(())
}

fn mark(level: Level) -> &'static str {
    match level {
        Level::Ok => "✓",
        Level::Warn => "!",
        Level::Error => "✗",
    }
}

fn yes(ok: bool) -> Level {
    if ok { Level::Ok } else { Level::Error }
}

/// A titled block of `key  value` lines, keys aligned.
fn section(title: &str, rows: &[(String, String)]) {
    render::line(title);
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (k, v) in rows {
        let pad = " ".repeat(width - k.chars().count());
        render::line(format!("  {k}{pad}  {v}").trim_end());
    }
    render::line("");
}

/// `1 server`, `2 servers`.
fn count(n: impl Into<u64>, what: &str) -> String {
    let n = n.into();
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn row(key: impl Into<String>, value: impl Into<String>) -> (String, String) {
    (key.into(), value.into())
}

fn human(r: &DoctorReport) {
    let exe = r
        .vmcp
        .executable
        .as_ref()
        .map_or_else(|| "unknown".to_string(), |p| p.display().to_string());
    section(
        "vmcp",
        &[
            row("version", r.vmcp.version),
            row("platform", format!("{} {}", r.vmcp.os, r.vmcp.arch)),
            row("executable", exe),
        ],
    );
    let p = &r.paths;
    let home = p
        .vmcp_home
        .as_ref()
        .map_or_else(|| "not set".to_string(), |h| h.display().to_string());
    let c = &p.config_file;
    let config = if !c.exists {
        format!("- {} (none)", c.path.display())
    } else if c.parses == Some(true) {
        format!(
            "✓ {} ({}, {})",
            c.path.display(),
            count(c.servers as u64, "server"),
            count(c.vmcps as u64, "vMCP")
        )
    } else if c.readable {
        format!("✗ {} (does not parse)", c.path.display())
    } else {
        format!("✗ {} (cannot be read)", c.path.display())
    };
    let dir = |d: &doctor::DirReport| {
        let state = match (d.exists, d.writable) {
            (true, true) => "writable",
            (true, false) => "not writable",
            (false, true) => "not created yet, can be",
            (false, false) => "not created yet, cannot be",
        };
        format!("{} {} ({state})", mark(yes(d.writable)), d.path.display())
    };
    section(
        "paths",
        &[
            row("VMCP_HOME", home),
            row("config file", config),
            row("config dir", dir(&p.config_dir)),
            row("data dir", dir(&p.data_dir)),
        ],
    );
    section("store", &store_rows(&r.store));
    servers(&r.servers);
    clients(&r.clients);
    let tools: Vec<(String, String)> = r
        .tools
        .iter()
        .map(|t| {
            let value = match (&t.path, &t.version, &t.error) {
                (None, _, _) => "not found".to_string(),
                (Some(p), Some(v), _) => format!("{v}  ({})", p.display()),
                (Some(p), None, e) => format!(
                    "! {}  ({})",
                    e.as_deref().unwrap_or("no version"),
                    p.display()
                ),
            };
            row(t.name, value)
        })
        .collect();
    section("tools (on PATH)", &tools);
    problems(r);
}

fn store_rows(s: &StoreReport) -> Vec<(String, String)> {
    let health = match s.health {
        StoreHealth::Ok => "✓ ok".to_string(),
        StoreHealth::NotCreated => {
            "- not created yet (the first `vmcp server add` creates it)".into()
        }
        StoreHealth::Older => "! older schema (migrated on the next change)".into(),
        StoreHealth::Busy => "! busy (another vmcp holds it)".into(),
        StoreHealth::Damaged => "✗ damaged".into(),
        StoreHealth::Newer => "✗ written by a newer vmcp".into(),
        StoreHealth::Unreadable => "✗ cannot be opened".into(),
    };
    let mut rows = vec![
        row("file", s.path.display().to_string()),
        row("health", health),
    ];
    let schema = s
        .schema_version
        .map_or_else(|| "-".to_string(), |v| v.to_string());
    if s.health != StoreHealth::NotCreated {
        rows.push(row(
            "schema",
            format!(
                "{schema} (this vmcp reads up to {})",
                s.supported_schema_version
            ),
        ));
    }
    if let (Some(servers), Some(vmcps)) = (s.servers, s.vmcps) {
        rows.push(row(
            "contents",
            format!("{}, {}", count(servers, "server"), count(vmcps, "vMCP")),
        ));
    }
    if let Some(size) = s.size_bytes {
        rows.push(row("size", format!("{size} bytes")));
    }
    if let Some(mode) = &s.mode {
        let m = if mode == "0600" { "✓" } else { "!" };
        rows.push(row("mode", format!("{m} {mode}")));
    }
    if let Some(w) = s.writable {
        rows.push(row("writable", if w { "✓ yes" } else { "✗ no" }));
    }
    rows
}

fn servers(servers: &[ServerReport]) {
    let rows: Vec<(String, String)> = servers
        .iter()
        .map(|s| {
            let what = if let Some(url) = &s.url {
                format!("http  {url}")
            } else {
                let program = s
                    .program
                    .as_deref()
                    .or(s.command.as_deref())
                    .unwrap_or_default();
                let at = match (&s.found, &s.found_on_gui_path) {
                    (None, _) if s.program.is_none() => "cannot be expanded".to_string(),
                    (None, _) => "not found on PATH".to_string(),
                    (Some(p), None) => format!("{} (not on the GUI PATH)", p.display()),
                    (Some(p), Some(_)) => p.display().to_string(),
                };
                format!("stdio {program} → {at}")
            };
            let what = match (&s.protocol, s.protocol_from) {
                (Some(p), Some(from)) => format!("{what} · protocol {p} ({from})"),
                (Some(p), None) => format!("{what} · protocol {p}"),
                _ => what,
            };
            row(
                format!("{} {}", mark(s.status), s.name),
                format!("{:<12}  {what}", s.source),
            )
        })
        .collect();
    let title = match GUI_PATH {
        Some(gui) => format!("servers (GUI PATH: {gui})"),
        None => "servers".to_string(),
    };
    if rows.is_empty() {
        section(&title, &[row("none", "")]);
    } else {
        section(&title, &rows);
    }
}

fn clients(clients: &[ClientReport]) {
    let mut rows = Vec::new();
    for c in clients {
        let file = c.config_path.as_ref().map_or_else(
            || "no known location".to_string(),
            |p| p.display().to_string(),
        );
        let value = if let Some(e) = &c.error {
            format!("! {file}: {e}")
        } else if !c.exists {
            format!("- {file} (none)")
        } else if c.entries.is_empty() {
            format!("- {file} (vmcp not installed)")
        } else {
            format!("✓ {file}")
        };
        rows.push(row(c.client, value));
        for e in &c.entries {
            let found = if e.command_found { "✓" } else { "✗" };
            rows.push(row(
                "",
                format!(
                    "  {found} `{}` serves vMCP `{}` ({})",
                    e.key,
                    e.vmcp.as_deref().unwrap_or("?"),
                    e.command
                ),
            ));
        }
    }
    section("AI clients", &rows);
}

fn problems(r: &DoctorReport) {
    if r.problems.is_empty() {
        render::line("no problems found");
        return;
    }
    render::line("problems");
    for p in &r.problems {
        let word = if p.severity == Level::Error {
            "error"
        } else {
            "warning"
        };
        let message = p.message.replace('\n', "\n    ");
        render::line(&format!("  {} {word}: {message}", mark(p.severity)));
        if let Some(h) = &p.hint {
            render::line(&format!("    hint: {h}"));
        }
    }
    render::line("");
    render::line(&format!(
        "{}, {}",
        count(r.errors() as u64, "error"),
        count(r.warnings() as u64, "warning")
    ));
}
