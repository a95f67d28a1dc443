//! How running a custom item fails, and what the caller is told.

use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum CustomError {
    #[error("no custom tool named `{0}`")]
    UnknownTool(String),
    #[error("no custom prompt named `{0}`")]
    UnknownPrompt(String),
    #[error("invalid arguments for `{name}`: {message}")]
    InvalidArguments { name: String, message: String },
    /// Rendering or an inner call failed; a tool error for the caller.
    #[error("`{name}` failed: {message}")]
    Failed { name: String, message: String },
}

impl CustomError {
    /// Unknown names and bad arguments are JSON-RPC "invalid params" errors; failures while
    /// running are tool results with `isError` (see [`CustomError::to_tool_result`]).
    pub(crate) fn is_invalid_params(&self) -> bool {
        !matches!(self, CustomError::Failed { .. })
    }

    /// A `CallToolResult` reporting this error.
    pub(crate) fn to_tool_result(&self) -> Value {
        json!({ "content": [{ "type": "text", "text": self.to_string() }], "isError": true })
    }
}
