//! `vmcp import`: clap types and printing; the work is in `app::import`.

use std::path::PathBuf;

use clap::Args;

use super::render;
use crate::app::context::Context;
use crate::app::import::{self, Report};
use crate::store::records::OnConflict;

#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// A vmcp definition file (YAML, e.g. from `vmcp vmcp export`).
    file: PathBuf,
    /// Overwrite servers and vMCPs that exist with different content.
    #[arg(long, conflicts_with = "skip_existing")]
    replace: bool,
    /// Keep existing servers and vMCPs, import only new ones.
    #[arg(long)]
    skip_existing: bool,
    #[arg(long)]
    json: bool,
}

fn describe(kind: &str, r: &Report) -> String {
    let mut parts = Vec::new();
    for (n, what) in [
        (&r.added, "added"),
        (&r.replaced, "replaced"),
        (&r.unchanged, "unchanged"),
        (&r.skipped, "skipped (exist)"),
    ] {
        if !n.is_empty() {
            parts.push(format!("{} {what} ({})", n.len(), n.join(", ")));
        }
    }
    if parts.is_empty() {
        format!("{kind}: none")
    } else {
        format!("{kind}: {}", parts.join("; "))
    }
}

pub(super) fn run(a: &ImportArgs, ctx: &Context) -> anyhow::Result<()> {
    let on_conflict = match (a.replace, a.skip_existing) {
        (true, _) => OnConflict::Replace,
        (_, true) => OnConflict::Skip,
        _ => OnConflict::Fail,
    };
    let done = import::file(ctx, &a.file, on_conflict)?;
    if a.json {
        return render::json(&done);
    }
    render::line(&format!("imported {}", a.file.display()));
    render::line(&format!("  {}", describe("servers", &done.servers)));
    render::line(&format!("  {}", describe("vMCPs", &done.vmcps)));
    Ok(())
}
