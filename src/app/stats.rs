//! `vmcp stats` and `vmcp log`: what the call log says.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use super::InvalidInput;
use super::context::Context;
use crate::store::calls::now_us;
use crate::store::{CallQuery, CallRecord};

/// Calls, errors and latency of one group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    pub server: String,
    /// The exposed name (empty in the per-server table).
    pub name: String,
    pub calls: u64,
    pub errors: u64,
    pub p50_ms: f64,
    pub p95_ms: f64,
}

/// The `vmcp stats` report (also its `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub vmcp: Option<String>,
    pub since_us: Option<u64>,
    pub calls: u64,
    pub errors: u64,
    pub servers: Vec<Row>,
    pub tools: Vec<Row>,
}

/// Parses `7d`, `24h`, `30m`, `90s`.
pub fn parse_since(text: &str) -> Result<Duration, InvalidInput> {
    let t = text.trim();
    let (num, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let n: u64 = num
        .parse()
        .map_err(|_| InvalidInput(format!("invalid --since `{text}`: use e.g. 7d, 24h, 30m")))?;
    let secs = match unit {
        "d" => n * 86_400,
        "h" => n * 3_600,
        "m" => n * 60,
        "s" | "" => n,
        other => {
            return Err(InvalidInput(format!(
                "invalid --since unit `{other}`: use d, h, m or s"
            )));
        }
    };
    Ok(Duration::from_secs(secs))
}

/// Nearest-rank percentile of sorted values, in milliseconds.
fn percentile(sorted_us: &[u64], p: f64) -> f64 {
    if sorted_us.is_empty() {
        return 0.0;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((p / 100.0) * sorted_us.len() as f64).ceil().max(1.0) as usize;
    #[allow(clippy::cast_precision_loss)]
    let ms = sorted_us[rank.min(sorted_us.len()) - 1] as f64 / 1000.0;
    (ms * 100.0).round() / 100.0
}

fn rows(groups: BTreeMap<(String, String), Vec<&CallRecord>>) -> Vec<Row> {
    groups
        .into_iter()
        .map(|((server, name), calls)| {
            let mut d: Vec<u64> = calls.iter().map(|c| c.duration_us).collect();
            d.sort_unstable();
            Row {
                server,
                name,
                calls: calls.len() as u64,
                errors: calls.iter().filter(|c| !c.ok).count() as u64,
                p50_ms: percentile(&d, 50.0),
                p95_ms: percentile(&d, 95.0),
            }
        })
        .collect()
}

pub fn stats(
    ctx: &Context,
    vmcp: Option<String>,
    since: Option<Duration>,
) -> anyhow::Result<Stats> {
    let since_us =
        since.map(|d| now_us().saturating_sub(u64::try_from(d.as_micros()).unwrap_or(u64::MAX)));
    let calls = ctx.store.calls(&CallQuery {
        since_us,
        vmcp: vmcp.clone(),
        ..CallQuery::default()
    })?;
    let records: Vec<&CallRecord> = calls.iter().map(|(_, c)| c).collect();
    let mut by_server: BTreeMap<(String, String), Vec<&CallRecord>> = BTreeMap::new();
    let mut by_tool: BTreeMap<(String, String), Vec<&CallRecord>> = BTreeMap::new();
    for c in &records {
        by_server
            .entry((c.server.clone(), String::new()))
            .or_default()
            .push(c);
        by_tool
            .entry((c.server.clone(), c.exposed.clone()))
            .or_default()
            .push(c);
    }
    Ok(Stats {
        vmcp,
        since_us,
        calls: records.len() as u64,
        errors: records.iter().filter(|c| !c.ok).count() as u64,
        servers: rows(by_server),
        tools: rows(by_tool),
    })
}

/// The most recent `last` calls (oldest first), with their log keys.
pub fn recent(
    ctx: &Context,
    last: usize,
    vmcp: Option<String>,
) -> anyhow::Result<Vec<(u128, CallRecord)>> {
    Ok(ctx.store.calls(&CallQuery {
        last: Some(last),
        vmcp,
        ..CallQuery::default()
    })?)
}

/// Calls logged after `after`.
pub fn newer(
    ctx: &Context,
    after: u128,
    vmcp: Option<String>,
) -> anyhow::Result<Vec<(u128, CallRecord)>> {
    Ok(ctx.store.calls(&CallQuery {
        after: Some(after),
        vmcp,
        ..CallQuery::default()
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_and_percentiles() {
        assert_eq!(parse_since("7d").unwrap(), Duration::from_secs(7 * 86_400));
        assert_eq!(parse_since("30m").unwrap(), Duration::from_secs(1_800));
        assert!(parse_since("soon").is_err());
        assert!(parse_since("3w").is_err());
        let d: Vec<u64> = (1..=100).map(|i| i * 1000).collect();
        assert!((percentile(&d, 50.0) - 50.0).abs() < 1e-9);
        assert!((percentile(&d, 95.0) - 95.0).abs() < 1e-9);
        assert!((percentile(&[2500], 95.0) - 2.5).abs() < 1e-9);
    }
}
