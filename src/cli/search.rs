//! `vmcp tools search`: the tools of a vMCP ranked for a query, as `search_tools` ranks them for
//! the AI client.

use clap::Args;
use serde::Serialize;

use super::catalog::{VmcpArgs, finish, open, warn_unavailable};
use super::render;
use crate::app::catalog;
use crate::app::context::Context;
use crate::search::meta::MAX_RESULTS;

#[derive(Debug, Args)]
pub(super) struct SearchArgs {
    #[command(flatten)]
    target: VmcpArgs,
    /// How many tools to show, best first (default: the vMCP's `tool_search.results`, 8).
    #[arg(long, short = 'n', value_name = "K",
          value_parser = clap::value_parser!(u32).range(1..=MAX_RESULTS as i64))]
    limit: Option<u32>,
    /// Print JSON (see README, "JSON output").
    #[arg(long)]
    json: bool,
    /// What to look for, in a few words.
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
}

#[derive(Serialize)]
struct Ranking<'a> {
    vmcp: &'a str,
    query: &'a str,
    results: Vec<Ranked<'a>>,
}

#[derive(Serialize)]
struct Ranked<'a> {
    name: &'a str,
    server: &'a str,
    original_name: &'a str,
    score: f32,
}

pub(super) async fn run(args: SearchArgs, ctx: &Context) -> anyhow::Result<()> {
    let query = args.query.join(" ");
    let opened = open(&args.target, ctx).await?;
    let limit = args.limit.map(|n| n as usize);
    let found = catalog::search(&opened, &query, limit).await;
    if args.json {
        render::json(&Ranking {
            vmcp: &args.target.vmcp,
            query: &query,
            results: found
                .iter()
                .map(|f| Ranked {
                    name: &f.name,
                    server: &f.server,
                    original_name: &f.original_name,
                    score: f.score,
                })
                .collect(),
        })?;
    } else if found.is_empty() {
        render::line(&format!("no tool matches {query:?}"));
    } else {
        let rows: Vec<Vec<String>> = found
            .iter()
            .map(|f| {
                let description = f.definition.get("description").and_then(|d| d.as_str());
                vec![
                    f.name.clone(),
                    f.server.clone(),
                    format!("{:.2}", f.score),
                    super::catalog::short(description),
                ]
            })
            .collect();
        render::table(&["NAME", "SERVER", "SCORE", "DESCRIPTION"], &rows);
    }
    let unavailable = opened.unavailable();
    warn_unavailable(&unavailable);
    finish(opened, &unavailable).await
}
