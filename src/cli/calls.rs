//! `vmcp stats`, `vmcp log`: the call log, summed up or call by call; clap types and printing.
//! The work is in `app::calls`.

use std::time::Duration;

use clap::Args;

use super::render;
use crate::app::calls;
use crate::app::context::Context;
use crate::store::CallRecord;
use crate::support::clock::unix_micros;

#[derive(Debug, Args)]
pub(super) struct StatsArgs {
    /// Only this vMCP.
    #[arg(long)]
    vmcp: Option<String>,
    /// Only calls of the last period: `7d`, `24h`, `30m`.
    #[arg(long)]
    since: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub(super) struct LogArgs {
    /// Only this vMCP.
    #[arg(long)]
    vmcp: Option<String>,
    /// How many recent calls to show.
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,
    /// Keep printing calls as they are recorded (Ctrl-C to stop).
    #[arg(long, short = 'f')]
    follow: bool,
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
}

pub(super) fn run_stats(a: &StatsArgs, ctx: &Context) -> anyhow::Result<()> {
    let since = a.since.as_deref().map(calls::parse_since).transpose()?;
    let s = calls::stats(ctx, a.vmcp.clone(), since)?;
    if a.json {
        return render::json(&s);
    }
    render::line(&format!("{} calls, {} errors", s.calls, s.errors));
    if s.calls == 0 {
        return Ok(());
    }
    let cells = |f: &calls::Figures| {
        [
            f.calls.to_string(),
            f.errors.to_string(),
            format!("{:.2}", f.p50_ms),
            format!("{:.2}", f.p95_ms),
        ]
    };
    render::line("");
    let servers: Vec<Vec<String>> = s
        .servers
        .iter()
        .map(|r| {
            std::iter::once(r.server.clone())
                .chain(cells(&r.figures))
                .collect()
        })
        .collect();
    render::table(&["SERVER", "CALLS", "ERRORS", "P50 MS", "P95 MS"], &servers);
    render::line("");
    let items: Vec<Vec<String>> = s
        .items
        .iter()
        .map(|r| {
            [r.server.clone(), r.kind.clone(), r.name.clone()]
                .into_iter()
                .chain(cells(&r.figures))
                .collect()
        })
        .collect();
    render::table(
        &[
            "SERVER", "KIND", "NAME", "CALLS", "ERRORS", "P50 MS", "P95 MS",
        ],
        &items,
    );
    Ok(())
}

fn print_call(c: &CallRecord, json: bool) -> anyhow::Result<()> {
    if json {
        render::line(&serde_json::to_string(c)?);
    } else {
        #[allow(clippy::cast_precision_loss)]
        let ms = c.duration_us as f64 / 1000.0;
        render::line(&format!(
            "{}  {:<5} {:<8} {}/{} -> {}/{}  {ms:.2} ms  {} B",
            render::utc_time(c.at_us),
            if c.ok { "ok" } else { "ERROR" },
            c.kind,
            c.vmcp,
            c.exposed,
            c.server,
            c.name,
            c.response_bytes
        ));
    }
    Ok(())
}

pub(super) async fn run_log(a: &LogArgs, ctx: &Context) -> anyhow::Result<()> {
    let calls = calls::recent(ctx, a.limit, a.vmcp.clone())?;
    let mut last = calls.last().map_or(0, |(k, _)| *k);
    for (_, c) in &calls {
        print_call(c, a.json)?;
    }
    if !a.follow {
        return Ok(());
    }
    if last == 0 {
        last = u128::from(unix_micros()) << 64;
    }
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        for (k, c) in calls::newer(ctx, last, a.vmcp.clone())? {
            print_call(&c, a.json)?;
            last = k;
        }
    }
}
