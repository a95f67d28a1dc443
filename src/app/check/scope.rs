//! `vmcp check`'s advice on each server's `scope` (what `vmcp serve` runs per session or once):
//! only what the running server shows, never a guess from its name or tools.
//!
//! - `shared` on a streamable HTTP server that answered with an `Mcp-Session-Id`: it keeps
//!   state per session, which every client of the vMCP would then share;
//! - `session` on a server that speaks 2026-07-28: the revision has no protocol session, so it
//!   could be shared when it keeps no state of its own per client (only its author knows).

use std::sync::Arc;

use super::Problem;
use crate::config::{Scope, Selection};
use crate::protocol::mcp::Era;
use crate::upstream::Upstream;

/// The advice for each started server (`selections`: name, selection, pinned; in the order of
/// `upstreams`).
pub(super) fn notes(
    upstreams: &[Arc<Upstream>],
    selections: &[(String, Selection, bool)],
) -> Vec<Problem> {
    upstreams
        .iter()
        .zip(selections)
        .filter_map(|(up, (server, selection, _))| advice(server, selection, up))
        .collect()
}

/// The advice for `server`, started as `up`, if its scope looks wrong or could be better.
fn advice(server: &str, selection: &Selection, up: &Upstream) -> Option<Problem> {
    let scope = selection.scope.unwrap_or_default();
    let message = match scope {
        Scope::Shared if up.keeps_session() => format!(
            "server `{server}` is `scope: shared` but keeps a session (it answered with an \
             Mcp-Session-Id): under `vmcp serve` every client of the vMCP shares what it remembers \
             in it; give it `scope: session` unless that state is meant to be shared"
        ),
        Scope::Session if up.era() == Some(Era::Modern) => format!(
            "server `{server}` speaks 2026-07-28, which has no protocol session: if it keeps no \
             state of its own per client, `scope: shared` runs it once for every session of \
             `vmcp serve` instead of once per session"
        ),
        _ => return None,
    };
    Some(Problem {
        kind: "scope",
        message,
    })
}
