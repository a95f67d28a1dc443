//! The AI clients vmcp knows: each one's name, where it keeps its user-level MCP configuration
//! and under which key its servers are, the entry that runs vmcp in it, and the PATH a GUI client
//! gives what it launches. Read by `vmcp import --from`, written by `vmcp install`, checked by
//! `vmcp doctor`.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// An AI client vmcp can read the MCP configuration of (`vmcp import --from`), write an entry
/// into (`vmcp install`) and check (`vmcp doctor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Client {
    ClaudeDesktop,
    ClaudeCode,
    Cursor,
    VsCode,
    Windsurf,
}

impl Client {
    /// Every client vmcp knows.
    pub(crate) const ALL: [Client; 5] = [
        Client::ClaudeDesktop,
        Client::ClaudeCode,
        Client::Cursor,
        Client::VsCode,
        Client::Windsurf,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Client::ClaudeDesktop => "claude-desktop",
            Client::ClaudeCode => "claude-code",
            Client::Cursor => "cursor",
            Client::VsCode => "vscode",
            Client::Windsurf => "windsurf",
        }
    }

    /// The key of the server map in the client's file.
    pub(crate) fn servers_key(self) -> &'static str {
        match self {
            Client::VsCode => "servers",
            Client::ClaudeDesktop | Client::ClaudeCode | Client::Cursor | Client::Windsurf => {
                "mcpServers"
            }
        }
    }

    /// Where the client keeps its user-level MCP configuration on this platform.
    pub(crate) fn config_path(self) -> Option<PathBuf> {
        let dirs = directories::BaseDirs::new()?;
        let home = dirs.home_dir();
        // The platform's configuration directory: ~/.config, ~/Library/Application Support, %APPDATA%.
        let config = dirs.config_dir();
        Some(match self {
            Client::ClaudeDesktop => config.join("Claude").join("claude_desktop_config.json"),
            Client::ClaudeCode => home.join(".claude.json"),
            Client::Cursor => home.join(".cursor").join("mcp.json"),
            Client::VsCode => config.join("Code").join("User").join("mcp.json"),
            Client::Windsurf => home
                .join(".codeium")
                .join("windsurf")
                .join("mcp_config.json"),
        })
    }
}

/// Whether an existing entry runs vmcp (so vmcp may replace or remove it).
pub(super) fn runs_vmcp(entry: &Value) -> bool {
    let cmd = entry
        .get("command")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let first = entry.pointer("/args/0").and_then(Value::as_str);
    Path::new(cmd).file_name().is_some_and(|f| f == "vmcp") && first == Some("stdio")
}

/// The PATH a GUI-launched client (Claude Desktop, Cursor…) gives its children, so the PATH a
/// `vmcp stdio` they launch has: the system default, without anything a shell profile adds
/// (Homebrew, nvm, `~/.local/bin`, `~/.cargo/bin`…). On macOS, launchd's default.
#[cfg(target_os = "macos")]
pub const GUI_PATH: Option<&str> = Some("/usr/bin:/bin:/usr/sbin:/sbin");
/// The PATH a GUI-launched client gives its children: on Linux, what desktop sessions commonly
/// start applications with when no shell profile was read.
#[cfg(all(unix, not(target_os = "macos")))]
pub(crate) const GUI_PATH: Option<&str> = Some("/usr/local/bin:/usr/bin:/bin");
/// On Windows GUI applications get the user's full PATH: nothing separate to check.
#[cfg(not(unix))]
pub const GUI_PATH: Option<&str> = None;
