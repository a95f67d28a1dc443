//! The search index of one catalog: tools grouped by server, so that a server's `list_changed`
//! replaces its tools and nothing else, ranked by a [`Ranker`].

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::describe::Summary;
use super::lexical::Bm25f;
use super::rank::Ranker;
use super::tool::ToolDoc;

/// One search result, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The exposed name (what `call_tool` takes).
    pub name: String,
    pub server: String,
    pub original_name: String,
    pub score: f32,
}

#[derive(Debug)]
struct Slot {
    name: Arc<str>,
    server: Arc<str>,
    original_name: String,
}

#[derive(Debug)]
struct Server {
    slots: Vec<u32>,
    summary: Summary,
}

/// Tools by server, searchable.
#[derive(Debug)]
pub struct SearchIndex<R: Ranker = Bm25f> {
    ranker: R,
    slots: Vec<Option<Slot>>,
    free: Vec<u32>,
    servers: BTreeMap<String, Server>,
    /// Exposed name → slot: a query that is exactly a tool's name finds that tool first.
    by_name: HashMap<Arc<str>, u32>,
}

impl Default for SearchIndex {
    fn default() -> SearchIndex {
        SearchIndex::new(Bm25f::default())
    }
}

impl<R: Ranker> SearchIndex<R> {
    pub fn new(ranker: R) -> SearchIndex<R> {
        SearchIndex {
            ranker,
            slots: Vec::new(),
            free: Vec::new(),
            servers: BTreeMap::new(),
            by_name: HashMap::new(),
        }
    }

    /// Replaces everything indexed for `server` by `tools` (which are all taken to be that
    /// server's, whatever their `server` field says). An empty list removes the server.
    pub fn set_server(&mut self, server: &str, tools: &[ToolDoc<'_>]) {
        self.remove_server(server);
        if tools.is_empty() {
            return;
        }
        let mut slots = Vec::with_capacity(tools.len());
        let shared: Arc<str> = server.into();
        for tool in tools {
            let slot = self.free.pop().unwrap_or_else(|| {
                self.slots.push(None);
                u32::try_from(self.slots.len() - 1).unwrap_or(u32::MAX)
            });
            self.ranker.add(slot, tool);
            let name: Arc<str> = tool.name.into();
            self.by_name.insert(name.clone(), slot);
            self.slots[slot as usize] = Some(Slot {
                name,
                server: shared.clone(),
                original_name: tool.original_name.to_string(),
            });
            slots.push(slot);
        }
        let summary = Summary::of(tools);
        self.servers
            .insert(server.to_string(), Server { slots, summary });
    }

    /// Forgets `server`'s tools (nothing happens for a server not indexed).
    pub fn remove_server(&mut self, server: &str) {
        if let Some(old) = self.servers.remove(server) {
            self.ranker.remove(&old.slots);
            for &slot in &old.slots {
                if let Some(gone) = self.slots[slot as usize].take()
                    && self.by_name.get(&gone.name) == Some(&slot)
                {
                    self.by_name.remove(&gone.name);
                }
            }
            self.free.extend(old.slots.iter().rev());
        }
    }

    /// Number of tools indexed.
    pub fn len(&self) -> usize {
        self.servers.values().map(|s| s.slots.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.servers.is_empty()
    }

    /// The indexed servers (sorted) with what the description of `search_tools` says of them.
    pub(crate) fn summaries(&self) -> impl Iterator<Item = (&str, &Summary)> {
        self.servers
            .iter()
            .map(|(name, s)| (name.as_str(), &s.summary))
    }

    /// The `limit` tools that best match `query`, best first; ties go by name, so the order
    /// is stable. Tools that match no word of the query are not returned. A query that is
    /// exactly a tool's exposed name finds that tool first (a client that remembers a name).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let mut scored = Vec::new();
        self.ranker.score(query, &mut scored);
        scored.retain(|&(slot, _)| self.slot(slot).is_some());
        if let Some(&named) = self.by_name.get(query.trim()) {
            let top = scored.iter().map(|s| s.1).fold(0f32, f32::max);
            scored.retain(|&(slot, _)| slot != named);
            // Strictly above every other score, whatever the names.
            scored.push((named, top.next_up()));
        }
        let name = |slot: u32| self.slot(slot).map_or("", |s| &*s.name);
        let order = |a: &(u32, f32), b: &(u32, f32)| {
            b.1.total_cmp(&a.1).then_with(|| name(a.0).cmp(name(b.0)))
        };
        if limit == 0 {
            return Vec::new();
        }
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(order);
        scored
            .into_iter()
            .filter_map(|(slot, score)| {
                let s = self.slot(slot)?;
                Some(Hit {
                    name: s.name.to_string(),
                    server: s.server.to_string(),
                    original_name: s.original_name.clone(),
                    score,
                })
            })
            .collect()
    }

    fn slot(&self, slot: u32) -> Option<&Slot> {
        self.slots.get(slot as usize)?.as_ref()
    }
}
