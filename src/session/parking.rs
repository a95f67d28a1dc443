//! Parked calls: a modern (2026-07-28) caller's call during which a legacy upstream asked for
//! input (`sampling/createMessage`, `elicitation/create`, `roots/list`). The revision has no
//! server→client requests, so vmcp answers the caller with an input-required result — the
//! upstream's requests as `inputRequests` under keys vmcp makes (`u1`, `u2`, …) and a
//! `requestState` handle (`request_state.rs`) — and keeps the call running, the upstream's
//! requests held. The caller's retry (a new request with `inputResponses` and the handle)
//! answers them and takes the call over: its result, or the next input-required result, is the
//! retry's answer. The call runs once, however many rounds it takes.
//!
//! Which call an upstream's request belongs to: stdio carries no association, so vmcp keeps who
//! is in flight to each upstream — the one caller, else the oldest modern caller that declared
//! the capability, else the legacy client (`Session::route_input`).
//!
//! A handle is single use; one that was altered, not minted for this method and target, or
//! expired is refused (−32602). A call nobody resumes within the input wait is dropped: its
//! held elicitations are answered `{"action": "cancel"}`, the other requests with an error,
//! and the upstream call is cancelled. Missing answers are asked again.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use serde_json::value::RawValue;
use serde_json::{Map, Value, json};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::input::{InputChannel, capability};
use super::request_state::{Codec, Id, PREFIX};
use super::runtime::lock;
use crate::protocol::mcp::method;
use crate::protocol::message::to_raw;
use crate::protocol::{ErrorObject, IncomingRequest, Outcome, Peer, ProgressSink, RawObject};
use crate::telemetry::trace::SpanContext;

/// The asking side of a modern caller's call: what the caller declared, and where an
/// upstream's request for input goes.
pub(crate) struct Asker {
    tx: mpsc::UnboundedSender<Ask>,
    capabilities: Map<String, Value>,
}

impl Asker {
    fn declared(&self, capability: &str) -> bool {
        self.capabilities.contains_key(capability)
    }
}

/// An upstream's request for input, held until the caller answers it.
struct Ask {
    method: String,
    params: Option<Box<RawValue>>,
    reply: oneshot::Sender<Outcome>,
}

impl Ask {
    /// What the caller sees of it: `{method, params}`. A URL elicitation loses the
    /// `elicitationId` 2026-07-28 does not have.
    fn as_input_request(&self) -> Value {
        let mut params = self
            .params
            .as_deref()
            .and_then(|p| serde_json::from_str::<Map<String, Value>>(p.get()).ok())
            .unwrap_or_default();
        if self.method == method::ELICITATION {
            params.remove("elicitationId");
        }
        json!({"method": self.method, "params": params})
    }

    /// The caller will not answer: an elicitation is cancelled, anything else fails.
    fn give_up(self) {
        let outcome = if self.method == method::ELICITATION {
            Outcome::Result(to_raw(&json!({"action": "cancel"})))
        } else {
            Outcome::error(&ErrorObject::internal(
                "the client did not answer (vmcp stopped waiting for its retry)",
            ))
        };
        let _ = self.reply.send(outcome);
    }
}

/// One modern caller's call, from its first request to its last round.
pub(super) struct Call {
    task: Option<JoinHandle<Outcome>>,
    asks: mpsc::UnboundedReceiver<Ask>,
    /// Cancels the call itself (the requests of each round come and go).
    cancel: CancellationToken,
    /// Where the call's progress goes: the token of the round's request, none between rounds.
    progress: Arc<Mutex<Option<ProgressSink>>>,
    /// Held requests not answered yet, by key.
    pending: Vec<(String, Ask)>,
    next_key: u32,
}

/// What the call's own context gets: cancellation, progress, the input channel.
pub(super) struct CallSide {
    pub(super) cancel: CancellationToken,
    /// Set when the first request asked for progress.
    pub(super) progress: Option<ProgressSink>,
    pub(super) input: InputChannel,
}

impl Call {
    /// A call for a caller that declared `capabilities`; `progress`: whether its first request
    /// asked for progress. Start it with [`Call::run`].
    pub(super) fn new(capabilities: Map<String, Value>, progress: bool) -> (Call, CallSide) {
        let (tx, asks) = mpsc::unbounded_channel();
        let cancel = CancellationToken::new();
        let target = Arc::new(Mutex::new(None::<ProgressSink>));
        let sink = progress.then(|| {
            let target = target.clone();
            let sink: ProgressSink = Arc::new(move |p| {
                let current = lock(&target).clone();
                if let Some(current) = current {
                    current(p);
                }
            });
            sink
        });
        let call = Call {
            task: None,
            asks,
            cancel: cancel.clone(),
            progress: target,
            pending: Vec::new(),
            next_key: 0,
        };
        let side = CallSide {
            cancel,
            progress: sink,
            input: InputChannel::Modern(Arc::new(Asker { tx, capabilities })),
        };
        (call, side)
    }

    /// Runs `work` (which holds the [`CallSide`]) in its own task: it outlives the request.
    pub(super) fn run(
        mut self,
        work: impl std::future::Future<Output = Outcome> + Send + 'static,
    ) -> Call {
        // Its upstream requests still belong to the request's trace.
        self.task = Some(tokio::spawn(super::spans::carried(work)));
        self
    }

    fn hold(&mut self, ask: Ask) {
        self.next_key += 1;
        self.pending.push((format!("u{}", self.next_key), ask));
    }
}

/// Who is in flight to which upstream, for the association of its requests.
struct InFlight {
    upstream: usize,
    seq: u64,
    asker: Option<Weak<Asker>>,
    /// A legacy caller's own reply channel (over HTTP, its POST's stream: what the upstream
    /// asks while serving that request goes there, not to the session's GET stream).
    legacy: Option<Peer>,
    /// The client span of the request, when traced: what the upstream asks is its child.
    span: Option<SpanContext>,
}

/// Where an upstream's request for input goes.
pub(super) enum Route {
    /// The legacy client: on the in-flight request's own channel when known, else on the
    /// connection (or nobody: outside any request, as before this revision).
    Client(Option<Peer>),
    Modern(Arc<Asker>),
    /// The caller it belongs to did not declare the capability.
    Undeclared,
}

/// The parked calls of one session and who is in flight to which upstream.
pub(crate) struct Parking {
    codec: Option<Codec>,
    wait: Duration,
    /// Calls waiting for their caller's retry.
    parked: Mutex<HashMap<Id, Call>>,
    in_flight: Mutex<Vec<InFlight>>,
    seq: AtomicU64,
}

/// Removes an in-flight entry when the request to the upstream is done.
pub(super) struct Entered<'a> {
    parking: &'a Parking,
    seq: u64,
}

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        lock(&self.parking.in_flight).retain(|f| f.seq != self.seq);
    }
}

fn invalid_state(why: impl std::fmt::Display) -> Outcome {
    Outcome::error(&ErrorObject::invalid_params(format!(
        "requestState is not valid: {why}; send the request again without requestState and \
         inputResponses"
    )))
}

impl Parking {
    /// Parked calls wait `wait` for their retry.
    pub(crate) fn new(wait: Duration) -> Parking {
        Parking {
            codec: Codec::new(),
            wait,
            parked: Mutex::new(HashMap::new()),
            in_flight: Mutex::new(Vec::new()),
            seq: AtomicU64::new(0),
        }
    }

    /// Records a caller in flight to `upstream` (with the request's span, when traced) until
    /// the guard drops.
    pub(super) fn enter(
        &self,
        upstream: usize,
        input: &InputChannel,
        span: Option<SpanContext>,
    ) -> Entered<'_> {
        let seq = self.seq.fetch_add(1, Ordering::Relaxed);
        let (asker, legacy) = match input {
            InputChannel::Legacy(p) => (None, Some(p.clone())),
            InputChannel::Modern(a) => (Some(Arc::downgrade(a)), None),
        };
        lock(&self.in_flight).push(InFlight {
            upstream,
            seq,
            asker,
            legacy,
            span,
        });
        Entered { parking: self, seq }
    }

    /// Whether anyone is in flight to `upstream`.
    pub(super) fn in_flight_to(&self, upstream: usize) -> bool {
        lock(&self.in_flight).iter().any(|f| f.upstream == upstream)
    }

    /// The caller an upstream's request `m` belongs to: the only one in flight to it, else the
    /// oldest modern caller that declared the capability, else the legacy client; with the
    /// span of the request it belongs to, when that one is traced.
    pub(super) fn route(&self, upstream: usize, m: &str) -> (Route, Option<SpanContext>) {
        let flights = lock(&self.in_flight);
        let mine: Vec<&InFlight> = flights.iter().filter(|f| f.upstream == upstream).collect();
        let modern = |f: &InFlight| f.asker.as_ref().and_then(Weak::upgrade);
        if let [only] = mine.as_slice() {
            let route = match modern(only) {
                None => Route::Client(only.legacy.clone()),
                Some(a) if capability(m).is_some_and(|c| a.declared(c)) => Route::Modern(a),
                Some(_) => Route::Undeclared,
            };
            return (route, only.span.clone());
        }
        if mine.len() > 1 {
            tracing::debug!(upstream, "{m} could belong to {} requests", mine.len());
        }
        let declared = mine.iter().find_map(|f| {
            modern(f)
                .filter(|a| capability(m).is_some_and(|c| a.declared(c)))
                .map(|a| (a, f.span.clone()))
        });
        match declared {
            Some((a, span)) => (Route::Modern(a), span),
            None if mine.iter().any(|f| f.asker.is_none()) || mine.is_empty() => {
                let legacy = mine.iter().find(|f| f.legacy.is_some());
                (
                    Route::Client(legacy.and_then(|f| f.legacy.clone())),
                    legacy.and_then(|f| f.span.clone()),
                )
            }
            None => (Route::Undeclared, None),
        }
    }

    /// Hands an upstream's request to the modern caller's call and waits for the answer.
    pub(super) async fn ask(asker: &Asker, request: IncomingRequest) -> Outcome {
        let (reply, answer) = oneshot::channel();
        let ask = Ask {
            method: request.method,
            params: request.params,
            reply,
        };
        if asker.tx.send(ask).is_err() {
            return Outcome::error(&ErrorObject::internal(
                "the request this belongs to has ended",
            ));
        }
        tokio::select! {
            answer = answer => answer.unwrap_or_else(|_| Outcome::error(&ErrorObject::internal(
                "the request this belongs to has ended",
            ))),
            () = request.cancel.cancelled() => Outcome::error(&ErrorObject::internal("cancelled")),
        }
    }

    /// Whether `state` is a handle vmcp minted (anything else is an upstream's own state).
    pub(super) fn is_handle(state: &str) -> bool {
        state.starts_with(PREFIX)
    }

    /// Runs `call` for the request `m` on `target` until it completes, asks for input (then it
    /// is parked and the answer is an input-required result) or `cancel` fires (then the call
    /// is cancelled). `progress`: the request's own progress sink.
    pub(super) async fn drive(
        self: &Arc<Self>,
        mut call: Call,
        m: &str,
        target: &str,
        progress: Option<ProgressSink>,
        cancel: CancellationToken,
    ) -> Outcome {
        *lock(&call.progress) = progress;
        loop {
            if !call.pending.is_empty() {
                return self.park(call, m, target);
            }
            let Some(task) = call.task.as_mut() else {
                return Outcome::error(&ErrorObject::internal("the call was never started"));
            };
            tokio::select! {
                done = task => {
                    return done.unwrap_or_else(|e| {
                        Outcome::error(&ErrorObject::internal(format!("the call failed: {e}")))
                    });
                }
                Some(ask) = call.asks.recv() => call.hold(ask),
                () = cancel.cancelled() => {
                    call.cancel.cancel();
                    return Outcome::error(&ErrorObject::internal("cancelled"));
                }
            }
        }
    }

    /// Parks `call` (its held requests and any that arrived meanwhile) and answers with the
    /// input-required result that names them.
    fn park(self: &Arc<Self>, mut call: Call, m: &str, target: &str) -> Outcome {
        while let Ok(ask) = call.asks.try_recv() {
            call.hold(ask);
        }
        *lock(&call.progress) = None;
        let (Some(codec), Some(id)) =
            (self.codec.as_ref(), self.codec.as_ref().and_then(Codec::id))
        else {
            call.cancel.cancel();
            return Outcome::error(&ErrorObject::internal(
                "the system's random source failed: cannot ask the client for input",
            ));
        };
        let mut requests = Map::new();
        for (key, ask) in &call.pending {
            requests.insert(key.clone(), ask.as_input_request());
        }
        let handle = codec.mint(&id, self.wait, m, target);
        lock(&self.parked).insert(id, call);
        let parking = Arc::downgrade(self);
        let wait = self.wait;
        tokio::spawn(async move {
            tokio::time::sleep(wait).await;
            if let Some(parking) = parking.upgrade() {
                parking.expire(&id);
            }
        });
        Outcome::Result(to_raw(&json!({
            "resultType": "input_required",
            "inputRequests": requests,
            "requestState": handle,
        })))
    }

    /// Nobody resumed the call in time: its held requests are given up and the call cancelled.
    fn expire(&self, id: &Id) {
        let Some(mut call) = lock(&self.parked).remove(id) else {
            return;
        };
        tracing::debug!("a parked call expired: the client never retried");
        while let Ok(ask) = call.asks.try_recv() {
            call.hold(ask);
        }
        for (_, ask) in call.pending.drain(..) {
            ask.give_up();
        }
        call.cancel.cancel();
    }

    /// The retry of a parked call: `state` is the handle, `responses` the `inputResponses`.
    /// Answers what they answer and takes the call over; what they leave out is asked again.
    pub(super) async fn resume(
        self: &Arc<Self>,
        state: &str,
        m: &str,
        target: &str,
        responses: Option<&RawValue>,
        progress: Option<ProgressSink>,
        cancel: CancellationToken,
    ) -> Outcome {
        let Some(codec) = self.codec.as_ref() else {
            return invalid_state("vmcp cannot check it (no random source)");
        };
        let id = match codec.open(state, m, target) {
            Ok(id) => id,
            Err(why) => return invalid_state(why),
        };
        let responses = match responses.map(|r| RawObject::parse(Some(r))) {
            None => RawObject::new(),
            Some(Ok(r)) => r,
            Some(Err(_)) => {
                return Outcome::error(&ErrorObject::invalid_params(
                    "inputResponses must be an object",
                ));
            }
        };
        let call = {
            let mut parked = lock(&self.parked);
            let Some(entry) = parked.get(&id) else {
                return invalid_state("it was used already");
            };
            // A malformed answer leaves the call parked under the same handle.
            for (key, _) in &entry.pending {
                if let Some(answer) = responses.get(key)
                    && !answer.get().trim_start().starts_with('{')
                {
                    return Outcome::error(&ErrorObject::invalid_params(format!(
                        "inputResponses.{key} must be an object (the answer to the request)"
                    )));
                }
            }
            match parked.remove(&id) {
                Some(call) => call,
                None => return invalid_state("it was used already"),
            }
        };
        let mut call = call;
        let mut missing = Vec::new();
        for (key, ask) in call.pending.drain(..) {
            match responses.get(&key) {
                Some(answer) => {
                    let _ = ask.reply.send(Outcome::Result(answer.to_owned()));
                }
                None => missing.push((key, ask)),
            }
        }
        call.pending = missing;
        self.drive(call, m, target, progress, cancel).await
    }
}
