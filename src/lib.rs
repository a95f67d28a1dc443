//! vmcp: one MCP server that aggregates many.
//!
//! Layers, each using only those to its right (`tests/it/architecture.rs` checks it):
//!
//! ```text
//! cli → app → registry → session → custom → trust → upstream → process → store → protocol
//!   → config → search → telemetry → support
//! ```
//!
//! - `cli`: clap types, printing, exit codes. The only layer that prints.
//! - `app`: one module per user intent; turns CLI + files + environment into plans.
//! - `registry`: MCP registries: their HTTP API, their `server.json` documents, and turning one
//!   into a server entry.
//! - `session`: everything that knows about more than one upstream: startup of the set, the
//!   catalog, naming, filters, routing, and the bridge to the AI client.
//! - `custom`: a vMCP's own tools, prompts and resources: templates (sandboxed), parameters,
//!   execution; calls to other tools go through a host trait the session implements.
//! - `trust`: judging what upstreams say about their tools (screening for tool poisoning).
//! - `upstream`: everything about exactly one upstream: transports, child processes, handshake,
//!   lifecycle.
//! - `process`: every child process vmcp starts (upstreams, custom tools' programs): process
//!   groups, parent-death signal, the reaper, bounded output, ending what is left at exit.
//! - `store`: the embedded redb store (servers, vMCPs, credentials, call log); the only code
//!   that knows redb.
//! - `protocol`: JSON-RPC messages, the peer, stdio framing.
//! - `config`: the YAML model and its validation, with file:line:column errors.
//! - `search`: tool search: a pure, incremental index of tool definitions, ranked retrieval,
//!   and the generated description of the `search_tools` meta-tool.
//! - `telemetry`: what operators see, as mechanisms that know nothing of sessions: labelled
//!   metrics in the Prometheus text format, trace context and spans, the OTLP exporter.
//! - `support`: leaf utilities (paths, environment variable names).
//!
//! Visibility says what is API: `vmcp::cli::main` (the binary), the few `config` and `store`
//! items the benchmark builds a store with, and `search`'s index, ranker settings, meta-tools
//! and measures, which `cargo bench --bench search` evaluates. Everything else in `cli`, `app`, `trust`, `process`,
//! `store`, `config` and `support` is `pub(crate)`, so `unreachable_pub` flags a `pub` that means
//! nothing.

pub(crate) mod app;
pub mod cli;
pub mod config;
pub(crate) mod custom;
pub(crate) mod process;
pub mod protocol;
pub(crate) mod registry;
pub mod search;
pub(crate) mod session;
pub mod store;
pub(crate) mod support;
pub(crate) mod telemetry;
pub(crate) mod trust;
pub(crate) mod upstream;
