//! Who gets an upstream's `notifications/message`, and what each upstream is asked for. A
//! legacy client asks once for the whole connection (`logging/setLevel`); a modern (2026-07-28)
//! request asks for itself, while it runs, by naming a `logLevel` in its `_meta`, and gets no
//! log message at all when it names none.
//!
//! - A legacy (2025-11-25) upstream logs per connection: a request that wants more detail than
//!   it was asked for has it lowered first (never raised: for a shared instance, the pool counts
//!   what every session asked, `pool.rs`), and every recipient's own level filters what it gets.
//! - A modern upstream logs per request: each request carries its own caller's level (a modern
//!   request's `logLevel`, a legacy client's `setLevel`, none for vmcp's own), and its messages
//!   go to that request's caller: over streamable HTTP they come with its answer; over stdio,
//!   which cannot tell two requests apart, to those in flight to it that asked. Never to a
//!   legacy client's connection as such.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::value::RawValue;

use super::runtime::{Session, lock};
use crate::protocol::mcp::{Era, notification};
use crate::protocol::message::to_raw;
use crate::protocol::meta::{LOG_LEVELS, key, set_meta_key, take_meta_key};
use crate::protocol::{LogSink, Peer, RawObject, RequestOptions};
use crate::upstream::Upstream;

/// The position of a level in [`LOG_LEVELS`] (least severe first).
pub(crate) fn level_index(level: &str) -> Option<usize> {
    LOG_LEVELS.iter().position(|l| *l == level)
}

/// A request's wish for log messages: at `level` and above, on `reply`.
#[derive(Clone)]
pub(crate) struct LogWish {
    pub(crate) level: usize,
    pub(crate) reply: Peer,
}

#[derive(Default)]
pub(crate) struct Logging {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    next: u64,
    /// Modern requests in flight to an upstream: key → (upstream index, wish).
    wishes: HashMap<u64, (usize, LogWish)>,
    /// The level the legacy client set, if it set one.
    legacy: Option<usize>,
    /// The level each upstream was last asked for.
    applied: HashMap<usize, usize>,
}

/// A wish in force; dropping it withdraws the wish.
pub(crate) struct Watch<'a> {
    logging: &'a Logging,
    key: u64,
}

impl Drop for Watch<'_> {
    fn drop(&mut self) {
        lock(&self.logging.state).wishes.remove(&self.key);
    }
}

impl Logging {
    /// Registers `wish` for messages from `upstream` while the returned watch lives.
    pub(crate) fn watch(&self, upstream: usize, wish: LogWish) -> Watch<'_> {
        let mut s = lock(&self.state);
        let key = s.next;
        s.next += 1;
        s.wishes.insert(key, (upstream, wish));
        Watch { logging: self, key }
    }

    /// Whether `upstream` must be asked for `level` because this session asked it for less
    /// detail (or nothing) so far; from now on it counts as asked.
    pub(crate) fn lower(&self, upstream: usize, level: usize) -> bool {
        let mut s = lock(&self.state);
        if s.applied
            .get(&upstream)
            .is_some_and(|applied| *applied <= level)
        {
            return false;
        }
        s.applied.insert(upstream, level);
        true
    }

    /// The level the legacy client set, if it set one.
    pub(crate) fn legacy(&self) -> Option<usize> {
        lock(&self.state).legacy
    }

    /// The legacy client set `level` for every upstream in `upstreams` (session indexes).
    pub(crate) fn set_legacy(&self, level: usize, upstreams: impl IntoIterator<Item = usize>) {
        let mut s = lock(&self.state);
        s.legacy = Some(level);
        for i in upstreams {
            s.applied.insert(i, level);
        }
    }

    /// A reload started `upstream`: the level the legacy client set, if it set one, which the
    /// new upstream must be asked for.
    pub(crate) fn adopt(&self, upstream: usize) -> Option<usize> {
        let mut s = lock(&self.state);
        let level = s.legacy?;
        s.applied.insert(upstream, level);
        Some(level)
    }

    /// Who gets a message at `level` (`None`: unreadable, nobody filters it out) from
    /// `upstream`: the legacy client (if any — pass none for a modern upstream — unless below
    /// the level it set), then each distinct reply channel of the requests to that upstream that
    /// want this level.
    pub(crate) fn recipients(
        &self,
        upstream: usize,
        level: Option<usize>,
        legacy: Option<&Peer>,
    ) -> Vec<Peer> {
        let s = lock(&self.state);
        let wanted = |at: usize| level.is_none_or(|l| l >= at);
        let mut out: Vec<Peer> = Vec::new();
        if let Some(client) = legacy
            && s.legacy.is_none_or(wanted)
        {
            out.push(client.clone());
        }
        for (up, wish) in s.wishes.values() {
            if *up == upstream && wanted(wish.level) && !out.iter().any(|p| p.is_same(&wish.reply))
            {
                out.push(wish.reply.clone());
            }
        }
        out
    }
}

impl Session {
    /// Makes `wish` come true for a request to `up` (which speaks `era`), while the returned
    /// watch (if any) lives: a modern upstream gets the level in the request's `params`, and
    /// over streamable HTTP, where its messages come with its answer, they go to `wish` alone
    /// (`opts`' log sink, no watch); a legacy one is asked for more detail first when nobody
    /// asked it for that much yet, and answers before the request goes (or its own first
    /// messages would be lost).
    pub(super) async fn watch_logs(
        &self,
        up: &Upstream,
        era: Era,
        wish: LogWish,
        params: &mut RawObject,
        opts: &mut RequestOptions,
    ) -> Option<Watch<'_>> {
        let level = wish.level;
        let name = LOG_LEVELS.get(level)?;
        match era {
            Era::Modern => {
                set_meta_key(params, key::LOG_LEVEL, name);
                if up.transport() == Some("http") {
                    opts.logs = Some(log_sink(wish, up.name()));
                    return None;
                }
                Some(self.logging.watch(up.index, wish))
            }
            Era::Legacy => {
                let watch = self.logging.watch(up.index, wish);
                if self.logging.lower(up.index, level) && self.needs_level(up.index, level) {
                    // Cancelled with the request; its progress is not this request's.
                    let ask = RequestOptions {
                        cancel: opts.cancel.clone(),
                        ..RequestOptions::default()
                    };
                    up.log_at(name, ask).await;
                }
                Some(watch)
            }
        }
    }
}

/// Where the log messages of one request go when the transport tells them apart: to `wish`,
/// at its level, named after `server`.
fn log_sink(wish: LogWish, server: &str) -> LogSink {
    let server = server.to_string();
    Arc::new(move |params| {
        let parsed = RawObject::parse(params.as_deref()).ok();
        if message_level(parsed.as_ref()).is_none_or(|l| l >= wish.level) {
            let params = with_logger(parsed, params, Some(&server));
            wish.reply.notify_raw(notification::MESSAGE, params);
        }
    })
}

/// The level a log message's params name (`None`: unreadable, which nobody filters out).
pub(super) fn message_level(parsed: Option<&RawObject>) -> Option<usize> {
    parsed
        .and_then(|p| p.get_str("level"))
        .and_then(|l| level_index(&l))
}

/// A log message's `params` (`parsed`, when readable) naming `server` as its `logger` when the
/// upstream named none: the client sees one server.
pub(super) fn with_logger(
    parsed: Option<RawObject>,
    params: Option<Box<RawValue>>,
    server: Option<&str>,
) -> Option<Box<RawValue>> {
    match (parsed, server) {
        (Some(mut p), Some(server)) if p.get("logger").is_none() => {
            p.set_value("logger", server);
            Some(to_raw(&p))
        }
        _ => params,
    }
}

/// Takes any `logLevel` out of a request's `_meta` before it goes to a modern upstream: the only
/// level that reaches one is the one vmcp sets for the request's own caller (a 2025-11-25
/// client's `_meta` may carry anything).
pub(super) fn without_level(params: &mut RawObject) {
    // Every request to a modern upstream passes here: `_meta` is parsed only when it names it.
    if params
        .get("_meta")
        .is_some_and(|m| m.get().contains(key::LOG_LEVEL))
    {
        take_meta_key(params, key::LOG_LEVEL);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::protocol::{BoxFuture, Handler, IncomingRequest, Outcome};

    struct Nothing;
    impl Handler for Nothing {
        fn on_request(&self, _req: IncomingRequest) -> BoxFuture<Outcome> {
            Box::pin(async { Outcome::Result(crate::protocol::message::empty_object()) })
        }
        fn on_notification(&self, _: &str, _: Option<Box<serde_json::value::RawValue>>) {}
    }

    fn peer() -> Peer {
        Peer::new("t", Arc::new(Nothing)).0
    }

    #[test]
    fn levels_filter_each_recipient_and_a_watch_ends_with_its_request() {
        let logging = Logging::default();
        let (client, reply) = (peer(), peer());
        let warning = level_index("warning");
        // No wish, no legacy level: only the legacy client hears.
        assert_eq!(logging.recipients(0, warning, Some(&client)).len(), 1);
        assert!(logging.recipients(0, warning, None).is_empty());
        {
            let wish = LogWish {
                level: level_index("error").unwrap(),
                reply: reply.clone(),
            };
            let _watch = logging.watch(0, wish.clone());
            assert!(logging.lower(0, wish.level), "never asked: asked now");
            // A second request at the same level asks nothing more of the upstream.
            let _again = logging.watch(0, wish.clone());
            assert!(!logging.lower(0, wish.level));
            assert!(
                logging.recipients(0, warning, None).is_empty(),
                "below error"
            );
            let got = logging.recipients(0, level_index("critical"), None);
            assert_eq!(got.len(), 1, "one channel, however many requests");
            assert!(
                logging
                    .recipients(1, level_index("critical"), None)
                    .is_empty()
            );
        }
        assert!(
            logging
                .recipients(0, level_index("critical"), None)
                .is_empty()
        );
    }

    #[test]
    fn a_modern_wish_for_detail_lowers_the_level_and_the_legacy_level_still_filters() {
        let logging = Logging::default();
        logging.set_legacy(level_index("error").unwrap(), 0..2);
        let client = peer();
        let debug = LogWish {
            level: 0,
            reply: client.clone(),
        };
        let _watch = logging.watch(1, debug);
        assert!(logging.lower(1, 0));
        // Same channel: the message goes once; the legacy level does not hide it from the
        // modern request that asked for it.
        assert_eq!(logging.recipients(1, Some(0), Some(&client)).len(), 1);
        let other = peer();
        let to_legacy_only = logging.recipients(0, Some(0), Some(&other));
        assert!(to_legacy_only.is_empty(), "below the legacy client's level");
    }
}
