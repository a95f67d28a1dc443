//! Forwarding a request to its target: the vMCP's own items, or an upstream. `send` is the one
//! way a request reaches an upstream, whoever sends it (the client's calls, reads, completions
//! and subscriptions; custom tools' inner calls); it checks what the request needs the upstream
//! to have declared. Calls, prompts and reads are reported to the call observer, and each
//! request to an upstream gets a client span (`spans.rs`) when the observer traces.

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use serde_json::Value;
use serde_json::value::RawValue;
use tokio_util::sync::CancellationToken;

use super::error::SessionError;
use super::input::{InputChannel, MULTI_ROUND};
use super::logging::LogWish;
use super::observe::{CallKind, CompletedCall};
use super::routing::Target;
use super::runtime::Session;
use crate::protocol::mcp::{Era, method};
use crate::protocol::{ProgressSink, RawObject, RequestOptions};
use crate::upstream::ServerInfo;

/// Per-request context from the client: cancellation and, if asked for, progress and (modern
/// callers) log messages.
#[derive(Default, Clone)]
pub(crate) struct CallContext {
    pub cancel: CancellationToken,
    pub progress: Option<ProgressSink>,
    /// A modern request that named a `logLevel`: the upstreams it reaches relay their log
    /// messages to it while it runs (legacy clients get them per connection instead).
    pub logs: Option<LogWish>,
    /// Where input an upstream asks for goes (`None`: nowhere — vmcp's own requests).
    pub input: Option<InputChannel>,
    /// Who asks, when the transport authenticated the caller (`vmcp serve`'s tokens).
    pub caller: Option<Arc<str>>,
}

/// What a request needs the upstream to have declared in its `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    Completions,
    Subscriptions,
}

impl Need {
    fn of(method: &str) -> Option<Need> {
        match method {
            method::COMPLETE => Some(Need::Completions),
            method::RESOURCES_SUBSCRIBE | method::RESOURCES_UNSUBSCRIBE => {
                Some(Need::Subscriptions)
            }
            _ => None,
        }
    }

    fn declared_by(self, info: &ServerInfo) -> bool {
        match self {
            Need::Completions => info.has("completions"),
            Need::Subscriptions => {
                info.capabilities
                    .get("resources")
                    .and_then(|r| r.get("subscribe"))
                    == Some(&Value::Bool(true))
            }
        }
    }

    fn what(self) -> &'static str {
        match self {
            Need::Completions => "completions",
            Need::Subscriptions => "resource subscriptions",
        }
    }
}

/// What a client request calls, as the call observer hears of it.
pub(super) struct Callee {
    pub(super) kind: CallKind,
    pub(super) target: Target,
    /// The target's own name for it (the URI for resources).
    pub(super) name: String,
    /// The name the client used.
    pub(super) exposed: String,
}

/// Whether a tool result says `"isError": true` (one level deep: the content is not parsed).
pub(super) fn is_error_result(raw: &RawValue) -> bool {
    /// Only `isError`: serde skips the other fields without allocating.
    #[derive(serde::Deserialize)]
    struct Flag {
        #[serde(rename = "isError", default)]
        is_error: bool,
    }
    serde_json::from_str::<Flag>(raw.get()).is_ok_and(|f| f.is_error)
}

impl Session {
    /// The one way a request reaches an upstream, whoever sends it (the client's calls, reads,
    /// completions and subscriptions; custom tools' inner calls): an upstream still starting or
    /// restarting is waited for, up to its startup timeout (capabilities are unknown until its
    /// `initialize` is answered; a warm catalog cache lets requests arrive before that), and
    /// what `method` needs of the connection is checked on what it declared.
    pub(super) async fn send(
        &self,
        target: Target,
        method: &str,
        params: RawObject,
        ctx: CallContext,
    ) -> Result<Box<RawValue>, SessionError> {
        let up = match target {
            Target::Upstream(i) => match self.upstream(i) {
                Some(up) => Some(up),
                // Routed by a catalog from before a reload took its server out.
                None => return Err(self.retired_error(i)),
            },
            Target::Custom => None,
        };
        let Some(up) = up else {
            // The vMCP's own items (their calls, prompts and reads go to `forward`): they offer
            // no completions and no subscriptions.
            return Err(SessionError::Unsupported {
                server: self.server_name(target),
                what: Need::of(method).map_or("this request", Need::what),
            });
        };
        let failed = |error| SessionError::Upstream {
            server: up.name().to_string(),
            error,
        };
        let info = up.connected(Some(&ctx.cancel)).await.map_err(failed)?;
        if let Some(need) = Need::of(method)
            && !need.declared_by(&info)
        {
            return Err(SessionError::Unsupported {
                server: up.name().to_string(),
                what: need.what(),
            });
        }
        // Shaped arguments, after the wait: by then the catalog knows the tool's schema.
        let params = match target {
            Target::Upstream(i) if method == method::TOOLS_CALL => {
                let roster = self.roster();
                let Some(server) = roster.server(i) else {
                    return Err(self.retired_error(i));
                };
                super::args::shape_call(self.catalog().shapes.get(&target), &server.args, params)
                    .map_err(SessionError::InvalidParams)?
            }
            _ => params,
        };
        let mut opts = RequestOptions {
            timeout: None,
            cancel: Some(ctx.cancel),
            progress: ctx.progress,
            logs: None,
        };
        let mut params = params;
        // The log messages it wants: a modern caller's own; for a modern upstream, which logs
        // per request, the level the legacy client set (`logging.rs`).
        let wish = ctx.logs.or_else(|| match &ctx.input {
            Some(InputChannel::Legacy(client)) if info.era == Era::Modern => {
                self.logging.legacy().map(|level| LogWish {
                    level,
                    reply: client.clone(),
                })
            }
            _ => None,
        });
        if info.era == Era::Modern {
            super::logging::without_level(&mut params);
        }
        let _logs = match wish {
            Some(wish) => {
                self.watch_logs(&up, info.era, wish, &mut params, &mut opts)
                    .await
            }
            None => None,
        };
        // A legacy client answers a modern upstream's input rounds inside this request.
        let rounds = match &ctx.input {
            Some(InputChannel::Legacy(client))
                if up.era() == Some(Era::Modern) && MULTI_ROUND.contains(&method) =>
            {
                Some((client.clone(), params.clone()))
            }
            _ => None,
        };
        let sending = self.start_sending(&up, method, &mut params);
        // Whoever asks is in flight to this upstream while it works: what it asks for on the
        // way goes to them (and belongs to this request's trace).
        let _entered = ctx.input.as_ref().map(|i| {
            let span = sending.as_ref().map(super::spans::Sending::context);
            self.parking.enter(up.index, i, span)
        });
        let result = up.request(method, Some(params), opts.clone()).await;
        if let Some(sending) = sending {
            sending.done(method, &result);
        }
        let result = match result {
            // A reload took its server out and stopped it while the request ran: say so, not
            // "closed" (an error of its own while it drained is the server's to tell).
            Err(_) if up.is_stopping() && self.upstream(up.index).is_none() => {
                return Err(self.retired_error(up.index));
            }
            other => other.map_err(failed)?,
        };
        let result = match rounds {
            Some((client, params)) if super::rounds::is_input_required(&result) => {
                super::rounds::run(self, &up, &client, method, params, result, opts).await?
            }
            _ => result,
        };
        if method == method::TOOLS_CALL {
            self.note_task(up.index, &info.capabilities, &result, ctx.caller);
        }
        // 2025-11-25 has no `resultType`: a legacy caller gets a modern upstream's result
        // without it.
        if matches!(ctx.input, Some(InputChannel::Legacy(_))) && info.era == Era::Modern {
            return Ok(super::shape::legacy_result(result));
        }
        Ok(result)
    }

    /// The error of a request that reaches an upstream a reload took out.
    fn retired_error(&self, index: usize) -> SessionError {
        let why = super::runtime::lock(&self.retired)
            .get(&index)
            .map_or("was taken out of the vMCP", |r| r.why);
        SessionError::Upstream {
            server: self.server_name(Target::Upstream(index)),
            error: crate::upstream::UpstreamError::Closed(std::sync::Arc::from(format!(
                "{why} while this request was on its way; ask again"
            ))),
        }
    }

    /// Runs a call, a prompt or a read where `target` says: the vMCP's own items, or an upstream.
    async fn forward(
        &self,
        target: Target,
        method: &str,
        params: RawObject,
        ctx: CallContext,
    ) -> Result<Box<RawValue>, SessionError> {
        match (target, self.custom()) {
            (Target::Custom, Some(custom)) => {
                super::custom::run(self, &custom, method, &params, ctx).await
            }
            _ => self.send(target, method, params, ctx).await,
        }
    }

    /// [`Session::forward`], reported to the call observer (if any) when it completes.
    pub(super) async fn send_observed(
        &self,
        callee: Callee,
        method: &str,
        params: RawObject,
        ctx: CallContext,
    ) -> Result<Box<RawValue>, SessionError> {
        let Callee {
            kind,
            target,
            name,
            exposed,
        } = callee;
        let Some(observer) = self.observer() else {
            return self.forward(target, method, params, ctx).await;
        };
        let server = self.server_name(target);
        observer.started(kind, &server);
        let started = SystemTime::now();
        let clock = Instant::now();
        let who = ctx.caller.clone();
        let result = self.forward(target, method, params, ctx).await;
        let (ok, response_bytes) = match &result {
            Ok(raw) => (
                kind != CallKind::Tool || !is_error_result(raw),
                raw.get().len(),
            ),
            Err(_) => (false, 0),
        };
        observer.completed(CompletedCall {
            kind,
            server,
            name,
            exposed,
            started,
            duration: clock.elapsed(),
            ok,
            response_bytes,
            caller: who,
        });
        result
    }
}

#[cfg(test)]
mod tests {
    use super::is_error_result;

    fn flagged(json: &str) -> bool {
        is_error_result(&serde_json::value::RawValue::from_string(json.into()).unwrap())
    }

    #[test]
    fn only_a_top_level_true_is_error_counts() {
        assert!(flagged(r#"{"content":[],"isError":true}"#));
        assert!(!flagged(r#"{"content":[],"isError":false}"#));
        assert!(!flagged(
            r#"{"content":[{"type":"text","text":"isError"}]}"#
        ));
        assert!(!flagged(
            r#"{"structuredContent":{"isError":true},"content":[]}"#
        ));
        assert!(!flagged(r#"{"isError":"yes"}"#));
    }
}
