//! Everything that knows about more than one upstream: starting the set, the catalog, naming,
//! filters, routing, and the bridge that serves it all to the AI client.

pub mod catalog;
pub mod custom;
pub mod error;
mod events;
pub mod filter;
mod first_use;
mod forward;
pub mod gate;
pub mod naming;
pub mod observe;
pub mod operations;
pub mod plan;
pub mod routing;
mod runtime;
pub mod server;
pub mod uri_template;

pub use error::SessionError;
pub use forward::CallContext;
pub use observe::{CallKind, CallObserver, CompletedCall, ListsObserver};
pub use plan::{
    Approval, CustomItems, DEFAULT_STARTUP_CONCURRENCY, FirstUse, FirstUseRecorder, ServerPlan,
    SessionPlan, TrustPolicy,
};
pub use routing::Target;
pub use runtime::Session;
