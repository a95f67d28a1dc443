//! `vmcp registry search` and `show`: one page of matching entries (per registry), or one
//! entry in full; from the cache, and saying so, when a registry cannot be asked.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Cached, cached, fetch, registries};
use crate::app::context::Context;
use crate::registry::document::decode;
use crate::registry::{ListQuery, Registry, RegistryError, ServerList, ServerResponse};

/// Entries per page unless `--limit` says otherwise.
pub(crate) const DEFAULT_LIMIT: u32 = 20;

/// One entry in a search result.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Found {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub description: String,
    /// The latest version.
    pub version: String,
    pub status: &'static str,
    /// Package types (`npm`, `oci`…).
    pub packages: Vec<String>,
    /// Transports, deduplicated: `stdio` for packages, the remotes' types.
    pub transports: Vec<String>,
}

/// One registry's page of results.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Page {
    pub registry: String,
    pub servers: Vec<Found>,
    /// `--cursor` for the next page; `None` on the last.
    pub next_cursor: Option<String>,
    /// Set when the registry could not be asked and the results come from the cache.
    pub cached: Option<Cached>,
}

fn found(r: &ServerResponse) -> Found {
    let d = &r.server;
    let mut transports: Vec<String> = Vec::new();
    let mut add = |t: &str| {
        if !transports.iter().any(|x| x == t) {
            transports.push(t.to_string());
        }
    };
    for p in &d.packages {
        add(p.transport.as_ref().map_or("stdio", |t| t.kind.as_str()));
    }
    for r in &d.remotes {
        add(&r.kind);
    }
    Found {
        name: d.name.clone(),
        title: d.title.clone(),
        description: d.description.clone(),
        version: d.version.clone(),
        status: r.status().as_str(),
        packages: d.packages.iter().map(|p| p.registry_type.clone()).collect(),
        transports,
    }
}

/// One entry per name: the one marked latest, else the last listed.
fn latest_per_name(all: Vec<ServerResponse>) -> Vec<Found> {
    let mut order: Vec<String> = Vec::new();
    let mut by_name: BTreeMap<String, ServerResponse> = BTreeMap::new();
    for r in all {
        let name = r.server.name.clone();
        let latest = r.meta.official.as_ref().is_some_and(|o| o.is_latest);
        match by_name.get(&name) {
            None => order.push(name.clone()),
            Some(prev) if prev.meta.official.as_ref().is_some_and(|o| o.is_latest) && !latest => {
                continue;
            }
            Some(_) => {}
        }
        by_name.insert(name, r);
    }
    order
        .iter()
        .filter_map(|n| by_name.get(n))
        .map(found)
        .collect()
}

/// `vmcp registry search [QUERY]`.
pub(crate) async fn search(
    ctx: &Context,
    registry: Option<&str>,
    query: ListQuery,
) -> anyhow::Result<Vec<Page>> {
    let regs = registries(ctx, registry)?;
    if query.cursor.is_some() && regs.len() > 1 {
        return Err(crate::app::InvalidInput(
            "`--cursor` continues one registry's listing: name it with `--registry URL`".into(),
        )
        .into());
    }
    let mut pages = Vec::new();
    let mut first_error = None;
    for reg in &regs {
        match page(ctx, reg, &query).await {
            Ok(p) => pages.push(p),
            Err(e) if regs.len() > 1 => {
                tracing::warn!("{e:#}");
                first_error.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    match (pages.is_empty(), first_error) {
        (true, Some(e)) => Err(e),
        _ => Ok(pages),
    }
}

async fn page(ctx: &Context, reg: &Registry, query: &ListQuery) -> anyhow::Result<Page> {
    let url = reg.list_url(query);
    let answer = match fetch::<ServerList>(ctx, reg, &url, "the server list", None).await {
        Ok(a) => a,
        Err(e) => {
            let unavailable = e
                .downcast_ref::<RegistryError>()
                .is_some_and(RegistryError::is_unavailable);
            if unavailable && let Some(p) = from_cache(ctx, reg, query, &e)? {
                return Ok(p);
            }
            return Err(e);
        }
    };
    Ok(Page {
        registry: reg.shown().to_string(),
        servers: latest_per_name(answer.doc.servers),
        next_cursor: answer.doc.metadata.next_cursor.filter(|c| !c.is_empty()),
        cached: answer.cached,
    })
}

/// Without the registry and without this exact page cached: every cached entry of the registry
/// whose name holds the query (as the registry's search matches), from the oldest answer used.
fn from_cache(
    ctx: &Context,
    reg: &Registry,
    query: &ListQuery,
    error: &anyhow::Error,
) -> anyhow::Result<Option<Page>> {
    let docs = ctx.store.registry_documents(&reg.servers_url())?;
    if docs.is_empty() {
        return Ok(None);
    }
    let needle = query.search.as_deref().unwrap_or("").to_lowercase();
    let mut oldest = u64::MAX;
    let mut all = Vec::new();
    for (_, d) in docs {
        let body = d.body.get().as_bytes();
        let entries = match decode::<ServerList>(body) {
            Ok(list) => list.servers,
            Err(_) => decode::<ServerResponse>(body)
                .map(|r| vec![r])
                .unwrap_or_default(),
        };
        for e in entries {
            if e.server.name.to_lowercase().contains(&needle) {
                oldest = oldest.min(d.fetched);
                all.push(e);
            }
        }
    }
    let mut servers = latest_per_name(all);
    servers.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(limit) = query.limit {
        servers.truncate(limit as usize);
    }
    Ok(Some(Page {
        registry: reg.shown().to_string(),
        servers,
        next_cursor: None,
        cached: Some(Cached {
            fetched: if oldest == u64::MAX { 0 } else { oldest },
            because: format!("{error:#}"),
        }),
    }))
}

/// `vmcp registry show NAME[@VERSION]`.
#[derive(Debug, Serialize)]
pub(crate) struct Shown {
    pub registry: String,
    pub status: &'static str,
    /// Every version the registry lists, newest first (empty when it could not be listed).
    pub versions: Vec<String>,
    pub cached: Option<Cached>,
    /// The registry's answer as it was sent: `{"server": {…server.json…}, "_meta": {…}}`.
    pub entry: serde_json::Value,
    #[serde(skip)]
    pub response: Option<ServerResponse>,
}

/// The entry `name` (at `version`, else the latest) from the first registry that has it.
pub(crate) async fn entry(
    ctx: &Context,
    registry: Option<&str>,
    name: &str,
    version: Option<&str>,
) -> anyhow::Result<(Registry, Shown)> {
    let regs = registries(ctx, registry)?;
    // A registry that does not have it, or cannot be asked, leaves the question to the next;
    // when none has it, what kept one from answering says more than "not found".
    let (mut not_found, mut failed) = (None, None);
    for reg in regs {
        let url = reg.version_url(name, version);
        match fetch::<ServerResponse>(ctx, &reg, &url, name, Some((name, version))).await {
            Ok(a) => {
                let shown = Shown {
                    registry: reg.shown().to_string(),
                    status: a.doc.status().as_str(),
                    versions: Vec::new(),
                    cached: a.cached,
                    entry: serde_json::from_str(a.raw.get())?,
                    response: Some(a.doc),
                };
                return Ok((reg, shown));
            }
            Err(e) => match e.downcast_ref::<RegistryError>() {
                Some(RegistryError::NotFound { .. }) => {
                    not_found.get_or_insert(e);
                }
                Some(r) if r.is_unavailable() => {
                    tracing::warn!("{e:#}");
                    failed.get_or_insert(e);
                }
                _ => return Err(e),
            },
        }
    }
    Err(failed
        .or(not_found)
        .unwrap_or_else(|| anyhow::anyhow!("no registry is configured (`registry.url`)")))
}

/// `vmcp registry show`: the entry, and the versions the registry lists.
pub(crate) async fn show(
    ctx: &Context,
    registry: Option<&str>,
    name: &str,
    version: Option<&str>,
) -> anyhow::Result<Shown> {
    let (reg, mut shown) = entry(ctx, registry, name, version).await?;
    let url = reg.versions_url(name);
    // The list of versions is extra: without it the entry is still shown. A registry that did
    // not answer for the entry is not asked again.
    let versions = if shown.cached.is_some() {
        cached::<ServerList>(ctx, &reg, &url, "the versions")
    } else {
        fetch::<ServerList>(ctx, &reg, &url, "the versions", Some((name, None)))
            .await
            .map(|a| Some(a.doc))
    };
    match versions {
        Ok(list) => {
            shown.versions = list
                .map(|l| l.servers.into_iter().map(|s| s.server.version).collect())
                .unwrap_or_default();
        }
        Err(e) => tracing::warn!("versions of `{name}` not listed: {e:#}"),
    }
    Ok(shown)
}
