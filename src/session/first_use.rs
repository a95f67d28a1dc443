//! Trust on first use in a running session. When a pinned server with no approval yet delivers
//! its first live list (never a cached one: what is approved is what the server says now), what
//! the gate approves on first use (`gate::first_use_definitions`) is recorded where approvals
//! live, on a blocking thread (the store is opened for that one write), and the server's policy
//! becomes the approval in force — this one, or the one another process recorded first, so
//! sessions that first-list a server at the same moment agree on one record. The first list
//! waits for the recording, so no client sees a catalog that no record backs; a recording that
//! fails leaves the server's tools withheld with the reason. A plan's recorder records each
//! server once: a session opened from the same plan after that (`vmcp serve`) starts with the
//! recorded approval in force, and one that first-lists it meanwhile waits for that recording
//! instead of reading every definition and writing the store again.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use super::gate;
use super::plan::{Approval, ServerPlan, TrustPolicy};
use super::runtime::{Session, lock};
use crate::upstream::State;

/// The trust policy of each upstream of a session (by session index), as first uses and
/// reloads change it.
pub(super) struct Policies {
    current: Mutex<HashMap<usize, TrustPolicy>>,
    /// Upstreams whose first use is being recorded.
    recording: Mutex<HashSet<usize>>,
    /// Bumped whenever a recording ends.
    settled: watch::Sender<u64>,
}

impl Policies {
    /// No policy yet: each upstream's is set under the index it was started with
    /// ([`Policies::set`]); a shared instance's is the pool's, not the server's place in the plan.
    pub(super) fn new() -> Policies {
        Policies {
            current: Mutex::new(HashMap::new()),
            recording: Mutex::new(HashSet::new()),
            settled: watch::channel(0).0,
        }
    }

    /// The policy of upstream `index` now. One the session never gave a policy exposes nothing
    /// (the gate fails closed: a shared instance once judged under no policy passed as `always`).
    pub(super) fn get(&self, index: usize) -> TrustPolicy {
        lock(&self.current)
            .get(&index)
            .cloned()
            .unwrap_or_else(|| TrustPolicy::Pinned {
                approved: Approval::Unavailable("vmcp holds no trust policy for it".into()),
                warn: false,
            })
    }

    /// Upstream `index` of server `server` is judged by `policy` from now on (the session or a
    /// reload started it, or a reload changed its trust settings).
    pub(super) fn set(&self, index: usize, server: &str, policy: TrustPolicy) {
        lock(&self.current).insert(index, in_force(server, policy));
    }

    /// Forgets upstream `index` (a reload took it out).
    pub(super) fn remove(&self, index: usize) {
        lock(&self.current).remove(&index);
        lock(&self.recording).remove(&index);
    }

    fn awaiting(&self, index: usize) -> bool {
        lock(&self.current)
            .get(&index)
            .is_some_and(awaits_first_use)
    }

    /// Upstream `index` is judged by `approved` from now on.
    fn settle(&self, index: usize, approved: Approval) {
        if let Some(TrustPolicy::Pinned { approved: a, .. }) = lock(&self.current).get_mut(&index) {
            *a = approved;
        }
        lock(&self.recording).remove(&index);
    }
}

/// `policy` of `server`, with the approval its recorder recorded already in force (another
/// session of the plan made the first use): a session joining it judges by that approval at
/// once, and records nothing.
fn in_force(server: &str, policy: TrustPolicy) -> TrustPolicy {
    if let TrustPolicy::Pinned {
        approved: Approval::FirstUse(recorder),
        warn,
    } = &policy
        && let Some(pins) = recorder.0.recorded(server)
    {
        return TrustPolicy::Pinned {
            approved: Approval::Pins(pins),
            warn: *warn,
        };
    }
    policy
}

/// Whether `server` still waits for its first use to be recorded.
pub(super) fn awaits(server: &ServerPlan) -> bool {
    awaits_first_use(&in_force(&server.upstream.name, server.trust.clone()))
}

fn awaits_first_use(p: &TrustPolicy) -> bool {
    matches!(
        p,
        TrustPolicy::Pinned {
            approved: Approval::FirstUse(_),
            ..
        }
    )
}

impl Session {
    /// Records the first use of upstream `index` if it awaits one: called when it delivers live
    /// lists. At most one recording per server runs.
    pub(super) fn record_first_use(self: &Arc<Self>, index: usize) {
        let TrustPolicy::Pinned {
            approved: Approval::FirstUse(recorder),
            ..
        } = self.policies.get(index)
        else {
            return;
        };
        let Some(up) = self.upstream(index) else {
            return;
        };
        if !lock(&self.policies.recording).insert(index) {
            return;
        }
        let server = up.name().to_string();
        let lists = up.lists();
        let session = self.clone();
        tokio::spawn(async move {
            let name = server.clone();
            let outcome = tokio::task::spawn_blocking(move || {
                recorder
                    .0
                    .record(&name, &|| gate::first_use_definitions(&lists))
            })
            .await;
            let approved = match outcome {
                Ok(Ok(pins)) => {
                    tracing::info!(server = %server, tools = pins.len(), "approved on first use");
                    Approval::Pins(pins)
                }
                Ok(Err(why)) => Approval::Unavailable(why),
                Err(e) => Approval::Unavailable(e.to_string()),
            };
            if let Approval::Unavailable(why) = &approved {
                tracing::warn!(server = %server, "cannot record the approval of its first use, so its tools are withheld: {why}");
            }
            session.policies.settle(index, approved);
            // The catalog first, then the waiters: the first list must see the new policy.
            session.rebuild();
            session.policies.settled.send_modify(|n| *n += 1);
        });
    }

    /// Waits while a ready server's first use is being recorded (a failed one has nothing to
    /// record; it is recorded when it comes up).
    pub(super) async fn wait_first_uses(&self) {
        let mut settled = self.policies.settled.subscribe();
        loop {
            let waiting = self
                .upstreams()
                .iter()
                .any(|u| self.policies.awaiting(u.index) && matches!(u.state(), State::Ready));
            if !waiting || settled.changed().await.is_err() {
                return;
            }
        }
    }
}
