//! `vmcp cache list|clear`: the catalog cache that lets `vmcp stdio` answer its first
//! `tools/list` before the upstreams are up.

use clap::Subcommand;

use super::render;
use crate::app::cache;
use crate::app::context::Context;
use crate::support::clock::unix_seconds;

#[derive(Debug, Subcommand)]
pub(super) enum CacheCommand {
    /// Show the cached lists: per server, how many items and when they were fetched.
    #[command(visible_alias = "ls")]
    List {
        /// Print JSON (see README, "JSON output").
        #[arg(long)]
        json: bool,
    },
    /// Forget cached lists (of the named servers, or all): the next session waits for its
    /// upstreams once, and caches again.
    Clear {
        /// Servers to forget (default: all).
        servers: Vec<String>,
    },
}

/// "3 min ago", "2 h ago", "5 d ago".
pub(super) fn age(fetched: u64) -> String {
    let secs = unix_seconds().saturating_sub(fetched);
    match secs {
        0..60 => format!("{secs} s ago"),
        60..3600 => format!("{} min ago", secs / 60),
        3600..86_400 => format!("{} h ago", secs / 3600),
        _ => format!("{} d ago", secs / 86_400),
    }
}

pub(super) fn run(c: CacheCommand, ctx: &Context) -> anyhow::Result<()> {
    match c {
        CacheCommand::List { json } => {
            let rows = cache::rows(ctx)?;
            if json {
                return render::json(&rows);
            }
            if rows.is_empty() {
                render::line("the catalog cache is empty");
                return Ok(());
            }
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.server.clone(),
                        r.tools.to_string(),
                        r.prompts.to_string(),
                        r.resources.to_string(),
                        r.templates.to_string(),
                        age(r.fetched),
                    ]
                })
                .collect();
            render::table(
                &[
                    "SERVER",
                    "TOOLS",
                    "PROMPTS",
                    "RESOURCES",
                    "TEMPLATES",
                    "FETCHED",
                ],
                &table,
            );
            Ok(())
        }
        CacheCommand::Clear { servers } => {
            let removed = cache::clear(ctx, &servers)?;
            render::line(&format!(
                "removed {removed} cache entr{}",
                if removed == 1 { "y" } else { "ies" }
            ));
            Ok(())
        }
    }
}
