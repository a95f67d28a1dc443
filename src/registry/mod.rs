//! MCP registries: the HTTP API they serve (`/v0.1/servers…`), the `server.json` documents they
//! answer, and turning one of those into a server entry vmcp can start. Knows nothing of the
//! store or of terminals: `app::registry` caches answers and `cli` asks the questions.

pub(crate) mod client;
pub(crate) mod document;
pub(crate) mod entry;
pub(crate) mod inputs;

use std::time::Duration;

pub(crate) use client::{ListQuery, Registry};
pub(crate) use document::{ServerList, ServerResponse, Status};

/// The setting that lists the registries to use (comma-separated URLs, searched in order).
pub(crate) const SETTING_URL: &str = "registry.url";
/// The official MCP Registry.
pub(crate) const DEFAULT_URL: &str = "https://registry.modelcontextprotocol.io";
/// The setting that bounds one request to a registry, in seconds.
pub(crate) const SETTING_TIMEOUT: &str = "registry.timeout";
/// How long one request to a registry may take, connection and body included.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// What can go wrong talking to a registry or using what it answered.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RegistryError {
    #[error(
        "invalid registry URL `{url}`: {reason}\n  hint: `vmcp settings set registry.url https://registry.example.com`"
    )]
    BadUrl { url: String, reason: String },
    #[error("registry {registry} cannot be reached: {reason}")]
    Unreachable { registry: String, reason: String },
    #[error("registry {registry} did not answer within {} s\n  hint: try again later, or raise `registry.timeout`", after.as_secs())]
    Timeout { registry: String, after: Duration },
    #[error(
        "registry {registry} answered HTTP {status} to {what}{}",
        excerpt(body)
    )]
    Status {
        registry: String,
        what: String,
        status: u16,
        body: String,
    },
    #[error("`{name}{}` is not in registry {registry}\n  hint: `vmcp registry search` finds names", version.as_deref().map(|v| format!("@{v}")).unwrap_or_default())]
    NotFound {
        registry: String,
        name: String,
        version: Option<String>,
    },
    #[error("registry {registry} sent a malformed document for {what}: {reason}")]
    Malformed {
        registry: String,
        what: String,
        reason: String,
    },
    /// The entry offers nothing vmcp can start (or not what was asked for).
    #[error("{0}")]
    Unsupported(String),
    /// The entry was withdrawn by its publisher or the registry.
    #[error("`{name}@{version}` is deleted in the registry: it must not be used")]
    Deleted { name: String, version: String },
    /// Values given on the command line that do not fit the entry.
    #[error("{0}")]
    BadValue(String),
}

impl RegistryError {
    /// The registry could not be asked (down, unreachable, too slow): a cached answer may stand
    /// in.
    pub(crate) fn is_unavailable(&self) -> bool {
        match self {
            RegistryError::Unreachable { .. } | RegistryError::Timeout { .. } => true,
            RegistryError::Status { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

fn excerpt(body: &str) -> String {
    let body = body.trim();
    if body.is_empty() {
        return String::new();
    }
    let cut: String = body.chars().take(200).collect();
    format!(": {cut}")
}

/// `NAME[@VERSION]`: names never hold `@` (`^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$`).
pub(crate) fn split_name(spec: &str) -> (&str, Option<&str>) {
    match spec.rsplit_once('@') {
        Some((name, version)) if !version.is_empty() => (name, Some(version)),
        Some((name, _)) => (name, None),
        None => (spec, None),
    }
}

/// The registries a setting value lists (comma- or space-separated).
pub(crate) fn urls(setting: &str) -> Vec<String> {
    setting
        .split([',', ' '])
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(|u| u.trim_end_matches('/').to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_from_versions() {
        assert_eq!(split_name("io.x/y"), ("io.x/y", None));
        assert_eq!(split_name("io.x/y@1.2.3"), ("io.x/y", Some("1.2.3")));
        assert_eq!(split_name("io.x/y@"), ("io.x/y", None));
        assert_eq!(
            urls("https://a.example/, http://127.0.0.1:9 "),
            vec!["https://a.example", "http://127.0.0.1:9"]
        );
    }
}
