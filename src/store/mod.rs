//! The embedded store: one redb file holding servers, vMCP definitions, credentials, a catalog
//! cache, cached registry answers, settings and the call log. The only code that knows redb exists.
//!
//! Many vmcp processes use the file at once (every AI client window runs its own `vmcp stdio`,
//! while the user runs `vmcp server add`). So the file is opened for one unit of work and closed,
//! in redb's multi-writer mode (byte-range locks: any number of processes may have it open, one
//! write transaction at a time); transactions are short; a busy file is retried with jitter for
//! a bounded time. Each unit of work holds the lock file beside the store shared while it has the
//! file open, which is what lets the repair of a file left mid-write replace it safely
//! (`lock.rs`, `recover.rs`). Store methods are synchronous: async callers use `spawn_blocking`.
#![allow(
    clippy::disallowed_types,
    reason = "the room that knows redb (clippy.toml forbids redb::Database elsewhere)"
)]

pub(crate) mod calls;
pub(crate) mod catalog;
mod changes;
pub(crate) mod credentials;
mod lock;
mod open;
pub(crate) mod pins;
pub(crate) mod records;
mod recover;
pub(crate) mod registry;
pub(crate) mod schema;
pub(crate) mod tokens;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub(crate) use calls::{CallQuery, CallRecord};
pub(crate) use catalog::CachedCatalog;
pub(crate) use credentials::{ClientRegistration, Credentials, Swap, Tokens};
pub(crate) use pins::{PinnedTool, ServerPins};
pub(crate) use records::StoredDefinition;
pub(crate) use recover::wait_for_writes;
pub(crate) use tokens::ServeToken;

/// How long a unit of work waits for the file before giving up.
pub(crate) const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(15);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the store {} is busy: other vmcp processes held it for {waited:?}\n  hint: try again; if it persists, look for a hung vmcp process",
        path.display()
    )]
    Busy { path: PathBuf, waited: Duration },
    #[error(
        "the store {} is damaged ({reason})\n  hint: move it away (your vMCPs can be re-imported from YAML exports); vmcp did not modify it",
        path.display()
    )]
    Corrupt { path: PathBuf, reason: String },
    #[error(
        "the store was written by a newer vmcp (schema {found}, this vmcp reads up to {supported})\n  hint: upgrade vmcp; nothing was changed"
    )]
    Newer { found: u64, supported: u64 },
    #[error("stored {what} is unreadable: {reason}")]
    BadRecord { what: String, reason: String },
    #[error("cannot encode a record: {0}")]
    Encode(String),
    /// Not a source: its text is part of the message already, which says it once.
    #[error("cannot access the store {}: {error}{}", path.display(), io_hint(path, error))]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("store error: {0}")]
    Redb(String),
    /// The file is damaged (its path is added where the operation knows it).
    #[error("the store is damaged: {0}")]
    Damaged(String),
    // What to run about the next three is the command's to say (`cli/hint.rs`).
    #[error("{kind} `{name}` does not exist")]
    NotFound { kind: &'static str, name: String },
    #[error("{kind} `{name}` already exists")]
    Exists { kind: &'static str, name: String },
    #[error("server `{server}` is used by vMCP {}", users.iter().map(|u| format!("`{u}`")).collect::<Vec<_>>().join(", "))]
    InUse { server: String, users: Vec<String> },
}

impl StoreError {
    pub(crate) fn not_found(kind: &'static str, name: impl Into<String>) -> StoreError {
        StoreError::NotFound {
            kind,
            name: name.into(),
        }
    }

    pub(crate) fn exists(kind: &'static str, name: impl Into<String>) -> StoreError {
        StoreError::Exists {
            kind,
            name: name.into(),
        }
    }
}

/// What the user can do about an I/O error on `path` (the store, its directory or a file beside
/// it), as a `hint:` line; empty when there is nothing to say.
fn io_hint(path: &Path, error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let dir = path.parent().unwrap_or(path).display();
    match error.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => format!(
            "\n  hint: vmcp reads and writes the store and creates files beside it: fix the owner or permissions of {dir} and the files in it, or point VMCP_HOME at a directory you own"
        ),
        ErrorKind::NotADirectory => format!(
            "\n  hint: part of {} is a file, not a directory: point VMCP_HOME at a directory",
            path.display()
        ),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            format!("\n  hint: free some space on the disk holding {dir}")
        }
        _ => String::new(),
    }
}

impl From<redb::StorageError> for StoreError {
    fn from(e: redb::StorageError) -> Self {
        use std::io::ErrorKind;
        match e {
            redb::StorageError::Corrupted(reason) => StoreError::Damaged(reason),
            redb::StorageError::Io(io)
                if matches!(io.kind(), ErrorKind::UnexpectedEof | ErrorKind::InvalidData) =>
            {
                StoreError::Damaged(io.to_string())
            }
            other => StoreError::Redb(other.to_string()),
        }
    }
}

impl From<redb::TableError> for StoreError {
    fn from(e: redb::TableError) -> Self {
        match e {
            redb::TableError::Storage(s) => s.into(),
            other => StoreError::Redb(other.to_string()),
        }
    }
}

impl From<redb::TransactionError> for StoreError {
    fn from(e: redb::TransactionError) -> Self {
        match e {
            redb::TransactionError::Storage(s) => s.into(),
            other => StoreError::Redb(other.to_string()),
        }
    }
}

impl From<redb::CommitError> for StoreError {
    fn from(e: redb::CommitError) -> Self {
        match e {
            redb::CommitError::Storage(s) => s.into(),
            other => StoreError::Redb(other.to_string()),
        }
    }
}

/// A handle on the store file; cheap to clone, opens the file only inside each operation.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    lock_wait: Duration,
}

impl Store {
    pub fn new(path: impl Into<PathBuf>) -> Store {
        Store {
            path: path.into(),
            lock_wait: DEFAULT_LOCK_WAIT,
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file exists (nothing was ever stored otherwise).
    pub(crate) fn exists(&self) -> bool {
        self.path.exists()
    }

    #[must_use]
    pub(crate) fn with_lock_wait(mut self, wait: Duration) -> Store {
        self.lock_wait = wait;
        self
    }
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
