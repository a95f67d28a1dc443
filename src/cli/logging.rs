//! Logging goes to stderr (or a file), never stdout: in `vmcp stdio`, stdout is the protocol.

use std::path::Path;

use anyhow::Context;
use tracing_subscriber::EnvFilter;

use crate::support::env_vars;

/// Sets up the global subscriber. `VMCP_LOG` (EnvFilter syntax) overrides the verbosity flags.
/// `report_only`: the command reports every failure itself (check, call…), so without `-v` the
/// log would only repeat it.
pub(super) fn init(
    verbose: u8,
    quiet: bool,
    report_only: bool,
    log_file: Option<&Path>,
) -> anyhow::Result<()> {
    let level = match (quiet, verbose) {
        (true, _) | (false, 0) if report_only => "off",
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        (false, _) => "trace",
    };
    let filter = match std::env::var(env_vars::VMCP_LOG) {
        Ok(spec) if !spec.trim().is_empty() => EnvFilter::try_new(&spec)
            .with_context(|| format!("invalid {}={spec:?}", env_vars::VMCP_LOG))?,
        _ => EnvFilter::new(format!("warn,vmcp={level}")),
    };
    // A log line that cannot be written is dropped: reporting that on stderr (the default)
    // panics when stderr is the closed pipe.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .log_internal_errors(false);
    match log_file {
        Some(path) => {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("cannot open log file {}", path.display()))?;
            builder
                .with_ansi(false)
                .with_writer(std::sync::Mutex::new(file))
                .init();
        }
        None => {
            // https://no-color.org: any non-empty NO_COLOR turns colour off.
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let ansi = !no_color && std::io::IsTerminal::is_terminal(&std::io::stderr());
            builder.with_ansi(ansi).with_writer(std::io::stderr).init();
        }
    }
    Ok(())
}
