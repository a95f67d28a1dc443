//! `vmcp cache list|clear`: the catalog cache (`open_session/catalog_cache.rs`) seen from the
//! command line.

use serde::Serialize;

use super::context::Context;
use super::open_session::catalog_cache::decode;
use crate::store::StoreError;

/// One cache entry as `vmcp cache list` shows it (also the `--json` shape).
#[derive(Debug, Serialize)]
pub(crate) struct CacheRow {
    pub server: String,
    pub tools: usize,
    pub prompts: usize,
    pub resources: usize,
    pub templates: usize,
    /// Unix seconds of the fetch.
    pub fetched: u64,
    pub content_hash: String,
}

/// Every cache entry, by server name.
pub(crate) fn rows(ctx: &Context) -> Result<Vec<CacheRow>, StoreError> {
    Ok(ctx
        .store
        .all_cached_catalogs()?
        .into_iter()
        .map(|(server, entry)| {
            let lists = decode(&entry).unwrap_or_default();
            CacheRow {
                server,
                tools: lists.tools.len(),
                prompts: lists.prompts.len(),
                resources: lists.resources.len(),
                templates: lists.templates.len(),
                fetched: entry.fetched,
                content_hash: entry.content_hash,
            }
        })
        .collect())
}

/// Forgets the cached lists of `servers` (all when empty); returns how many entries went.
pub(crate) fn clear(ctx: &Context, servers: &[String]) -> Result<usize, StoreError> {
    ctx.store.clear_cached_catalogs(servers)
}
