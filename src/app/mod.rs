//! One module per user intent. Turns command-line options, files and the environment into plans
//! for the layers below, and coordinates them. Never prints: it returns data and errors.
//!
//! An intent is named as its command in `cli/` (`server.rs` ↔ `cli/server.rs`, `calls.rs` ↔
//! `cli/calls.rs`) and gets a folder when it has more than one file (`auth/`, `call/`, `check/`,
//! `doctor/`, `import/`). Intents never use each other, only the machinery they share, declared
//! first below (`tests/it/architecture.rs` checks it): `telemetry/` and `call_log.rs` (what
//! sessions report to: metrics, traces, the process's call log), `context.rs` (the composition root),
//! `clients.rs` (the AI clients vmcp knows), `definition/` (where definitions come from and how
//! they become plans), `probe.rs` (one server started and listed) and `open_session/` (a vMCP
//! opened for `vmcp stdio` or for one command).

// What many intents share.
pub(crate) mod call_log;
pub(crate) mod clients;
pub(crate) mod context;
pub(crate) mod definition;
pub(crate) mod open_session;
pub(crate) mod probe;
pub(crate) mod telemetry;

// The intents, one per command (or group of commands), named as in `cli/`.
pub(crate) mod auth;
pub(crate) mod cache;
pub(crate) mod call;
pub(crate) mod calls;
pub(crate) mod catalog;
pub(crate) mod check;
pub(crate) mod doctor;
pub(crate) mod import;
pub(crate) mod install;
pub(crate) mod registry;
pub(crate) mod serve;
pub(crate) mod server;
pub(crate) mod settings;
pub(crate) mod stdio;
pub(crate) mod trust;
pub(crate) mod vmcp;

use std::path::Path;

use crate::config::{ConfigError, Diagnostic, Issue};

/// Input given on the command line that cannot be used as is (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct InvalidInput(pub String);

/// Problems found in something that is not a file (a command line, a record), located by path.
pub(crate) fn located(origin: &Path, issues: &[Issue]) -> ConfigError {
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
