//! Everything that knows about more than one upstream: starting the set, the catalog, naming,
//! filters, routing, and the bridge that serves it all to the AI client.

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
mod identity;
mod legacy;
mod listeners;
mod logging;
mod modern;
pub(crate) mod naming;
mod observe;
mod operations;
mod plan;
mod routing;
mod runtime;
pub(crate) mod server;
mod shape;
mod uri_template;

pub(crate) use error::SessionError;
pub(crate) use forward::CallContext;
pub(crate) use observe::{CallObserver, CompletedCall, ListsObserver};
pub(crate) use plan::{
    Approval, CustomItems, DEFAULT_STARTUP_CONCURRENCY, FirstUse, FirstUseRecorder, ServerPlan,
    SessionPlan, TrustPolicy,
};
pub(crate) use runtime::Session;
