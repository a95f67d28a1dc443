//! `vmcp tools test`: one custom tool of a vMCP, run with only the upstreams it needs (none for a
//! `command`, `python` or `http` tool whose templates call nothing), or only rendered.

use std::path::Path;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::app::InvalidInput;
use crate::app::context::Context;
use crate::app::open_session::{OpenOptions, OpenSession};
use crate::custom::CustomSet;
use crate::session::SessionPlan;

fn custom_set(plan: &SessionPlan, tool: &str) -> Result<Arc<CustomSet>, InvalidInput> {
    match &plan.custom {
        Some(c) if c.0.has_tool(tool) => Ok(c.0.clone()),
        _ => Err(InvalidInput(format!(
            "`{tool}` is not a custom tool of vMCP `{}` (`vmcp call` calls any tool)",
            plan.name
        ))),
    }
}

/// The input schema of custom tool `tool` (for `key=value` arguments).
pub(crate) fn input_schema(
    ctx: &Context,
    vmcp: &str,
    config: Option<&Path>,
    tool: &str,
) -> anyhow::Result<Option<Value>> {
    let (plan, _) = crate::app::definition::plan(ctx, vmcp, config)?;
    let set = custom_set(&plan, tool)?;
    Ok(set
        .tools()
        .into_iter()
        .find(|t| t["name"] == tool)
        .map(|t| t["inputSchema"].clone()))
}

/// What calling custom tool `tool` would do, without starting anything or doing it.
pub(crate) async fn render_only(
    ctx: &Context,
    vmcp: &str,
    config: Option<&Path>,
    tool: &str,
    args: Map<String, Value>,
) -> anyhow::Result<Value> {
    let (plan, _) = crate::app::definition::plan(ctx, vmcp, config)?;
    let set = custom_set(&plan, tool)?;
    match set.render_only(tool, args).await {
        Ok(v) => Ok(v),
        Err(e) if e.is_invalid_params() => Err(InvalidInput(e.to_string()).into()),
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

/// Opens vMCP `vmcp` for calling custom tool `tool`, starting only the upstreams it needs.
pub(crate) fn open(
    ctx: &Context,
    vmcp: &str,
    config: Option<&Path>,
    tool: &str,
) -> anyhow::Result<OpenSession> {
    let (mut plan, source) = crate::app::definition::plan(ctx, vmcp, config)?;
    let set = custom_set(&plan, tool)?;
    if !set.needs_upstreams(tool) {
        plan.servers.clear();
    }
    Ok(OpenSession::start(ctx, plan, &source, OpenOptions::COMMAND))
}
