//! Why one upstream could not be used. Cloneable, because the same startup failure is reported to
//! every caller that waits on it, and typed, so callers branch on kinds rather than on strings.

use std::sync::Arc;
use std::time::Duration;

use crate::protocol::RequestError;

#[derive(Debug, Clone, thiserror::Error)]
pub(crate) enum UpstreamError {
    #[error("cannot start `{program}`: {message}")]
    Spawn {
        program: String,
        message: String,
        /// False when retrying cannot help (e.g. the program does not exist).
        retryable: bool,
    },
    #[error("did not finish starting within {0:?}")]
    StartupTimeout(Duration),
    #[error("initialize failed: {0}")]
    Handshake(String),
    #[error("{0}")]
    Closed(Arc<str>),
    #[error("HTTP error: {0}")]
    Http(String),
    #[error("the server requires authentication (HTTP {status}){}", hint.as_deref().map(|h| format!("; {h}")).unwrap_or_default())]
    AuthRequired { status: u16, hint: Option<String> },
    #[error("{0}")]
    Request(#[from] RequestError),
    /// The server and vmcp share no protocol version.
    #[error("{}", no_common_version(offered, supported, *forced))]
    NoCommonVersion {
        /// What vmcp asked for.
        offered: Vec<&'static str>,
        /// What the server says it supports.
        supported: Vec<String>,
        /// The server's `protocol:` setting allowed only `offered`.
        forced: bool,
    },
}

fn no_common_version(offered: &[&str], supported: &[String], forced: bool) -> String {
    let supported = if supported.is_empty() {
        "none it named".to_string()
    } else {
        supported.join(", ")
    };
    let mut out = format!(
        "the server supports protocol version {supported}; vmcp asked for {}",
        offered.join(", ")
    );
    if forced {
        use crate::protocol::mcp::{MODERN_VERSION, PROTOCOL_VERSION};
        let other = if offered.contains(&MODERN_VERSION) {
            PROTOCOL_VERSION
        } else {
            MODERN_VERSION
        };
        out.push_str(
            " because the server's `protocol:` setting allows only that; vmcp also speaks ",
        );
        out.push_str(other);
        out.push_str(": set `protocol: auto` (or remove it) to let vmcp pick");
    }
    out
}

impl UpstreamError {
    pub(crate) fn spawn(program: &str, e: &std::io::Error) -> UpstreamError {
        let (message, retryable) = match e.kind() {
            std::io::ErrorKind::NotFound => (
                "program not found (is it installed and on the PATH vmcp was started with?)"
                    .to_string(),
                false,
            ),
            std::io::ErrorKind::PermissionDenied => ("permission denied".to_string(), false),
            _ => (e.to_string(), true),
        };
        UpstreamError::Spawn {
            program: program.to_string(),
            message,
            retryable,
        }
    }

    /// Whether starting again may succeed.
    pub(crate) fn retryable(&self) -> bool {
        match self {
            UpstreamError::Spawn { retryable, .. } => *retryable,
            UpstreamError::AuthRequired { .. } | UpstreamError::NoCommonVersion { .. } => false,
            UpstreamError::StartupTimeout(_)
            | UpstreamError::Handshake(_)
            | UpstreamError::Closed(_)
            | UpstreamError::Http(_)
            | UpstreamError::Request(_) => true,
        }
    }
}
