//! `vmcp settings`: the few knobs kept in the store, validated before they are written.

use std::collections::BTreeMap;

use super::InvalidInput;
use super::context::Context;
use crate::config::TrustMode;
use crate::registry;
use crate::store::calls::{
    DEFAULT_MAX_ENTRIES, DEFAULT_RETENTION_DAYS, SETTING_ENABLED, SETTING_MAX_ENTRIES,
    SETTING_RETENTION_DAYS, SETTING_TRUST_DEFAULT, SETTING_TRUST_ON_CHANGE,
};
use crate::support::url::redacted;

/// (key, default, what it does)
pub(crate) const KNOWN: &[(&str, &str, &str)] = &[
    (
        SETTING_ENABLED,
        "true",
        "record every call of `vmcp stdio` (true/false)",
    ),
    (
        SETTING_RETENTION_DAYS,
        "30",
        "days the call log keeps a call (1 to 3650)",
    ),
    (
        SETTING_MAX_ENTRIES,
        "100000",
        "calls the call log keeps at most (100 to 10000000)",
    ),
    (
        SETTING_TRUST_DEFAULT,
        "pinned",
        "trust of servers without `trust:` (pinned/review/always)",
    ),
    (
        SETTING_TRUST_ON_CHANGE,
        "withhold",
        "new or changed tools of pinned servers: withhold, or warn (exposed with a warning)",
    ),
    (
        registry::SETTING_URL,
        registry::DEFAULT_URL,
        "MCP registries for `vmcp registry` and `server add --from` (comma-separated, in order)",
    ),
    (
        registry::SETTING_TIMEOUT,
        "15",
        "seconds one request to a registry may take (1 to 600)",
    ),
];

const _: () = assert!(registry::DEFAULT_TIMEOUT.as_secs() == 15);

const _: () = assert!(DEFAULT_RETENTION_DAYS == 30 && DEFAULT_MAX_ENTRIES == 100_000);

fn check(key: &str, value: &str) -> Result<(), InvalidInput> {
    let number = |lo: u64, hi: u64| {
        value
            .parse::<u64>()
            .ok()
            .filter(|n| (lo..=hi).contains(n))
            .map(|_| ())
            .ok_or_else(|| InvalidInput(format!("`{key}` takes a whole number from {lo} to {hi}")))
    };
    match key {
        SETTING_ENABLED if value == "true" || value == "false" => Ok(()),
        SETTING_ENABLED => Err(InvalidInput(format!("`{key}` takes true or false"))),
        SETTING_RETENTION_DAYS => number(1, 3650),
        SETTING_MAX_ENTRIES => number(100, 10_000_000),
        SETTING_TRUST_DEFAULT if TrustMode::parse(value).is_some() => Ok(()),
        SETTING_TRUST_DEFAULT => Err(InvalidInput(format!(
            "`{key}` takes pinned, review or always"
        ))),
        SETTING_TRUST_ON_CHANGE if value == "withhold" || value == "warn" => Ok(()),
        SETTING_TRUST_ON_CHANGE => Err(InvalidInput(format!("`{key}` takes withhold or warn"))),
        registry::SETTING_URL => registry_urls(value),
        registry::SETTING_TIMEOUT => number(1, 600),
        other => Err(InvalidInput(format!(
            "unknown setting `{other}`; known: {}",
            KNOWN.iter().map(|k| k.0).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// Each URL must make a registry (http or https).
fn registry_urls(value: &str) -> Result<(), InvalidInput> {
    let urls = registry::urls(value);
    if urls.is_empty() {
        return Err(InvalidInput(format!(
            "`{}` takes one or more registry URLs, comma-separated",
            registry::SETTING_URL
        )));
    }
    for u in urls {
        registry::Registry::new(&u, registry::DEFAULT_TIMEOUT)
            .map_err(|e| InvalidInput(e.to_string()))?;
    }
    Ok(())
}

/// Every known setting with its current value (the default when unset). Registry URLs are
/// shown without user info or query, where credentials live.
pub(crate) fn list(ctx: &Context) -> anyhow::Result<BTreeMap<String, String>> {
    let stored = ctx.store.settings()?;
    Ok(KNOWN
        .iter()
        .map(|(k, d, _)| {
            let value = stored.get(*k).cloned().unwrap_or_else(|| (*d).to_string());
            let shown = if *k == registry::SETTING_URL {
                registry::urls(&value)
                    .iter()
                    .map(|u| redacted(u))
                    .collect::<Vec<_>>()
                    .join(",")
            } else {
                value
            };
            ((*k).to_string(), shown)
        })
        .collect())
}

pub(crate) fn set(ctx: &Context, key: &str, value: Option<&str>) -> anyhow::Result<()> {
    match value {
        Some(v) => check(key, v)?,
        None => check(key, KNOWN.iter().find(|k| k.0 == key).map_or("", |k| k.1))?,
    }
    Ok(ctx.store.set_setting(key, value)?)
}
