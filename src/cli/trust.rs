//! `vmcp server approve NAME` and `vmcp trust diff NAME`: pin what a server offers, and show
//! what changed since.

use clap::Subcommand;

use super::exit_code::{Silent, exit};
use super::{progress, render};
use crate::app::context::Context;
use crate::app::definition::resolve;
use crate::app::trust::{self, Approval, TrustDiff};
use crate::config::TrustMode;
use crate::trust::{Flag, ServerRef};

#[derive(Debug, Subcommand)]
pub(super) enum TrustCommand {
    /// Show how a server's tools differ from what was approved (exit 1 if they do).
    Diff {
        name: String,
        #[command(flatten)]
        config: super::server::ConfigArg,
        /// Print JSON (see README, "JSON output").
        #[arg(long)]
        json: bool,
    },
}

fn print_flags(flags: &[Flag]) {
    for f in flags {
        render::line(&format!(
            "  ! tool `{}`, {}: {} ({})",
            f.tool, f.field, f.detail, f.kind
        ));
    }
}

/// When and how a server was approved: `approved automatically on first use, DATE` or
/// `approved DATE`.
pub(super) fn approved(at: u64, automatic: bool) -> String {
    let when = render::utc_time(at.saturating_mul(1_000_000));
    if automatic {
        format!("approved automatically on first use, {when}")
    } else {
        format!("approved {when}")
    }
}

fn names(items: &[String]) -> String {
    items
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// After `vmcp server add`: approve at once (`--approve`); else, for a `review` server, ask on a
/// terminal or say how, and for a `pinned` one say that its first use approves it.
pub(super) async fn offer_approval(
    ctx: &Context,
    server: &ServerRef,
    mode: TrustMode,
    approve: bool,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let name = &server.name;
    if mode == TrustMode::Always && !approve {
        return Ok(());
    }
    if mode == TrustMode::Pinned && !approve {
        render::note(&format!(
            "note: its tools are approved automatically the first time a vMCP lists them (tools flagged as possible poisoning stay withheld); `{}` shows them now",
            server.command("server test", &[])
        ));
        return Ok(());
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !approve && !interactive {
        render::note(&format!(
            "note: its tools stay withheld until you approve them: `{}`, then `{}`",
            server.command("server test", &[]),
            server.command("server approve", &[])
        ));
        return Ok(());
    }
    let spinner = progress::spinner(&format!("starting `{name}`…"));
    let found = trust::diff(ctx, server, &resolve::process_env).await;
    spinner.finish();
    let d = found?;
    if !approve {
        render::note(&format!(
            "server `{name}` offers {} tool{}: {}",
            d.comparison.new.len() + d.comparison.changed.len() + d.comparison.unchanged,
            if d.comparison.new.len() == 1 { "" } else { "s" },
            names(&d.comparison.new)
        ));
        for f in &d.flags {
            render::note(&format!(
                "  ! tool `{}`, {}: {} ({})",
                f.tool, f.field, f.detail, f.kind
            ));
        }
        if !confirm("approve these tools? [y/N] ") {
            render::note(&format!(
                "not approved: its tools stay withheld until `{}`",
                server.command("server approve", &[])
            ));
            return Ok(());
        }
    }
    let a = trust::approve(ctx, server, &[], &resolve::process_env).await?;
    print_approval(&a);
    Ok(())
}

/// Asks on the terminal; anything but `y`/`yes` is no.
fn confirm(question: &str) -> bool {
    use std::io::Write;
    let mut err = std::io::stderr();
    let _ = write!(err, "{question}");
    let _ = err.flush();
    let mut answer = String::new();
    if std::io::stdin().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")
}

/// `vmcp server approve NAME [--tool T]…`.
pub(super) async fn approve(
    ctx: &Context,
    server: &ServerRef,
    tools: &[String],
    json: bool,
) -> anyhow::Result<()> {
    let spinner = progress::spinner(&format!("starting `{}`…", server.name));
    let approval = trust::approve(ctx, server, tools, &resolve::process_env).await;
    spinner.finish();
    let a = approval?;
    if json {
        return render::json(&a);
    }
    print_approval(&a);
    Ok(())
}

fn print_approval(a: &Approval) {
    let c = &a.comparison;
    render::line(&format!(
        "approved {} tool{} of server `{}` ({} new, {} changed, {} unchanged since the last approval)",
        a.approved.len(),
        if a.approved.len() == 1 { "" } else { "s" },
        a.server,
        c.new.len(),
        c.changed.len(),
        c.unchanged
    ));
    if !a.dropped.is_empty() {
        render::line(&format!(
            "  no longer offered, pins dropped: {}",
            names(&a.dropped)
        ));
    }
    if !a.flags.is_empty() {
        render::line("read these before relying on the server:");
        print_flags(&a.flags);
    }
}

pub(super) async fn run(c: TrustCommand, ctx: &Context) -> anyhow::Result<()> {
    match c {
        TrustCommand::Diff { name, config, json } => {
            let server = config.server(&name);
            let spinner = progress::spinner(&format!("starting `{name}`…"));
            let found =
                super::interrupt::guard(trust::diff(ctx, &server, &resolve::process_env)).await;
            spinner.finish();
            let d = found?;
            if json {
                render::json(&d)?;
            } else {
                print_diff(&d, &server);
            }
            if d.comparison.is_clean() {
                Ok(())
            } else {
                Err(Silent(exit::FAILURE).into())
            }
        }
    }
}

fn print_diff(d: &TrustDiff, server: &ServerRef) {
    let c = &d.comparison;
    match d.approved_at {
        None if d.mode == "pinned" => render::line(&format!(
            "server `{}` was never used: its {} tools are all new; the first vMCP to list them approves them automatically, except flagged ones (or approve them now with `{}`)",
            d.server,
            c.new.len(),
            server.command("server approve", &[])
        )),
        None => render::line(&format!(
            "server `{}` was never approved: its {} tools are all new (approve them with `{}`)",
            d.server,
            c.new.len(),
            server.command("server approve", &[])
        )),
        Some(at) => render::line(&format!(
            "server `{}`, {}: {} unchanged, {} changed, {} new, {} removed",
            d.server,
            approved(at, d.automatic),
            c.unchanged,
            c.changed.len(),
            c.new.len(),
            c.removed.len()
        )),
    }
    if d.approved_at.is_some() {
        for (label, items) in [("new", &c.new), ("removed", &c.removed)] {
            if !items.is_empty() {
                render::line(&format!("{label}: {}", names(items)));
            }
        }
    }
    for change in &d.changes {
        render::line("");
        render::raw(&change.diff);
    }
    if !d.flags.is_empty() {
        render::line("");
        render::line("flagged in what the server offers now:");
        print_flags(&d.flags);
    }
    if d.approved_at.is_some() && !c.is_clean() {
        render::line("");
        render::line(&format!(
            "accept the changes with `{}` (or `--tool T` for one)",
            server.command("server approve", &[])
        ));
    }
}
