//! The lock file beside the store (`vmcp.redb.lock`), which says who may have the store file
//! open. Every unit of work holds it shared for as long as it has the store file open; the
//! repair of a file a writer left unfinished holds it exclusively from before it looks at the
//! file until the repaired copy has replaced it.
//!
//! Why a file of its own: the repair replaces the store file by a rename, and a process that
//! opened the old file before the rename would go on committing into a file nobody reads again
//! (a write that vanished). redb's locks live on the file being replaced, so they cannot keep a
//! process off the new one; a lock file that is never replaced can.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{Store, StoreError};

/// A hold on the lock file, released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub(super) struct StoreLock {
    /// `None` for a shared hold where the lock file cannot exist (see [`Store::try_lock_shared`]).
    _file: Option<File>,
}

/// Whether a hold is for one unit of work among others, or for the repair alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Shared,
    Exclusive,
}

impl Store {
    pub(super) fn lock_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        self.path.with_file_name(name)
    }

    /// A shared hold, or `None` while a repair holds the lock.
    ///
    /// A write needs the lock file and passes `create`; a read does not create it (`vmcp doctor`
    /// creates nothing). Where it does not exist, or cannot be created because the directory is
    /// read-only, no process can be repairing the store (a repair creates it), so the hold is
    /// granted without a file.
    pub(super) fn try_lock_shared(&self, create: bool) -> Result<Option<StoreLock>, StoreError> {
        match self.open_lock_file(create)? {
            Some(file) => try_lock(file, Mode::Shared, &self.lock_path()),
            None => Ok(Some(StoreLock { _file: None })),
        }
    }

    /// The hold a repair needs: granted only while no other unit of work has the store open.
    /// With `create` false (looking, not repairing) a lock file that does not exist means that
    /// no process has the store open through it, and the hold is granted without a file.
    pub(super) fn try_lock_exclusive(&self, create: bool) -> Result<Option<StoreLock>, StoreError> {
        let path = self.lock_path();
        match self.open_lock_file(create)? {
            Some(file) => try_lock(file, Mode::Exclusive, &path),
            None if !create => Ok(Some(StoreLock { _file: None })),
            None => Err(StoreError::Io {
                path,
                error: std::io::Error::new(
                    ErrorKind::PermissionDenied,
                    "cannot create the lock file, which a repair of the store needs",
                ),
            }),
        }
    }

    /// Opens (with `create`, creating) the lock file; `None` when it does not exist and is not
    /// to be, or cannot be, created.
    fn open_lock_file(&self, create: bool) -> Result<Option<File>, StoreError> {
        let path = self.lock_path();
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(create);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let refused = match options.open(&path) {
            Ok(file) => return Ok(Some(file)),
            Err(e) => e,
        };
        match refused.kind() {
            // A lock taken through a file opened for reading counts as much as any other.
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                match File::open(&path) {
                    Ok(file) => Ok(Some(file)),
                    Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
                    Err(error) => Err(StoreError::Io { path, error }),
                }
            }
            ErrorKind::NotFound if !create => Ok(None),
            _ => Err(StoreError::Io {
                path,
                error: refused,
            }),
        }
    }
}

fn try_lock(file: File, mode: Mode, path: &Path) -> Result<Option<StoreLock>, StoreError> {
    let taken = match mode {
        Mode::Shared => file.try_lock_shared(),
        Mode::Exclusive => file.try_lock(),
    };
    match taken {
        Ok(()) => Ok(Some(StoreLock { _file: Some(file) })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(error)) => Err(StoreError::Io {
            path: path.to_path_buf(),
            error,
        }),
    }
}
