//! Opening the file for one unit of work: multi-writer mode, private permissions, bounded
//! retries with jitter while another process holds what we need, and damaged files reported
//! without being touched.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use redb::{
    Builder, ConcurrencyMode, Database, DatabaseError, ReadOnlyDatabase, ReadTransaction,
    ReadableDatabase, TransactionError, WriteTransaction,
};

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

/// Retries `attempt` while it reports "busy", for at most `limit`.
fn with_retry<T>(
    store: &Store,
    mut attempt: impl FnMut() -> Result<Option<T>, StoreError>,
) -> Result<T, StoreError> {
    let start = Instant::now();
    let mut backoff = FIRST_BACKOFF;
    loop {
        if let Some(v) = attempt()? {
            return Ok(v);
        }
        let waited = start.elapsed();
        if waited >= store.lock_wait {
            return Err(StoreError::Busy {
                path: store.path.clone(),
                waited,
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
        DatabaseError::Storage(redb::StorageError::Io(source))
            if source.kind() != std::io::ErrorKind::InvalidData =>
        {
            Err(StoreError::Io {
                path: store.path.clone(),
                source,
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
    fn open_write(&self) -> Result<Database, StoreError> {
        if let Some(dir) = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.exists())
        {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
            make_private(dir, 0o700);
        }
        let fresh = !self.path.exists();
        let db = with_retry(self, || {
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
        if self.holds_data() {
            // Refuse a newer or damaged file before opening it for writing, which would touch it.
            self.check_version()?;
        }
        let _in_flight = super::recover::WriteInFlight::start();
        let db = self.open_write()?;
        let txn = with_retry(self, || match guarded(self, || db.try_begin_write())? {
            Ok(t) => Ok(Some(t)),
            Err(TransactionError::WouldBlock) => Ok(None),
            Err(e) => Err(e.into()),
        })?;
        guarded(self, || -> Result<T, StoreError> {
            schema::ensure_current(&txn)?;
            let out = f(&txn)?;
            txn.commit()?;
            Ok(out)
        })?
        .map_err(|e| self.locate(e))
    }

    fn open_read(&self) -> Result<ReadOnlyDatabase, StoreError> {
        self.open_read_with(true)
    }

    /// Opens for reading; a file left mid-write by a stopped process is repaired first when
    /// `recover` (see `recover.rs`), else reported.
    fn open_read_with(&self, recover: bool) -> Result<ReadOnlyDatabase, StoreError> {
        let mut recovered = false;
        with_retry(self, || {
            match guarded(self, || builder().open_read_only(&self.path))? {
                Ok(db) => Ok(Some(db)),
                Err(DatabaseError::RepairAborted) if recover && !recovered => {
                    recovered = true;
                    self.recover()?;
                    Ok(None)
                }
                Err(DatabaseError::RepairAborted) => Err(StoreError::Corrupt {
                    path: self.path.clone(),
                    reason: "a vmcp process stopped while writing it; the next vmcp command that uses the store repairs it".into(),
                }),
                Err(e) => open_error(self, e).map(|_| None),
            }
        })
    }

    /// The schema version of an existing file; refuses one written by a newer vmcp.
    fn check_version(&self) -> Result<Option<u64>, StoreError> {
        let db = self.open_read()?;
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
        if !self.holds_data() {
            return Ok(None);
        }
        let mut db = self.open_read()?;
        let version = guarded(self, || -> Result<Option<u64>, StoreError> {
            read_version(&db.begin_read()?)
        })?
        .map_err(|e| self.locate(e))?;
        match version {
            Some(v) if v > schema::SCHEMA_VERSION => {
                return Err(StoreError::Newer {
                    found: v,
                    supported: schema::SCHEMA_VERSION,
                });
            }
            Some(v) if v < schema::SCHEMA_VERSION => {
                // An older file: migrate it once (a write), then read the current layout.
                drop(db);
                self.write(|_| Ok(()))?;
                db = self.open_read()?;
            }
            _ => {}
        }
        guarded(self, || f(&db.begin_read()?))?
            .map(Some)
            .map_err(|e| self.locate(e))
    }

    /// The schema version and record counts of an existing file, read without creating,
    /// migrating or otherwise writing it (`vmcp doctor`); `None` when the file does not exist.
    /// A newer schema is reported in the summary, not refused.
    pub fn inspect(&self) -> Result<Option<StoreSummary>, StoreError> {
        if !self.path.exists() {
            return Ok(None);
        }
        let db = self.open_read_with(false)?;
        guarded(self, || -> Result<StoreSummary, StoreError> {
            let txn = db.begin_read()?;
            Ok(StoreSummary {
                schema_version: read_version(&txn)?,
                servers: count(&txn, schema::SERVERS)?,
                vmcps: count(&txn, schema::VMCPS)?,
            })
        })?
        .map(Some)
        .map_err(|e| self.locate(e))
    }

    /// Whether the file exists and is not empty. An empty file holds nothing yet: another
    /// process (or thread) has just created it and is writing its first transaction, and
    /// opening it for reading would fail ("database file is empty").
    fn holds_data(&self) -> bool {
        std::fs::metadata(&self.path).is_ok_and(|m| m.len() > 0)
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
pub struct StoreSummary {
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
