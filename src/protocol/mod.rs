//! The wire: JSON-RPC 2.0 messages as MCP uses them, a role-neutral peer, and the stdio line
//! transport. Knows nothing about upstreams, catalogs or configuration; everyone above may use it.

pub mod backlog;
pub mod envelope;
pub mod lines;
pub mod mcp;
pub mod message;
pub mod peer;
pub mod raw_object;
pub mod salvage;
pub mod stdio;

pub use backlog::Backlog;
pub use envelope::{DecodeError, decode};
pub use message::{ErrorObject, Message, Outcome, RequestId, codes};
pub use peer::{
    BoxFuture, Frames, Handler, IncomingRequest, Peer, ProgressSink, RequestError, RequestOptions,
};
pub use raw_object::RawObject;

#[cfg(test)]
mod fuzz_tests;
