//! Errors of session operations; `server.rs` maps them onto JSON-RPC errors or tool errors.

use crate::upstream::UpstreamError;

#[derive(Debug, Clone, thiserror::Error)]
pub(crate) enum SessionError {
    #[error("unknown tool `{0}`")]
    UnknownTool(String),
    #[error("unknown prompt `{0}`")]
    UnknownPrompt(String),
    #[error("no server of this vMCP offers resource `{0}`")]
    UnknownResource(String),
    /// A task id vmcp did not hand to this caller (or no longer remembers).
    #[error("unknown task `{0}`: vmcp did not create it for this caller, or has forgotten it")]
    UnknownTask(String),
    #[error("{0}")]
    InvalidParams(String),
    /// A custom prompt or resource of the vMCP failed (custom tools report failures as tool
    /// results instead).
    #[error("{0}")]
    Custom(String),
    /// The trust gate keeps this tool out until it is approved.
    #[error("{0}")]
    Withheld(String),
    /// The upstream's connection did not declare the capability the request needs.
    #[error("server `{server}` does not support {what}")]
    Unsupported { server: String, what: &'static str },
    /// Input asked of the caller (sampling, elicitation, roots) could not be bridged between
    /// the caller's revision and the upstream's.
    #[error("{0}")]
    Input(String),
    #[error("server `{server}`: {error}")]
    Upstream {
        server: String,
        error: UpstreamError,
    },
}
