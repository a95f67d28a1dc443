//! vmcp: one MCP server that aggregates many.
//!
//! Layers, each using only those to its right (`tests/it/architecture.rs` checks it):
//!
//! ```text
//! cli → app → session → custom → trust → upstream → store → protocol → config → search → support
//! ```
//!
//! - `cli`: clap types, printing, exit codes. The only layer that prints.
//! - `app`: one module per user intent; turns CLI + files + environment into plans.
//! - `session`: everything that knows about more than one upstream: startup of the set, the
//!   catalog, naming, filters, routing, and the bridge to the AI client.
//! - `custom`: a vMCP's own tools, prompts and resources: templates (sandboxed), parameters,
//!   execution; calls to other tools go through a host trait the session implements.
//! - `trust`: judging what upstreams say about their tools (screening for tool poisoning).
//! - `upstream`: everything about exactly one upstream: transports, child processes, handshake,
//!   lifecycle.
//! - `store`: the embedded redb store (servers, vMCPs, credentials, call log); the only code
//!   that knows redb.
//! - `protocol`: JSON-RPC messages, the peer, stdio framing.
//! - `config`: the YAML model and its validation, with file:line:column errors.
//! - `search`: tool search: a pure, incremental index of tool definitions, ranked retrieval,
//!   and the generated description of the `search_tools` meta-tool.
//! - `support`: leaf utilities (paths, environment variable names).

pub mod app;
pub mod cli;
pub mod config;
pub mod custom;
pub mod protocol;
pub mod search;
pub mod session;
pub mod store;
pub mod support;
pub mod trust;
pub mod upstream;
