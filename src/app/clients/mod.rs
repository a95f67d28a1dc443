//! The AI clients vmcp knows: each one's name, where it keeps its user-level MCP configuration
//! (in which format, under which key), the entry that runs vmcp in it, and the PATH a GUI client
//! gives what it launches. Read by `vmcp import --from`, written by `vmcp install`, checked by
//! `vmcp doctor`; the file itself is `document.rs`'s.

pub(crate) mod document;
mod jsonc;
mod toml;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::env_vars;

/// An AI client vmcp can read the MCP configuration of (`vmcp import --from`), write an entry
/// into (`vmcp install`) and check (`vmcp doctor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Client {
    ClaudeDesktop,
    ClaudeCode,
    Cursor,
    VsCode,
    Windsurf,
    Codex,
    Gemini,
    Zed,
}

/// How a client's file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Plain JSON: the client fails on comments, so they are refused.
    Json,
    /// JSON with comments and trailing commas, kept as they are.
    Jsonc,
    /// TOML (Codex).
    Toml,
}

impl Client {
    /// Every client vmcp knows.
    pub(crate) const ALL: [Client; 8] = [
        Client::ClaudeDesktop,
        Client::ClaudeCode,
        Client::Cursor,
        Client::VsCode,
        Client::Windsurf,
        Client::Codex,
        Client::Gemini,
        Client::Zed,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Client::ClaudeDesktop => "claude-desktop",
            Client::ClaudeCode => "claude-code",
            Client::Cursor => "cursor",
            Client::VsCode => "vscode",
            Client::Windsurf => "windsurf",
            Client::Codex => "codex",
            Client::Gemini => "gemini",
            Client::Zed => "zed",
        }
    }

    pub(crate) fn format(self) -> Format {
        match self {
            Client::Codex => Format::Toml,
            Client::VsCode | Client::Gemini | Client::Zed => Format::Jsonc,
            Client::ClaudeDesktop | Client::ClaudeCode | Client::Cursor | Client::Windsurf => {
                Format::Json
            }
        }
    }

    /// Whether the client runs in a terminal (and so gives what it starts the shell's PATH).
    pub(crate) fn in_terminal(self) -> bool {
        matches!(self, Client::ClaudeCode | Client::Codex | Client::Gemini)
    }

    /// The key of the server map in the client's file.
    pub(crate) fn servers_key(self) -> &'static str {
        match self {
            Client::VsCode => "servers",
            Client::Codex => "mcp_servers",
            Client::Zed => "context_servers",
            Client::ClaudeDesktop
            | Client::ClaudeCode
            | Client::Cursor
            | Client::Windsurf
            | Client::Gemini => "mcpServers",
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
            // Codex and Gemini CLI move their whole folder with a variable.
            Client::Codex => env_dir(env_vars::CODEX_HOME)
                .unwrap_or_else(|| home.join(".codex"))
                .join("config.toml"),
            Client::Gemini => env_dir(env_vars::GEMINI_CLI_HOME)
                .unwrap_or_else(|| home.to_path_buf())
                .join(".gemini")
                .join("settings.json"),
            Client::Zed => zed_config_dir(home, config).join("settings.json"),
        })
    }
}

/// A directory named by an environment variable (unset or empty: none).
fn env_dir(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Zed's configuration folder: `~/.config/zed` on macOS, the XDG one on Linux (Flatpak's when
/// sandboxed), `%APPDATA%\Zed` on Windows.
fn zed_config_dir(home: &Path, config: &Path) -> PathBuf {
    if cfg!(target_os = "macos") {
        home.join(".config").join("zed")
    } else if cfg!(windows) {
        config.join("Zed")
    } else {
        env_dir(env_vars::FLATPAK_XDG_CONFIG_HOME)
            .unwrap_or_else(|| config.to_path_buf())
            .join("zed")
    }
}

/// Whether an existing entry runs vmcp (so vmcp may replace or remove it).
pub(crate) fn runs_vmcp(entry: &Value) -> bool {
    let cmd = entry
        .get("command")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let first = entry.pointer("/args/0").and_then(Value::as_str);
    Path::new(cmd).file_name().is_some_and(|f| f == "vmcp") && first == Some("stdio")
}

/// Whether an existing entry connects to `vmcp serve`'s endpoint for `vmcp` (a URL, in any
/// client's key for it, whose path ends in `/mcp/<vmcp>`), as `vmcp install --http` writes.
pub(crate) fn serves_vmcp(entry: &Value, vmcp: &str) -> bool {
    let suffix = format!("/mcp/{vmcp}");
    ["url", "serverUrl", "httpUrl"]
        .iter()
        .filter_map(|k| entry.get(*k).and_then(Value::as_str))
        .filter_map(|u| url::Url::parse(u).ok())
        .any(|u| u.path().trim_end_matches('/').ends_with(&suffix))
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
