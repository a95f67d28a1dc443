//! Errors to exit codes, in one place (also documented in README.md and `--help`).

use crate::app::InvalidInput;
use crate::app::check::NothingToCheck;
use crate::app::context::HomeError;
use crate::app::definition::source::{NotFound, NotInFile};
use crate::app::open_session::invoke::InvokeError;
use crate::config::ConfigError;
use crate::registry::RegistryError;
use crate::store::StoreError;

use super::hint::Hinted;

pub(crate) mod exit {
    /// Success.
    pub(crate) const OK: u8 = 0;
    /// Something failed at run time.
    pub(crate) const FAILURE: u8 = 1;
    /// The command line was wrong (clap uses 2 as well).
    pub(crate) const USAGE: u8 = 2;
    /// A definition (file, edit, stored record) is invalid.
    pub(crate) const CONFIG: u8 = 3;
    /// The named server, vMCP or file does not exist.
    pub(crate) const NOT_FOUND: u8 = 4;
    /// It already exists, or is in use.
    pub(crate) const CONFLICT: u8 = 5;
    /// The store is busy, damaged, from a newer vmcp, or cannot be read or written.
    pub(crate) const STORE: u8 = 6;
    /// The tool ran and reported an error (`isError: true`).
    pub(crate) const TOOL_ERROR: u8 = 7;
    /// An upstream server could not be started or reached, stopped answering, or timed out.
    pub(crate) const UNAVAILABLE: u8 = 8;
    /// The server needs credentials: `vmcp login NAME` (or static `auth:`) is the fix.
    pub(crate) const AUTH_REQUIRED: u8 = 9;
    /// A registry entry vmcp cannot use: nothing in it vmcp can start (as asked), or deleted.
    pub(crate) const UNUSABLE_ENTRY: u8 = 10;
    /// Interrupted (Ctrl-C), as shells report it.
    pub(crate) const INTERRUPTED: u8 = 130;
}

/// An error already reported (the command printed its own outcome); only the code is left.
#[derive(Debug, thiserror::Error)]
#[error("exit code {0}")]
pub(crate) struct Silent(pub u8);

fn code(e: &anyhow::Error) -> u8 {
    for cause in e.chain() {
        if let Some(s) = cause.downcast_ref::<Silent>() {
            return s.0;
        }
        if let Some(h) = cause.downcast_ref::<Hinted>() {
            return code(&h.error);
        }
        if let Some(r) = cause.downcast_ref::<RegistryError>() {
            return match r {
                RegistryError::BadUrl { .. } | RegistryError::BadValue(_) => exit::USAGE,
                RegistryError::Unreachable { .. }
                | RegistryError::Timeout { .. }
                | RegistryError::Status { .. } => exit::UNAVAILABLE,
                RegistryError::NotFound { .. } => exit::NOT_FOUND,
                RegistryError::Malformed { .. } => exit::CONFIG,
                RegistryError::Unsupported(_) | RegistryError::Deleted { .. } => {
                    exit::UNUSABLE_ENTRY
                }
            };
        }
        if cause.downcast_ref::<InvalidInput>().is_some() {
            return exit::USAGE;
        }
        if cause
            .downcast_ref::<crate::app::trust::NotStarted>()
            .is_some()
        {
            return exit::UNAVAILABLE;
        }
        if let Some(e) = cause.downcast_ref::<InvokeError>() {
            return match e {
                _ if e.is_unavailable() => exit::UNAVAILABLE,
                InvokeError::NotFound { .. } => exit::NOT_FOUND,
                _ => exit::FAILURE,
            };
        }
        if cause.downcast_ref::<NotFound>().is_some()
            || cause.downcast_ref::<NothingToCheck>().is_some()
            || cause.downcast_ref::<NotInFile>().is_some()
        {
            return exit::NOT_FOUND;
        }
        if let Some(c) = cause.downcast_ref::<ConfigError>() {
            return match c {
                ConfigError::Missing { .. } | ConfigError::UnknownVmcp { .. } => exit::NOT_FOUND,
                ConfigError::Read { .. } => exit::FAILURE,
                ConfigError::Invalid(_) => exit::CONFIG,
            };
        }
        // The store cannot be where VMCP_HOME says.
        if cause.downcast_ref::<HomeError>().is_some() {
            return exit::STORE;
        }
        if let Some(s) = cause.downcast_ref::<StoreError>() {
            return match s {
                StoreError::NotFound { .. } => exit::NOT_FOUND,
                StoreError::Exists { .. } | StoreError::InUse { .. } => exit::CONFLICT,
                // Whatever keeps the store from being read or written: busy, damaged, newer,
                // not readable or writable (permissions, a read-only or full disk).
                StoreError::Busy { .. }
                | StoreError::Corrupt { .. }
                | StoreError::Damaged(_)
                | StoreError::Newer { .. }
                | StoreError::Io { .. }
                | StoreError::Redb(_) => exit::STORE,
                StoreError::BadRecord { .. } => exit::CONFIG,
                StoreError::Encode(_) => exit::FAILURE,
            };
        }
    }
    exit::FAILURE
}

/// Prints the error (unless silent) and returns the exit code. A closed stdout is a quiet
/// success (see `output`).
pub(super) fn report(e: &anyhow::Error) -> u8 {
    if super::output::is_closed_pipe(e) {
        return exit::OK;
    }
    let code = code(e);
    if e.downcast_ref::<Silent>().is_none() {
        super::output::error(e);
    }
    code
}
