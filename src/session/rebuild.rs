//! A session's catalog, rebuilt whole from its upstreams' lists (through each server's trust
//! gate, filters and names) and its custom items whenever one of them changes: the new one is
//! swapped in, its problems are logged once, and the lists that changed are announced.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError};

use super::catalog::{self, Catalog, Source};
use super::gate;
use super::routing::Target;
use super::runtime::{Session, lock};
use crate::trust::ServerRef;
use crate::upstream::ListKind;

impl Session {
    pub(crate) fn catalog(&self) -> Arc<Catalog> {
        self.catalog
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Remembers that the client fetched a list, so later changes to it are announced.
    pub(super) fn mark_listed(&self, kind: ListKind) {
        self.listed.fetch_or(kind.bit(), Ordering::AcqRel);
    }

    /// Rebuilds the catalog from every upstream's lists; announces what changed.
    pub(super) fn rebuild(&self) {
        let _guard = lock(&self.rebuild_lock);
        let roster = self.roster();
        let all = crate::config::Selection::default();
        let mut withheld = HashMap::new();
        let mut sources: Vec<Source<'_>> = Vec::new();
        for (sp, up) in roster.plan.servers.iter().zip(&roster.upstreams) {
            let i = up.index;
            let server = ServerRef {
                name: sp.upstream.name.clone(),
                file: sp.definition_file.clone(),
            };
            let (lists, kept_out) = gate::apply(&self.policies.get(i), &server, up.lists());
            for w in kept_out {
                // Only tools the vMCP would show matter; a refused call names the exposed name.
                if !super::filter::tool_visible(&sp.selection, &w.raw) {
                    continue;
                }
                let exposed = sp
                    .selection
                    .rename
                    .get(&w.raw)
                    .cloned()
                    .unwrap_or_else(|| super::naming::exposed_name(&sp.prefix, &w.raw));
                withheld.insert(exposed, w);
            }
            sources.push(Source {
                target: Target::Upstream(i),
                server: &sp.upstream.name,
                prefix: &sp.prefix,
                selection: &sp.selection,
                args: &sp.args,
                lists,
            });
        }
        // Custom items come last, under their own names.
        if let Some(custom) = &roster.plan.custom {
            sources.push(Source {
                target: Target::Custom,
                server: crate::custom::SELF_SERVER,
                prefix: "",
                selection: &all,
                args: &super::args::NO_ARGS,
                lists: super::custom::lists(&custom.0),
            });
        }
        let mut built = catalog::build(&sources);
        built.withheld = withheld;
        self.apply_search(&roster.plan.tool_search, &mut built);
        let new = Arc::new(built);
        {
            let mut reported = lock(&self.reported_conflicts);
            for (exposed, w) in &new.withheld {
                // A first use being recorded is a moment, not news.
                if w.reason != gate::Reason::FirstUse
                    && reported.insert(format!("withheld {exposed} {:?}", w.reason))
                {
                    tracing::warn!(vmcp = %self.name(), server = %w.server.name, "{}", w.refusal(exposed));
                }
            }
            for d in &new.arg_problems {
                if reported.insert(d.to_string()) {
                    tracing::error!(vmcp = %self.name(), "{d}");
                }
            }
            for c in &new.conflicts {
                if reported.insert(c.to_string()) {
                    if c.kind == "resource" {
                        tracing::warn!(vmcp = %self.name(), "{c}");
                    } else {
                        tracing::error!(vmcp = %self.name(), "{c}");
                    }
                }
            }
        }
        let old = std::mem::replace(
            &mut *self.catalog.write().unwrap_or_else(PoisonError::into_inner),
            new.clone(),
        );
        self.version.send_modify(|v| *v += 1);
        let res_changed = old.resources.get() != new.resources.get()
            || old.templates.get() != new.templates.get();
        let changed = [
            (
                ListKind::Tools,
                old.listed_tools.get() != new.listed_tools.get(),
            ),
            (ListKind::Prompts, old.prompts.get() != new.prompts.get()),
            (ListKind::Resources, res_changed),
        ];
        // Listeners hear of every change, the first lists included: a modern caller may list
        // before or after it opens a stream, and a refetch too many costs little.
        for (kind, _) in changed.iter().filter(|(_, c)| *c) {
            tracing::debug!(vmcp = %self.name(), "the {} list changed", kind.key());
            self.listeners.announce(*kind);
        }
        let listed = self.listed.load(Ordering::Acquire);
        let Some(client) = self.client.get() else {
            return;
        };
        let res_bits = ListKind::Resources.bit() | ListKind::Templates.bit();
        for (kind, is_changed) in changed {
            let bits = match kind {
                ListKind::Resources => res_bits,
                k => k.bit(),
            };
            if is_changed && listed & bits != 0 {
                client.notify(super::listeners::list_changed(kind), None);
            }
        }
    }
}
