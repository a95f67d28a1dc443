//! The wire: JSON-RPC 2.0 messages as MCP uses them, a role-neutral peer, and the stdio line
//! transport. Knows nothing about upstreams, catalogs or configuration; everyone above may use it.

pub(crate) mod backlog;
pub(crate) mod envelope;
pub(crate) mod http_headers;
pub(crate) mod http_server;
pub mod lines;
// The 2026-07-28 vocabulary lands before its users; `expect` fails the build once they use all
// of it, so these attributes cannot outlive their reason.
#[expect(
    dead_code,
    reason = "2026-07-28 vocabulary, used by the serving and upstream slices of issue 14"
)]
pub(crate) mod mcp;
pub mod message;
pub(crate) mod meta;
pub(crate) mod param_headers;
pub mod peer;
pub(crate) mod raw_object;
pub(crate) mod salvage;
pub mod stdio;

pub use backlog::Backlog;
pub(crate) use envelope::DecodeError;
pub use envelope::decode;
pub(crate) use message::codes;
pub use message::{ErrorObject, Message, Outcome, RequestId};
pub use meta::LOG_LEVELS;
pub(crate) use peer::WeakPeer;
pub use peer::{
    BoxFuture, Frames, Handler, IncomingRequest, LogSink, Peer, ProgressSink, RequestError,
    RequestOptions,
};
pub use raw_object::RawObject;

#[cfg(test)]
mod fuzz_tests;
