//! `vmcp stats` and `vmcp log`: what the call log says.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use super::InvalidInput;
use super::context::Context;
use crate::store::{CallQuery, CallRecord};
use crate::support::clock::unix_micros;

/// Calls, errors and latency of one group of calls.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Figures {
    pub calls: u64,
    pub errors: u64,
    pub p50_ms: f64,
    pub p95_ms: f64,
}

/// One upstream server's calls.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct ServerRow {
    pub server: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// One exposed tool, prompt or resource.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct ItemRow {
    pub server: String,
    /// `tool`, `prompt` or `resource`.
    pub kind: String,
    /// The name the client used (the URI for resources).
    pub name: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// The `vmcp stats` report (also its `--json` shape).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Stats {
    pub vmcp: Option<String>,
    pub since_us: Option<u64>,
    pub calls: u64,
    pub errors: u64,
    pub servers: Vec<ServerRow>,
    pub items: Vec<ItemRow>,
}

/// Parses `7d`, `24h`, `30m`, `90s`.
pub(crate) fn parse_since(text: &str) -> Result<Duration, InvalidInput> {
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

fn figures(calls: &[&CallRecord]) -> Figures {
    let mut d: Vec<u64> = calls.iter().map(|c| c.duration_us).collect();
    d.sort_unstable();
    Figures {
        calls: calls.len() as u64,
        errors: calls.iter().filter(|c| !c.ok).count() as u64,
        p50_ms: percentile(&d, 50.0),
        p95_ms: percentile(&d, 95.0),
    }
}

pub(crate) fn stats(
    ctx: &Context,
    vmcp: Option<String>,
    since: Option<Duration>,
) -> anyhow::Result<Stats> {
    let since_us = since
        .map(|d| unix_micros().saturating_sub(u64::try_from(d.as_micros()).unwrap_or(u64::MAX)));
    let calls = ctx.store.calls(&CallQuery {
        since_us,
        vmcp: vmcp.clone(),
        ..CallQuery::default()
    })?;
    let records: Vec<&CallRecord> = calls.iter().map(|(_, c)| c).collect();
    let mut by_server: BTreeMap<&str, Vec<&CallRecord>> = BTreeMap::new();
    let mut by_item: BTreeMap<(&str, &str, &str), Vec<&CallRecord>> = BTreeMap::new();
    for c in &records {
        by_server.entry(&c.server).or_default().push(c);
        by_item
            .entry((&c.server, &c.kind, &c.exposed))
            .or_default()
            .push(c);
    }
    Ok(Stats {
        vmcp,
        since_us,
        calls: records.len() as u64,
        errors: records.iter().filter(|c| !c.ok).count() as u64,
        servers: by_server
            .into_iter()
            .map(|(server, calls)| ServerRow {
                server: server.to_string(),
                figures: figures(&calls),
            })
            .collect(),
        items: by_item
            .into_iter()
            .map(|((server, kind, name), calls)| ItemRow {
                server: server.to_string(),
                kind: kind.to_string(),
                name: name.to_string(),
                figures: figures(&calls),
            })
            .collect(),
    })
}

/// The most recent `last` calls (oldest first), with their log keys.
pub(crate) fn recent(
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
pub(crate) fn newer(
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
