//! A modern (2026-07-28) upstream's input-required rounds, run for a legacy caller inside its
//! one request: each input request goes to the client as the 2025-11-25 server→client request
//! (`elicitation/create`, `sampling/createMessage`, `roots/list`, concurrently), and the
//! answers go back in a retry — a new request, the original params plus `inputResponses` and
//! the `requestState` exactly as given — until the upstream completes, at most
//! [`MAX_ROUNDS`] rounds. A client error ends the call with that error; a declined
//! elicitation is an answer like any other.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::SessionError;
use super::input::capability;
use super::runtime::Session;
use crate::protocol::{Outcome, Peer, RawObject, RequestError, RequestOptions};
use crate::upstream::{Upstream, UpstreamError};

/// Rounds of input one request may take (rmcp's client stops at the same number).
pub(super) const MAX_ROUNDS: usize = 10;

/// The fields of a result that say whether (and what) input is required.
#[derive(Deserialize)]
struct Head {
    #[serde(rename = "resultType")]
    result_type: Option<String>,
    #[serde(rename = "inputRequests")]
    input_requests: Option<Box<RawValue>>,
    #[serde(rename = "requestState")]
    request_state: Option<Box<RawValue>>,
}

/// One entry of `inputRequests`.
#[derive(Deserialize)]
struct InputRequest {
    method: String,
    params: Option<Box<RawValue>>,
}

fn head(raw: &RawValue) -> Option<Head> {
    serde_json::from_str::<Head>(raw.get()).ok()
}

/// Whether a result is an input-required one.
pub(super) fn is_input_required(raw: &RawValue) -> bool {
    head(raw).is_some_and(|h| h.result_type.as_deref() == Some("input_required"))
}

/// Answers the input-required `result` of `m` (sent with `params`) with the legacy `client`'s
/// help until `up` completes the request; `opts` (cancellation, progress) apply to every round.
pub(super) async fn run(
    session: &Session,
    up: &Upstream,
    client: &Peer,
    m: &str,
    params: RawObject,
    mut result: Box<RawValue>,
    opts: RequestOptions,
) -> Result<Box<RawValue>, SessionError> {
    let failed = |error| SessionError::Upstream {
        server: up.name().to_string(),
        error,
    };
    for _ in 0..MAX_ROUNDS {
        let Some(h) = head(&result).filter(|h| h.result_type.as_deref() == Some("input_required"))
        else {
            return Ok(result);
        };
        let responses = match &h.input_requests {
            Some(requests) => ask_all(session, up, client, requests, &opts).await?,
            None => RawObject::new(),
        };
        let mut retry = params.clone();
        retry.remove("inputResponses");
        retry.remove("requestState");
        if h.input_requests.is_some() {
            retry.set_value("inputResponses", &responses);
        }
        if let Some(state) = h.request_state {
            retry.set("requestState", state);
        }
        let sending = session.start_sending(up, m, &mut retry);
        let answer = up.request(m, Some(retry), opts.clone()).await;
        if let Some(sending) = sending {
            sending.done(m, &answer);
        }
        result = answer.map_err(failed)?;
    }
    if is_input_required(&result) {
        return Err(SessionError::Input(format!(
            "server `{}` still asked for input after {MAX_ROUNDS} rounds of {m}",
            up.name()
        )));
    }
    Ok(result)
}

/// Asks the client every input request of one round at once; their answers by key.
async fn ask_all(
    session: &Session,
    up: &Upstream,
    client: &Peer,
    requests: &RawValue,
    opts: &RequestOptions,
) -> Result<RawObject, SessionError> {
    let protocol = |what: String| {
        SessionError::Input(format!(
            "server `{}` asked for input vmcp cannot relay: {what}",
            up.name()
        ))
    };
    let entries = RawObject::parse(Some(requests)).map_err(|e| protocol(e.message))?;
    let mut asks = Vec::new();
    for (key, raw) in entries.into_entries() {
        let request: InputRequest = serde_json::from_str(raw.get())
            .map_err(|e| protocol(format!("`{key}` is not an input request ({e})")))?;
        let Some(cap) = capability(&request.method) else {
            return Err(protocol(format!("`{key}` is `{}`", request.method)));
        };
        // vmcp declared only what the client did: anything else breaks the revision's rule.
        if !session.client_supports(cap) {
            return Err(protocol(format!(
                "`{key}` needs {cap}, which the client did not declare"
            )));
        }
        let params = match request.params.as_deref() {
            None => None,
            Some(p) => Some(RawObject::parse(Some(p)).map_err(|e| protocol(e.message))?),
        };
        let params = params.map(with_elicitation_id);
        asks.push((key, request.method, params));
    }
    let cancel = opts.cancel.clone().unwrap_or_default();
    // Each is a request of the call being served.
    let parent = super::spans::current();
    let answers = futures_util::future::join_all(asks.iter().map(|(_, m, p)| {
        session.ask_legacy(client, m, p.clone(), cancel.clone(), parent.as_ref())
    }))
    .await;
    let mut responses = RawObject::new();
    for ((key, _, _), answer) in asks.into_iter().zip(answers) {
        match answer {
            Outcome::Result(raw) => responses.set(&key, raw),
            Outcome::Error(raw) => {
                return Err(SessionError::Upstream {
                    server: up.name().to_string(),
                    error: UpstreamError::Request(RequestError::Rpc(raw.into())),
                });
            }
        }
    }
    Ok(responses)
}

/// A URL-mode elicitation of 2026-07-28 has no `elicitationId`; a 2025-11-25 client requires
/// one, so vmcp makes one up (the client learns the outcome from the retry either way).
fn with_elicitation_id(mut params: RawObject) -> RawObject {
    if params.get_str("mode").as_deref() == Some("url") && params.get("elicitationId").is_none() {
        let id = format!("vmcp-{:016x}", fastrand::u64(..));
        params.set_value("elicitationId", &id);
    }
    params
}
