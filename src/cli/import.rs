//! `vmcp import`: clap types and printing; the work is in `app::import`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{hint, render};
use crate::app::clients::Client;
use crate::app::context::Context;
use crate::app::import::{self, Origin, Report};
use crate::store::StoreError;
use crate::store::records::OnConflict;

#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// A vmcp definition file (YAML, e.g. from `vmcp vmcp export`), or with `--from 1xn` a 1xn
    /// vMCP export (JSON).
    file: Option<PathBuf>,
    /// Import another tool's configuration instead (at its usual location, or `--file`).
    #[arg(long, value_enum)]
    from: Option<From>,
    /// With `--from CLIENT`: read this file instead of the client's usual one.
    #[arg(
        long = "file",
        value_name = "PATH",
        requires = "from",
        conflicts_with = "file"
    )]
    client_file: Option<PathBuf>,
    /// Gather the imported servers into a new vMCP of this name (with `--from 1xn`: the name of
    /// the imported vMCP).
    #[arg(long, requires = "from")]
    vmcp: Option<String>,
    /// Overwrite servers and vMCPs that exist with different content.
    #[arg(long, conflicts_with = "skip_existing")]
    replace: bool,
    /// Keep existing servers and vMCPs, import only new ones.
    #[arg(long)]
    skip_existing: bool,
    /// Print what would be imported (as YAML) and change nothing.
    #[arg(long, requires = "from")]
    dry_run: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum From {
    ClaudeDesktop,
    ClaudeCode,
    Cursor,
    Vscode,
    Windsurf,
    #[value(name = "1xn")]
    OneXn,
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

fn print_report(what: &str, done: &import::Imported) {
    render::line(&format!("imported {what}"));
    render::line(&format!("  {}", describe("servers", &done.servers)));
    render::line(&format!("  {}", describe("vMCPs", &done.vmcps)));
}

/// An import cannot choose another name: it replaces what is stored or keeps it.
fn conflict(e: &StoreError) -> Option<String> {
    matches!(e, StoreError::Exists { .. })
        .then(|| "replace what is stored (`--replace`), or keep it (`--skip-existing`)".into())
}

pub(super) fn run(a: &ImportArgs, ctx: &Context) -> anyhow::Result<()> {
    let on_conflict = match (a.replace, a.skip_existing) {
        (true, _) => OnConflict::Replace,
        (_, true) => OnConflict::Skip,
        _ => OnConflict::Fail,
    };
    let Some(from) = a.from else {
        let Some(file) = &a.file else {
            return Err(crate::app::InvalidInput(
                "give a definition file, or `--from CLIENT` (see `vmcp import --help`)".into(),
            )
            .into());
        };
        let done = hint::on_store(import::file(ctx, file, on_conflict), conflict)?;
        if a.json {
            return render::json(&done);
        }
        print_report(&file.display().to_string(), &done);
        return Ok(());
    };
    let origin = match from {
        From::ClaudeDesktop => Origin::Client(Client::ClaudeDesktop),
        From::ClaudeCode => Origin::Client(Client::ClaudeCode),
        From::Cursor => Origin::Client(Client::Cursor),
        From::Vscode => Origin::Client(Client::VsCode),
        From::Windsurf => Origin::Client(Client::Windsurf),
        From::OneXn => Origin::OneXn,
    };
    let file = a.client_file.as_deref().or(a.file.as_deref());
    let done = import::from(ctx, origin, file, a.vmcp.clone(), on_conflict, a.dry_run);
    let done = hint::on_store(done, conflict)?;
    for note in &done.converted.notes {
        render::note(&format!("note: {note}"));
    }
    match (&done.imported, a.json) {
        (None, _) => render::yaml(&done.converted.file)?,
        (Some(i), true) => render::json(i)?,
        (Some(i), false) => print_report(&done.path.display().to_string(), i),
    }
    Ok(())
}
