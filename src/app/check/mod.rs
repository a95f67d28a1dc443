//! `vmcp check`: validate definitions (syntax, unknown keys, references, names, `${env:…}`), then
//! — unless `--offline` — start every checked vMCP as `vmcp stdio` would and verify what it
//! exposes (`started.rs`). Definitions come from `--config FILE`, or from the default file and
//! the store.

mod scope;
mod started;

use std::path::PathBuf;

use serde::Serialize;

use super::context::Context;
use super::definition::resolve::{self, EnvLookup};
use super::definition::source::{self, Found};
use crate::config::{ConfigError, Diagnostic};
use crate::session::SessionPlan;

pub(crate) struct CheckOptions {
    pub config: Option<PathBuf>,
    /// Only this vMCP (default: all of them).
    pub vmcp: Option<String>,
    /// Validate only; start nothing.
    pub offline: bool,
    /// Tools the vMCP must expose (live check only).
    pub expect_tools: Vec<String>,
    /// Warnings (suspicious tool definitions) fail the check too.
    pub strict: bool,
}

/// The outcome (also the `--json` shape).
#[derive(Debug, Serialize)]
pub(crate) struct CheckReport {
    pub ok: bool,
    /// Whether the upstreams were started (false with `--offline`).
    pub live: bool,
    /// The definition file and/or store that were read.
    pub sources: Vec<PathBuf>,
    /// Servers defined in the definition file (store servers are counted per vMCP).
    pub file_servers: usize,
    pub vmcps: Vec<VmcpCheck>,
}

/// One checked vMCP.
#[derive(Debug, Serialize)]
pub(crate) struct VmcpCheck {
    pub name: String,
    /// `file`, `default-file` or `store`.
    pub source: &'static str,
    pub ok: bool,
    /// From start to every upstream started once (live check only).
    pub startup_ms: Option<u64>,
    pub servers: Vec<ServerCheck>,
    /// How many items the AI client would see (live check only).
    pub exposed: Option<Exposed>,
    pub problems: Vec<Problem>,
    /// Worth a look, not a failure unless `--strict`: exposed tools whose definitions carry the
    /// marks of tool poisoning (kind `suspicious`).
    pub warnings: Vec<Problem>,
    /// Advice, never a failure (not even with `--strict`): servers whose `scope` looks wrong or
    /// could be better under `vmcp serve` (kind `scope`; live check only).
    pub notes: Vec<Problem>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ServerCheck {
    pub name: String,
    /// `ready` or `failed` after a live check; `not started` offline.
    pub state: &'static str,
    pub error: Option<String>,
    /// The MCP version spoken with it (`2026-07-28`, `2025-11-25`…; absent when it did not
    /// start).
    pub protocol: Option<String>,
    pub tools: usize,
    pub prompts: usize,
    pub resources: usize,
    pub templates: usize,
    /// Its trust mode and approval after the check (live check only).
    pub trust: Option<ServerTrust>,
}

/// A server's trust mode and approval (a `--json` shape).
#[derive(Debug, Serialize)]
pub(crate) struct ServerTrust {
    /// `pinned`, `review` or `always`.
    pub mode: &'static str,
    /// Unix seconds of the approval; `None`: never approved.
    pub approved_at: Option<u64>,
    /// Approved automatically on first use (possibly by this check).
    pub automatic: bool,
}

#[derive(Debug, Default, Serialize)]
pub(crate) struct Exposed {
    pub tools: usize,
    pub prompts: usize,
    pub resources: usize,
    pub templates: usize,
    /// With tool search on (for a client not known to search by itself): the tools its
    /// `tools/list` holds, `search_tools`, `call_tool` and the `always` tools.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listed_tools: Option<usize>,
}

/// Something wrong with a vMCP that only running it shows.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Problem {
    /// `server-failed`, `conflict`, `unmatched` (a filter, rename or description that names
    /// nothing the server offers) or `missing-tool` (`--expect-tool`).
    pub kind: &'static str,
    pub message: String,
}

/// A vMCP to check: where it was found and its plan.
pub(super) struct Target {
    pub(super) found: Found,
    pub(super) plan: SessionPlan,
}

/// Nothing to check.
#[derive(Debug, thiserror::Error)]
#[error("nothing to check: {} does not exist and the store holds no vMCP\n  hint: pass --config FILE, or create a vMCP with `vmcp vmcp create`", .0.display())]
pub(crate) struct NothingToCheck(pub PathBuf);

/// Runs the whole check.
pub(crate) async fn run(
    opts: &CheckOptions,
    ctx: &Context,
    env: EnvLookup<'_>,
) -> anyhow::Result<CheckReport> {
    let (mut report, targets) = validate(opts, ctx, env)?;
    if opts.offline {
        return Ok(report);
    }
    report.live = true;
    // Approvals of the servers involved, to say which tools changed since (a store problem
    // only costs this part of the report).
    let mut pins = std::collections::BTreeMap::new();
    for t in &targets {
        for s in &t.plan.servers {
            let name = &s.upstream.name;
            if !pins.contains_key(name)
                && let Ok(Some(p)) = ctx.store.pins(name)
            {
                pins.insert(name.clone(), p);
            }
        }
    }
    // Each server's trust mode, from the definition it came from.
    let default = super::definition::trust_policy::default_mode(&ctx.store);
    let mut modes = std::collections::BTreeMap::new();
    for t in &targets {
        if let Ok(d) = t.found.definition() {
            for (name, config) in d.servers {
                modes.insert(
                    (t.plan.name.clone(), name.clone()),
                    config.trust.unwrap_or(default),
                );
            }
        }
    }
    report.vmcps = started::run(targets, &opts.expect_tools, &pins).await;
    // Where each server stands now (a first use during the check recorded its approval).
    for v in &mut report.vmcps {
        for s in &mut v.servers {
            let Some(mode) = modes.get(&(v.name.clone(), s.name.clone())) else {
                continue;
            };
            let pins = ctx.store.pins(&s.name).ok().flatten();
            s.trust = Some(ServerTrust {
                mode: mode.as_str(),
                approved_at: pins.as_ref().map(|p| p.approved),
                automatic: pins.is_some_and(|p| p.automatic),
            });
        }
    }
    if opts.strict {
        for v in &mut report.vmcps {
            v.ok = v.ok && v.warnings.is_empty();
        }
    }
    report.ok = report.vmcps.iter().all(|v| v.ok);
    Ok(report)
}

/// The static part: every problem of every checked vMCP at once, located (exit 3).
fn validate(
    opts: &CheckOptions,
    ctx: &Context,
    env: EnvLookup<'_>,
) -> anyhow::Result<(CheckReport, Vec<Target>)> {
    let mut sources = Vec::new();
    let mut file_servers = 0;
    let names: Vec<String> = match (&opts.config, &opts.vmcp) {
        (_, Some(name)) => vec![name.clone()],
        (Some(file), None) => {
            let doc = resolve::load(file)?;
            file_servers = doc.file.servers.len();
            sources.push(file.clone());
            doc.file.vmcps.keys().cloned().collect()
        }
        (None, None) => {
            let default = &ctx.paths.config_file;
            let mut names = Vec::new();
            if default.exists() {
                let doc = resolve::load(default)?;
                file_servers = doc.file.servers.len();
                sources.push(default.clone());
                names.extend(doc.file.vmcps.keys().cloned());
            }
            let stored = ctx.store.vmcps()?;
            if !stored.is_empty() {
                sources.push(ctx.store.path().to_path_buf());
            }
            for n in stored.into_keys() {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            if sources.is_empty() {
                return Err(NothingToCheck(default.clone()).into());
            }
            names
        }
    };
    let mut targets = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    for name in names {
        let found = source::find(&name, opts.config.as_deref(), &ctx.paths, &ctx.store)?;
        if opts.vmcp.is_some() && !sources.contains(&found.source.path().to_path_buf()) {
            sources.push(found.source.path().to_path_buf());
        }
        let plan = found.definition().and_then(|d| {
            let mut plan = resolve::session_plan(
                &d,
                env,
                crate::process::reaper::ReaperCommand::current_exe(),
            )?;
            // Checked as `vmcp stdio` would serve it: through the trust gate.
            super::definition::trust_policy::apply(
                &ctx.store,
                d.servers,
                found.source.file(),
                &mut plan,
            );
            Ok(plan)
        });
        match plan {
            Ok(mut plan) => {
                for server in &mut plan.servers {
                    resolve::attach_credentials(
                        &mut server.upstream,
                        &ctx.store,
                        found.source.file(),
                    );
                }
                targets.push(Target { found, plan });
            }
            Err(ConfigError::Invalid(mut d)) => problems.append(&mut d),
            Err(other) => return Err(other.into()),
        }
    }
    if !problems.is_empty() {
        problems.dedup();
        return Err(ConfigError::Invalid(problems).into());
    }
    let vmcps = targets.iter().map(offline_report).collect();
    Ok((
        CheckReport {
            ok: true,
            live: false,
            sources,
            file_servers,
            vmcps,
        },
        targets,
    ))
}

fn offline_report(t: &Target) -> VmcpCheck {
    VmcpCheck {
        name: t.plan.name.clone(),
        source: t.found.source.kind(),
        ok: true,
        startup_ms: None,
        servers: t
            .plan
            .servers
            .iter()
            .map(|s| ServerCheck {
                name: s.upstream.name.clone(),
                state: "not started",
                error: None,
                protocol: None,
                tools: 0,
                prompts: 0,
                resources: 0,
                templates: 0,
                trust: None,
            })
            .collect(),
        exposed: None,
        problems: Vec::new(),
        warnings: Vec::new(),
        notes: Vec::new(),
    }
}
