//! Following what open sessions' vMCPs came from: the definition file (or the default one) and
//! the store's change stamp (`store/changes.rs`, so the store itself is never held open).
//! File-system notifications on their directories say when to look (editors that save by
//! renaming a new file into place included); a poll looks anyway, for file systems without
//! notifications and directories created later. A burst of saves is one change: the inputs must
//! be quiet for [`DEFAULT_DEBOUNCE`] first, and a change is told only when their contents
//! (modification time, size, hash) differ from the last ones seen. What a change does is the
//! caller's: `vmcp stdio` reloads its session, `vmcp serve` every vMCP it serves.

use std::collections::HashSet;
use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use notify::Watcher as _;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// How long the watched files must be quiet after a change before the reload (editors write a
/// file in several steps; a script may save several times).
pub(crate) const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(200);
/// How often the watched files are looked at without a notification.
pub(crate) const DEFAULT_POLL: Duration = Duration::from_secs(2);

/// A watch of the definition; dropping it stops watching.
pub(crate) struct Watching {
    task: JoinHandle<()>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What one watched file looks like now (`None`: it does not exist or cannot be read).
type Look = Option<(Option<SystemTime>, u64, u64)>;

/// How `files` look now. A file whose modification time and size are those of `before` keeps
/// its hash without being read (a poll costs a `stat` per file), unless `read_all` (a
/// notification came: the content is what counts).
fn look(files: &[PathBuf], before: &[Look], read_all: bool) -> Vec<Look> {
    files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let meta = std::fs::metadata(f).ok()?;
            let (modified, len) = (meta.modified().ok(), meta.len());
            if !read_all
                && let Some(Some((m, l, hash))) = before.get(i)
                && (*m, *l) == (modified, len)
            {
                return Some((modified, len, *hash));
            }
            let bytes = std::fs::read(f).ok()?;
            let mut h = DefaultHasher::new();
            bytes.hash(&mut h);
            Some((modified, len, h.finish()))
        })
        .collect()
}

/// Starts watching `files`; `changed` runs after each change (one at a time).
pub(crate) fn follow<F, Fut>(files: Vec<PathBuf>, changed: F) -> Watching
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let (tx, rx) = mpsc::unbounded_channel();
    let notifier = notifier(&files, tx);
    let task = tokio::spawn(async move {
        // Kept for as long as the watch runs.
        let _notifier = notifier;
        run(files, rx, changed).await;
    });
    Watching { task }
}

/// File-system notifications for `files` (by watching their directories), sent as a nudge on
/// `tx`; `None` where the platform or the directories allow none (the poll remains).
fn notifier(
    files: &[PathBuf],
    tx: mpsc::UnboundedSender<()>,
) -> Option<notify::RecommendedWatcher> {
    let wanted: HashSet<PathBuf> = files.iter().cloned().collect();
    let handler = move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && event.paths.iter().any(|p| wanted.contains(p))
        {
            let _ = tx.send(());
        }
    };
    let mut watcher = match notify::recommended_watcher(handler) {
        Ok(w) => w,
        Err(e) => {
            tracing::debug!("no file-system notifications ({e}); polling every {DEFAULT_POLL:?}");
            return None;
        }
    };
    let dirs: HashSet<&Path> = files.iter().filter_map(|f| f.parent()).collect();
    for dir in dirs {
        if let Err(e) = watcher.watch(dir, notify::RecursiveMode::NonRecursive) {
            tracing::debug!("cannot watch {} ({e}); polling it", dir.display());
        }
    }
    Some(watcher)
}

async fn run<F, Fut>(files: Vec<PathBuf>, mut nudges: mpsc::UnboundedReceiver<()>, mut changed: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    let looked = |before: Vec<Look>, read_all: bool| {
        let files = files.clone();
        async move {
            tokio::task::spawn_blocking(move || look(&files, &before, read_all))
                .await
                .unwrap_or_default()
        }
    };
    let mut last = looked(Vec::new(), true).await;
    let mut poll = tokio::time::interval(DEFAULT_POLL);
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let notified = tokio::select! {
            nudge = nudges.recv() => {
                if nudge.is_none() {
                    // No notifications after all: the poll goes on alone.
                    nudges = mpsc::unbounded_channel().1;
                }
                nudge.is_some()
            }
            _ = poll.tick() => false,
        };
        settle(&mut nudges, DEFAULT_DEBOUNCE).await;
        let now = looked(last.clone(), notified).await;
        if now != last {
            last = now;
            changed().await;
        }
    }
}

/// Returns once no nudge has come for `quiet` (every nudge meanwhile is consumed), so a burst of
/// changes is looked at once.
async fn settle(nudges: &mut mpsc::UnboundedReceiver<()>, quiet: Duration) {
    while let Ok(Some(())) = tokio::time::timeout(quiet, nudges.recv()).await {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_burst_of_changes_is_looked_at_once_when_it_is_quiet() {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let start = tokio::time::Instant::now();
        let sender = tokio::spawn(async move {
            for _ in 0..5 {
                tx.send(()).unwrap();
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            tx
        });
        settle(&mut rx, DEFAULT_DEBOUNCE).await;
        // The last nudge came at 400 ms; quiet means 200 ms after it.
        assert_eq!(start.elapsed(), Duration::from_millis(600));
        assert!(rx.try_recv().is_err(), "every nudge of the burst consumed");
        drop(sender.await.unwrap());
    }

    #[test]
    fn a_look_changes_with_the_content_and_a_poll_reads_only_what_was_touched() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("vmcp.yaml");
        let files = vec![f.clone()];
        assert_eq!(look(&files, &[], false), vec![None]);
        std::fs::write(&f, "a: 1\n").unwrap();
        let first = look(&files, &[], false);
        assert_eq!(look(&files, &first, true), first);
        std::fs::write(&f, "a: 2\n").unwrap();
        assert_ne!(look(&files, &first, true), first);
        // Same time and size as `before`: its hash is kept, the file is not read — unless a
        // notification asks for the content.
        let now = look(&files, &[], true);
        let Some((m, l, real)) = now[0] else {
            panic!("{now:?}")
        };
        let before = vec![Some((m, l, 7))];
        assert_eq!(look(&files, &before, false), before);
        assert_eq!(look(&files, &before, true), vec![Some((m, l, real))]);
    }
}
