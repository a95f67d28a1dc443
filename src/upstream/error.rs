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
            UpstreamError::AuthRequired { .. } => false,
            UpstreamError::StartupTimeout(_)
            | UpstreamError::Handshake(_)
            | UpstreamError::Closed(_)
            | UpstreamError::Http(_)
            | UpstreamError::Request(_) => true,
        }
    }
}
