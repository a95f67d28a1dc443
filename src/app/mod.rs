//! One module per user intent. Turns command-line options, files and the environment into plans
//! for the layers below, and coordinates them. Never prints: it returns data and errors.

// What many intents share.
pub mod clients;
pub mod context;
pub mod definition;
pub mod open_session;
pub mod probe;

// The intents, one per command (or group of commands), named as in `cli/`.
pub mod auth;
pub mod cache;
pub mod call;
pub mod calls;
pub mod catalog;
pub mod check;
pub mod doctor;
pub mod import;
pub mod install;
pub mod server;
pub mod settings;
pub mod stdio;
pub mod trust;
pub mod vmcp;

use std::path::Path;

use crate::config::{ConfigError, Diagnostic, Issue};

/// Input given on the command line that cannot be used as is (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InvalidInput(pub String);

/// Problems found in something that is not a file (a command line, a record), located by path.
pub fn located(origin: &Path, issues: &[Issue]) -> ConfigError {
    ConfigError::Invalid(
        issues
            .iter()
            .map(|i| Diagnostic {
                file: origin.to_path_buf(),
                position: None,
                path: crate::config::locate::render_path(&i.path),
                message: i.message.clone(),
                hint: i.hint.clone(),
            })
            .collect(),
    )
}
