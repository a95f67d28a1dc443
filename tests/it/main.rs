#![allow(
    unreachable_pub,
    dead_code,
    clippy::unwrap_used,
    clippy::needless_pass_by_value
)]
#![allow(
    clippy::disallowed_macros,
    clippy::disallowed_methods,
    reason = "tests start vmcp and other programs from outside, as a client does, and print what they skip: clippy.toml's rules are for vmcp's own rooms"
)]

//! Integration tests: the real `vmcp` binary, spoken to over MCP, with real upstreams.

mod harness;

mod architecture;
mod args;
mod auth;
mod auth_session;
mod cache;
mod catalog;
mod check;
mod cli_store;
mod client_files;
mod clients;
mod concurrency;
mod conformance;
mod custom_kinds;
mod custom_tools;
mod definition_files;
mod deploy;
mod doctor;
mod examples;
mod generated;
mod http_upstream;
mod install_http;
mod interop;
mod lifecycle;
mod live;
mod memory;
mod modern;
mod modern_rmcp;
mod modern_upstream;
mod mrtr;
mod non_ascii;
mod param_headers;
mod passthrough;
mod pipes;
mod registry;
mod resilience;
mod rmcp_upstream;
mod scope_commands;
mod scripting;
mod search;
mod secrets;
mod serve;
mod serve_exposed;
mod serve_live;
mod serve_logging;
mod serve_oauth;
mod serve_scope;
mod serve_subscriptions;
mod signals;
mod sse_upstream;
mod startup;
mod tasks;
mod telemetry;
mod telemetry_input;
mod trust;
mod trust_first_use;
mod trust_gate;
mod trust_screen;
mod wire;
