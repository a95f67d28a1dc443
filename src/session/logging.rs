//! Who gets an upstream's `notifications/message`. A legacy client asks once for the whole
//! connection (`logging/setLevel`); a modern (2026-07-28) request asks for itself, while it runs,
//! by naming a `logLevel` in its `_meta`, and gets no log message at all when it names none.
//! Legacy upstreams log per connection, so a modern request that wants more detail than an
//! upstream was asked for lowers that upstream's level, and every recipient's own level filters
//! what it gets.

use std::collections::HashMap;
use std::sync::Mutex;

use super::runtime::lock;
use crate::protocol::Peer;
use crate::protocol::meta::LOG_LEVELS;

/// The position of a level in [`LOG_LEVELS`] (least severe first).
pub(crate) fn level_index(level: &str) -> Option<usize> {
    LOG_LEVELS.iter().position(|l| *l == level)
}

/// A modern request's wish for log messages: at `level` and above, on `reply`.
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
    /// Registers `wish` for messages from `upstream` while the returned watch lives. The second
    /// value is the level the upstream must be asked for first, if it was asked for less detail.
    pub(crate) fn watch(&self, upstream: usize, wish: LogWish) -> (Watch<'_>, Option<usize>) {
        let mut s = lock(&self.state);
        let level = wish.level;
        let key = s.next;
        s.next += 1;
        s.wishes.insert(key, (upstream, wish));
        let lower = match s.applied.get(&upstream) {
            Some(applied) if *applied <= level => None,
            _ => {
                s.applied.insert(upstream, level);
                Some(level)
            }
        };
        (Watch { logging: self, key }, lower)
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
    /// `upstream`: the legacy client (if any, unless below the level it set), then each distinct
    /// reply channel of the modern requests to that upstream that want this level.
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
            let (_watch, lower) = logging.watch(0, wish.clone());
            assert_eq!(lower, level_index("error"), "never asked: asked now");
            // A second request at the same level asks nothing more of the upstream.
            let (_again, lower) = logging.watch(0, wish);
            assert_eq!(lower, None);
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
        let (_watch, lower) = logging.watch(1, debug);
        assert_eq!(lower, Some(0));
        // Same channel: the message goes once; the legacy level does not hide it from the
        // modern request that asked for it.
        assert_eq!(logging.recipients(1, Some(0), Some(&client)).len(), 1);
        let other = peer();
        let to_legacy_only = logging.recipients(0, Some(0), Some(&other));
        assert!(to_legacy_only.is_empty(), "below the legacy client's level");
    }
}
