//! Who holds a subscription to which resource. The legacy client (`resources/subscribe`) and
//! modern callers' listen streams (`resourceSubscriptions`) share one upstream subscription per
//! URI: the first holder makes vmcp subscribe upstream, the last one to leave unsubscribes. The
//! upstream renews what it is subscribed to when it restarts (`upstream/subscriptions.rs`); a
//! reload that replaces it brings the URIs held to its successor.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use super::routing::Target;
use super::runtime::lock;

/// One holder of a subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Holder {
    /// The legacy client of the connection.
    Client,
    /// A modern caller's listen stream (its key in `Listeners`).
    Listen(u64),
}

/// What letting go of a subscription leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Released {
    /// `holder` was the last one: the upstream may unsubscribe.
    Last(Target),
    /// Others still hold it: the upstream keeps it.
    StillHeld,
    /// `holder` did not hold it.
    NotHeld,
}

#[derive(Default)]
pub(crate) struct Subscriptions {
    held: Mutex<BTreeMap<String, Held>>,
}

struct Held {
    target: Target,
    holders: BTreeSet<Holder>,
}

impl Subscriptions {
    /// Records `holder` on `uri` (served by `target`); true when it is the first holder, so the
    /// upstream must be asked.
    pub(crate) fn hold(&self, uri: &str, target: Target, holder: Holder) -> bool {
        let mut held = lock(&self.held);
        let entry = held.entry(uri.to_string()).or_insert_with(|| Held {
            target,
            holders: BTreeSet::new(),
        });
        entry.holders.insert(holder);
        entry.holders.len() == 1
    }

    /// Removes `holder` from `uri`, and says whether the upstream may be told.
    pub(crate) fn release(&self, uri: &str, holder: Holder) -> Released {
        let mut held = lock(&self.held);
        let Some(entry) = held.get_mut(uri) else {
            return Released::NotHeld;
        };
        if !entry.holders.remove(&holder) {
            return Released::NotHeld;
        }
        if !entry.holders.is_empty() {
            return Released::StillHeld;
        }
        held.remove(uri)
            .map_or(Released::NotHeld, |h| Released::Last(h.target))
    }

    /// Drops every subscription on `target` (a server removed by a reload).
    pub(crate) fn forget(&self, target: Target) {
        lock(&self.held).retain(|_, h| h.target != target);
    }

    /// Moves the subscriptions of `old` to `new` (a server restarted by a reload under a new
    /// id, which is asked for them: `Session::renew_subscriptions`).
    pub(crate) fn retarget(&self, old: Target, new: Target) {
        for h in lock(&self.held).values_mut() {
            if h.target == old {
                h.target = new;
            }
        }
    }

    /// The URIs held on `target`.
    pub(crate) fn on(&self, target: Target) -> Vec<String> {
        lock(&self.held)
            .iter()
            .filter(|(_, h)| h.target == target)
            .map(|(uri, _)| uri.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_holder_subscribes_and_the_last_unsubscribes() {
        let s = Subscriptions::default();
        let up = Target::Upstream(0);
        assert!(s.hold("a", up, Holder::Client));
        assert!(!s.hold("a", up, Holder::Listen(1)));
        // Holding twice is holding once.
        assert!(!s.hold("a", up, Holder::Client));
        assert_eq!(s.release("a", Holder::Client), Released::StillHeld);
        assert_eq!(s.release("a", Holder::Client), Released::NotHeld);
        assert_eq!(s.on(up), vec!["a".to_string()]);
        assert_eq!(s.release("a", Holder::Listen(1)), Released::Last(up));
        assert!(s.on(up).is_empty());
        assert_eq!(s.release("never", Holder::Client), Released::NotHeld);
    }
}
