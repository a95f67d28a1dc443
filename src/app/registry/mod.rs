//! `vmcp registry …` and `vmcp server add --from`: the registries the settings list, asked
//! through `crate::registry`, their answers cached in the store so that an unreachable registry
//! is answered from the last fetch (and the answer says how old it is).

pub(crate) mod origin;
pub(crate) mod search;

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::context::Context;
use crate::registry::{self, Registry, RegistryError};
use crate::store::registry::CachedDocument;
use crate::support::clock::unix_seconds;

/// The registries to ask: `--registry URL`, else the `registry.url` setting, else the official
/// one.
pub(crate) fn registries(ctx: &Context, chosen: Option<&str>) -> anyhow::Result<Vec<Registry>> {
    let settings = ctx.store.settings()?;
    let timeout = settings
        .get(registry::SETTING_TIMEOUT)
        .and_then(|s| s.parse::<u64>().ok())
        .map_or(registry::DEFAULT_TIMEOUT, Duration::from_secs);
    let urls = match chosen {
        Some(u) => registry::urls(u),
        None => registry::urls(
            settings
                .get(registry::SETTING_URL)
                .map_or(registry::DEFAULT_URL, String::as_str),
        ),
    };
    Ok(urls
        .iter()
        .map(|u| Registry::new(u, timeout))
        .collect::<Result<_, _>>()?)
}

/// Whether an answer is fresh or came from the cache.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Cached {
    /// Unix seconds of the fetch the answer comes from.
    pub fetched: u64,
    /// Why the registry was not asked (what went wrong).
    pub because: String,
}

/// A decoded answer, the document as it was sent, and where it came from.
pub(crate) struct Answer<T> {
    pub doc: T,
    pub raw: Box<RawValue>,
    /// `None`: fetched now.
    pub cached: Option<Cached>,
}

/// Asks `reg` for `url`, caching the answer; when the registry cannot be asked, the last answer
/// to the same URL stands in. A registry that answers with something unreadable is an error
/// (and the cache keeps the last good answer).
pub(crate) async fn fetch<T: DeserializeOwned>(
    ctx: &Context,
    reg: &Registry,
    url: &str,
    what: &str,
    name: Option<(&str, Option<&str>)>,
) -> anyhow::Result<Answer<T>> {
    match reg.get(url, what, name).await {
        Ok(body) => {
            let doc = reg.decode(&body, what)?;
            let raw: Box<RawValue> = serde_json::from_slice(&body)
                .map_err(|e| reg_malformed(reg, what, &e.to_string()))?;
            let entry = CachedDocument {
                fetched: unix_seconds(),
                body: raw.clone(),
            };
            // The cache is a convenience: a busy store must not fail the answer.
            if let Err(e) = ctx.store.put_registry_document(url, &entry) {
                tracing::warn!("registry answer not cached: {e}");
            }
            Ok(Answer {
                doc,
                raw,
                cached: None,
            })
        }
        Err(e) if e.is_unavailable() => {
            let Some(c) = ctx.store.registry_document(url)? else {
                return Err(e.into());
            };
            let doc = reg.decode(c.body.get().as_bytes(), what)?;
            Ok(Answer {
                doc,
                raw: c.body,
                cached: Some(Cached {
                    fetched: c.fetched,
                    because: e.to_string(),
                }),
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// The cached answer to `url`, without asking the registry.
pub(crate) fn cached<T: DeserializeOwned>(
    ctx: &Context,
    reg: &Registry,
    url: &str,
    what: &str,
) -> anyhow::Result<Option<T>> {
    match ctx.store.registry_document(url)? {
        Some(c) => Ok(Some(reg.decode(c.body.get().as_bytes(), what)?)),
        None => Ok(None),
    }
}

fn reg_malformed(reg: &Registry, what: &str, reason: &str) -> RegistryError {
    RegistryError::Malformed {
        registry: reg.shown().to_string(),
        what: what.to_string(),
        reason: reason.to_string(),
    }
}

/// Forgets every cached registry answer (`vmcp registry cache clear`).
pub(crate) fn clear_cache(ctx: &Context) -> anyhow::Result<usize> {
    Ok(ctx.store.clear_registry_documents()?)
}
