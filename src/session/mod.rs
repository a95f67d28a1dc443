//! Everything that knows about more than one upstream: starting the set, the catalog, naming,
//! filters, routing, and the bridge that serves it all to the AI client.
//!
//! - `plan.rs`: the layer's input, built by `app` (a leaf: it uses nothing else of the session);
//! - `runtime.rs`: the running session (its upstreams, the current catalog, the link to the
//!   client), `rebuild.rs` its catalog rebuilt from its upstreams' lists; `roster.rs` the plan
//!   in force with its upstreams, and `reload.rs` a new plan applied to a running session (only
//!   what changed); `events.rs` relays what upstreams initiate; `first_use.rs` and `gate.rs`
//!   apply trust;
//! - `pool.rs`: the shared instances of a vMCP's `scope: shared` servers (`vmcp serve`), and
//!   `shared.rs` a session's side of them;
//! - `catalog/`: the exposed set and its pure builder, with `naming.rs`, `filter.rs`,
//!   `routing.rs` (exposed name → `Target`) and `uri_template.rs`;
//! - `operations.rs`: what the client can ask, routed; `forward.rs`: the request path to a
//!   target (an upstream or the vMCP's own items, `custom.rs`); `observe.rs`: completed calls
//!   and answered requests, `spans.rs` their trace spans;
//! - `server.rs`: the bridge to the AI client (method → operation).

pub(crate) mod args;
pub(crate) mod catalog;
mod custom;
mod dispatch;
mod error;
mod events;
mod filter;
mod first_use;
mod forward;
pub(crate) mod gate;
mod hints;
pub(crate) mod http;
mod identity;
mod input;
mod legacy;
mod listeners;
mod logging;
mod modern;
pub(crate) mod naming;
mod observe;
mod operations;
mod parking;
mod plan;
mod pool;
mod rebuild;
mod reload;
mod request_state;
mod roster;
mod rounds;
mod routing;
mod runtime;
mod search;
pub(crate) mod server;
mod shape;
mod shared;
mod spans;
mod subscriptions;
mod tasks;
mod uri_template;

pub(crate) use args::{ArgRules, ParamRule, ToolRules};
pub(crate) use error::SessionError;
pub(crate) use forward::CallContext;
pub(crate) use observe::{
    Answer, AnsweredRequest, CallKind, CallObserver, CompletedCall, ListsObserver, Observers,
};
pub(crate) use plan::{
    Approval, CustomItems, DEFAULT_INPUT_WAIT, DEFAULT_STARTUP_CONCURRENCY, FirstUse,
    FirstUseRecorder, SearchPlan, ServerPlan, SessionPlan, TrustPolicy,
};
pub(crate) use pool::SharedUpstreams;
pub(crate) use roster::PlanChanges;
pub(crate) use runtime::Session;
pub(crate) use search::Found;
