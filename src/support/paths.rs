//! Where vmcp keeps its files. With `VMCP_HOME` set, everything lives there; otherwise the
//! definition file is in the platform config directory (`~/.config/vmcp` on Linux,
//! `~/Library/Application Support/vmcp` on macOS) and the store in the data directory
//! (`~/.local/share/vmcp` on Linux, the same Application Support folder on macOS).

use std::path::{Path, PathBuf};

use super::env_vars;

/// File name of the default definition file.
pub(crate) const DEFAULT_CONFIG_FILE: &str = "vmcp.yaml";
/// File name of the store.
pub(crate) const STORE_FILE: &str = "vmcp.redb";

/// The locations of vmcp's own files, resolved once at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Paths {
    /// The default definition file (read when `--config` is not given).
    pub config_file: PathBuf,
    /// The embedded store.
    pub store_file: PathBuf,
    /// `VMCP_HOME`, when the files are there (named in errors about the place).
    pub home: Option<PathBuf>,
}

impl Paths {
    /// The directories vmcp keeps its files in (the definition file's, then the store's).
    pub(crate) fn dirs(&self) -> Vec<&Path> {
        let mut dirs: Vec<&Path> = Vec::new();
        for file in [&self.config_file, &self.store_file] {
            if let Some(dir) = file.parent().filter(|d| !dirs.contains(d)) {
                dirs.push(dir);
            }
        }
        dirs
    }

    /// Both files inside one directory (what `VMCP_HOME` does).
    pub(crate) fn in_home(home: impl Into<PathBuf>) -> Paths {
        let home = home.into();
        Paths {
            config_file: home.join(DEFAULT_CONFIG_FILE),
            store_file: home.join(STORE_FILE),
            home: Some(home),
        }
    }

    /// From the environment: `VMCP_HOME`, else the platform directories; `None` when neither
    /// can be determined (no home directory).
    pub(crate) fn from_env() -> Option<Paths> {
        if let Some(h) = std::env::var_os(env_vars::VMCP_HOME).filter(|h| !h.is_empty()) {
            return Some(Paths::in_home(h));
        }
        let dirs = directories::ProjectDirs::from("", "", "vmcp")?;
        Some(Paths {
            config_file: dirs.config_dir().join(DEFAULT_CONFIG_FILE),
            store_file: dirs.data_dir().join(STORE_FILE),
            home: None,
        })
    }
}
