//! Everything that knows about more than one upstream: starting the set, the catalog, naming,
//! filters, routing, and the bridge that serves it all to the AI client.

pub(crate) mod catalog;
mod custom;
mod error;
mod events;
mod filter;
mod first_use;
mod forward;
pub(crate) mod gate;
pub(crate) mod naming;
mod observe;
mod operations;
mod plan;
mod routing;
mod runtime;
mod search;
pub(crate) mod server;
mod uri_template;

pub(crate) use error::SessionError;
pub(crate) use forward::CallContext;
pub(crate) use observe::{CallObserver, CompletedCall, ListsObserver};
pub(crate) use plan::{
    Approval, CustomItems, DEFAULT_STARTUP_CONCURRENCY, FirstUse, FirstUseRecorder, ServerPlan,
    SessionPlan, TrustPolicy,
};
pub(crate) use runtime::Session;
pub(crate) use search::{Found, SearchPlan};
