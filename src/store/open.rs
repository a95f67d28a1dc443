//! Opening the file for one unit of work: multi-writer mode, private permissions, bounded
//! retries with jitter while another process holds what we need, and damaged files reported
//! without being touched.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use redb::{
    Builder, ConcurrencyMode, Database, DatabaseError, ReadOnlyDatabase, ReadTransaction,
    ReadableDatabase, TransactionError, WriteTransaction,
};

use super::lock::StoreLock;
use super::schema;
use super::{Store, StoreError};

/// First wait between attempts; grows to [`MAX_BACKOFF`], each with ±50 % jitter.
const FIRST_BACKOFF: Duration = Duration::from_millis(2);
const MAX_BACKOFF: Duration = Duration::from_millis(100);

fn builder() -> Builder {
    let mut b = Builder::new();
    // Small: a unit of work touches a few records; the page cache would only cost memory.
    b.set_cache_size(256 * 1024);
    b.set_concurrency_mode(ConcurrencyMode::MultiWriter);
    b
}

/// Retries `attempt` while it reports "busy", until `until` (the end of the unit of work's wait).
fn with_retry<T>(
    store: &Store,
    until: Instant,
    mut attempt: impl FnMut() -> Result<Option<T>, StoreError>,
) -> Result<T, StoreError> {
    let start = Instant::now();
    let mut backoff = FIRST_BACKOFF;
    loop {
        if let Some(v) = attempt()? {
            return Ok(v);
        }
        if Instant::now() >= until {
            return Err(StoreError::Busy {
                path: store.path.clone(),
                waited: start.elapsed(),
            });
        }
        std::thread::sleep(backoff.mul_f64(0.5 + fastrand::f64()));
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// Runs a redb call, turning a panic (redb may panic on a file it did not write) into `Corrupt`.
fn guarded<T>(store: &Store, f: impl FnOnce() -> T) -> Result<T, StoreError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| StoreError::Corrupt {
        path: store.path.clone(),
        reason: p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_string()))
            .unwrap_or_else(|| "unreadable file".into()),
    })
}

fn open_error(store: &Store, e: DatabaseError) -> Result<Option<Database>, StoreError> {
    match e {
        DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch => Ok(None),
        DatabaseError::Storage(redb::StorageError::Io(error))
            if error.kind() != std::io::ErrorKind::InvalidData =>
        {
            Err(StoreError::Io {
                path: store.path.clone(),
                error,
            })
        }
        other => Err(StoreError::Corrupt {
            path: store.path.clone(),
            reason: other.to_string(),
        }),
    }
}

/// Opens a copy for writing, which makes redb repair it, then checks it opens for reading.
pub(super) fn repair_copy(path: &std::path::Path) -> Result<(), String> {
    let opened = catch_unwind(AssertUnwindSafe(|| builder().create(path)))
        .map_err(|_| "the repair failed".to_string())?;
    drop(opened.map_err(|e| e.to_string())?);
    let reopened = catch_unwind(AssertUnwindSafe(|| builder().open_read_only(path)))
        .map_err(|_| "the repaired file does not open".to_string())?;
    drop(reopened.map_err(|e| e.to_string())?);
    make_private(path, 0o600);
    Ok(())
}

#[cfg(unix)]
fn make_private(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn make_private(_path: &std::path::Path, _mode: u32) {}

impl Store {
    /// Whether the file exists and holds data; an error when that cannot be known (a directory
    /// that cannot be searched, a path through a file), rather than reporting an empty store. An
    /// empty file holds nothing yet: another process (or thread) has just created it and is
    /// writing its first transaction, and opening it for reading would fail ("database file is
    /// empty").
    fn holds_data(&self) -> Result<bool, StoreError> {
        match std::fs::metadata(&self.path) {
            Ok(m) => Ok(m.len() > 0),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(error) => Err(StoreError::Io {
                path: self.path.clone(),
                error,
            }),
        }
    }

    /// Creates the directory (private) if it does not exist yet.
    fn ensure_dir(&self) -> Result<(), StoreError> {
        let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) else {
            return Ok(());
        };
        let exists = dir.try_exists().map_err(|error| StoreError::Io {
            path: dir.to_path_buf(),
            error,
        })?;
        if !exists {
            std::fs::create_dir_all(dir).map_err(|error| StoreError::Io {
                path: dir.to_path_buf(),
                error,
            })?;
            make_private(dir, 0o700);
        }
        Ok(())
    }

    /// The shared hold of one unit of work, waiting while a repair holds the lock.
    fn lock_shared(&self, until: Instant) -> Result<StoreLock, StoreError> {
        with_retry(self, until, || self.try_lock_shared(true))
    }

    /// Opens for writing, under the unit of work's shared hold.
    fn open_write(&self, _hold: &StoreLock, until: Instant) -> Result<Database, StoreError> {
        let fresh = !self.holds_data()?;
        let db = with_retry(self, until, || {
            match guarded(self, || builder().create(&self.path))? {
                Ok(db) => Ok(Some(db)),
                Err(e) => open_error(self, e),
            }
        })?;
        if fresh {
            make_private(&self.path, 0o600);
        }
        Ok(db)
    }

    /// Runs `f` in a write transaction (schema made current first) and commits.
    pub(super) fn write<T>(
        &self,
        f: impl FnOnce(&WriteTransaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let until = Instant::now() + self.lock_wait;
        let _in_flight = super::recover::WriteInFlight::start(until);
        self.ensure_dir()?;
        let hold = if self.holds_data()? {
            // Refuse a newer or damaged file before opening it for writing, which would touch it.
            let (hold, db) = self.open_read_with(true, true, until)?;
            self.version(&db)?;
            hold
        } else {
            self.lock_shared(until)?
        };
        let db = self.open_write(&hold, until)?;
        let txn = with_retry(self, until, || {
            match guarded(self, || db.try_begin_write())? {
                Ok(t) => Ok(Some(t)),
                Err(TransactionError::WouldBlock) => Ok(None),
                Err(e) => Err(e.into()),
            }
        })?;
        let out = guarded(self, || -> Result<T, StoreError> {
            schema::ensure_current(&txn)?;
            let out = f(&txn)?;
            txn.commit()?;
            Ok(out)
        })?
        .map_err(|e| self.locate(e));
        // Closed before the hold is given up: the file is open only under it.
        drop(db);
        drop(hold);
        out
    }

    /// Opens for reading under a shared hold, which it returns with the database (drop the
    /// database first). A file marked mid-write that no live writer has open is repaired first
    /// when `recover` (see `recover.rs`), else reported. `for_write`: the hold is the one a write
    /// goes on under, which needs the lock file (created if missing); a read alone creates
    /// nothing unless it repairs.
    fn open_read_with(
        &self,
        recover: bool,
        for_write: bool,
        until: Instant,
    ) -> Result<(StoreLock, ReadOnlyDatabase), StoreError> {
        with_retry(self, until, || {
            let Some(hold) = self.try_lock_shared(for_write)? else {
                return Ok(None);
            };
            match guarded(self, || builder().open_read_only(&self.path))? {
                Ok(db) => Ok(Some((hold, db))),
                Err(DatabaseError::RepairAborted) => {
                    // A writer left it marked: one that stopped, or one that closed while a
                    // peer was still opening (redb then leaves the mark for the peer). Only a
                    // process that has the file to itself can tell which, and repair it.
                    drop(hold);
                    self.repair_if_alone(recover)?;
                    Ok(None)
                }
                Err(e) => open_error(self, e).map(|_| None),
            }
        })
    }

    /// Under the exclusive hold, if no other unit of work has the store open: repairs the file
    /// if it is still marked mid-write (with `repair`; otherwise reports it, and creates no lock
    /// file). Does nothing while another process has the file open, which may be the writer
    /// that is to clear the mark: the caller tries again. A repair ends with a file that opens
    /// cleanly (or an error), so only another crash makes one repair follow another.
    fn repair_if_alone(&self, repair: bool) -> Result<(), StoreError> {
        let Some(alone) = self.try_lock_exclusive(repair)? else {
            return Ok(());
        };
        match guarded(self, || builder().open_read_only(&self.path))? {
            Ok(_) => Ok(()),
            Err(DatabaseError::RepairAborted) if repair => self.recover(&alone).map(|_| ()),
            Err(DatabaseError::RepairAborted) => Err(StoreError::Corrupt {
                path: self.path.clone(),
                reason: "a vmcp process stopped while writing it; the next vmcp command that uses the store repairs it".into(),
            }),
            Err(e) => open_error(self, e).map(|_| ()),
        }
    }

    /// The schema version recorded in an open file; refuses one written by a newer vmcp.
    fn version(&self, db: &ReadOnlyDatabase) -> Result<Option<u64>, StoreError> {
        let version = guarded(self, || -> Result<Option<u64>, StoreError> {
            read_version(&db.begin_read()?)
        })?
        .map_err(|e| self.locate(e))?;
        match version {
            Some(v) if v > schema::SCHEMA_VERSION => Err(StoreError::Newer {
                found: v,
                supported: schema::SCHEMA_VERSION,
            }),
            other => Ok(other),
        }
    }

    /// Runs `f` on a read snapshot; `None` when the file does not exist yet.
    pub(super) fn read<T>(
        &self,
        f: impl FnOnce(&ReadTransaction) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        if !self.holds_data()? {
            return Ok(None);
        }
        let (mut hold, mut db) =
            self.open_read_with(true, false, Instant::now() + self.lock_wait)?;
        if self
            .version(&db)?
            .is_some_and(|v| v < schema::SCHEMA_VERSION)
        {
            // An older file: migrate it once (a write, a unit of work of its own), then read
            // the current layout.
            drop(db);
            drop(hold);
            self.write(|_| Ok(()))?;
            (hold, db) = self.open_read_with(true, false, Instant::now() + self.lock_wait)?;
        }
        let out = guarded(self, || f(&db.begin_read()?))?
            .map(Some)
            .map_err(|e| self.locate(e));
        drop(db);
        drop(hold);
        out
    }

    /// The schema version and record counts of an existing file, read without creating,
    /// migrating, repairing or otherwise writing it or anything beside it (`vmcp doctor`);
    /// `None` when the file does not exist. A newer schema is reported in the summary, not
    /// refused.
    pub(crate) fn inspect(&self) -> Result<Option<StoreSummary>, StoreError> {
        if !self.holds_data()? {
            return Ok(None);
        }
        let (hold, db) = self.open_read_with(false, false, Instant::now() + self.lock_wait)?;
        let out = guarded(self, || -> Result<StoreSummary, StoreError> {
            let txn = db.begin_read()?;
            Ok(StoreSummary {
                schema_version: read_version(&txn)?,
                servers: count(&txn, schema::SERVERS)?,
                vmcps: count(&txn, schema::VMCPS)?,
            })
        })?
        .map(Some)
        .map_err(|e| self.locate(e));
        drop(db);
        drop(hold);
        out
    }

    /// Names the file in a `Damaged` error.
    fn locate(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Damaged(reason) => StoreError::Corrupt {
                path: self.path.clone(),
                reason,
            },
            other => other,
        }
    }
}

/// What [`Store::inspect`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StoreSummary {
    /// `None` for a file nothing was written to yet.
    pub schema_version: Option<u64>,
    pub servers: u64,
    pub vmcps: u64,
}

fn count(
    txn: &ReadTransaction,
    table: redb::TableDefinition<&str, &[u8]>,
) -> Result<u64, StoreError> {
    match txn.open_table(table) {
        Ok(t) => Ok(redb::ReadableTableMetadata::len(&t)?),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(0),
        Err(e) => Err(e.into()),
    }
}

fn read_version(txn: &ReadTransaction) -> Result<Option<u64>, StoreError> {
    match txn.open_table(schema::META) {
        Ok(t) => Ok(redb::ReadableTable::get(&t, "schema_version")?.map(|v| v.value())),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
