//! Where vmcp keeps its files: `VMCP_HOME` if set, else the platform config directory
//! (`~/.config/vmcp` on Linux, `~/Library/Application Support/vmcp` on macOS).

use std::path::PathBuf;

use super::env_vars;

/// File name of the default definition file inside the vmcp home.
pub const DEFAULT_CONFIG_FILE: &str = "vmcp.yaml";

/// The vmcp home directory, or `None` when no home can be determined.
pub fn vmcp_home() -> Option<PathBuf> {
    if let Some(h) = std::env::var_os(env_vars::VMCP_HOME).filter(|h| !h.is_empty()) {
        return Some(PathBuf::from(h));
    }
    directories::ProjectDirs::from("", "", "vmcp").map(|d| d.config_dir().to_path_buf())
}

/// The default definition file.
pub fn default_config_file() -> Option<PathBuf> {
    vmcp_home().map(|h| h.join(DEFAULT_CONFIG_FILE))
}
