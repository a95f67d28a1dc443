//! Items handed from many callers to one background task that writes them in batches (the call
//! log to the store, spans to a collector): a push is an append under a lock; the task wakes for
//! the first item of a batch (an idle process wakes for nothing), then once the delay has
//! passed, a batch is full, or someone asks for a flush.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{Notify, mpsc, oneshot};

/// Someone waiting for what was queued before their request to be written.
pub(crate) type Flush = oneshot::Sender<()>;

pub(crate) struct Batch<T> {
    items: Mutex<Vec<T>>,
    first: Notify,
    full: Notify,
    /// Items per batch.
    size: usize,
    /// Items waiting at most.
    cap: usize,
}

impl<T> Batch<T> {
    pub(crate) fn new(size: usize, cap: usize) -> Batch<T> {
        Batch {
            items: Mutex::new(Vec::new()),
            first: Notify::new(),
            full: Notify::new(),
            size: size.max(1),
            cap: cap.max(1),
        }
    }

    /// Queues `item`; gives it back when `cap` items wait already.
    pub(crate) fn push(&self, item: T) -> Result<(), T> {
        let queued = {
            let mut items = self.items.lock().unwrap_or_else(PoisonError::into_inner);
            if items.len() >= self.cap {
                return Err(item);
            }
            items.push(item);
            items.len()
        };
        if queued == 1 {
            self.first.notify_one();
        } else if queued == self.size {
            self.full.notify_one();
        }
        Ok(())
    }

    /// Everything queued, in batches.
    pub(crate) fn take(&self) -> Vec<Vec<T>> {
        let mut items =
            std::mem::take(&mut *self.items.lock().unwrap_or_else(PoisonError::into_inner));
        let mut batches = Vec::new();
        while !items.is_empty() {
            let rest = items.split_off(items.len().min(self.size));
            batches.push(std::mem::replace(&mut items, rest));
        }
        batches
    }

    /// Waits until a batch is due: `delay` after its first item, when it is full, or when a
    /// flush is asked for on `flushes`. Returns who asked for a flush meanwhile (to answer once
    /// what is taken next is written), or `None` when no one can ask any more (the task ends).
    pub(crate) async fn due(
        &self,
        flushes: &mut mpsc::UnboundedReceiver<Flush>,
        delay: Duration,
    ) -> Option<Vec<Flush>> {
        let mut request = tokio::select! {
            r = flushes.recv() => Some(r),
            () = self.first.notified() => None,
        };
        if request.is_none() {
            request = tokio::select! {
                r = flushes.recv() => Some(r),
                () = self.full.notified() => None,
                () = tokio::time::sleep(delay) => None,
            };
        }
        let mut waiters = Vec::new();
        match request {
            Some(Some(w)) => waiters.push(w),
            Some(None) => return None,
            None => {}
        }
        while let Ok(w) = flushes.try_recv() {
            waiters.push(w);
        }
        Some(waiters)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushes_stop_at_the_cap_and_come_out_in_batches() {
        let b = Batch::new(2, 5);
        for i in 0..5 {
            assert_eq!(b.push(i), Ok(()));
        }
        assert_eq!(b.push(5), Err(5));
        assert_eq!(b.take(), vec![vec![0, 1], vec![2, 3], vec![4]]);
        assert!(b.take().is_empty());
    }

    #[tokio::test(start_paused = true)]
    async fn a_batch_is_due_after_the_delay_or_on_a_flush() {
        let b = Batch::new(10, 100);
        let (tx, mut rx) = mpsc::unbounded_channel();
        b.push(1).unwrap();
        let waiters = b.due(&mut rx, Duration::from_secs(1)).await.unwrap();
        assert!(waiters.is_empty());
        assert_eq!(b.take(), vec![vec![1]]);
        let (done, _wait) = oneshot::channel();
        tx.send(done).unwrap();
        assert_eq!(
            b.due(&mut rx, Duration::from_secs(1)).await.unwrap().len(),
            1
        );
        drop(tx);
        assert!(b.due(&mut rx, Duration::from_secs(1)).await.is_none());
    }
}
