//! How many bytes wait in a peer's outgoing queue, and a way to wait until there is room.
//!
//! The queue itself stays an unbounded channel (sending never blocks, so a notification can be
//! sent from anywhere), and is bounded where its bytes come from: every reader whose messages
//! end up in it pauses before its next message while it is full. For the AI client's queue those
//! are the client's own input and every upstream's output, so a client that stops reading stops
//! vmcp reading (and the upstreams, blocked on their full pipes, stop producing) instead of vmcp
//! buffering without end. A full queue still takes the message already read: one message is never
//! refused, whatever its size, so the bound is the limit plus one message per reader.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use tokio::sync::Notify;

/// Bytes queued for a peer's writer above which its readers pause. Enough to keep a pipe busy
/// (a pipe holds 64 KiB); small against the memory a stuck client could otherwise cost.
pub(crate) const DEFAULT_MAX_QUEUED_BYTES: usize = 8 * 1024 * 1024;

/// What a queued frame costs besides its bytes (the frame, the channel slot), so that a flood of
/// tiny notifications is bounded too.
const FRAME_OVERHEAD: usize = 64;

/// A cheap, cloneable handle on one outgoing queue's size.
#[derive(Clone)]
pub struct Backlog {
    inner: Arc<Inner>,
}

struct Inner {
    queued: AtomicUsize,
    limit: usize,
    room: Notify,
    /// Set when the queue's writer is gone: nothing will drain it, so nobody should wait.
    closed: AtomicBool,
}

impl fmt::Debug for Backlog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Backlog")
            .field("queued", &self.inner.queued.load(Ordering::Relaxed))
            .field("limit", &self.inner.limit)
            .finish()
    }
}

/// The same queue.
impl PartialEq for Backlog {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Backlog {
    pub fn new(limit: usize) -> Backlog {
        Backlog {
            inner: Arc::new(Inner {
                queued: AtomicUsize::new(0),
                limit,
                room: Notify::new(),
                closed: AtomicBool::new(false),
            }),
        }
    }

    /// Counts a frame of `len` bytes into the queue.
    pub(crate) fn add(&self, len: usize) {
        self.inner
            .queued
            .fetch_add(len + FRAME_OVERHEAD, Ordering::Relaxed);
    }

    /// Counts a frame of `len` bytes out of the queue; wakes the readers when room appears.
    pub(crate) fn remove(&self, len: usize) {
        let cost = len + FRAME_OVERHEAD;
        let before = self.inner.queued.fetch_sub(cost, Ordering::AcqRel);
        if before >= self.inner.limit && before - cost < self.inner.limit {
            self.inner.room.notify_waiters();
        }
    }

    /// Bytes waiting (with the per-frame overhead).
    pub(crate) fn queued(&self) -> usize {
        self.inner.queued.load(Ordering::Relaxed)
    }

    /// Whether a reader may go on (the queue is below its limit, or nothing drains it anymore).
    pub(crate) fn has_room(&self) -> bool {
        self.queued() < self.inner.limit || self.inner.closed.load(Ordering::Relaxed)
    }

    /// Waits until [`Backlog::has_room`].
    pub(crate) async fn room(&self) {
        loop {
            let notified = self.inner.room.notified();
            tokio::pin!(notified);
            // Registered before checking, so a wake-up between the check and the wait is kept.
            notified.as_mut().enable();
            if self.has_room() {
                return;
            }
            notified.await;
        }
    }

    /// The writer is gone: release every waiter, now and later.
    pub(crate) fn close(&self) {
        self.inner.closed.store(true, Ordering::Relaxed);
        self.inner.room.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn readers_wait_for_room_and_are_released() {
        let b = Backlog::new(1000);
        b.add(600);
        assert!(b.has_room());
        b.add(600);
        assert!(!b.has_room());
        let waiter = tokio::spawn({
            let b = b.clone();
            async move { b.room().await }
        });
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished());
        b.remove(600);
        waiter.await.unwrap();
        assert!(b.has_room());
        b.add(5000);
        b.close();
        b.room().await;
    }
}
