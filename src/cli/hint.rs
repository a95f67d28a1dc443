//! Advice the CLI adds to what went wrong: which command or flag to reach for. Lower layers say
//! what happened (`StoreError::Exists`); only the command that met it knows its own flags.

use std::error::Error;
use std::fmt;

use crate::store::StoreError;

/// An error with the advice of the command that met it: shown as the error, then `  hint: …`.
/// Exit codes look through it (`exit_code`), to the error it carries.
#[derive(Debug)]
pub(super) struct Hinted {
    pub(super) error: anyhow::Error,
    hint: String,
}

impl fmt::Display for Hinted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  hint: {}", self.error, self.hint)
    }
}

impl Error for Hinted {
    /// The causes of the error it carries (whose own text is part of ours).
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.error.chain().nth(1)
    }
}

/// Adds `hint(e)` to a store error `e` that it has advice for; other errors pass unchanged.
pub(super) fn on_store<T>(
    result: anyhow::Result<T>,
    hint: impl FnOnce(&StoreError) -> Option<String>,
) -> anyhow::Result<T> {
    result.map_err(
        |error| match error.downcast_ref::<StoreError>().and_then(hint) {
            Some(hint) => Hinted { error, hint }.into(),
            None => error,
        },
    )
}

/// Advice that holds whichever command met `cause`: printed after it (`output::error`).
pub(super) fn general(cause: &(dyn Error + 'static)) -> Option<&'static str> {
    match cause.downcast_ref::<StoreError>()? {
        StoreError::NotFound { kind: "server", .. } => {
            Some("`vmcp server list` shows the servers; `vmcp server add` adds one")
        }
        StoreError::NotFound { kind: "vMCP", .. } => Some("`vmcp vmcp list` shows the vMCPs"),
        _ => None,
    }
}
