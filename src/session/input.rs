//! Where the input an upstream asks of the caller (sampling, elicitation, roots) goes, per
//! request: a legacy (2025-11-25) client is asked with server→client requests on its
//! connection; a modern (2026-07-28) caller gets an input-required result and answers in its
//! retry (`parking.rs`).

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::parking::Asker;
use super::runtime::Session;
use crate::protocol::mcp::method;
use crate::protocol::{ErrorObject, Outcome, Peer, RawObject, RequestError, RequestOptions};
use crate::telemetry::trace::SpanContext;

/// How one request's caller is asked for input.
#[derive(Clone)]
pub(crate) enum InputChannel {
    /// A legacy client: server→client requests on its connection.
    Legacy(Peer),
    /// A modern caller: input-required results, the call parked between rounds.
    Modern(Arc<Asker>),
}

/// The methods that may answer with an input-required result (2026-07-28: only these).
pub(super) const MULTI_ROUND: &[&str] = &[
    method::TOOLS_CALL,
    method::PROMPTS_GET,
    method::RESOURCES_READ,
];

/// The client capability an input request needs; `None`: not an input request.
pub(super) fn capability(m: &str) -> Option<&'static str> {
    match m {
        method::SAMPLING => Some("sampling"),
        method::ELICITATION => Some("elicitation"),
        method::ROOTS_LIST => Some("roots"),
        _ => None,
    }
}

impl Session {
    /// Asks the legacy client `m` and returns its answer, or its error, untouched. Abandoned
    /// (and the client told) when `cancel` fires. A client span when traced, the child of
    /// `parent` (the request it is part of).
    pub(super) async fn ask_legacy(
        &self,
        client: &Peer,
        m: &str,
        params: Option<RawObject>,
        cancel: CancellationToken,
        parent: Option<&SpanContext>,
    ) -> Outcome {
        let mut params = params;
        let asking = self.start_asking(m, &mut params, client, parent);
        let opts = RequestOptions {
            cancel: Some(cancel),
            ..RequestOptions::default()
        };
        let outcome = match client.request(m, params, opts).await {
            Ok(result) => Outcome::Result(result),
            Err(RequestError::Rpc(e)) => Outcome::Error(e.as_ref().to_owned()),
            Err(e) => Outcome::error(&ErrorObject::internal(format!(
                "asking the client for {m} failed: {e}"
            ))),
        };
        if let Some(asking) = asking {
            asking.done(&outcome);
        }
        outcome
    }
}
