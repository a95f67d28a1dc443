//! `vmcp check`: the report for humans (one line per vMCP, problems under it) or `--json`.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::exit_code::{Silent, exit};
use super::{progress, render};
use crate::app::check::{self, CheckOptions, CheckReport, ServerTrust, VmcpCheck};
use crate::app::context::Context;
use crate::config::ConfigError;

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// Definition file (default: $VMCP_HOME/vmcp.yaml and the store).
    #[arg(long, short = 'c', value_name = "FILE")]
    config: Option<PathBuf>,
    /// Check only this vMCP.
    #[arg(long, value_name = "NAME", conflicts_with = "all")]
    vmcp: Option<String>,
    /// Check every vMCP (the default without --vmcp).
    #[arg(long)]
    all: bool,
    /// Validate the definitions only; start no server.
    #[arg(long)]
    offline: bool,
    /// Fail unless the vMCP exposes this tool (repeatable; needs --vmcp).
    #[arg(
        long,
        value_name = "TOOL",
        requires = "vmcp",
        conflicts_with = "offline"
    )]
    expect_tool: Vec<String>,
    /// Print the report as JSON (see README, "JSON output").
    #[arg(long)]
    json: bool,
    /// Fail on warnings too (tool definitions that look poisoned).
    #[arg(long, conflicts_with = "offline")]
    strict: bool,
}

/// `--json` for definitions that do not validate.
#[derive(Serialize)]
struct InvalidReport {
    ok: bool,
    errors: Vec<JsonDiagnostic>,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    file: PathBuf,
    line: Option<usize>,
    column: Option<usize>,
    path: String,
    message: String,
    hint: Option<String>,
}

pub(super) async fn run(a: &CheckArgs, ctx: &Context) -> anyhow::Result<()> {
    let opts = CheckOptions {
        config: a.config.clone(),
        vmcp: a.vmcp.clone(),
        offline: a.offline,
        expect_tools: a.expect_tool.clone(),
        strict: a.strict,
    };
    let spinner = progress::spinner(if a.offline {
        "validating…"
    } else {
        "starting each vMCP's servers…"
    });
    let result = check::run(&opts, ctx, &crate::app::definition::resolve::process_env).await;
    spinner.finish();
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            if a.json
                && let Some(ConfigError::Invalid(diags)) = e.downcast_ref::<ConfigError>()
            {
                render::json(&InvalidReport {
                    ok: false,
                    errors: diags
                        .iter()
                        .map(|d| JsonDiagnostic {
                            file: d.file.clone(),
                            line: d.position.map(|p| p.line),
                            column: d.position.map(|p| p.column),
                            path: d.path.clone(),
                            message: d.message.clone(),
                            hint: d.hint.clone(),
                        })
                        .collect(),
                })?;
                return Err(Silent(exit::CONFIG).into());
            }
            return Err(e);
        }
    };
    if a.json {
        render::json(&report)?;
    } else {
        print_report(&report);
    }
    if report.ok {
        Ok(())
    } else {
        Err(Silent(exit::FAILURE).into())
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(v: &VmcpCheck) -> String {
    let Some(e) = &v.exposed else {
        return plural(v.servers.len(), "server", "servers");
    };
    let ready = v.servers.iter().filter(|s| s.state == "ready").count();
    let mut parts = vec![
        format!("{ready}/{} servers ready", v.servers.len()),
        match e.listed_tools {
            Some(listed) => format!(
                "{} behind tool search ({listed} listed)",
                plural(e.tools, "tool", "tools")
            ),
            None => plural(e.tools, "tool", "tools"),
        },
    ];
    for (n, one, many) in [
        (e.prompts, "prompt", "prompts"),
        (e.resources, "resource", "resources"),
        (e.templates, "resource template", "resource templates"),
    ] {
        if n > 0 {
            parts.push(plural(n, one, many));
        }
    }
    let ms = v
        .startup_ms
        .map(|m| format!(" ({m} ms)"))
        .unwrap_or_default();
    format!("{}{ms}", parts.join(", "))
}

fn print_report(r: &CheckReport) {
    let sources: Vec<String> = r.sources.iter().map(|p| p.display().to_string()).collect();
    render::line(&format!(
        "checked {}{}",
        sources.join(", "),
        if r.live {
            ""
        } else {
            " (definitions only; no server started)"
        }
    ));
    if r.vmcps.is_empty() {
        render::line("no vMCP defined");
    }
    let width = r.vmcps.iter().map(|v| v.name.len()).max().unwrap_or(0);
    for v in &r.vmcps {
        let status = match (v.ok, v.warnings.is_empty()) {
            (false, _) => "FAIL",
            (true, false) => "warn",
            (true, true) => "ok  ",
        };
        render::line(&format!("{status}  {:width$}  {}", v.name, summary(v)));
        for s in &v.servers {
            if let Some(ServerTrust {
                approved_at: Some(at),
                automatic: true,
                ..
            }) = &s.trust
            {
                render::line(&format!(
                    "      · server `{}`: {}",
                    s.name,
                    super::trust::approved(*at, true)
                ));
            }
        }
        for (mark, items) in [("-", &v.problems), ("!", &v.warnings), ("·", &v.notes)] {
            for p in items {
                for (i, line) in p.message.lines().enumerate() {
                    let indent = if i == 0 {
                        format!("      {mark} ")
                    } else {
                        "        ".to_string()
                    };
                    render::line(&format!("{indent}{}", line.trim_start()));
                }
            }
        }
    }
    let warned: usize = r
        .vmcps
        .iter()
        .flat_map(|v| &v.warnings)
        .filter(|w| w.kind == "suspicious")
        .count();
    if warned > 0 {
        render::line(&format!(
            "{} look{} like tool poisoning (`!` lines): read them before trusting these servers",
            plural(warned, "tool definition", "tool definitions"),
            if warned == 1 { "s" } else { "" }
        ));
    }
    let failed = r.vmcps.iter().filter(|v| !v.ok).count();
    if failed > 0 {
        render::line(&format!(
            "{failed} of {} failed",
            plural(r.vmcps.len(), "vMCP", "vMCPs")
        ));
    }
}
