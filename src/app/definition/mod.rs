//! Where vMCP and server definitions come from and how they become plans: the sources (`--config`
//! file, default file, store), resolving a definition with the environment into the plans the
//! layers below consume, the trust policy's inputs, editing a stored definition, and showing one
//! with its secrets hidden. Machinery every intent shares; no intent of its own.

pub(crate) mod args;
pub(crate) mod edit;
pub(crate) mod paths;
pub(crate) mod redact;
pub(crate) mod resolve;
pub(crate) mod source;
pub(crate) mod trust_policy;

use std::path::Path;

use self::source::Source;
use super::context::Context;
use crate::config::Toggle;
use crate::process::reaper::ReaperCommand;
use crate::session::SessionPlan;

/// A vMCP planned from its definition.
pub(crate) struct Planned {
    pub plan: SessionPlan,
    /// Where the definition was found.
    pub source: Source,
    /// Whether a session follows edits of the definition (the vMCP's `watch`).
    pub watch: bool,
}

/// The plan of vMCP `name`, from wherever it is defined, and where that was.
pub(crate) fn plan(
    ctx: &Context,
    name: &str,
    config: Option<&Path>,
) -> anyhow::Result<(SessionPlan, Source)> {
    let p = planned(ctx, name, config)?;
    Ok((p.plan, p.source))
}

/// [`plan`], with what else the definition says about serving it.
pub(crate) fn planned(ctx: &Context, name: &str, config: Option<&Path>) -> anyhow::Result<Planned> {
    let found = source::find(name, config, &ctx.paths, &ctx.store)?;
    let definition = found.definition()?;
    let watch = definition.vmcp.watch.is_none_or(Toggle::is_on);
    let mut plan = resolve::session_plan(
        &definition,
        &resolve::process_env,
        ReaperCommand::current_exe(),
    )?;
    for server in &mut plan.servers {
        resolve::attach_credentials(&mut server.upstream, &ctx.store, found.source.file());
    }
    trust_policy::apply(
        &ctx.store,
        definition.servers,
        found.source.file(),
        &mut plan,
    );
    Ok(Planned {
        plan,
        source: found.source,
        watch,
    })
}
