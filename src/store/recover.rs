//! Crash safety around the store file. A vmcp process that stops in the middle of a write
//! (killed, power loss) leaves the file marked for recovery; redb repairs such a file when it is
//! opened for writing, but repairing in place would also "repair" a file that is damaged in
//! other ways. So the repair runs on a copy: the repaired copy replaces the file only if it opens
//! cleanly, the file as it was is kept beside it, and a file the repair cannot fix is left
//! exactly as it was. The repair runs under the exclusive hold of the lock file (`lock.rs`): no
//! other process has the file open from before the copy until after the rename, so none can
//! commit into the file being replaced. And so that vmcp itself never leaves a file
//! half-written, a process waits at exit for the writes it has started.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::lock::StoreLock;
use super::{Store, StoreError};

/// How long past its own deadline for the file a write may take to finish (its transaction and
/// the close), before a process that is exiting stops waiting for it.
const WRITE_GRACE: Duration = Duration::from_secs(5);

/// Writes under way in this process (from their start to closing the file).
static WRITES_IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
/// The latest time by which a write under way gives up waiting for the file.
static LAST_DEADLINE: Mutex<Option<Instant>> = Mutex::new(None);

/// Counts one write as under way until dropped.
pub(super) struct WriteInFlight;

impl WriteInFlight {
    /// `until` is when the write stops waiting for the file (it then fails without touching it).
    pub(super) fn start(until: Instant) -> WriteInFlight {
        let mut last = LAST_DEADLINE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *last = Some(last.map_or(until, |l| l.max(until)));
        WRITES_IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
        WriteInFlight
    }
}

impl Drop for WriteInFlight {
    fn drop(&mut self) {
        WRITES_IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Waits until no write of this process is under way: called before the process exits, so that
/// no write is cut off halfway, nor given up while it still waits its turn for a busy file.
/// Bounded: a write gives up waiting for the file at its deadline, and one still running
/// [`WRITE_GRACE`] after the latest deadline (stalled on a peer that never ends its write, or
/// on the disk) is left to the repair of the next process.
pub(crate) fn wait_for_writes() {
    let end = LAST_DEADLINE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .map(|d| d + WRITE_GRACE);
    while WRITES_IN_FLIGHT.load(Ordering::SeqCst) > 0 && end.is_some_and(|e| Instant::now() < e) {
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |error| StoreError::Io {
        path: path.to_path_buf(),
        error,
    }
}

impl Store {
    /// Repairs a file a writer left unfinished (see the module docs), under the exclusive hold
    /// `_alone`; returns where the file as it was has been kept.
    pub(super) fn recover(&self, _alone: &StoreLock) -> Result<PathBuf, StoreError> {
        let now = crate::support::clock::unix_seconds();
        let work = sibling(&self.path, &format!(".repairing-{}", std::process::id()));
        std::fs::copy(&self.path, &work).map_err(io(&work))?;
        let repaired = super::open::repair_copy(&work);
        if let Err(reason) = repaired {
            let _ = std::fs::remove_file(&work);
            return Err(StoreError::Corrupt {
                path: self.path.clone(),
                reason: format!("a write was cut off and the file cannot be repaired: {reason}"),
            });
        }
        // The original stays reachable under `kept` (a name of its own, even for a second
        // repair within the second); the rename swaps in the repaired copy in one step, so other
        // processes never find the path missing.
        let mut kept = sibling(&self.path, &format!(".unclean-{now}"));
        for n in 1.. {
            if !kept.exists() {
                break;
            }
            kept = sibling(&self.path, &format!(".unclean-{now}-{n}"));
        }
        std::fs::hard_link(&self.path, &kept)
            .or_else(|_| std::fs::copy(&self.path, &kept).map(|_| ()))
            .map_err(io(&kept))?;
        std::fs::rename(&work, &self.path).map_err(io(&self.path))?;
        tracing::warn!(
            store = %self.path.display(),
            kept = %kept.display(),
            "the store was left mid-write by a process that stopped; repaired it (the file as it was is kept)"
        );
        Ok(kept)
    }
}
