//! What the AI client can ask of a session, routed by the catalog's routing map (never by
//! parsing exposed names apart): lists, tool calls, prompts, resources, completion,
//! subscriptions, log level. Requests then go to their target through `forward.rs`.

use std::sync::Arc;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::error::SessionError;
use super::forward::{CallContext, Callee};
use super::observe::CallKind;
use super::routing::{Route, Target};
use super::runtime::Session;
use super::search::{MetaCall, tool_error};
use super::subscriptions::{Holder, Released};
use crate::protocol::RawObject;
use crate::protocol::mcp::method;
use crate::protocol::message::{empty_object, to_raw};
use crate::protocol::meta::LOG_LEVELS;
use crate::upstream::ListKind;

fn string_param(params: &RawObject, key: &str, method: &str) -> Result<String, SessionError> {
    params
        .get_str(key)
        .ok_or_else(|| SessionError::InvalidParams(format!("{method} needs a string `{key}`")))
}

fn string_field(obj: &Map<String, Value>, key: &str, what: &str) -> Result<String, SessionError> {
    obj.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| SessionError::InvalidParams(format!("{what} needs a string `{key}`")))
}

impl Session {
    /// A complete list: from the catalog cache at once when every upstream has one, else after
    /// every upstream's first start.
    pub(crate) async fn list(&self, kind: ListKind) -> Box<RawValue> {
        self.wait_listable().await;
        let c = self.catalog();
        let raw = match kind {
            ListKind::Tools => &c.tools,
            ListKind::Prompts => &c.prompts,
            ListKind::Resources => &c.resources,
            ListKind::Templates => &c.templates,
        };
        raw.as_ref().to_owned()
    }

    /// `tools/list` as the AI client gets it: the meta-tools and the `always` tools when tool
    /// search is on, else the catalog's list.
    pub(crate) async fn client_list(&self, kind: ListKind) -> Box<RawValue> {
        if kind != ListKind::Tools {
            return self.list(kind).await;
        }
        self.wait_listable().await;
        self.catalog().listed_tools.as_ref().to_owned()
    }

    async fn route_tool(&self, name: &str) -> Result<Route, SessionError> {
        match self.find(|c| c.routes.tools.get(name).cloned()).await {
            Some(route) => Ok(route),
            None => Err(match self.catalog().withheld.get(name) {
                Some(w) => SessionError::Withheld(w.refusal(name)),
                None => SessionError::UnknownTool(name.to_string()),
            }),
        }
    }

    /// The `Mcp-Param-*` headers exposed tool `name` declares, waiting (as routing does) until
    /// the catalog knows the tool; `None` for a tool that declares none, or an unknown tool.
    pub(crate) async fn param_headers(
        &self,
        name: &str,
    ) -> Option<Arc<[crate::protocol::param_headers::ParamHeader]>> {
        self.find(|c| {
            c.routes
                .tools
                .contains_key(name)
                .then(|| c.routes.param_headers.get(name).cloned())
        })
        .await
        .flatten()
    }

    async fn route_prompt(&self, name: &str) -> Result<Route, SessionError> {
        self.find(|c| c.routes.prompts.get(name).cloned())
            .await
            .ok_or_else(|| SessionError::UnknownPrompt(name.to_string()))
    }

    /// The upstream that serves `uri`: a listed resource, else a visible template matching it,
    /// else the only upstream offering resources (if its filters allow the URI).
    async fn route_uri(&self, uri: &str) -> Result<Target, SessionError> {
        if let Some(target) = self.find(|c| c.routes.uri(uri)).await {
            return Ok(target);
        }
        let roster = self.roster();
        let offering: Vec<usize> = roster
            .upstreams
            .iter()
            .filter(|u| u.supports("resources"))
            .map(|u| u.index)
            .collect();
        if let [only] = offering.as_slice()
            && let Some(server) = roster.server(*only)
            && super::filter::resource_visible(&server.selection, uri, None)
        {
            return Ok(Target::Upstream(*only));
        }
        Err(SessionError::UnknownResource(uri.to_string()))
    }

    /// `tools/call`: the meta-tools of tool search, or a tool routed by exposed name.
    pub(crate) async fn call_tool(
        &self,
        params: RawObject,
        ctx: CallContext,
    ) -> Result<Box<RawValue>, SessionError> {
        let name = string_param(&params, "name", method::TOOLS_CALL)?;
        match self.meta_call(&name) {
            None => self.call_routed(name, params, ctx).await,
            Some(MetaCall::Search) => self.answer_search(&params).await,
            Some(MetaCall::Call) => {
                let (name, params) = match Session::unwrap_call(params) {
                    Ok(call) => call,
                    Err(message) => return Ok(tool_error(&message)),
                };
                // What the model got wrong it reads as a tool error, with the way out.
                match self.call_routed(name, params, ctx).await {
                    Err(
                        e @ (SessionError::UnknownTool(_)
                        | SessionError::Withheld(_)
                        | SessionError::InvalidParams(_)),
                    ) => Ok(tool_error(&format!(
                        "{e}. Use search_tools to find the tool and its exact name."
                    ))),
                    other => other,
                }
            }
        }
    }

    /// A tool call by exposed name: routed, renamed back to the raw name, sent and observed.
    async fn call_routed(
        &self,
        name: String,
        mut params: RawObject,
        ctx: CallContext,
    ) -> Result<Box<RawValue>, SessionError> {
        let route = self.route_tool(&name).await?;
        params.set_value("name", &route.raw);
        let callee = Callee {
            kind: CallKind::Tool,
            target: route.target,
            name: route.raw,
            exposed: name,
        };
        self.send_observed(callee, method::TOOLS_CALL, params, ctx)
            .await
    }

    /// `prompts/get`.
    pub(crate) async fn get_prompt(
        &self,
        mut params: RawObject,
        ctx: CallContext,
    ) -> Result<Box<RawValue>, SessionError> {
        let name = string_param(&params, "name", method::PROMPTS_GET)?;
        let route = self.route_prompt(&name).await?;
        params.set_value("name", &route.raw);
        let callee = Callee {
            kind: CallKind::Prompt,
            target: route.target,
            name: route.raw,
            exposed: name,
        };
        self.send_observed(callee, method::PROMPTS_GET, params, ctx)
            .await
    }

    /// `resources/read`: URIs are not rewritten, only routed.
    pub(crate) async fn read_resource(
        &self,
        params: RawObject,
        ctx: CallContext,
    ) -> Result<Box<RawValue>, SessionError> {
        let uri = string_param(&params, "uri", method::RESOURCES_READ)?;
        let target = self.route_uri(&uri).await?;
        let callee = Callee {
            kind: CallKind::Resource,
            target,
            name: uri.clone(),
            exposed: uri,
        };
        self.send_observed(callee, method::RESOURCES_READ, params, ctx)
            .await
    }

    /// `completion/complete` for a prompt argument or a resource template variable.
    pub(crate) async fn complete(
        &self,
        mut params: RawObject,
        ctx: CallContext,
    ) -> Result<Box<RawValue>, SessionError> {
        let Some(reference) = params.get_object("ref") else {
            return Err(SessionError::InvalidParams(
                "completion/complete needs an object `ref`".into(),
            ));
        };
        let kind = reference
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let (target, reference) = match kind {
            "ref/prompt" => {
                let name = string_field(&reference, "name", "ref/prompt")?;
                let route = self.route_prompt(&name).await?;
                let mut r = reference;
                r.insert("name".into(), Value::String(route.raw));
                (route.target, r)
            }
            "ref/resource" => {
                let uri = string_field(&reference, "uri", "ref/resource")?;
                let target = match self.find(|c| c.routes.template(&uri)).await {
                    Some(target) => target,
                    None => self.route_uri(&uri).await?,
                };
                (target, reference)
            }
            other => {
                return Err(SessionError::InvalidParams(format!(
                    "unknown completion reference type `{other}`"
                )));
            }
        };
        params.set_value("ref", &reference);
        match self.send(target, method::COMPLETE, params, ctx).await {
            // Completion is a convenience: a server without it offers no suggestions.
            Err(SessionError::Unsupported { .. }) => Ok(to_raw(&serde_json::json!({
                "completion": { "values": [], "hasMore": false }
            }))),
            other => other,
        }
    }

    /// `resources/subscribe` and `resources/unsubscribe` of the legacy client.
    pub(crate) async fn subscribe(
        &self,
        params: RawObject,
        on: bool,
    ) -> Result<Box<RawValue>, SessionError> {
        let uri = string_param(&params, "uri", method::RESOURCES_SUBSCRIBE)?;
        if on {
            self.subscribe_for(&uri, Holder::Client).await?;
        } else {
            self.unsubscribe_for(&uri, Holder::Client).await?;
        }
        Ok(empty_object())
    }

    /// Holds `uri` for `holder`; the upstream serving it is asked when `holder` is the first
    /// (one upstream subscription per URI, whoever holds it; renewed when the upstream restarts).
    pub(super) async fn subscribe_for(
        &self,
        uri: &str,
        holder: Holder,
    ) -> Result<(), SessionError> {
        let target = self.route_uri(uri).await?;
        if !self.subscriptions.hold(uri, target, holder) {
            return Ok(());
        }
        // A shared instance is subscribed once for every session that holds the resource.
        let shared = self.shared_instance(target);
        if let Some((pool, i)) = &shared
            && !pool.hold(*i, uri)
        {
            return Ok(());
        }
        let mut p = RawObject::new();
        p.set_value("uri", uri);
        let sent = self
            .send(
                target,
                method::RESOURCES_SUBSCRIBE,
                p,
                CallContext::default(),
            )
            .await;
        if sent.is_err() {
            self.subscriptions.release(uri, holder);
            if let Some((pool, i)) = &shared {
                pool.let_go(*i, uri);
            }
        }
        sent.map(drop)
    }

    /// Lets go of `uri` for `holder`; the upstream is told when nobody holds it any more, and
    /// (faithful to the client) when the client unsubscribes from what it never held.
    pub(super) async fn unsubscribe_for(
        &self,
        uri: &str,
        holder: Holder,
    ) -> Result<(), SessionError> {
        let target = match self.subscriptions.release(uri, holder) {
            Released::Last(target) => match self.shared_instance(target) {
                // Other sessions may still hold it on the shared instance.
                Some((pool, i)) if !pool.let_go(i, uri) => return Ok(()),
                _ => target,
            },
            Released::NotHeld if holder == Holder::Client => {
                let target = self.route_uri(uri).await?;
                // Never on another session's behalf: on a shared instance, what this session
                // never held may be another's.
                if self.shared_instance(target).is_some() {
                    return Ok(());
                }
                target
            }
            Released::StillHeld | Released::NotHeld => return Ok(()),
        };
        let mut p = RawObject::new();
        p.set_value("uri", uri);
        self.send(
            target,
            method::RESOURCES_UNSUBSCRIBE,
            p,
            CallContext::default(),
        )
        .await
        .map(drop)
    }

    /// [`Session::unsubscribe_for`] each of `uris`, in the background (a stream that ends does
    /// not wait for its upstreams).
    pub(super) fn unsubscribe_all(self: &Arc<Self>, uris: &[String], holder: Holder) {
        if uris.is_empty() {
            return;
        }
        let (session, uris) = (self.clone(), uris.to_vec());
        tokio::spawn(async move {
            for uri in uris {
                if let Err(e) = session.unsubscribe_for(&uri, holder).await {
                    tracing::debug!("unsubscribing from {uri} failed: {e}");
                }
            }
        });
    }

    /// `logging/setLevel`: applied to every upstream that supports logging, now and on restart.
    /// Not a request to one upstream, so it does not wait: an upstream still starting gets the
    /// level as soon as it is ready.
    pub(crate) fn set_log_level(&self, params: &RawObject) -> Result<Box<RawValue>, SessionError> {
        let level = string_param(params, "level", method::SET_LEVEL)?;
        let Some(index) = super::logging::level_index(&level) else {
            return Err(SessionError::InvalidParams(format!(
                "unknown log level `{level}`; use one of {}",
                LOG_LEVELS.join(", ")
            )));
        };
        let upstreams = self.upstreams();
        self.logging
            .set_legacy(index, upstreams.iter().map(|u| u.index));
        for up in upstreams {
            if self.needs_level(up.index, index) {
                up.set_log_level(&level);
            }
        }
        Ok(empty_object())
    }

    /// The client's roots changed: every connected upstream is told.
    pub(crate) fn roots_changed(&self) {
        // Not a shared instance: one client's roots are not every session's.
        for up in self.upstreams() {
            if self.shared_instance(Target::Upstream(up.index)).is_none() {
                up.notify(crate::protocol::mcp::notification::ROOTS_CHANGED, None);
            }
        }
    }
}
