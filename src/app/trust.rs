//! `vmcp server approve` and `vmcp trust diff`: start a server exactly as `server test` does,
//! and pin what it offers now, or compare it with what was pinned.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::InvalidInput;
use super::context::Context;
use super::definition::resolve::EnvLookup;
use super::probe::{self, ProbeReport};
use crate::store::ServerPins;
use crate::trust::pin::{self, Comparison};
use crate::trust::{Flag, ServerRef, screen_tool};

/// The server did not start, so there is nothing to approve or compare.
#[derive(Debug, thiserror::Error)]
#[error("server `{}` did not start: {error}\n  hint: `{}` shows why", server.name, server.command("server test", &[]))]
pub(crate) struct NotStarted {
    pub server: ServerRef,
    pub error: String,
}

async fn started(
    ctx: &Context,
    server: &ServerRef,
    env: EnvLookup<'_>,
) -> anyhow::Result<ProbeReport> {
    let report = probe::probe(ctx, &server.name, server.file.as_deref(), env).await?;
    if let Some(error) = &report.error {
        return Err(NotStarted {
            server: server.clone(),
            error: error.clone(),
        }
        .into());
    }
    Ok(report)
}

/// What an approval recorded (also the `--json` shape).
#[derive(Debug, Serialize)]
pub(crate) struct Approval {
    pub server: String,
    /// How the tools compared with the previous approval (all `new` the first time).
    pub comparison: Comparison,
    /// Tools approved by this call.
    pub approved: Vec<String>,
    /// Pins dropped because the tool is gone.
    pub dropped: Vec<String>,
    /// Poisoning marks in what was approved: worth reading; and the tools that could not be
    /// approved because they cannot be screened (kind `unscreenable`).
    pub flags: Vec<Flag>,
}

/// Pins what `server` offers now: every tool, or only `only` (a tool no longer offered loses
/// its pin).
pub(crate) async fn approve(
    ctx: &Context,
    server: &ServerRef,
    only: &[String],
    env: EnvLookup<'_>,
) -> anyhow::Result<Approval> {
    let name = server.name.as_str();
    let report = started(ctx, server, env).await?;
    let previous = ctx.store.pins(name)?;
    let old = previous.map(|p| p.tools).unwrap_or_default();
    let comparison = pin::compare(&old, &report.tool_definitions);
    let current = pin::pin_all(&report.tool_definitions);
    for tool in only {
        if let Some(f) = report.unscreenable.iter().find(|f| f.tool == *tool) {
            return Err(InvalidInput(format!(
                "tool `{tool}` of server `{name}` cannot be approved: its definition {}",
                f.detail
            ))
            .into());
        }
        if !current.contains_key(tool) && !old.contains_key(tool) {
            return Err(InvalidInput(format!(
                "server `{name}` offers no tool `{tool}` (it offers: {})",
                current.keys().cloned().collect::<Vec<_>>().join(", ")
            ))
            .into());
        }
    }
    let selected = |t: &String| only.is_empty() || only.contains(t);
    let mut tools: BTreeMap<_, _> = old
        .iter()
        .filter(|(t, _)| !selected(t))
        .map(|(t, p)| (t.clone(), p.clone()))
        .collect();
    let mut approved = Vec::new();
    for (t, p) in &current {
        if selected(t) {
            tools.insert(t.clone(), p.clone());
            approved.push(t.clone());
        }
    }
    let dropped: Vec<String> = old
        .keys()
        .filter(|t| selected(t) && !current.contains_key(*t))
        .cloned()
        .collect();
    ctx.store.put_pins(
        name,
        &ServerPins {
            approved: crate::support::clock::unix_seconds(),
            tools,
            automatic: false,
        },
    )?;
    let flags = report
        .tool_definitions
        .iter()
        .filter(|d| {
            d.get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| approved.iter().any(|a| a == n))
        })
        .flat_map(screen_tool)
        .chain(report.unscreenable.iter().cloned())
        .collect();
    Ok(Approval {
        server: name.to_string(),
        comparison,
        approved,
        dropped,
        flags,
    })
}

/// One changed tool, old against new.
#[derive(Debug, Serialize)]
pub(crate) struct ToolChange {
    pub tool: String,
    /// A unified diff of the two definitions (keys sorted, pretty-printed).
    pub diff: String,
    pub approved: Value,
    pub now: Value,
}

/// What `vmcp trust diff` found (also the `--json` shape).
#[derive(Debug, Serialize)]
pub(crate) struct TrustDiff {
    pub server: String,
    /// `pinned`, `review` or `always`.
    pub mode: &'static str,
    /// Unix seconds of the last approval; `None`: never approved.
    pub approved_at: Option<u64>,
    /// The approval was recorded automatically, the first time the tools were listed.
    pub automatic: bool,
    pub comparison: Comparison,
    pub changes: Vec<ToolChange>,
    /// Poisoning marks in what the server offers now, and tools that cannot be screened (kind
    /// `unscreenable`: never exposed).
    pub flags: Vec<Flag>,
}

/// Compares what `server` offers now with what was approved.
pub(crate) async fn diff(
    ctx: &Context,
    server: &ServerRef,
    env: EnvLookup<'_>,
) -> anyhow::Result<TrustDiff> {
    let name = server.name.as_str();
    let report = started(ctx, server, env).await?;
    let pins = ctx.store.pins(name)?;
    let old = pins.as_ref().map(|p| p.tools.clone()).unwrap_or_default();
    let comparison = pin::compare(&old, &report.tool_definitions);
    let current = pin::pin_all(&report.tool_definitions);
    let changes = comparison
        .changed
        .iter()
        .filter_map(|t| {
            let (before, after) = (old.get(t)?, current.get(t)?);
            Some(ToolChange {
                tool: t.clone(),
                diff: pin::definition_diff(&before.definition, &after.definition, t),
                approved: before.definition.clone(),
                now: after.definition.clone(),
            })
        })
        .collect();
    Ok(TrustDiff {
        server: name.to_string(),
        mode: report.trust.as_ref().map_or("pinned", |t| t.mode),
        approved_at: pins.as_ref().map(|p| p.approved),
        automatic: pins.is_some_and(|p| p.automatic),
        comparison,
        changes,
        flags: report
            .tool_definitions
            .iter()
            .flat_map(screen_tool)
            .chain(report.unscreenable.iter().cloned())
            .collect(),
    })
}
