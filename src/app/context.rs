//! The composition root of every command: where vmcp's files are, and the one store handle,
//! built once and passed down.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::Context as _;

use super::call_log::CallLog;
use super::telemetry::Telemetry;
use crate::store::Store;
use crate::support::paths::Paths;

pub(crate) struct Context {
    pub paths: Paths,
    pub store: Store,
    /// What every session opened with this context reports to (nothing unless a driver
    /// turns it on: `vmcp serve`'s metrics).
    pub telemetry: Telemetry,
    /// The process's call log, started by the first session (`None` inside: switched off).
    call_log: OnceLock<Option<CallLog>>,
}

impl Context {
    pub(crate) fn new(paths: Paths) -> Context {
        let store = Store::new(paths.store_file.clone());
        Context {
            paths,
            store,
            telemetry: Telemetry::default(),
            call_log: OnceLock::new(),
        }
    }

    /// The call log every session of this process records to; started on first use (it reads
    /// the settings), so commands that open no session never start it.
    pub(crate) fn call_log(&self) -> Option<&CallLog> {
        self.call_log
            .get_or_init(|| CallLog::start(&self.store))
            .as_ref()
    }

    /// Writes the calls still queued, if any session ever recorded some (within `limit`).
    pub(crate) async fn flush_calls(&self, limit: std::time::Duration) {
        if let Some(Some(log)) = self.call_log.get() {
            log.flush(limit).await;
        }
    }

    /// From `VMCP_HOME` or the platform directories.
    pub(crate) fn from_env() -> anyhow::Result<Context> {
        let paths = Paths::from_env()
            .context("cannot determine where vmcp keeps its files: set VMCP_HOME")?;
        Ok(Context::new(paths))
    }

    /// Refuses a place for vmcp's files that cannot hold them: `VMCP_HOME` (or a default
    /// directory) that is, or lies under, something other than a directory. Without this a
    /// read finds an empty store and a write fails with a bare "Not a directory". Every command
    /// but `vmcp doctor` (which reports it) stops here.
    pub(crate) fn check_home(&self) -> Result<(), HomeError> {
        for dir in self.paths.dirs() {
            let Some(blocker) = not_a_directory(dir) else {
                continue;
            };
            return Err(match &self.paths.home {
                Some(home) => HomeError::Home {
                    home: home.clone(),
                    blocker,
                },
                None => HomeError::Default {
                    dir: dir.to_path_buf(),
                    blocker,
                },
            });
        }
        Ok(())
    }
}

/// Where vmcp keeps its files cannot be a directory.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HomeError {
    #[error(
        "VMCP_HOME ({}) is not a directory ({})\n  hint: point VMCP_HOME at a directory (vmcp creates it if missing), or unset it to use the default locations",
        home.display(),
        is_a_file(home, blocker)
    )]
    Home { home: PathBuf, blocker: PathBuf },
    #[error(
        "{}, where vmcp keeps its files, is not a directory ({})\n  hint: move {} away, or set VMCP_HOME to a directory for vmcp's files",
        dir.display(),
        is_a_file(dir, blocker),
        blocker.display()
    )]
    Default { dir: PathBuf, blocker: PathBuf },
}

/// Which file stands in the way of `dir`: itself or a parent.
fn is_a_file(dir: &Path, blocker: &Path) -> String {
    if dir == blocker {
        "it is a file".into()
    } else {
        format!("{} is a file", blocker.display())
    }
}

/// The nearest existing ancestor of `dir` (itself included) when it is not a directory.
fn not_a_directory(dir: &Path) -> Option<PathBuf> {
    let existing = dir.ancestors().find(|a| a.exists())?;
    (!existing.is_dir()).then(|| existing.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_directory_under_a_file_is_refused_naming_both() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("data");
        std::fs::write(&file, "x").unwrap();
        let ctx = Context::new(Paths {
            config_file: tmp.path().join("config/vmcp.yaml"),
            store_file: file.join("vmcp/vmcp.redb"),
            home: None,
        });
        let text = ctx.check_home().unwrap_err().to_string();
        assert!(
            text.starts_with(&format!(
                "{}, where vmcp keeps its files, is not a directory ({} is a file)",
                file.join("vmcp").display(),
                file.display()
            )),
            "{text}"
        );
        assert!(text.contains("hint: move"), "{text}");

        std::fs::remove_file(&file).unwrap();
        assert!(
            ctx.check_home().is_ok(),
            "missing directories are created later"
        );
    }
}
